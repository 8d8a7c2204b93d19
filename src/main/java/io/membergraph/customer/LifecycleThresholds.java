package io.membergraph.customer;

import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;

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

	/** Multiples of a customer's own interval between purchases: a hundred is already a customer long gone. */
	static final double MAX_FACTOR = 100;

	public LifecycleThresholds {
		InvalidInputException.between("newDays", newDays, newDays, 0, TimeBounds.MAX_DAYS_BACK);
		InvalidInputException.between("activeDays", activeDays, activeDays, 0, TimeBounds.MAX_DAYS_BACK);
		if (!(activeDays < atRiskDays && atRiskDays < lapsedDays)) {
			throw new InvalidInputException("activeDays", "must be below atRiskDays, and atRiskDays below lapsedDays");
		}
		InvalidInputException.between("lapsedDays", lapsedDays, lapsedDays, 1, TimeBounds.MAX_DAYS_BACK);
		if (!(activeFactor > 0 && activeFactor < atRiskFactor && atRiskFactor < lapsedFactor)) {
			throw new InvalidInputException("activeFactor",
					"must be above 0 and below atRiskFactor, and atRiskFactor below lapsedFactor");
		}
		InvalidInputException.within("lapsedFactor", lapsedFactor, 0, MAX_FACTOR);
	}

}
