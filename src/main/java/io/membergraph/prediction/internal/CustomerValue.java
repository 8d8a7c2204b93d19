package io.membergraph.prediction.internal;

/**
 * Lifetime value over a horizon: the purchases the transaction model expects month by month, times the spend the
 * spend model expects per purchase, discounted monthly.
 */
public final class CustomerValue {

	/** Weeks in an average month: the models count time in weeks, horizons are in months. */
	public static final double WEEKS_PER_MONTH = 52.0 / 12;

	private CustomerValue() {
	}

	/**
	 * CLV = Σ over months m = 1..horizon of (E[Y(m)] − E[Y(m − 1)]) · spend / (1 + discount)^m, where E[Y(m)] is
	 * the expected purchases in the next m months. With no discount this is E[Y(horizon)] · spend.
	 */
	public static double clv(BgNbd transactions, GammaGamma spend, PurchaseSummary customer, int horizonMonths,
			double monthlyDiscount) {
		double perPurchase = spend.expectedSpend(customer.x(), customer.monetary());
		double value = 0;
		double previous = 0;
		for (int month = 1; month <= horizonMonths; month++) {
			double expected = transactions.expectedPurchases(month * WEEKS_PER_MONTH, customer.x(), customer.tx(),
					customer.T());
			value += (expected - previous) * perPurchase / Math.pow(1 + monthlyDiscount, month);
			previous = expected;
		}
		return value;
	}

}
