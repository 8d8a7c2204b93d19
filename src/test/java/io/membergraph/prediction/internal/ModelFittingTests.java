package io.membergraph.prediction.internal;

import java.util.ArrayList;
import java.util.List;

import io.membergraph.prediction.Cdnow;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFittingTests {

	@Test
	void tooFewRepeatBuyersIsAClearErrorNotAWildFit() {
		List<PurchaseSummary> customers = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			customers.add(new PurchaseSummary("one-off" + i, 0, 0, 30, 0));
		}
		for (int i = 0; i < 5; i++) {
			customers.add(new PurchaseSummary("repeat" + i, 2, 10, 30, 25));
		}

		assertThatThrownBy(() -> ModelFitting.bgNbd(customers)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
			assertThat(e.field()).isEqualTo("calibrationEnd");
			assertThat(e.reason()).contains("only 5 customers bought again");
		});
		assertThatThrownBy(() -> ModelFitting.gammaGamma(customers)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aParameterRunToTheEdgeOfItsRangeIsAWarning() {
		MaximumLikelihood.Fit edge = new MaximumLikelihood.Fit(new double[] { 0.27, 0.94, 1.09e6, 7.2e7 }, -829_853, 4237,
				true, 4, new double[] { 0.01, 0.02, 1e5, 1e7 });

		List<String> warnings = PredictionModel.Diagnostics.of(edge, 4, "r", "alpha", "a", "b").warnings();

		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(0)).startsWith("a = 1.09e+06 ran to the edge of its range");
	}

	@Test
	void theCdnowFitHasNothingToWarnAbout() {
		ModelFitting.Fitted<BgNbd> fitted = ModelFitting.bgNbd(PurchaseSummaries.of(Cdnow.sample(), Cdnow.CALIBRATION_END));

		assertThat(PredictionModel.Diagnostics.of(fitted.fit(), 4, "r", "alpha", "a", "b").warnings()).isEmpty();
	}

	@Test
	void aSummaryCannotEndBeforeItsLastPurchase() {
		assertThatThrownBy(() -> new PurchaseSummary("c", 1, 10, 5, 20)).isInstanceOf(IllegalArgumentException.class);
	}

}
