package io.membergraph.member;

import java.time.Instant;

import io.membergraph.shared.Money;

/**
 * What one business event (a paid order, a refund) does to a member's stats.
 *
 * @param firstOrderAt the earliest placement time among the orders the change adds, or null when it adds none
 * @param lastOrderAt the latest such placement time
 */
public record StatsChange(int orders, int fullyRefundedOrders, Money grossSpend, Money refundAmount, int refunds,
		Instant firstOrderAt, Instant lastOrderAt) {

	public static StatsChange paidOrder(Money paidAmount, Instant placedAt) {
		return new StatsChange(1, 0, paidAmount, Money.ZERO, 0, placedAt, placedAt);
	}

	public static StatsChange refund(Money amount, boolean completesFullRefund) {
		return new StatsChange(0, completesFullRefund ? 1 : 0, Money.ZERO, amount, 1, null, null);
	}

	/** Adds another member's whole stats, as a merge moves its orders over. */
	static StatsChange transferOf(MemberStats stats) {
		return new StatsChange(stats.orderCount(), stats.fullyRefundedOrderCount(), stats.grossSpend(),
				stats.refundAmount(), stats.refundCount(), stats.firstOrderAt(), stats.lastOrderAt());
	}

}
