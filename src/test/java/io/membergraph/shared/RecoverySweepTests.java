package io.membergraph.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoverySweepTests {

	@Test
	void aGraceTooShortToKeepTheSweepOffWritesInFlightStopsTheStart() {
		Clock clock = Clock.systemUTC();
		assertThatCode(() -> new RecoverySweep(List.of(), clock, Duration.ofMinutes(10))).doesNotThrowAnyException();
		assertThatThrownBy(() -> new RecoverySweep(List.of(), clock, Duration.ZERO))
			.hasMessage("membergraph.recovery.grace must be between 30s and 1d, not PT0S");
	}

}
