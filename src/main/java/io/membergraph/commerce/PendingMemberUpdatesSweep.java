package io.membergraph.commerce;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes, at start-up and then on a schedule, whatever member-side updates a crash left half-done: those of
 * single orders, and batches whose journal is older than the grace period. A younger batch is still being
 * written by its import and is left to it.
 */
@Component
class PendingMemberUpdatesSweep {

	private static final Log log = LogFactory.getLog(PendingMemberUpdatesSweep.class);

	private final PendingMemberUpdates pendingUpdates;

	private final BatchCompletion batches;

	private final Duration grace;

	PendingMemberUpdatesSweep(PendingMemberUpdates pendingUpdates, BatchCompletion batches,
			@Value("${membergraph.recovery.grace:PT10M}") Duration grace) {
		this.pendingUpdates = pendingUpdates;
		this.batches = batches;
		this.grace = grace;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "${membergraph.recovery.interval:PT5M}",
			fixedDelayString = "${membergraph.recovery.interval:PT5M}")
	void sweep() {
		completeLeftovers();
	}

	int completeLeftovers() {
		int completed = 0;
		for (String batch : batches.leftOver(grace)) {
			batches.complete(batch);
			completed++;
		}
		Set<String> inFlight = new HashSet<>();
		for (Order order : pendingUpdates.leftPending()) {
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
		if (completed > 0) {
			log.info("Completed the member-side updates of " + completed + " orders and batches left by an interrupted write");
		}
		return completed;
	}

}
