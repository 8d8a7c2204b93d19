package io.membergraph.shared;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Warms every {@link WarmUp} as the last start-up step. Spring Boot reports readiness (and {@link NotReadyYet} lets
 * the API answer) only after the application runners are done, so readiness waits for the read models, and runs
 * after the demo data has loaded (an earlier runner).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class WarmBeforeReady implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(WarmBeforeReady.class);

	private final List<WarmUp> readModels;

	private final boolean enabled;

	WarmBeforeReady(List<WarmUp> readModels, @Value("${membergraph.views.warm-at-start:true}") boolean enabled) {
		this.readModels = readModels;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled) {
			return;
		}
		long started = System.nanoTime();
		readModels.forEach(WarmUp::warm);
		log.info(String.format("Read models warm in %.1f s (%s)", (System.nanoTime() - started) / 1e9, readModels));
	}

}
