package io.membergraph.security.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTests {

	@Test
	void aTokenLifetimeOfNoTimeOrOfMonthsStopsTheStart() {
		assertThatCode(() -> new SecuritySettings(null, null, null, Duration.ofHours(8))).doesNotThrowAnyException();
		assertThatThrownBy(() -> new SecuritySettings(null, null, null, Duration.ZERO))
			.hasMessage("membergraph.security.token-lifetime must be between 1m and 30d, not PT0S");
		assertThatThrownBy(() -> new SecuritySettings(null, null, null, Duration.ofDays(365)))
			.hasMessageStartingWith("membergraph.security.token-lifetime");
	}

}
