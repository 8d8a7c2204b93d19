package io.membergraph.member;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.membergraph.store.Lookups;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Claims identities for members, one document per identity. Claims are made before the member document is
 * written; a claim left behind by a crash points at a member that does not exist, and the next claimant
 * takes it over, so no crash can lock an identity away.
 */
@Component
class IdentityClaims {

	private final MongoTemplate mongo;

	private final Clock clock;

	IdentityClaims(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** The member owning an identity, if any. */
	Optional<String> ownerOf(String key) {
		return Optional.ofNullable(mongo.findById(key, IdentityClaim.class)).map(IdentityClaim::memberId);
	}

	/**
	 * Claims every key for the member, or none: on the first key held by another member the keys claimed
	 * here are released again and that key is returned as the conflict.
	 */
	Optional<Conflict> claimAll(String memberId, Collection<String> keys) {
		List<String> claimed = new ArrayList<>();
		for (String key : keys) {
			Optional<String> owner = claim(memberId, key);
			if (owner.isPresent()) {
				claimed.forEach(k -> release(memberId, k));
				return Optional.of(new Conflict(key, owner.get()));
			}
			claimed.add(key);
		}
		return Optional.empty();
	}

	/** Claims a key; returns the other member holding it when it is taken. */
	private Optional<String> claim(String memberId, String key) {
		try {
			mongo.insert(new IdentityClaim(key, memberId, clock.instant()));
			return Optional.empty();
		}
		catch (DuplicateKeyException taken) {
			IdentityClaim existing = mongo.findById(key, IdentityClaim.class);
			if (existing == null || existing.memberId().equals(memberId)) {
				return existing == null ? claim(memberId, key) : Optional.empty();
			}
			if (!Lookups.hasId(mongo, existing.memberId(), Member.class)
					&& takeOver(existing, memberId)) {
				return Optional.empty();
			}
			return Optional.of(existing.memberId());
		}
	}

	/** Moves a claim left by a member that was never written; guarded so two takers cannot both win. */
	private boolean takeOver(IdentityClaim abandoned, String memberId) {
		Query stillAbandoned = Query.query(Criteria.where("_id").is(abandoned.key()).and("memberId").is(abandoned.memberId()));
		Update update = Update.update("memberId", memberId).set("claimedAt", clock.instant());
		return mongo.updateFirst(stillAbandoned, update, IdentityClaim.class).getModifiedCount() == 1;
	}

	void release(String memberId, String key) {
		mongo.remove(Query.query(Criteria.where("_id").is(key).and("memberId").is(memberId)), IdentityClaim.class);
	}

	record Conflict(String key, String ownerId) {

		/** The input field the conflicting key came from. */
		String field() {
			String kind = key.substring(0, key.indexOf(':'));
			return switch (kind) {
				case "PHONE" -> "phone";
				case "EMAIL" -> "email";
				default -> "identities";
			};
		}

	}

}
