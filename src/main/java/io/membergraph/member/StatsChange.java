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

	/** The change taken back: a credit note that moved onto its order stops counting on its own. */
	public StatsChange negated() {
		return new StatsChange(-orders, -fullyRefundedOrders, Money.ZERO.minus(grossSpend), Money.ZERO.minus(refundAmount),
				-refunds, null, null);
	}

	/** Both changes as one, as a batch applies a member's orders in one update. */
	public StatsChange plus(StatsChange other) {
		return new StatsChange(orders + other.orders, fullyRefundedOrders + other.fullyRefundedOrders,
				grossSpend.plus(other.grossSpend), refundAmount.plus(other.refundAmount), refunds + other.refunds,
				earliest(firstOrderAt, other.firstOrderAt), latest(lastOrderAt, other.lastOrderAt));
	}

	private static Instant earliest(Instant a, Instant b) {
		return a == null ? b : b == null || a.isBefore(b) ? a : b;
	}

	private static Instant latest(Instant a, Instant b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}

	/** Adds another member's whole stats, as a merge moves its orders over. */
	static StatsChange transferOf(MemberStats stats) {
		return new StatsChange(stats.orderCount(), stats.fullyRefundedOrderCount(), stats.grossSpend(),
				stats.refundAmount(), stats.refundCount(), stats.firstOrderAt(), stats.lastOrderAt());
	}

}
