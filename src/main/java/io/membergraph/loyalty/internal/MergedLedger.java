package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.Referral;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * A merged member's ledger entries under the survivor: how they are named there, and their move. The merge moves
 * them all; a batch that wrote entries for a member whose merge had already moved its ledger moves those too.
 */
@Component
public class MergedLedger {

	/** Rewards a member earns once in its life, keyed without an order or a client key. */
	private static final Set<String> ONCE_PER_MEMBER = Set.of("registration", "first-order");

	private final MongoTemplate mongo;

	private final PointsPosting posting;

	private final Clock clock;

	MergedLedger(MongoTemplate mongo, PointsPosting posting, Clock clock) {
		this.mongo = mongo;
		this.posting = posting;
		this.clock = clock;
	}

	/** How the merged member's entry ids (and the lots named after them) read under the survivor. */
	UnaryOperator<String> renaming(String mergedId, String survivorId) {
		return new EntryIds(mergedId, survivorId)::renamed;
	}

	/**
	 * The entry a client's request wrote under {@code key} for a member merged away since, wherever the merges took it:
	 * under the id given, or under each later member of the merge path by the name its merge gave it; null when there
	 * is none.
	 *
	 * @param mergePath the ids the member went by, the one the client gave first
	 */
	public PointsEntry movedAlong(List<String> mergePath, String key) {
		String id = PointsEntry.idOf(mergePath.get(0), key);
		for (int hop = 0; hop < mergePath.size(); hop++) {
			PointsEntry found = mongo.findById(id, PointsEntry.class);
			if (found != null || hop == mergePath.size() - 1) {
				return found;
			}
			id = renaming(mergePath.get(hop), mergePath.get(hop + 1)).apply(id);
		}
		return null;
	}

	/**
	 * Moves the merged member's entries to the survivor. A copy is written under the new id before the original goes:
	 * a crash in between leaves both, and moving again writes the same copy and removes the original. A posting's
	 * entry still pending is settled as the closed account decided it (see {@link #settledAsClosed}); an order's
	 * points the survivor was given too are taken back once ({@link #takeBackDuplicate}).
	 *
	 * @param closed the merged member's account as the merge closed it; null when it had none
	 */
	void move(List<PointsEntry> entries, String mergedId, String survivorId, PointsAccount closed) {
		EntryIds ids = new EntryIds(mergedId, survivorId);
		for (PointsEntry entry : entries) {
			PointsEntry copy = settledAsClosed(ids.moved(entry), entry, closed);
			mongo.save(copy.changedAt(clock.instant()));
			mongo.remove(entry);
			PointsEntry own = ids.survivorsOwnBeside(copy);
			if (own != null) {
				takeBackDuplicate(own, copy, mergedId);
			}
		}
	}

	/**
	 * One order's points (or their reversal for a refund) applied on both members: for the merged one just before the
	 * merge, and for the survivor just after, when the order moved to the survivor before its points were marked done.
	 * The survivor's balance holds them twice (its own, and the merged account's it absorbed); the copy stays in the
	 * ledger beside the survivor's own entry, and an entry of the survivor takes the second helping back (or gives back a
	 * reversal taken twice), so that balance and ledger agree and the order counts once, its spend included. Keyed by the copy, so that a
	 * merge run again takes it back once.
	 */
	private void takeBackDuplicate(PointsEntry own, PointsEntry copy, String mergedId) {
		// An order too small for a point still counts its spend where tiers are reached by spend: counted twice too.
		boolean spendOnly = copy.requested() == 0 && copy.qualifyingSpend() > 0;
		if (own.status() != EntryStatus.APPLIED || copy.status() != EntryStatus.APPLIED
				|| copy.points() == 0 && !spendOnly) {
			return;
		}
		boolean earned = spendOnly ? copy.type() == EntryType.EARN : copy.points() > 0;
		String key = "duplicate:" + copy.id().substring(copy.memberId().length() + 1);
		posting.post(PointsEntry.draft(copy.memberId(), key, earned ? EntryType.REVERSE : EntryType.EARN,
				Math.abs(copy.points()), "counted twice around the merge of " + mergedId + ": " + own.reason(), "system",
				earned ? copy.id() : copy.source(), copy.qualifyingSpend(), copy.occurredAt(), clock.instant()));
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

	/**
	 * How the merged member's ledger entries (and the lots named after them) are named under the survivor. Keys that
	 * contain the merged member's id cannot clash and stay as they are. Keys that name an order (points earned or taken
	 * back for it) stay as they are, so a later refund of a moved order finds its points, and so does a once-per-member
	 * reward (registration, first order), so the survivor does not earn it again, and a referral reward (the referral
	 * moves to the survivor, and the referred member's next order must find its reward given, a return find it to take
	 * back): each unless the survivor has an entry of its own under the key (for an order, its points posted for both
	 * members around the merge). Every other key (a client's idempotency key), and those, are prefixed with the merge,
	 * so they cannot clash with the survivor's own.
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
			if (key.contains(mergedId) || (ofAnOrder(key) || ONCE_PER_MEMBER.contains(key) || Referral.isRewardKey(key))
					&& survivorLacks(key, entryId)) {
				return PointsEntry.idOf(survivorId, key);
			}
			return PointsEntry.idOfMerged(survivorId, mergedId, key);
		}

		/** Points earned or taken back for an order: one entry per member, named by the order (or refund). */
		private static boolean ofAnOrder(String key) {
			return key.startsWith("order:") || key.startsWith("refund:");
		}

		/**
		 * The survivor's own entry for the same order as the copy, when the copy had to go beside it: the order's points
		 * were posted for both members.
		 */
		PointsEntry survivorsOwnBeside(PointsEntry copy) {
			String prefix = survivorId + "|merged:" + mergedId + ":";
			String key = copy.id().startsWith(prefix) ? copy.id().substring(prefix.length()) : null;
			return key != null && ofAnOrder(key) ? mongo.findById(PointsEntry.idOf(survivorId, key), PointsEntry.class)
					: null;
		}

		/** Whether the survivor has no entry of its own under the key (a copy of the merged one does not count). */
		private boolean survivorLacks(String key, String mergedEntryId) {
			PointsEntry own = mongo.findById(PointsEntry.idOf(survivorId, key), PointsEntry.class);
			return own == null || mergedEntryId.equals(own.movedFrom());
		}

		PointsEntry moved(PointsEntry entry) {
			return new PointsEntry(renamed(entry.id()), survivorId, entry.type(), entry.requested(), entry.points(),
					entry.status(), entry.reason(), entry.actor(), renamed(entry.source()), entry.qualifyingSpend(),
					entry.occurredAt(), entry.fingerprint(), entry.note(), entry.createdAt(), entry.settledAt(), null,
					entry.id(), entry.expiredUnused());
		}

	}

}
