package io.membergraph.member.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.membergraph.member.Member;
import io.membergraph.shared.Backoff;
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
 * takes it over once the claim is older than {@link #IN_FLIGHT}, so no crash can lock an identity away. A
 * younger one is a registration between its two writes, whose member is about to appear: taking that over
 * made two members of one customer when two registrations of one phone met.
 */
@Component
public class IdentityClaims {

	/** How long a registration may take between claiming an identity and writing its member. */
	public static final Duration IN_FLIGHT = Duration.ofMinutes(1);

	/** The longest of the pauses waiting for the member of a claim in flight (two and a half seconds in all). */
	private static final long LONGEST_PAUSE_MS = 1_280;

	private final MongoTemplate mongo;

	private final Clock clock;

	IdentityClaims(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** The member owning an identity, if any. */
	public Optional<String> ownerOf(String key) {
		return Optional.ofNullable(mongo.findById(key, IdentityClaim.class)).map(IdentityClaim::memberId);
	}

	/**
	 * Claims every key for the member, or none: on the first key held by another member the keys claimed
	 * here are released again and that key is returned as the conflict.
	 */
	public Optional<Conflict> claimAll(String memberId, Collection<String> keys) {
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
			if (!written(existing.memberId())) {
				boolean inFlight = existing.claimedAt() != null
						&& !existing.claimedAt().isBefore(clock.instant().minus(IN_FLIGHT));
				if (!inFlight && takeOver(existing, memberId)) {
					return Optional.empty();
				}
				if (inFlight) {
					awaitWritten(existing.memberId());
				}
			}
			return Optional.of(existing.memberId());
		}
	}

	private boolean written(String memberId) {
		return Lookups.hasId(mongo, memberId, Member.class);
	}

	/**
	 * Gives a registration between its two writes a moment to write its member, so that the claimant told
	 * the identity is taken finds the member holding it (an import then links its row to it).
	 */
	private void awaitWritten(String memberId) {
		Backoff.until(() -> written(memberId), LONGEST_PAUSE_MS);
	}

	/** Moves a claim left by a member that was never written; guarded so two takers cannot both win. */
	private boolean takeOver(IdentityClaim abandoned, String memberId) {
		Query stillAbandoned = Query.query(Criteria.where("_id").is(abandoned.key()).and("memberId").is(abandoned.memberId()));
		Update update = Update.update("memberId", memberId).set("claimedAt", clock.instant());
		return mongo.updateFirst(stillAbandoned, update, IdentityClaim.class).getModifiedCount() == 1;
	}

	/** Of the keys, those claimed for the member. */
	public java.util.Set<String> heldBy(String memberId, java.util.Collection<String> keys) {
		java.util.Set<String> held = new java.util.HashSet<>();
		mongo.find(Lookups.byIds(keys, "memberId", memberId), IdentityClaim.class).forEach(claim -> held.add(claim.key()));
		return held;
	}

	public void release(String memberId, String key) {
		mongo.remove(Query.query(Criteria.where("_id").is(key).and("memberId").is(memberId)), IdentityClaim.class);
	}

	public record Conflict(String key, String ownerId) {

		/** The input field the conflicting key came from. */
		public String field() {
			String kind = key.substring(0, key.indexOf(':'));
			return switch (kind) {
				case "PHONE" -> "phone";
				case "EMAIL" -> "email";
				default -> "identities";
			};
		}

	}

}
