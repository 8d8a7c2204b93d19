package io.membergraph.prediction.internal;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's spend per transaction varies
 * around its own mean, Gamma(p, ν), and ν varies across customers as Gamma(q, γ). Fitted on repeat buyers' mean
 * spend, assumed independent of how often they buy.
 */
public record GammaGamma(double p, double q, double gamma) {

	/** The log-likelihood of one repeat buyer's mean spend {@code m} over {@code x} transactions. */
	double logLikelihood(int x, double m) {
		double px = p * x;
		return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
				+ (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x);
	}

	/** The expected spend per transaction of a customer with mean spend {@code m} over {@code x} repeat transactions. */
	public double expectedSpend(int x, double m) {
		if (x == 0) {
			return p * gamma / (q - 1);
		}
		return (gamma + m * x) * p / (p * x + q - 1);
	}

}
