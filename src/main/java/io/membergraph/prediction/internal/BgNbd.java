package io.membergraph.prediction.internal;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD transaction model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
 * customer buys at a Poisson rate drawn from Gamma(r, α); after each purchase it drops out with a probability
 * drawn from Beta(a, b).
 */
public record BgNbd(double r, double alpha, double a, double b) {

	/** The log-likelihood of one customer's (x, t_x, T); the form of equation (6), kept in logs for large x. */
	double logLikelihood(int x, double tx, double T) {
		double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
				+ Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
		double survived = -(r + x) * Math.log(alpha + T);
		if (x == 0) {
			return common + survived;
		}
		double droppedAfterLast = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
		return common + logSum(survived, droppedAfterLast);
	}

	double logLikelihood(PurchaseSummary c) {
		return logLikelihood(c.x(), c.tx(), c.T());
	}

	/** P(alive | x, t_x, T): 1 for a customer who never bought again (the model lets one drop out only after a purchase). */
	public double probabilityAlive(int x, double tx, double T) {
		if (x == 0) {
			return 1;
		}
		return 1 / (1 + a / (b + x - 1) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
	}

	/**
	 * The probability that a customer with history (x, t_x, T) makes no purchase in the next {@code t} weeks: it has
	 * dropped out, or it is alive and its Poisson process, with its rate's posterior Gamma(r + x, α + T), stays
	 * silent — (1 − P(alive)) + P(alive) · ((α + T) / (α + T + t))^(r + x).
	 */
	public double probabilityNoPurchase(double t, int x, double tx, double T) {
		double alive = probabilityAlive(x, tx, T);
		return 1 - alive + alive * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
	}

	/** Expected purchases in the next {@code t} weeks of a customer with history (x, t_x, T): equation (10). */
	public double expectedPurchases(double t, int x, double tx, double T) {
		if (t == 0) {
			return 0;
		}
		double z = t / (alpha + T + t);
		double hyper = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
		double numerator = (a + b + x - 1) / (a - 1)
				* (1 - Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t))) * hyper);
		double denominator = x == 0 ? 1
				: 1 + a / (b + x - 1) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
		return numerator / denominator;
	}

	/** Expected purchases of a new customer in its first {@code t} weeks: equation (9). */
	public double expectedPurchasesOfNewCustomer(double t) {
		double hyper = Hypergeometric.f21(r, b, a + b - 1, t / (alpha + t));
		return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hyper);
	}

	private static double logSum(double u, double v) {
		double max = Math.max(u, v);
		return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
	}

}
