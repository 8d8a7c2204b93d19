package io.membergraph.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoverySweepTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

	@Test
	void aGraceTooShortToKeepTheSweepOffWritesInFlightStopsTheStart() {
		assertThatCode(() -> new RecoverySweep(List.of(), clock, Duration.ofMinutes(10), Duration.ofMinutes(5)))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> new RecoverySweep(List.of(), clock, Duration.ZERO, Duration.ofMinutes(5)))
			.hasMessage("membergraph.recovery.grace must be between 30s and 1d, not PT0S");
	}

	@Test
	void aSweepEveryInstantOrOnceAYearStopsTheStart() {
		assertThatThrownBy(() -> new RecoverySweep(List.of(), clock, Duration.ofMinutes(10), Duration.ofSeconds(1)))
			.hasMessage("membergraph.recovery.interval must be between 10s and 1d, not PT1S");
		assertThatThrownBy(() -> new RecoverySweep(List.of(), clock, Duration.ofMinutes(10), Duration.ofDays(365)))
			.hasMessage("membergraph.recovery.interval must be between 10s and 1d, not PT8760H");
	}

}
