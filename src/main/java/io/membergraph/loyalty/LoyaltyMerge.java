package io.membergraph.loyalty;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.member.MergeParticipant;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Moves a merged member's loyalty to the survivor: the ledger entries (renamed under the survivor), the
 * account (absorbed into the survivor's in one version-guarded update), the tier, and the referrals.
 * Runs after the orders have moved, so a refund of a moved order finds its earned points under the survivor.
 */
@Component
@Order(20)
class LoyaltyMerge implements MergeParticipant {

	/** Rewards a member earns once in its life, keyed without an order or a client key. */
	private static final Set<String> ONCE_PER_MEMBER = Set.of("registration", "first-order");

	private final MongoTemplate mongo;

	private final PointsPosting posting;

	private final AccountChange change;

	private final TierQualification tiers;

	private final Clock clock;

	private final BatchLoyalty batches;

	LoyaltyMerge(MongoTemplate mongo, PointsPosting posting, AccountChange change, TierQualification tiers, Clock clock,
			BatchLoyalty batches) {
		this.batches = batches;
		this.mongo = mongo;
		this.posting = posting;
		this.change = change;
		this.tiers = tiers;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "loyalty";
	}

	@Override
	public void prepare(String mergedId) {
		// What a batch decided on the merged account goes to its ledger before the ledger moves.
		batches.flushDecided(mergedId);
		mongo.find(Query.query(Criteria.where("memberId").is(mergedId).and("status").is(EntryStatus.PENDING))
			.with(Sort.by("createdAt")), PointsEntry.class).forEach(posting::complete);
	}

	@Override
	public Map<String, Object> move(String mergedId, String survivorId) {
		EntryIds ids = new EntryIds(mergedId, survivorId);
		PointsAccount closed = close(mergedId, survivorId);
		PointsAccount combined = absorbAccount(mergedId, survivorId, ids);
		List<PointsEntry> entries = mongo.find(Query.query(Criteria.where("memberId").is(mergedId)), PointsEntry.class);
		for (PointsEntry entry : entries) {
			// Written under the new id before the old goes: a crash in between leaves both, and the rerun
			// writes the same copy again and removes the original.
			mongo.save(settledAsClosed(ids.moved(entry), entry, closed).changedAt(clock.instant()));
			mongo.remove(entry);
		}
		mongo.remove(Query.query(Criteria.where("_id").is(mergedId)), PointsAccount.class);
		tiers.absorb(survivorId, mergedId, combined, clock.instant());
		long referrals = moveReferrals(mergedId, survivorId);
		Map<String, Object> moved = new LinkedHashMap<>();
		moved.put("ledgerEntries", entries.size());
		moved.put("referrals", referrals);
		return moved;
	}

	/**
	 * Closes the merged member's account to postings, so that what the survivor takes is final: a posting that read
	 * it before fails its write (the version moved) and, reading it again, is refused. Null when there is no account
	 * (none was opened, or a run of this merge cut short had already removed it).
	 */
	private PointsAccount close(String mergedId, String survivorId) {
		for (int attempt = 0; attempt < PointsPosting.MAX_ATTEMPTS; attempt++) {
			PointsAccount account = mongo.findById(mergedId, PointsAccount.class);
			if (account == null || account.mergedInto() != null) {
				return account;
			}
			PointsAccount closed = account.closedInto(survivorId).changedAt(clock.instant());
			Query unchanged = Query.query(Criteria.where("_id").is(mergedId).and("version").is(account.version()));
			if (mongo.replace(unchanged, closed).getModifiedCount() == 1) {
				return closed;
			}
		}
		throw new IllegalStateException("Points account " + mergedId + " kept changing during a merge; the merge "
				+ "will be resumed");
	}

	/**
	 * The copy of an entry a posting had under way when the account closed, settled as the closed account decided it:
	 * applied if it took it (the survivor has those points now), else refused, as its posting finds it too. Any
	 * other entry as it is.
	 */
	private PointsEntry settledAsClosed(PointsEntry copy, PointsEntry original, PointsAccount closed) {
		if (copy.status() != EntryStatus.PENDING) {
			return copy;
		}
		AppliedEntry decided = closed == null ? null : closed.decisionOn(original.id());
		AppliedEntry decision = decided != null ? decided
				: PointsPosting.refusedByMerge(original.id(), original.memberId(), copy.memberId());
		return copy.settled(decision.outcome(), decision.points(), decision.note(), clock.instant());
	}

	/** Absorbs the merged account into the survivor's, unless that happened before the merge was interrupted. */
	private PointsAccount absorbAccount(String mergedId, String survivorId, EntryIds ids) {
		String absorption = "merge:" + mergedId;
		for (int attempt = 0; attempt < PointsPosting.MAX_ATTEMPTS; attempt++) {
			PointsAccount survivor = posting.accountOf(survivorId);
			PointsAccount merged = mongo.findById(mergedId, PointsAccount.class);
			if (merged == null || survivor.decisionOn(absorption) != null) {
				return survivor;
			}
			PointsAccount combined = change.absorb(survivor, merged, ids::renamed, absorption).changedAt(clock.instant());
			Query unchanged = Query.query(Criteria.where("_id").is(survivorId).and("version").is(survivor.version()));
			if (mongo.replace(unchanged, combined).getModifiedCount() == 1) {
				return combined;
			}
		}
		throw new IllegalStateException("Points account " + survivorId + " kept changing during a merge; the merge "
				+ "will be resumed");
	}

	/** Referrals made by the merged member become the survivor's; so does the referral that brought it in. */
	private long moveReferrals(String mergedId, String survivorId) {
		long made = mongo.updateMulti(Query.query(Criteria.where("referrerId").is(mergedId)),
				Update.update("referrerId", survivorId), Referral.class).getModifiedCount();
		Referral broughtIn = mongo.findById(mergedId, Referral.class);
		if (broughtIn != null) {
			boolean selfReferral = broughtIn.referrerId().equals(survivorId);
			if (!selfReferral && mongo.findById(survivorId, Referral.class) == null) {
				mongo.save(new Referral(survivorId, broughtIn.referrerId(), broughtIn.at(), broughtIn.recordedBy(),
						broughtIn.originallyReferredId() == null ? mergedId : broughtIn.originallyReferredId()));
			}
			mongo.remove(broughtIn);
		}
		// A member cannot have referred itself: a referral between the two merged members ends here.
		mongo.remove(Query.query(Criteria.where("_id").is(survivorId).and("referrerId").is(survivorId)), Referral.class);
		return made;
	}

	/**
	 * How the merged member's ledger entries are named under the survivor. Keys that name an order (points
	 * earned or taken back for it) or contain the merged member's id cannot clash and stay as they are, so a
	 * later refund of a moved order finds its points. A once-per-member reward (registration, first order)
	 * keeps its key when the survivor has none, so the survivor does not earn it again. Every other key (a
	 * client's idempotency key) is prefixed with the merge, so it cannot clash with the survivor's own.
	 */
	private final class EntryIds {

		private final String mergedId;

		private final String survivorId;

		EntryIds(String mergedId, String survivorId) {
			this.mergedId = mergedId;
			this.survivorId = survivorId;
		}

		String renamed(String entryId) {
			String prefix = mergedId + "|";
			if (entryId == null || !entryId.startsWith(prefix)) {
				return entryId;
			}
			String key = entryId.substring(prefix.length());
			boolean unique = key.startsWith("order:") || key.startsWith("refund:") || key.contains(mergedId);
			if (unique || ONCE_PER_MEMBER.contains(key) && survivorLacks(key, entryId)) {
				return PointsEntry.idOf(survivorId, key);
			}
			return PointsEntry.idOfMerged(survivorId, mergedId, key);
		}

		/** Whether the survivor has no entry of its own under the key (a copy of the merged one does not count). */
		private boolean survivorLacks(String key, String mergedEntryId) {
			PointsEntry own = mongo.findById(PointsEntry.idOf(survivorId, key), PointsEntry.class);
			return own == null || mergedEntryId.equals(own.movedFrom());
		}

		PointsEntry moved(PointsEntry entry) {
			return new PointsEntry(renamed(entry.id()), survivorId, entry.type(), entry.requested(), entry.points(),
					entry.status(), entry.reason(), entry.actor(), renamed(entry.source()), entry.qualifyingSpend(),
					entry.occurredAt(), entry.fingerprint(), entry.note(), entry.createdAt(), entry.settledAt(), null, entry.id());
		}

	}

}
