package io.membergraph.prediction.internal;

import java.util.Arrays;

import io.membergraph.shared.InvalidInputException;

/**
 * A rolling-origin backtest: the model is fitted on the history up to each origin and forecasts the following
 * horizon; its mean absolute percentage error is set against the seasonal-naive forecast (each period repeats the
 * same period of the last cycle), the baseline a forecast has to beat to be worth having.
 *
 * @param origins how many origins were tested (the last {@code origins} horizons of the history)
 * @param mape the model's MAPE, in percent, over every forecast period with a non-zero actual
 * @param naiveMape the seasonal-naive forecast's MAPE over the same periods
 */
public record Backtest(int origins, int horizon, double mape, double naiveMape) {

	public boolean beatsNaive() {
		return mape < naiveMape;
	}

	public static Backtest rollingOrigin(double[] series, int season, int horizon, int origins) {
		double modelError = 0;
		double naiveError = 0;
		int counted = 0;
		int tested = 0;
		for (int k = origins; k >= 1; k--) {
			int origin = series.length - k * horizon;
			if (origin < 2 * season) {
				continue;
			}
			double[] history = Arrays.copyOf(series, origin);
			HoltWinters.Fitted model = HoltWinters.fit(history, season);
			tested++;
			for (int h = 1; h <= horizon && origin + h - 1 < series.length; h++) {
				double actual = series[origin + h - 1];
				if (actual == 0) {
					continue;
				}
				double naive = history[origin - season + (h - 1) % season];
				modelError += Math.abs((actual - model.forecast(h)) / actual);
				naiveError += Math.abs((actual - naive) / actual);
				counted++;
			}
		}
		if (counted == 0) {
			// MAPE divides by the actual: periods without sales cannot score a forecast.
			throw new InvalidInputException("granularity", "the last " + origins * horizon + " periods of the history hold "
					+ "no sales, so no forecast can be backtested against them; try a longer granularity");
		}
		return new Backtest(tested, horizon, 100 * modelError / counted, 100 * naiveError / counted);
	}

}
