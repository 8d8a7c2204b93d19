package io.membergraph;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock of every test context with a {@link PinnedClock}. */
@TestConfiguration(proxyBeanMethods = false)
public class PinnedClockConfiguration {

	@Bean
	@Primary
	PinnedClock pinnedClock() {
		return new PinnedClock();
	}

}
