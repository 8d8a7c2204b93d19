package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
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
		return orders.stream()
			.filter(o -> o.placedAt().isBefore(end) && (start == null || !o.placedAt().isBefore(start)))
			.filter(o -> o.countsAt(end))
			.toList();
	}

	/** The orders that count in the scope, oldest first, with their spend net of refunds made by the as-of day. */
	List<CountedOrder> countedOrders(AnalysisScope scope) {
		Instant end = scope.end();
		return ordersCounting(scope).stream()
			.map(o -> new CountedOrder(o.placedAt().atZone(scope.zone()).toLocalDate(),
					o.paidAmount().minus(o.refundedBefore(end))))
			.toList();
	}

	/** The day the member first bought (all time, up to the as-of day), or null for one who never did. */
	LocalDate firstOrderDay(AnalysisScope scope) {
		Instant end = scope.end();
		return orders.stream()
			.filter(o -> o.placedAt().isBefore(end) && o.countsAt(end))
			.findFirst()
			.map(o -> o.placedAt().atZone(scope.zone()).toLocalDate())
			.orElse(null);
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
