package io.membergraph.shared;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.stereotype.Component;

/**
 * Warms every {@link WarmUp} as the last start-up step. Spring Boot reports readiness (and {@link NotReadyYet} lets
 * the API answer) only after the application runners are done, so readiness waits for the read models, and runs
 * after the demo data has loaded (an earlier runner). One after another: run side by side, the views of orders,
 * interactions and points took as long in all (10.3 s against 10.9 s for the demo data on two cores), the JIT and
 * the collector already using the second core.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class WarmBeforeReady implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(WarmBeforeReady.class);

	private final List<WarmUp> readModels;

	private final boolean enabled;

	WarmBeforeReady(List<WarmUp> readModels, @Value("${membergraph.views.warm-at-start:true}") boolean enabled) {
		// Spring orders an injected list by @Order, but one without it counts as the lowest precedence too, which
		// would leave a warm-up over the read models anywhere among them.
		List<WarmUp> ordered = new ArrayList<>(readModels);
		ordered.sort(Comparator.comparingInt(WarmBeforeReady::orderOf));
		this.readModels = List.copyOf(ordered);
		this.enabled = enabled;
	}

	private static int orderOf(WarmUp warmUp) {
		Integer declared = OrderUtils.getOrder(AopUtils.getTargetClass(warmUp));
		return declared == null ? WarmUp.READ_MODELS : declared;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled) {
			return;
		}
		long started = System.nanoTime();
		String each = readModels.stream().map(WarmBeforeReady::warm).collect(Collectors.joining(", "));
		log.info(String.format("Read models warm in %.1f s (%s)", (System.nanoTime() - started) / 1e9, each));
	}

	/** Warms one; what it took, for the log. */
	private static String warm(WarmUp warmUp) {
		long started = System.nanoTime();
		warmUp.warm();
		return String.format("%s %.1f s", AopUtils.getTargetClass(warmUp).getSimpleName(),
				(System.nanoTime() - started) / 1e9);
	}

}
