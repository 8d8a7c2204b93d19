package io.membergraph.campaign.internal;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The effect of a campaign: the treated group's figure minus the control group's, with a confidence interval and
 * the p-value of "no effect", so a marketer can tell a real effect from noise.
 *
 * @param difference treated minus control
 * @param lower the lower end of the interval at the confidence level
 * @param upper the upper end
 * @param pValue the chance of a difference at least this large if the campaign did nothing
 */
public record Uplift(double treated, double control, double difference, double lower, double upper, double pValue) {

	private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

	/**
	 * The difference of two conversion rates. The interval is the normal (Wald) interval on the unpooled standard
	 * error; the p-value is the two-sided two-proportion z-test on the pooled rate. Null without members in either
	 * group.
	 */
	static Uplift ofConversion(long convertedTreated, long treated, long convertedControl, long control,
			double confidence) {
		if (treated == 0 || control == 0) {
			return null;
		}
		double pt = (double) convertedTreated / treated;
		double pc = (double) convertedControl / control;
		double difference = pt - pc;
		double se = Math.sqrt(pt * (1 - pt) / treated + pc * (1 - pc) / control);
		double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
		double pooled = (double) (convertedTreated + convertedControl) / (treated + control);
		double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / treated + 1.0 / control));
		double pValue = pooledSe == 0 ? (difference == 0 ? 1 : 0)
				: 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(difference) / pooledSe));
		return new Uplift(pt, pc, difference, difference - z * se, difference + z * se, pValue);
	}

	/**
	 * The difference of two means (revenue per member) with Welch's t interval, which does not assume equal
	 * variances — revenue in a treated group usually varies more. Null with fewer than two members in either group.
	 */
	static Uplift ofMeans(double[] treated, double[] control, double confidence) {
		if (treated.length < 2 || control.length < 2) {
			return null;
		}
		double mt = mean(treated);
		double mc = mean(control);
		double vt = variance(treated, mt) / treated.length;
		double vc = variance(control, mc) / control.length;
		double difference = mt - mc;
		double se = Math.sqrt(vt + vc);
		if (se == 0) {
			return new Uplift(mt, mc, difference, difference, difference, difference == 0 ? 1 : 0);
		}
		double df = (vt + vc) * (vt + vc)
				/ (vt * vt / (treated.length - 1) + vc * vc / (control.length - 1));
		TDistribution t = new TDistribution(df);
		double quantile = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
		double pValue = 2 * (1 - t.cumulativeProbability(Math.abs(difference) / se));
		return new Uplift(mt, mc, difference, difference - quantile * se, difference + quantile * se, pValue);
	}

	boolean covers(double value) {
		return lower <= value && value <= upper;
	}

	private static double mean(double[] values) {
		double sum = 0;
		for (double v : values) {
			sum += v;
		}
		return sum / values.length;
	}

	private static double variance(double[] values, double mean) {
		double sum = 0;
		for (double v : values) {
			sum += (v - mean) * (v - mean);
		}
		return sum / (values.length - 1);
	}

}
