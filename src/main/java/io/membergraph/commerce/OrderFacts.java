package io.membergraph.commerce;

import java.time.Instant;
import java.util.stream.Stream;

import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
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
			"changedAt", "currency", "kind", "returns", "attachedTo" };

	private final ChangeStampedView<Order, Order> orders;

	OrderFacts(ChangeStampedViews views) {
		this.orders = views.of(Order.class, "changedAt", FACTS, Order::id, order -> order);
	}

	/**
	 * The sales placed in [{@code start}, {@code end}), without bookkeeping fields; {@code start} may be null.
	 * Credit notes are not sales: see {@link #creditsBetween}.
	 */
	public Stream<Order> placedBetween(Instant start, Instant end) {
		return between(start, end).filter(o -> !o.isCreditNote());
	}

	/** The credit notes given in [{@code start}, {@code end}) that count on their own (not moved onto their order). */
	public Stream<Order> creditsBetween(Instant start, Instant end) {
		return between(start, end).filter(Order::isStandAloneCredit);
	}

	private Stream<Order> between(Instant start, Instant end) {
		return orders.current()
			.values()
			.stream()
			.filter(o -> (start == null || !o.placedAt().isBefore(start)) && o.placedAt().isBefore(end));
	}

}
