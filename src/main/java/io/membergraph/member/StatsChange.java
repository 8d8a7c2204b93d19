package io.membergraph.member;

import java.time.Instant;

import io.membergraph.shared.Money;

/**
 * What one business event (a paid order, a refund) does to a member's stats.
 *
 * @param orderPlacedAt the placement time of a newly counted order, or null when no order is added
 */
public record StatsChange(int orders, int fullyRefundedOrders, Money grossSpend, Money refundAmount, int refunds,
		Instant orderPlacedAt) {

	public static StatsChange paidOrder(Money paidAmount, Instant placedAt) {
		return new StatsChange(1, 0, paidAmount, Money.ZERO, 0, placedAt);
	}

	public static StatsChange refund(Money amount, boolean completesFullRefund) {
		return new StatsChange(0, completesFullRefund ? 1 : 0, Money.ZERO, amount, 1, null);
	}

}
