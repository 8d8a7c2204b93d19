package io.membergraph.commerce.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import io.membergraph.commerce.Order;
import io.membergraph.shared.RecoveryStep;
import io.membergraph.store.LeftoverWatch;
import io.membergraph.store.WriteCounts;
import org.springframework.stereotype.Component;

/**
 * Finishes whatever member-side updates a crash left half-done ({@link RecoveryStep}): those of single orders,
 * and batches, begun before the sweep's grace period. A younger batch or order is still being written and is left
 * to its writer.
 */
@Component
public class PendingMemberUpdatesSweep implements RecoveryStep {

	private final PendingMemberUpdates pendingUpdates;

	private final BatchCompletion batches;

	private final LeftoverWatch leftovers;

	PendingMemberUpdatesSweep(PendingMemberUpdates pendingUpdates, BatchCompletion batches, WriteCounts writeCounts) {
		this.pendingUpdates = pendingUpdates;
		this.batches = batches;
		this.leftovers = writeCounts.leftovers(Order.class);
	}

	@Override
	public int recover(Instant startedBefore) {
		int completed = 0;
		for (String batch : batches.leftOver(startedBefore)) {
			batches.complete(batch);
			completed++;
		}
		Set<String> inFlight = new HashSet<>();
		for (Order order : leftovers.pending(pendingUpdates::anyPending)) {
			if (order.changedAt() == null || !order.changedAt().isBefore(startedBefore)) {
				continue;
			}
			String mark = order.pendingMemberUpdates().stream().filter(BatchJournal::isMark).findFirst().orElse(null);
			if (mark == null) {
				pendingUpdates.complete(order);
				completed++;
			}
			else if (!inFlight.contains(mark) && !batches.isUnderway(BatchJournal.batchOf(mark))) {
				// The batch completed, but a crash came before its marks were all cleared.
				batches.complete(BatchJournal.batchOf(mark));
				completed++;
			}
			else {
				inFlight.add(mark);
			}
		}
		return completed;
	}

}
