package io.membergraph.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.shared.Channel;

/**
 * One live member as the read side sees it: facts without personal data, and the member's paid orders in brief,
 * oldest first.
 */
public record CustomerHistory(String memberId, Instant joinedAt, Channel joinChannel, String tierCode, String province,
		String city, List<PaidOrder> orders) {

	/** The paid orders that count in the window (placed in it, not refunded in full by the as-of day), oldest first. */
	public List<PaidOrder> ordersCounting(HistoryWindow window) {
		Instant start = window.start();
		Instant end = window.end();
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
	 * How many orders count in the window, their spend net of refunds made by the as-of day (minor units) and the
	 * day of the last one (days since 1970-01-01): what RFM, the value matrix and the member base read of every
	 * member, worked out without an object per order. Zero orders and no day for a member without one.
	 */
	public record CountedTotals(int orders, long netSpendMinor, long lastEpochDay) {

		static final CountedTotals NONE = new CountedTotals(0, 0, Long.MIN_VALUE);

	}

	public CountedTotals countedTotals(HistoryWindow window) {
		Instant start = window.start();
		Instant end = window.end();
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
		return count == 0 ? CountedTotals.NONE : new CountedTotals(count, spend, window.epochDayOf(last));
	}

	/** The day the member first bought (all time, up to the as-of day), or null for one who never did. */
	public LocalDate firstOrderDay(HistoryWindow window) {
		Instant end = window.end();
		for (PaidOrder order : orders) {
			if (!order.placedAt().isBefore(end)) {
				return null;
			}
			if (order.countsAt(end)) {
				return window.dayOf(order.placedAt());
			}
		}
		return null;
	}

	/** The month of {@link #firstOrderDay}, or null. */
	public YearMonth firstOrderMonth(HistoryWindow window) {
		LocalDate day = firstOrderDay(window);
		return day == null ? null : YearMonth.from(day);
	}

	public YearMonth joinMonth(ZoneId zone) {
		return YearMonth.from(joinedAt.atZone(zone));
	}

}
