package io.membergraph.customer;

import java.util.Arrays;
import java.util.List;

import io.membergraph.commerce.MemberPurchases.PaidOrder;

/** Where a customer is in its life with the brand on a day. */
public enum LifecycleStage {

	/** Only ever the "from" stage of a member who registered between two days compared. */
	NOT_JOINED, PROSPECT, NEW, ACTIVE, AT_RISK, LAPSED, CHURNED;

	/** The customer's stage as of the window's day, or NOT_JOINED before it registered. */
	public static LifecycleStage of(CustomerHistory customer, HistoryWindow window, LifecycleThresholds thresholds) {
		if (!customer.joinedAt().isBefore(window.end())) {
			return NOT_JOINED;
		}
		// Every member on every run: days as numbers, straight from the orders (oldest first).
		List<PaidOrder> orders = customer.ordersCounting(window.allTime());
		if (orders.isEmpty()) {
			return PROSPECT;
		}
		long asOf = window.asOf().toEpochDay();
		if (asOf - window.epochDayOf(orders.get(0).placedAt()) < thresholds.newDays()) {
			return NEW;
		}
		long recency = asOf - window.epochDayOf(orders.get(orders.size() - 1).placedAt());
		if (thresholds.rhythm() && orders.size() >= 3) {
			long[] days = distinctDays(orders, window);
			if (days.length >= 3) {
				double interval = medianInterval(days);
				return recency <= thresholds.activeFactor() * interval ? ACTIVE
						: recency <= thresholds.atRiskFactor() * interval ? AT_RISK
								: recency <= thresholds.lapsedFactor() * interval ? LAPSED : CHURNED;
			}
		}
		return recency <= thresholds.activeDays() ? ACTIVE
				: recency <= thresholds.atRiskDays() ? AT_RISK : recency <= thresholds.lapsedDays() ? LAPSED : CHURNED;
	}

	/** The days the orders were placed on, each once, in order. */
	private static long[] distinctDays(List<PaidOrder> orders, HistoryWindow window) {
		long[] days = new long[orders.size()];
		int distinct = 0;
		for (PaidOrder order : orders) {
			long day = window.epochDayOf(order.placedAt());
			if (distinct == 0 || days[distinct - 1] != day) {
				days[distinct++] = day;
			}
		}
		return Arrays.copyOf(days, distinct);
	}

	/** The median number of days between consecutive purchase days. */
	private static double medianInterval(long[] days) {
		long[] gaps = new long[days.length - 1];
		for (int i = 1; i < days.length; i++) {
			gaps[i - 1] = days[i] - days[i - 1];
		}
		Arrays.sort(gaps);
		int middle = gaps.length / 2;
		return gaps.length % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2.0;
	}

}
