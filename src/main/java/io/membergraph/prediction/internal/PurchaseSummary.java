package io.membergraph.prediction.internal;

/**
 * One customer's purchase history as the models read it, in weeks, with same-day purchases merged.
 *
 * @param x repeat purchase days: purchase days after the first
 * @param tx weeks from the first purchase to the last
 * @param T weeks from the first purchase to the end of the calibration period
 * @param monetary mean spend of the repeat purchase days (the first excluded), 0 without repeats
 */
public record PurchaseSummary(String customerId, int x, double tx, double T, double monetary) {

	public PurchaseSummary {
		if (x < 0 || tx < 0 || T < tx) {
			throw new IllegalArgumentException("a summary needs x >= 0 and 0 <= t_x <= T: " + x + ", " + tx + ", " + T);
		}
	}

}
