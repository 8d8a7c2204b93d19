package io.membergraph.commerce.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.Month;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.MemberPurchases.ProductPurchases;
import io.membergraph.commerce.MemberPurchases.RefundAt;
import io.membergraph.commerce.MemberPurchases;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.Money;

/**
 * Adds up one member's orders into its {@link MemberPurchases}, order by order, so the same arithmetic
 * serves the recomputation after a change and the rebuild that streams every order once.
 */
public final class PurchaseHistory {

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	private final ZoneId zone;

	private final Map<String, MonthSums> months = new TreeMap<>();

	private final Map<String, ProductSums> products = new TreeMap<>();

	private final List<PaidOrder> orders = new ArrayList<>();

	public PurchaseHistory(ZoneId zone) {
		this.zone = zone;
	}

	/** A history that goes on from a stored rollup: adding an order then equals rebuilding with it. */
	public static PurchaseHistory from(MemberPurchases rollup, ZoneId zone) {
		PurchaseHistory history = new PurchaseHistory(zone);
		rollup.months().forEach(m -> {
			MonthSums sums = history.months.computeIfAbsent(m.month(), k -> new MonthSums());
			sums.orders = m.orders();
			sums.gross = m.grossSpend();
			sums.refunds = m.refundAmount();
		});
		rollup.products().forEach(p -> {
			ProductSums sums = history.products.computeIfAbsent(p.sku(), k -> new ProductSums(p.category()));
			sums.orders = p.orders();
			sums.quantity = p.quantity();
			sums.spend = p.spend();
			sums.days.addAll(p.days());
		});
		history.orders.addAll(rollup.orders());
		return history;
	}

	/** Whether the order is in the history already. */
	public boolean holds(String orderId) {
		return orders.stream().anyMatch(o -> o.orderId().equals(orderId));
	}

	public void add(Order order) {
		if (order.isCreditNote()) {
			// Money given back with no order of ours: a refund of the month it was given, while it stands alone.
			if (order.isStandAloneCredit()) {
				MonthSums sums = months.computeIfAbsent(order.placedAt().atZone(zone).format(MONTH), m -> new MonthSums());
				sums.refunds = sums.refunds.plus(order.refundedAmount());
			}
			return;
		}
		if (order.paidAt() == null || order.cancelledAt() != null) {
			return;
		}
		Money refunded = order.refunds().stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
		orders.add(new PaidOrder(order.id(), order.placedAt(), order.channel(), order.storeId(), order.paidAmount(),
				order.refunds().stream().map(r -> new RefundAt(r.refundedAt(), r.amount())).toList(),
				order.lines() == null ? List.of()
						: order.lines().stream().map(l -> new Item(l.sku(), l.category())).distinct().toList()));
		boolean counts = refunded.compareTo(order.paidAmount()) < 0 || order.paidAmount().equals(Money.ZERO);
		String month = order.placedAt().atZone(zone).format(MONTH);
		MonthSums sums = months.computeIfAbsent(month, m -> new MonthSums());
		sums.orders += counts ? 1 : 0;
		sums.gross = sums.gross.plus(order.paidAmount());
		sums.refunds = sums.refunds.plus(refunded);
		if (!counts || order.lines() == null) {
			return;
		}
		String day = order.placedAt().atZone(zone).toLocalDate().toString();
		List<Money> shares = shares(order);
		Map<String, Integer> returned = returnedUnits(order);
		Map<String, ProductSums> inThisOrder = new TreeMap<>();
		for (int i = 0; i < order.lines().size(); i++) {
			OrderLine line = order.lines().get(i);
			ProductSums product = products.computeIfAbsent(line.sku(), s -> new ProductSums(line.category()));
			inThisOrder.put(line.sku(), product);
			product.quantity += line.quantity();
			product.bought += line.quantity();
			product.spend = product.spend.plus(shares.get(i));
		}
		inThisOrder.forEach((sku, product) -> {
			product.orders++;
			product.days.add(day);
			product.quantity -= Math.min(returned.getOrDefault(sku, 0), product.bought);
			product.bought = 0;
		});
	}

	public MemberPurchases build(String memberId, long version, Instant changedAt) {
		List<Month> monthList = new ArrayList<>();
		months.forEach((month, s) -> monthList.add(new Month(month, s.orders, s.gross, s.refunds)));
		List<ProductPurchases> productList = new ArrayList<>();
		products.forEach((sku, p) -> productList.add(new ProductPurchases(sku, p.category, p.orders, p.quantity, p.spend,
				List.copyOf(p.days))));
		List<PaidOrder> byTime = orders.stream()
			.sorted(java.util.Comparator.comparing(PaidOrder::placedAt).thenComparing(PaidOrder::orderId))
			.toList();
		return new MemberPurchases(memberId, List.copyOf(monthList), List.copyOf(productList), byTime, version, changedAt);
	}

	/** Units given back by the order's refunds, by SKU. */
	private static Map<String, Integer> returnedUnits(Order order) {
		Map<String, Integer> units = new TreeMap<>();
		order.refunds().stream()
			.filter(r -> r.lines() != null)
			.flatMap(r -> r.lines().stream())
			.forEach(l -> units.merge(l.sku(), l.quantity(), Integer::sum));
		return units;
	}

	/**
	 * The paid amount split over the lines by line amount, in minor units; the last line takes the rounding
	 * remainder so the shares add up to the paid amount exactly.
	 */
	private static List<Money> shares(Order order) {
		long total = order.lines().stream().mapToLong(l -> l.amount().minorUnits()).sum();
		long paid = order.paidAmount().minorUnits();
		List<Money> shares = new ArrayList<>();
		long given = 0;
		for (int i = 0; i < order.lines().size(); i++) {
			long share = i == order.lines().size() - 1 ? paid - given
					: total == 0 ? 0 : Math.floorDiv(paid * order.lines().get(i).amount().minorUnits(), total);
			shares.add(new Money(share));
			given += share;
		}
		return shares;
	}

	private static final class MonthSums {

		int orders;

		Money gross = Money.ZERO;

		Money refunds = Money.ZERO;

	}

	private static final class ProductSums {

		final String category;

		final TreeSet<String> days = new TreeSet<>();

		int orders;

		int quantity;

		/** Units bought in the order being added, so its returns take back no more than it bought. */
		int bought;

		Money spend = Money.ZERO;

		ProductSums(String category) {
			this.category = category;
		}

	}

}
