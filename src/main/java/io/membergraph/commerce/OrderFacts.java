package io.membergraph.commerce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
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

	private final ChangeStampedView<Order, Order> orders;

	private final Map<Object, Object> sharedValues = new ConcurrentHashMap<>();

	/** The view {@link #byTime} was ordered from: a new map means something changed since. */
	private Map<String, Order> orderedFrom;

	private Order[] byTime = new Order[0];

	/** Each order's placement time in epoch milliseconds, in the order of {@link #byTime}, for a binary search. */
	private long[] times = new long[0];

	OrderFacts(ChangeStampedViews views) {
		this.orders = views.of(Order.class, "changedAt", FACTS, Order::id, this::compact);
	}

	/**
	 * The sales placed in [{@code start}, {@code end}), without bookkeeping fields, oldest first; {@code start} may
	 * be null. Credit notes are not sales: see {@link #creditsBetween}.
	 */
	public Stream<Order> placedBetween(Instant start, Instant end) {
		return between(start, end).filter(o -> !o.isCreditNote());
	}

	/** The credit notes given in [{@code start}, {@code end}) that count on their own (not moved onto their order). */
	public Stream<Order> creditsBetween(Instant start, Instant end) {
		return between(start, end).filter(Order::isStandAloneCredit);
	}

	@Override
	public synchronized void warm() {
		refresh();
	}

	private Stream<Order> between(Instant start, Instant end) {
		Order[] ordered;
		long[] at;
		synchronized (this) {
			refresh();
			ordered = byTime;
			at = times;
		}
		int from = start == null ? 0 : firstAtOrAfter(at, start.toEpochMilli());
		int to = firstAtOrAfter(at, end.toEpochMilli());
		return Arrays.stream(ordered, from, Math.max(from, to));
	}

	/**
	 * Brings the time order up to the view: the orders a refresh changed are taken out and put back in their place
	 * (a merge of the few with the many), or, when the view was loaded whole or this reader missed a refresh, all
	 * are sorted again.
	 */
	private void refresh() {
		Map<String, Order> current = orders.current();
		if (current == orderedFrom) {
			return;
		}
		Map<String, Order> changes = orders.changes(orderedFrom, current);
		Order[] ordered = changes == null ? sorted(current) : patched(byTime, orderedFrom, changes);
		long[] at = new long[ordered.length];
		for (int i = 0; i < ordered.length; i++) {
			at[i] = ordered[i].placedAt().toEpochMilli();
		}
		byTime = ordered;
		times = at;
		orderedFrom = current;
	}

	private static Order[] sorted(Map<String, Order> orders) {
		Order[] ordered = orders.values().toArray(Order[]::new);
		Arrays.parallelSort(ordered, BY_PLACEMENT);
		return ordered;
	}

	/** The ordered orders without the changed ones' former versions, merged with their new ones. */
	private static Order[] patched(Order[] ordered, Map<String, Order> before, Map<String, Order> changes) {
		Set<Order> replaced = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
		List<Order> added = new ArrayList<>();
		changes.forEach((id, order) -> {
			Order former = before.get(id);
			if (former != null) {
				replaced.add(former);
			}
			if (order != null) {
				added.add(order);
			}
		});
		added.sort(BY_PLACEMENT);
		Order[] merged = new Order[ordered.length - replaced.size() + added.size()];
		int next = 0;
		int add = 0;
		for (Order order : ordered) {
			if (replaced.contains(order)) {
				continue;
			}
			while (add < added.size() && BY_PLACEMENT.compare(added.get(add), order) < 0) {
				merged[next++] = added.get(add++);
			}
			merged[next++] = order;
		}
		while (add < added.size()) {
			merged[next++] = added.get(add++);
		}
		return merged;
	}

	private static int firstAtOrAfter(long[] times, long millis) {
		int low = 0;
		int high = times.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (times[mid] < millis) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
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
