package io.membergraph.loyalty;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * A merged member's ledger entries under the survivor: how they are named there, and their move. The merge moves
 * them all; a batch that wrote entries for a member whose merge had already moved its ledger moves those too.
 */
@Component
class MergedLedger {

	/** Rewards a member earns once in its life, keyed without an order or a client key. */
	private static final Set<String> ONCE_PER_MEMBER = Set.of("registration", "first-order");

	private final MongoTemplate mongo;

	private final Clock clock;

	MergedLedger(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** How the merged member's entry ids (and the lots named after them) read under the survivor. */
	UnaryOperator<String> renaming(String mergedId, String survivorId) {
		return new EntryIds(mergedId, survivorId)::renamed;
	}

	/**
	 * Moves the merged member's entries to the survivor. A copy is written under the new id before the original goes:
	 * a crash in between leaves both, and moving again writes the same copy and removes the original. A posting's
	 * entry still pending is settled as the closed account decided it (see {@link #settledAsClosed}).
	 *
	 * @param closed the merged member's account as the merge closed it; null when it had none
	 */
	void move(List<PointsEntry> entries, String mergedId, String survivorId, PointsAccount closed) {
		EntryIds ids = new EntryIds(mergedId, survivorId);
		for (PointsEntry entry : entries) {
			mongo.save(settledAsClosed(ids.moved(entry), entry, closed).changedAt(clock.instant()));
			mongo.remove(entry);
		}
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
