package io.membergraph.commerce;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Finishes, at start-up and then on a schedule, whatever stats changes a crash left half-done. */
@Component
class PendingMemberUpdatesSweep {

	private static final Log log = LogFactory.getLog(PendingMemberUpdatesSweep.class);

	private final PendingMemberUpdates pendingUpdates;

	PendingMemberUpdatesSweep(PendingMemberUpdates pendingUpdates) {
		this.pendingUpdates = pendingUpdates;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "${membergraph.recovery.interval:PT5M}",
			fixedDelayString = "${membergraph.recovery.interval:PT5M}")
	void sweep() {
		completeLeftovers();
	}

	int completeLeftovers() {
		int completed = 0;
		for (Order order : pendingUpdates.leftPending()) {
			pendingUpdates.complete(order);
			completed++;
		}
		if (completed > 0) {
			log.info("Completed pending member stats of " + completed + " orders left by an interrupted write");
		}
		return completed;
	}

}
