package io.membergraph.prediction.internal;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Additive Holt-Winters exponential smoothing (level, trend, one seasonal cycle): smoothing weights α, β, γ fitted
 * by minimising the one-step-ahead squared error, prediction intervals from the residual variance with the
 * additive model's variance multipliers (Hyndman et al., <i>Forecasting with Exponential Smoothing</i>, table 6.1).
 */
public final class HoltWinters {

	/** A fitted model: the smoothing weights, the final states, and the one-step residual standard deviation. */
	public record Fitted(double alpha, double beta, double gamma, int season, double level, double trend,
			double[] seasonal, double sigma) {

		/** The point forecast {@code h} periods after the last observation. */
		double forecast(int h) {
			return level + h * trend + seasonal[(h - 1) % season];
		}

		/** Half the width of the interval at {@code z} standard normal quantiles, {@code h} periods ahead. */
		double halfWidth(int h, double z) {
			double variance = 1;
			for (int j = 1; j < h; j++) {
				double c = alpha * (1 + j * beta) + (j % season == 0 ? gamma : 0);
				variance += c * c;
			}
			return z * sigma * Math.sqrt(variance);
		}

	}

	/** One forecast period. */
	public record Point(int step, double forecast, double lower, double upper) {
	}

	private HoltWinters() {
	}

	/** Fits the model to {@code series} (at least two full cycles) with a cycle of {@code season} periods. */
	public static Fitted fit(double[] series, int season) {
		if (series.length < 2 * season || season < 1) {
			throw new IllegalArgumentException("Holt-Winters needs two full cycles of " + season + " periods, got " + series.length);
		}
		SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-10, 1e-12));
		PointValuePair best = optimizer.optimize(new MaxEval(20_000),
				new ObjectiveFunction(u -> run(series, season, logistic(u[0]), logistic(u[1]), logistic(u[2])).sse),
				GoalType.MINIMIZE, new InitialGuess(new double[] { 0, -2, -1 }), new NelderMeadSimplex(3, 1.0));
		double alpha = logistic(best.getPoint()[0]);
		double beta = logistic(best.getPoint()[1]);
		double gamma = logistic(best.getPoint()[2]);
		Run run = run(series, season, alpha, beta, gamma);
		double sigma = Math.sqrt(run.sse / Math.max(1, run.steps - 3));
		return new Fitted(alpha, beta, gamma, season, run.level, run.trend, run.seasonalAhead(), sigma);
	}

	public static Point[] forecast(Fitted model, int horizon, double confidence) {
		double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
		Point[] points = new Point[horizon];
		for (int h = 1; h <= horizon; h++) {
			double mean = model.forecast(h);
			double half = model.halfWidth(h, z);
			points[h - 1] = new Point(h, mean, mean - half, mean + half);
		}
		return points;
	}

	/** The smoothing pass: states after the last observation and the one-step squared error. */
	private static final class Run {

		double level;

		double trend;

		double[] seasonal;

		int position;

		double sse;

		int steps;

		/** Seasonal components in the order the next periods need them. */
		double[] seasonalAhead() {
			double[] ahead = new double[seasonal.length];
			for (int h = 0; h < seasonal.length; h++) {
				ahead[h] = seasonal[(position + h) % seasonal.length];
			}
			return ahead;
		}

	}

	private static Run run(double[] y, int s, double alpha, double beta, double gamma) {
		Run run = new Run();
		// Initial states from the first two cycles: level the first cycle's mean, trend the mean change per period
		// between the cycles, seasonal the first cycle's deviations from its mean.
		double first = mean(y, 0, s);
		double second = mean(y, s, 2 * s);
		run.level = first;
		run.trend = (second - first) / s;
		run.seasonal = new double[s];
		for (int i = 0; i < s; i++) {
			run.seasonal[i] = y[i] - first;
		}
		run.level = first + (s - 1) / 2.0 * run.trend;
		for (int t = s; t < y.length; t++) {
			int i = t % s;
			double predicted = run.level + run.trend + run.seasonal[i];
			double error = y[t] - predicted;
			run.sse += error * error;
			run.steps++;
			double previousLevel = run.level;
			run.level = alpha * (y[t] - run.seasonal[i]) + (1 - alpha) * (run.level + run.trend);
			run.trend = beta * (run.level - previousLevel) + (1 - beta) * run.trend;
			run.seasonal[i] = gamma * (y[t] - run.level) + (1 - gamma) * run.seasonal[i];
		}
		run.position = y.length % s;
		return run;
	}

	private static double mean(double[] y, int from, int to) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			sum += y[i];
		}
		return sum / (to - from);
	}

	private static double logistic(double u) {
		return 1 / (1 + Math.exp(-u));
	}

}
