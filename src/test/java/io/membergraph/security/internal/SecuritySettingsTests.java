package io.membergraph.security.internal;

import java.time.Clock;
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

	/** Left unbounded, 0 or a negative count failed every sign-in or API key request with a server error instead. */
	@Test
	void requestAllowancesOutsideTheirBoundsStopTheStart() {
		assertThatThrownBy(() -> new SecurityConfiguration().securityFilterChain(null, null, null, 0, null))
			.hasMessage("membergraph.security.api-key-requests-per-minute must be between 1 and 100000, not 0");
		assertThatThrownBy(() -> new SecurityConfiguration().securityFilterChain(null, null, null, 100_001, null))
			.hasMessageStartingWith("membergraph.security.api-key-requests-per-minute");
		assertThatThrownBy(() -> new SignInThrottle(0, 50, Clock.systemUTC(), new BucketsInMemory(Clock.systemUTC())))
			.hasMessage("membergraph.security.sign-in.free-failures-per-user must be between 1 and 1000, not 0");
		assertThatThrownBy(() -> new SignInThrottle(5, -1, Clock.systemUTC(), new BucketsInMemory(Clock.systemUTC())))
			.hasMessage("membergraph.security.sign-in.free-failures-per-address must be between 1 and 100000, not -1");
		assertThatCode(() -> new SignInThrottle(1, 100_000, Clock.systemUTC(), new BucketsInMemory(Clock.systemUTC()))).doesNotThrowAnyException();
	}

}
