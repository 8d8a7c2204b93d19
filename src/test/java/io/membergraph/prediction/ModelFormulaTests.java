package io.membergraph.prediction;

import io.membergraph.prediction.internal.BgNbd;
import io.membergraph.prediction.internal.CustomerValue;
import io.membergraph.prediction.internal.GammaGamma;
import io.membergraph.prediction.internal.PurchaseSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The model formulas at points that can be checked by hand or against the published worked example. */
class ModelFormulaTests {

	private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

	private static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);

	@Test
	void aCustomerWhoNeverBoughtAgainIsCertainlyAlive() {
		assertThat(CDNOW.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
	}

	@Test
	void aLongSilenceAfterManyPurchasesMakesACustomerLikelyGone() {
		double recent = CDNOW.probabilityAlive(10, 38, 38.86);
		double silent = CDNOW.probabilityAlive(10, 5, 38.86);

		assertThat(recent).isGreaterThan(0.9);
		assertThat(silent).isLessThan(0.01);
	}

	@Test
	void theConditionalExpectationMatchesThePublishedWorkedExample() {
		// Fader, Hardie & Lee (2005), section 5: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
		assertThat(CDNOW.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
	}

	@Test
	void expectedPurchasesStartAtZeroAndGrowWithTheHorizon() {
		assertThat(CDNOW.expectedPurchases(0, 2, 30.43, 38.86)).isZero();
		double previous = 0;
		for (int weeks = 1; weeks <= 520; weeks *= 2) {
			double expected = CDNOW.expectedPurchases(weeks, 2, 30.43, 38.86);
			assertThat(expected).isGreaterThan(previous);
			previous = expected;
		}
		assertThat(CDNOW.expectedPurchasesOfNewCustomer(1)).isLessThan(CDNOW.expectedPurchasesOfNewCustomer(52));
	}

	@Test
	void noPurchaseIsCertainOverNoTimeAndTendsToTheChanceOfHavingDroppedOut() {
		double alive = CDNOW.probabilityAlive(2, 30.43, 38.86);

		assertThat(CDNOW.probabilityNoPurchase(0, 2, 30.43, 38.86)).isCloseTo(1.0, within(1e-12));
		assertThat(CDNOW.probabilityNoPurchase(1e7, 2, 30.43, 38.86)).isCloseTo(1 - alive, within(1e-3));
		assertThat(CDNOW.probabilityNoPurchase(13, 2, 30.43, 38.86)).isBetween(1 - alive, 1.0);
		// A customer who never bought again is alive: its silence is the Poisson's, (α+T)/(α+T+t) to the r.
		assertThat(CDNOW.probabilityNoPurchase(13, 0, 0, 38.86))
			.isCloseTo(Math.pow((4.414 + 38.86) / (4.414 + 38.86 + 13), 0.243), within(1e-12));
	}

	@Test
	void withoutDiscountLifetimeValueIsExpectedPurchasesTimesExpectedSpend() {
		PurchaseSummary customer = new PurchaseSummary("c", 2, 30.43, 38.86, 40.0);
		double expected = CDNOW.expectedPurchases(12 * CustomerValue.WEEKS_PER_MONTH, 2, 30.43, 38.86)
				* SPEND.expectedSpend(2, 40.0);

		assertThat(CustomerValue.clv(CDNOW, SPEND, customer, 12, 0)).isCloseTo(expected, within(1e-9));
		assertThat(CustomerValue.clv(CDNOW, SPEND, customer, 12, 0.01)).isLessThan(expected);
	}

	@Test
	void expectedSpendShrinksAFewPurchasesTowardsThePopulationMean() {
		double populationMean = SPEND.expectedSpend(0, 0);

		// One repeat purchase of 100 says little: the estimate lies between it and the population mean.
		assertThat(SPEND.expectedSpend(1, 100)).isBetween(populationMean, 100.0);
		// Many purchases of 100 say a lot.
		assertThat(SPEND.expectedSpend(50, 100)).isCloseTo(100, within(5.0));
		assertThat(populationMean).isCloseTo(6.25 * 15.44 / 2.74, within(1e-9));
	}

}
