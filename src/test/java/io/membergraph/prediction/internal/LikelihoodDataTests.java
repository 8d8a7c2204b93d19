package io.membergraph.prediction.internal;

import java.util.List;

import io.membergraph.prediction.Cdnow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fast sums equal the per-customer formulas they stand in for. */
class LikelihoodDataTests {

	private static final List<PurchaseSummary> CUSTOMERS = PurchaseSummaries.of(Cdnow.sample(), Cdnow.CALIBRATION_END);

	@Test
	void theTransactionSumEqualsThePerCustomerLogLikelihoods() {
		BgNbd model = new BgNbd(0.3, 5, 0.8, 2.5);
		double expected = CUSTOMERS.stream().mapToDouble(model::logLikelihood).sum();

		assertThat(LikelihoodData.ofTransactions(CUSTOMERS).bgNbd(0.3, 5, 0.8, 2.5)).isCloseTo(expected, within(1e-6));
	}

	@Test
	void theSpendSumEqualsThePerBuyerLogLikelihoods() {
		List<PurchaseSummary> repeat = CUSTOMERS.stream().filter(c -> c.x() > 0).toList();
		GammaGamma model = new GammaGamma(6, 4, 15);
		double expected = repeat.stream().mapToDouble(c -> model.logLikelihood(c.x(), c.monetary())).sum();

		assertThat(LikelihoodData.ofSpend(repeat).gammaGamma(6, 4, 15)).isCloseTo(expected, within(1e-6));
	}

}
