package io.membergraph.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.membergraph.commerce.Order;
import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.MembersByCode;
import io.membergraph.customer.internal.OrderColumns;
import io.membergraph.customer.internal.TimeColumns;
import io.membergraph.shared.SettingOutOfBounds;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.ValueDictionary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The orders for analyses whose definitions need order-level facts (cycle times, stores, sales associates,
 * lines, guests' orders) that no rollup keeps. Kept in memory in order of placing, in columns
 * ({@link OrderColumns}) with what was written since laid over them ({@link ColumnView}), refreshed from the orders
 * written since the previous read: a report over a year of orders does not read a year of orders every time, and a
 * report over a month looks at that month's rows only.
 */
@Service
public class OrderFacts implements WarmUp {

	static final String[] FACTS = { "orderNumber", "channel", "memberId", "storeId", "salesAssociate",
			"status", "placedAt", "paidAt", "shippedAt", "deliveredAt", "completedAt", "cancelledAt", "lines",
			"discount", "paidAmount", "couponCode", "campaignId", "refunds", "refundedAmount", "currency", "kind",
			"returns", "attachedTo", "changedAt" };

	/** Orders as the view keeps them: by when they were placed, without identity and bookkeeping. */
	static final ColumnView.Kind<Order, Order, OrderColumns> KIND = new ColumnView.Kind<>() {

		@Override
		public Order recordOf(Order order) {
			return withoutBookkeeping(order);
		}

		@Override
		public String idOf(Order order) {
			return order.id();
		}

		@Override
		public Instant changedAtOf(Order order) {
			return order.changedAt();
		}

		@Override
		public long millisOf(Order order) {
			return order.placedAt() == null ? Long.MIN_VALUE : order.placedAt().toEpochMilli();
		}

		@Override
		public OrderColumns.Builder builder(int expected, ValueDictionary dictionary) {
			return new OrderColumns.Builder(expected, dictionary);
		}

	};

	/** Every member's orders and guests' alike. */
	private static final Predicate<String> ANYONE = member -> true;

	static final ColumnView.Wanted<Order, OrderColumns> CREDIT_NOTES = new ColumnView.Wanted<>() {

		@Override
		public boolean row(OrderColumns columns, Object[] values, int row) {
			return columns.isCreditNote(row);
		}

		@Override
		public boolean record(Order order) {
			return order.isCreditNote();
		}

	};

	private final ColumnView<Order, Order, OrderColumns> orders;

	OrderFacts(ChangeStampedViews views, @Value("${membergraph.views.orders-fold-at:50000}") int foldAt) {
		if (foldAt < 1) {
			throw new SettingOutOfBounds("membergraph.views.orders-fold-at", "at least 1", foldAt);
		}
		this.orders = new ColumnView<>(views.feed(Order.class, "changedAt", FACTS), KIND, foldAt);
	}

	/**
	 * The sales placed in [{@code start}, {@code end}), without identity and bookkeeping, oldest first; {@code start}
	 * may be null. Credit notes are not sales: see {@link #creditsBetween}.
	 */
	public Stream<Order> placedBetween(Instant start, Instant end) {
		return placedBetween(start, end, ANYONE);
	}

	/**
	 * {@link #placedBetween(Instant, Instant)} of the members {@code members} accepts (null for a guest), judged
	 * before the rest of an order is read: a report on a few members does not decode everyone's orders.
	 */
	public Stream<Order> placedBetween(Instant start, Instant end, Predicate<String> members) {
		return between(start, end, sales(members)).stream();
	}

	/**
	 * The sales of {@link #placedBetween(Instant, Instant, Predicate)} (everyone's when {@code members} is null)
	 * handed to {@code each} one at a time, oldest first, which answers whether it takes the sale; answers the
	 * distinct members of the sales taken (a guest is none), counted by their codes in the columns.
	 */
	public DistinctMembers placedBetween(Instant start, Instant end, Predicate<String> members, Predicate<Order> each) {
		ColumnView.Snapshot<Order, OrderColumns> snapshot = orders.current();
		DistinctMembers buyers = new DistinctMembers();
		snapshot.forEach(start == null ? Long.MIN_VALUE : TimeColumns.millis(start), TimeColumns.millis(end),
				sales(members == null ? ANYONE : members),
				OrderColumns::memberCode, (order, code) -> {
					if (each.test(order)) {
						buyers.add(order.memberId(), code, snapshot.values());
					}
				});
		return buyers;
	}

	/** The sales of the members {@code members} accepts; one instance for one pass over the rows. */
	static ColumnView.Wanted<Order, OrderColumns> sales(Predicate<String> members) {
		return new ColumnView.Wanted<>() {

			private final MembersByCode accepted = members == ANYONE ? null : new MembersByCode(members);

			@Override
			public boolean row(OrderColumns columns, Object[] values, int row) {
				return columns.isSale(row) && (accepted == null || accepted.accepts(values, columns.memberCode(row)));
			}

			@Override
			public boolean record(Order order) {
				return !order.isCreditNote() && members.test(order.memberId());
			}

		};
	}

	/** The credit notes given in [{@code start}, {@code end}) that count on their own (not moved onto their order). */
	public Stream<Order> creditsBetween(Instant start, Instant end) {
		return between(start, end, CREDIT_NOTES).stream().filter(Order::isStandAloneCredit);
	}

	private List<Order> between(Instant start, Instant end, ColumnView.Wanted<Order, OrderColumns> wanted) {
		List<Order> found = new ArrayList<>();
		orders.current().forEach(start == null ? Long.MIN_VALUE : TimeColumns.millis(start), TimeColumns.millis(end), wanted,
				found::add);
		return found;
	}

	@Override
	public void warm() {
		orders.current();
	}

	/** The order as analyses read it: what it is, not how it was written or what it is called. */
	static Order withoutBookkeeping(Order order) {
		return new Order(null, null, order.channel(), order.memberId(), order.storeId(), order.salesAssociate(),
				order.status(), order.placedAt(), order.paidAt(), order.shippedAt(), order.deliveredAt(),
				order.completedAt(), order.cancelledAt(), order.lines(), order.discount(), order.paidAmount(),
				order.couponCode(), order.campaignId(), order.refunds(), order.refundedAmount(), null, null, null, null,
				order.currency(), order.kind(), order.returns(), order.attachedTo());
	}

}
