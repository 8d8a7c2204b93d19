package io.membergraph.benchmark;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationContext;

/**
 * The service's total time in GraphQL requests so far, from its own request timer ({@code graphql.request}): read
 * before and after a call, the difference is the call's time inside the service.
 */
final class ServiceTime implements DoubleSupplier {

	private final MeterRegistry registry;

	ServiceTime(ApplicationContext context) {
		this.registry = context.getBean(MeterRegistry.class);
	}

	@Override
	public double getAsDouble() {
		double total = 0;
		for (Timer timer : registry.find("graphql.request").timers()) {
			total += timer.totalTime(TimeUnit.SECONDS);
		}
		return total;
	}

}
