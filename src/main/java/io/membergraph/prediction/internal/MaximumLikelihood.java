package io.membergraph.prediction.internal;

import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over positive parameters. The search runs on their logarithms (so no step leaves the
 * domain, the failure users of other libraries report), with Hipparchus' Nelder–Mead simplex from several starting
 * points, each restarted from its end until it stops improving; standard errors come from the inverse of the
 * numerical Hessian at the optimum.
 */
public final class MaximumLikelihood {

	static final int MAX_EVALUATIONS = 50_000;

	static final int MAX_RESTARTS = 5;

	/**
	 * @param evaluations of the log-likelihood over all starts
	 * @param converged whether the best start's search stopped on its tolerance, not on the evaluation limit, and a
	 * restart from its end found nothing better
	 * @param agreeingStarts how many starts ended within 1e-4 of the best log-likelihood
	 * @param standardErrors of the parameters, null where the Hessian is not invertible
	 */
	public record Fit(double[] parameters, double logLikelihood, int evaluations, boolean converged, int agreeingStarts,
			double[] standardErrors) {
	}

	private MaximumLikelihood() {
	}

	static Fit maximise(ToDoubleFunction<double[]> logLikelihood, double[][] starts) {
		double bestValue = Double.NEGATIVE_INFINITY;
		double[] best = null;
		boolean bestConverged = false;
		double[] endValues = new double[starts.length];
		int evaluations = 0;
		for (int s = 0; s < starts.length; s++) {
			double[] point = logs(starts[s]);
			double value = Double.NEGATIVE_INFINITY;
			boolean converged = false;
			for (int restart = 0; restart < MAX_RESTARTS; restart++) {
				SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-12, 1e-10));
				try {
					PointValuePair found = optimizer.optimize(new MaxEval(MAX_EVALUATIONS),
							new ObjectiveFunction(u -> {
								double ll = logLikelihood.applyAsDouble(exps(u));
								return Double.isFinite(ll) ? -ll : Double.MAX_VALUE;
							}), GoalType.MINIMIZE, new InitialGuess(point), new NelderMeadSimplex(point.length, 0.5));
					evaluations += optimizer.getEvaluations();
					double next = -found.getValue();
					point = found.getPoint();
					converged = Math.abs(next - value) < 1e-8;
					value = next;
					if (converged) {
						break;
					}
				}
				catch (MathIllegalStateException tooManyEvaluations) {
					evaluations += MAX_EVALUATIONS;
					converged = false;
					break;
				}
			}
			endValues[s] = value;
			if (value > bestValue) {
				bestValue = value;
				best = exps(point);
				bestConverged = converged;
			}
		}
		int agreeing = 0;
		for (double value : endValues) {
			agreeing += Math.abs(value - bestValue) < 1e-4 ? 1 : 0;
		}
		return new Fit(best, bestValue, evaluations, bestConverged, agreeing, standardErrors(logLikelihood, best));
	}

	/** Square roots of the diagonal of the inverse observed information (−Hessian), by central differences. */
	private static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] at) {
		int n = at.length;
		double[][] hessian = new double[n][n];
		double[] h = new double[n];
		for (int i = 0; i < n; i++) {
			h[i] = 1e-4 * Math.max(Math.abs(at[i]), 1e-3);
		}
		for (int i = 0; i < n; i++) {
			for (int j = i; j < n; j++) {
				double second = (value(logLikelihood, at, i, h[i], j, h[j]) - value(logLikelihood, at, i, h[i], j, -h[j])
						- value(logLikelihood, at, i, -h[i], j, h[j]) + value(logLikelihood, at, i, -h[i], j, -h[j]))
						/ (4 * h[i] * h[j]);
				hessian[i][j] = -second;
				hessian[j][i] = -second;
			}
		}
		try {
			RealMatrix covariance = MatrixUtils.inverse(MatrixUtils.createRealMatrix(hessian));
			double[] errors = new double[n];
			for (int i = 0; i < n; i++) {
				double variance = covariance.getEntry(i, i);
				if (!(variance > 0)) {
					return null;
				}
				errors[i] = Math.sqrt(variance);
			}
			return errors;
		}
		catch (RuntimeException singular) {
			return null;
		}
	}

	private static double value(ToDoubleFunction<double[]> f, double[] at, int i, double di, int j, double dj) {
		double[] x = at.clone();
		x[i] += di;
		x[j] += dj;
		return f.applyAsDouble(x);
	}

	private static double[] logs(double[] values) {
		double[] logs = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			logs[i] = Math.log(values[i]);
		}
		return logs;
	}

	private static double[] exps(double[] logs) {
		double[] values = new double[logs.length];
		for (int i = 0; i < logs.length; i++) {
			values[i] = Math.exp(logs[i]);
		}
		return values;
	}

}
