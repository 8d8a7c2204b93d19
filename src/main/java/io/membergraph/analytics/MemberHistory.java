package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;

/**
 * One member as the analyses see it: facts without personal data, and the member's paid orders in brief,
 * oldest first.
 */
record MemberHistory(String memberId, Instant joinedAt, Channel joinChannel, String tierCode, String province,
		String city, List<PaidOrder> orders) {

	/** An order that counts in the scope: placed in the window, paid, not refunded in full by the as-of day. */
	record CountedOrder(LocalDate day, Money netSpend) {
	}

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

	/** The orders that count in the scope, oldest first, with their spend net of refunds made by the as-of day. */
	List<CountedOrder> countedOrders(AnalysisScope scope) {
		Instant end = scope.end();
		List<PaidOrder> counting = ordersCounting(scope);
		List<CountedOrder> counted = new ArrayList<>(counting.size());
		for (PaidOrder order : counting) {
			counted.add(new CountedOrder(scope.dayOf(order.placedAt()), order.paidAmount().minus(order.refundedBefore(end))));
		}
		return counted;
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
