package io.membergraph.customer;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.TimeOrdered;
import org.springframework.stereotype.Service;

/**
 * The orders for analyses whose definitions need order-level facts (cycle times, stores, sales associates,
 * lines, guests' orders) that no rollup keeps. Kept in memory without their bookkeeping fields and refreshed
 * from the orders written since the previous read, so a report over a year of orders does not read a year of
 * orders every time; kept in time order too, so a report over a month looks at that month's orders only.
 */
@Service
public class OrderFacts implements WarmUp {

	private static final String[] FACTS = { "orderNumber", "channel", "memberId", "storeId", "salesAssociate",
			"status", "placedAt", "paidAt", "shippedAt", "deliveredAt", "completedAt", "cancelledAt", "lines",
			"discount", "paidAmount", "couponCode", "campaignId", "refunds", "refundedAmount", "currency", "kind",
			"returns", "attachedTo" };

	private static final Comparator<Order> BY_PLACEMENT = Comparator.comparing(Order::placedAt).thenComparing(Order::id);

	private final TimeOrdered<Order> orders;

	private final Map<Object, Object> sharedValues = new ConcurrentHashMap<>();

	OrderFacts(ChangeStampedViews views) {
		this.orders = new TimeOrdered<>(views.of(Order.class, "changedAt", FACTS, Order::id, this::compact), BY_PLACEMENT,
				order -> order.placedAt().toEpochMilli(), Order[]::new);
	}

	/**
	 * The sales placed in [{@code start}, {@code end}), without bookkeeping fields, oldest first; {@code start} may
	 * be null. Credit notes are not sales: see {@link #creditsBetween}.
	 */
	public Stream<Order> placedBetween(Instant start, Instant end) {
		return orders.current().between(start, end).filter(o -> !o.isCreditNote());
	}

	/** The credit notes given in [{@code start}, {@code end}) that count on their own (not moved onto their order). */
	public Stream<Order> creditsBetween(Instant start, Instant end) {
		return orders.current().between(start, end).filter(Order::isStandAloneCredit);
	}

	@Override
	public void warm() {
		orders.current();
	}

	/**
	 * The order as the view keeps it, without what no analysis reads (when it was recorded and written): one copy
	 * of each member id, store, SKU, category, campaign, price and amount, which a million orders name over and
	 * over while every read decodes a fresh object; a payment at the moment of placing shares its time.
	 */
	private Order compact(Order order) {
		List<OrderLine> lines = order.lines() == null ? null : order.lines().stream()
			.map(line -> new OrderLine(shared(line.sku()), shared(line.category()), line.quantity(),
					shared(line.unitPrice()), shared(line.amount())))
			.toList();
		Instant paidAt = java.util.Objects.equals(order.placedAt(), order.paidAt()) ? order.placedAt() : order.paidAt();
		return new Order(order.id(), order.orderNumber(), order.channel(), shared(order.memberId()),
				shared(order.storeId()), shared(order.salesAssociate()), order.status(), order.placedAt(), paidAt,
				order.shippedAt(), order.deliveredAt(), order.completedAt(), order.cancelledAt(), lines,
				shared(order.discount()), shared(order.paidAmount()), shared(order.couponCode()),
				shared(order.campaignId()), order.refunds().isEmpty() ? List.of() : order.refunds(),
				shared(order.refundedAmount()), null, null, null, null, shared(order.currency()), order.kind(),
				order.returns(), order.attachedTo());
	}

	@SuppressWarnings("unchecked")
	private <T> T shared(T value) {
		return value == null ? null : (T) sharedValues.computeIfAbsent(value, v -> v);
	}

}
