package io.membergraph.customer;

import io.membergraph.shared.InvalidInputException;

/**
 * When a customer counts as new, active, at risk, lapsed or churned: thresholds in days since the last counted
 * order, or, with {@code rhythm}, in multiples of the customer's own median interval between purchase days for
 * customers with at least three of them.
 *
 * @param newDays a customer whose first counted order is at most this many days old is NEW
 */
public record LifecycleThresholds(int newDays, int activeDays, int atRiskDays, int lapsedDays, boolean rhythm,
		double activeFactor, double atRiskFactor, double lapsedFactor) {

	public static final LifecycleThresholds DEFAULT = new LifecycleThresholds(30, 90, 180, 365, false, 1.5, 3, 6);

	public LifecycleThresholds {
		if (newDays < 0) {
			throw new InvalidInputException("newDays", "must not be negative");
		}
		if (!(activeDays < atRiskDays && atRiskDays < lapsedDays) || activeDays < 0) {
			throw new InvalidInputException("activeDays", "activeDays < atRiskDays < lapsedDays is required");
		}
		if (!(activeFactor > 0 && activeFactor < atRiskFactor && atRiskFactor < lapsedFactor)) {
			throw new InvalidInputException("activeFactor", "0 < activeFactor < atRiskFactor < lapsedFactor is required");
		}
	}

}
