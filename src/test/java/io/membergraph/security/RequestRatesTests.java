package io.membergraph.security;

import java.time.Duration;

import io.membergraph.PinnedClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's allowance of requests a minute: used at once if it likes, refilled evenly, each client its own. */
class RequestRatesTests {

	private final PinnedClock clock = new PinnedClock();

	private final RequestRates rates = new RequestRates(clock);

	@Test
	void aMinutesAllowanceGoesAtOnceThenTheWaitIsUntilTheNextRequestIsEarned() {
		for (int i = 0; i < 60; i++) {
			assertThat(rates.take("storefront", 60)).isZero();
		}
		assertThat(rates.take("storefront", 60)).isEqualTo(Duration.ofSeconds(1));
		assertThat(rates.take("another storefront", 60)).isZero();

		clock.advance(Duration.ofMillis(500));
		assertThat(rates.take("storefront", 60)).isEqualTo(Duration.ofMillis(500));
		clock.advance(Duration.ofMillis(500));
		assertThat(rates.take("storefront", 60)).isZero();
		assertThat(rates.take("storefront", 60)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void anIdleClientRefillsNoFurtherThanOneMinutesAllowance() {
		rates.take("storefront", 2);
		clock.advance(Duration.ofHours(1));

		assertThat(rates.take("storefront", 2)).isZero();
		assertThat(rates.take("storefront", 2)).isZero();
		assertThat(rates.take("storefront", 2)).isPositive();
	}

	@Test
	void aChangedAllowanceTakesEffectAtOnce() {
		rates.take("storefront", 1);
		assertThat(rates.take("storefront", 1)).isEqualTo(Duration.ofMinutes(1));

		assertThat(rates.take("storefront", 120)).isZero();
	}

}
