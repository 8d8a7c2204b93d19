package io.membergraph.prediction.internal;

import java.util.Arrays;
import java.util.Random;

import io.membergraph.shared.InvalidInputException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Holt-Winters on series whose trend and weekly cycle are known. */
class HoltWintersTests {

	private static final double[] WEEK = { 20, -5, -10, -5, 0, 15, -15 };

	private static double truth(int t) {
		return 500 + 2 * t + WEEK[t % 7];
	}

	private static double[] series(int length, double noise, long seed) {
		Random random = new Random(seed);
		double[] y = new double[length];
		for (int t = 0; t < length; t++) {
			y[t] = truth(t) + noise * random.nextGaussian();
		}
		return y;
	}

	@Test
	void aNoiselessTrendAndCycleAreForecastExactly() {
		HoltWinters.Fitted model = HoltWinters.fit(series(140, 0, 1), 7);

		for (int h = 1; h <= 14; h++) {
			assertThat(model.forecast(h)).isCloseTo(truth(139 + h), within(1e-3));
		}
	}

	@Test
	void forecastsOfANoisySeriesStayNearTheTruthInsideTheirIntervals() {
		HoltWinters.Point[] points = HoltWinters.forecast(HoltWinters.fit(series(280, 5, 2), 7), 14, 0.95);

		for (HoltWinters.Point point : points) {
			double actual = truth(279 + point.step());
			assertThat(point.forecast()).isCloseTo(actual, within(12.0));
			assertThat(point.lower()).isLessThan(point.forecast());
			assertThat(point.upper()).isGreaterThan(point.forecast());
		}
		// Intervals widen with the horizon.
		assertThat(points[13].upper() - points[13].lower()).isGreaterThan(points[0].upper() - points[0].lower());
	}

	@Test
	void onATrendingSeriesTheBacktestBeatsTheSeasonalNaiveBaseline() {
		Backtest backtest = Backtest.rollingOrigin(series(280, 5, 3), 7, 14, 4);

		assertThat(backtest.origins()).isEqualTo(4);
		assertThat(backtest.mape()).isLessThan(backtest.naiveMape());
		assertThat(backtest.beatsNaive()).isTrue();
	}

	@Test
	void aHistoryWhoseLastPeriodsHoldNoSalesCannotBeBacktestedAndSaysWhy() {
		double[] quietLately = series(280, 5, 3);
		Arrays.fill(quietLately, 280 - 4 * 14, 280, 0);

		assertThatThrownBy(() -> Backtest.rollingOrigin(quietLately, 7, 14, 4)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("granularity").hasMessageContaining("no sales");
	}

	@Test
	void lessThanTwoCyclesIsNotEnough() {
		assertThatThrownBy(() -> HoltWinters.fit(new double[10], 7)).isInstanceOf(IllegalArgumentException.class);
	}

}
