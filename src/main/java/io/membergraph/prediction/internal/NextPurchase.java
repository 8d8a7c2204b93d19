package io.membergraph.prediction.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When a member is expected to buy next. With three or more repeat purchase days the member's own rhythm is the
 * better guide: its median interval after its last purchase. Otherwise the model's: the day by which one purchase is
 * expected (E[Y(t)] = 1), if that comes within a year.
 */
public final class NextPurchase {

	static final int OWN_INTERVAL_FROM_REPEATS = 3;

	static final int MAX_DAYS = 365;

	private NextPurchase() {
	}

	public static LocalDate of(BgNbd model, PurchaseSummary customer, List<LocalDate> days, LocalDate today) {
		if (customer.x() >= OWN_INTERVAL_FROM_REPEATS) {
			List<Long> intervals = new ArrayList<>();
			for (int i = 1; i < days.size(); i++) {
				intervals.add(ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)));
			}
			Collections.sort(intervals);
			int middle = intervals.size() / 2;
			double median = intervals.size() % 2 == 1 ? intervals.get(middle)
					: (intervals.get(middle - 1) + intervals.get(middle)) / 2.0;
			return days.get(days.size() - 1).plusDays(Math.round(median));
		}
		if (expectedWithin(model, customer, MAX_DAYS) < 1) {
			return null;
		}
		int low = 0;
		int high = MAX_DAYS;
		while (high - low > 1) {
			int mid = (low + high) / 2;
			if (expectedWithin(model, customer, mid) >= 1) {
				high = mid;
			}
			else {
				low = mid;
			}
		}
		return today.plusDays(high);
	}

	private static double expectedWithin(BgNbd model, PurchaseSummary customer, int days) {
		return model.expectedPurchases(days / 7.0, customer.x(), customer.tx(), customer.T());
	}

}
