package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.shared.Channel;

/**
 * One member as the analyses see it: facts without personal data, and the member's paid orders in brief,
 * oldest first.
 */
record MemberHistory(String memberId, Instant joinedAt, Channel joinChannel, String tierCode, String province,
		String city, List<PaidOrder> orders) {

	/** The paid orders that count in the scope (placed in its window, not refunded in full by the as-of day), oldest first. */
	List<PaidOrder> ordersCounting(AnalysisScope scope) {
		Instant start = scope.start();
		Instant end = scope.end();
		List<PaidOrder> counting = new ArrayList<>();
		// Analyses call this for every member on every run: plain loops, and the orders are oldest first.
		for (PaidOrder order : orders) {
			if (!order.placedAt().isBefore(end)) {
				break;
			}
			if ((start == null || !order.placedAt().isBefore(start)) && order.countsAt(end)) {
				counting.add(order);
			}
		}
		return counting;
	}

	/**
	 * How many orders count in the scope, their spend net of refunds made by the as-of day (minor units) and the
	 * day of the last one (days since 1970-01-01): what RFM, the value matrix and the member base read of every
	 * member, worked out without an object per order. Zero orders and no day for a member without one.
	 */
	record CountedTotals(int orders, long netSpendMinor, long lastEpochDay) {

		static final CountedTotals NONE = new CountedTotals(0, 0, Long.MIN_VALUE);

	}

	CountedTotals countedTotals(AnalysisScope scope) {
		Instant start = scope.start();
		Instant end = scope.end();
		int count = 0;
		long spend = 0;
		Instant last = null;
		for (PaidOrder order : orders) {
			if (!order.placedAt().isBefore(end)) {
				break;
			}
			if ((start == null || !order.placedAt().isBefore(start)) && order.countsAt(end)) {
				count++;
				spend = Math.addExact(spend, Math.subtractExact(order.paidAmount().minorUnits(),
						order.refundedBefore(end).minorUnits()));
				last = order.placedAt();
			}
		}
		return count == 0 ? CountedTotals.NONE : new CountedTotals(count, spend, scope.epochDayOf(last));
	}

	/** The day the member first bought (all time, up to the as-of day), or null for one who never did. */
	LocalDate firstOrderDay(AnalysisScope scope) {
		Instant end = scope.end();
		for (PaidOrder order : orders) {
			if (!order.placedAt().isBefore(end)) {
				return null;
			}
			if (order.countsAt(end)) {
				return scope.dayOf(order.placedAt());
			}
		}
		return null;
	}

	/** The month of {@link #firstOrderDay}, or null. */
	YearMonth firstOrderMonth(AnalysisScope scope) {
		LocalDate day = firstOrderDay(scope);
		return day == null ? null : YearMonth.from(day);
	}

	YearMonth joinMonth(ZoneId zone) {
		return YearMonth.from(joinedAt.atZone(zone));
	}

}
