package io.membergraph.shared;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationSettingTests {

	@Test
	void aDurationWithinItsBoundsIsTakenAsGivenTheEndsIncluded() {
		assertThat(DurationSetting.within("p", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofDays(7)))
			.isEqualTo(Duration.ofMinutes(1));
		assertThat(DurationSetting.within("p", Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(7)))
			.isEqualTo(Duration.ofDays(7));
	}

	@Test
	void outsideItsBoundsTheMessageNamesThePropertyTheBoundsAndTheValue() {
		assertThatThrownBy(() -> DurationSetting.within("membergraph.segments.evaluation-interval", Duration.ZERO,
				Duration.ofMinutes(1), Duration.ofDays(7)))
			.isInstanceOf(SettingOutOfBounds.class)
			.hasMessage("membergraph.segments.evaluation-interval must be between 1m and 7d, not PT0S");
		assertThatThrownBy(() -> DurationSetting.within("membergraph.audit.flush-interval", Duration.ofSeconds(-1),
				Duration.ofMillis(100), Duration.ofMinutes(1)))
			.hasMessage("membergraph.audit.flush-interval must be between 0.1s and 1m, not PT-1S");
		assertThatThrownBy(() -> DurationSetting.within("p", null, Duration.ofSeconds(1), Duration.ofMinutes(10)))
			.hasMessage("p must be between 1s and 10m, not null");
	}

}
