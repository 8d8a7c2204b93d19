package io.membergraph.member;

import java.time.Instant;

import io.membergraph.shared.Money;

/**
 * A member's running purchase figures, kept on the member document at write time so profiles and
 * analytics never rescan orders. An order counts once it is paid; refunds reduce spend.
 *
 * @param orderCount paid orders
 * @param fullyRefundedOrderCount paid orders refunded in full
 * @param grossSpend sum of paid amounts
 * @param refundAmount sum of refunds
 * @param refundCount number of refunds
 * @param firstOrderAt when the first paid order was placed
 * @param lastOrderAt when the latest paid order was placed
 */
public record MemberStats(int orderCount, int fullyRefundedOrderCount, Money grossSpend, Money refundAmount,
		int refundCount, Instant firstOrderAt, Instant lastOrderAt) {

	public static final MemberStats NONE = new MemberStats(0, 0, Money.ZERO, Money.ZERO, 0, null, null);

	/** Paid amounts less refunds. */
	public Money totalSpend() {
		return grossSpend.minus(refundAmount);
	}

	/** Net spend per order that was not refunded in full; zero before the first such order. */
	public Money averageOrderValue() {
		return totalSpend().dividedBy(Math.max(0, orderCount - fullyRefundedOrderCount));
	}

	/** The stats after a change, as the atomic update in the store computes them. */
	public MemberStats plus(StatsChange change) {
		Instant first = change.firstOrderAt() == null ? firstOrderAt : earliest(firstOrderAt, change.firstOrderAt());
		Instant last = change.lastOrderAt() == null ? lastOrderAt : latest(lastOrderAt, change.lastOrderAt());
		return new MemberStats(orderCount + change.orders(), fullyRefundedOrderCount + change.fullyRefundedOrders(),
				grossSpend.plus(change.grossSpend()), refundAmount.plus(change.refundAmount()),
				refundCount + change.refunds(), first, last);
	}

	private static Instant earliest(Instant a, Instant b) {
		return a == null || b.isBefore(a) ? b : a;
	}

	private static Instant latest(Instant a, Instant b) {
		return a == null || b.isAfter(a) ? b : a;
	}

}
