package io.membergraph.commerce;

import java.time.Instant;
import java.util.stream.Stream;

import io.membergraph.shared.ChangeStampedView;
import io.membergraph.shared.ChangeStampedViews;
import org.springframework.stereotype.Service;

/**
 * The orders for analyses whose definitions need order-level facts (cycle times, stores, sales associates,
 * lines, guests' orders) that no rollup keeps. Kept in memory without their bookkeeping fields and refreshed
 * from the orders written since the previous read, so a report over a year of orders does not read a year of
 * orders every time.
 */
@Service
public class OrderFacts {

	private static final String[] FACTS = { "orderNumber", "channel", "memberId", "storeId", "salesAssociate",
			"status", "placedAt", "paidAt", "shippedAt", "deliveredAt", "completedAt", "cancelledAt", "lines",
			"discount", "paidAmount", "couponCode", "campaignId", "refunds", "refundedAmount", "recordedAt",
			"changedAt" };

	private final ChangeStampedView<Order, Order> orders;

	OrderFacts(ChangeStampedViews views) {
		this.orders = views.of(Order.class, "changedAt", FACTS, Order::id, order -> order);
	}

	/** The orders placed in [{@code start}, {@code end}), without bookkeeping fields; {@code start} may be null. */
	public Stream<Order> placedBetween(Instant start, Instant end) {
		return orders.current()
			.values()
			.stream()
			.filter(o -> (start == null || !o.placedAt().isBefore(start)) && o.placedAt().isBefore(end));
	}

}
