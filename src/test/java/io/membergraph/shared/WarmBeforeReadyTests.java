package io.membergraph.shared;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models load after the start-up data and before the application is ready: a user's first call after
 * readiness does not pay for loading them.
 */
class WarmBeforeReadyTests {

	@Test
	void readModelsWarmAfterTheStartUpDataAndBeforeReadiness() {
		try (ConfigurableApplicationContext context = start(true)) {
			Steps steps = context.getBean(Steps.class);
			assertThat(steps).containsExactly("start-up data loaded", "read model warmed while REFUSING_TRAFFIC",
					"requests through the port sent", "requests over the read models run");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	@Test
	void warmingCanBeSwitchedOff() {
		try (ConfigurableApplicationContext context = start(false)) {
			assertThat(context.getBean(Steps.class)).containsExactly("start-up data loaded");
		}
	}

	/** Declared before the read model, as the console's module comes before others: it must still run last. */
	@Order(WarmUp.OVER_READ_MODELS)
	static class RequestsOverReadModels implements WarmUp {

		private final Steps steps;

		RequestsOverReadModels(Steps steps) {
			this.steps = steps;
		}

		@Override
		public void warm() {
			steps.add("requests over the read models run");
		}

	}

	/** Declared first too: it runs after the read models and before the requests over them. */
	@Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
	static class RequestsThroughThePort implements WarmUp {

		private final Steps steps;

		RequestsThroughThePort(Steps steps) {
			this.steps = steps;
		}

		@Override
		public void warm() {
			steps.add("requests through the port sent");
		}

	}

	private static ConfigurableApplicationContext start(boolean warm) {
		return new SpringApplicationBuilder(Startup.class).web(WebApplicationType.NONE)
			.properties("membergraph.views.warm-at-start=" + warm, "spring.main.banner-mode=off")
			.run();
	}

	static class Steps extends CopyOnWriteArrayList<String> {

	}

	@Configuration(proxyBeanMethods = false)
	static class Startup {

		@Bean
		Steps steps() {
			return new Steps();
		}

		@Bean
		ApplicationAvailabilityBean availability() {
			return new ApplicationAvailabilityBean();
		}

		@Bean
		WarmBeforeReady warmBeforeReady(List<WarmUp> readModels,
				org.springframework.core.env.Environment environment) {
			return new WarmBeforeReady(readModels, environment.getProperty("membergraph.views.warm-at-start",
					Boolean.class, true));
		}

		@Bean
		@Order(1)
		ApplicationRunner startUpData(Steps steps) {
			return args -> steps.add("start-up data loaded");
		}

		@Bean
		RequestsThroughThePort requestsThroughThePort(Steps steps) {
			return new RequestsThroughThePort(steps);
		}

		@Bean
		RequestsOverReadModels requestsOverReadModels(Steps steps) {
			return new RequestsOverReadModels(steps);
		}

		@Bean
		WarmUp readModel(Steps steps, ApplicationAvailability availability) {
			return () -> steps.add("read model warmed while " + availability.getReadinessState());
		}

	}

}
