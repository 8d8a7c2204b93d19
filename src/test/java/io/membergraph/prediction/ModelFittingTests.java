package io.membergraph.prediction;

import java.util.ArrayList;
import java.util.List;

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
	void aSummaryCannotEndBeforeItsLastPurchase() {
		assertThatThrownBy(() -> new PurchaseSummary("c", 1, 10, 5, 20)).isInstanceOf(IllegalArgumentException.class);
	}

}
