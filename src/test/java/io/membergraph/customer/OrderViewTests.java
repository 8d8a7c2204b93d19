package io.membergraph.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderKind;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Refund;
import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.OrderColumns;
import io.membergraph.customer.internal.TimeColumns;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.ValueDictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders in columns with the recent ones laid over them read exactly what the collection holds (less identity
 * and bookkeeping), in order of placing, read after read, as orders are added, refunded, moved to other members
 * and folded into the columns; orders the columns cannot hold exactly (times a fraction of a second off the
 * placing) read back whole; and one write does not rebuild the columns.
 */
class OrderViewTests extends ApplicationTest {

	private static final Instant FIRST = Instant.parse("2026-09-01T00:00:00Z");

	private final Random random = new Random(17);

	private MongoTemplate mongo;

	/** Orders written by this class's tests, which share the collection: their ids never repeat. */
	private static int written;

	@BeforeEach
	void store() {
		mongo = bean(MongoTemplate.class);
	}

	/**
	 * The orders written here are of no registered member and some have no lines: gone before the application's own
	 * views read them, so that other tests' figures never see them.
	 */
	@AfterEach
	void removeTheseOrders() {
		mongo.remove(Query.query(Criteria.where("orderNumber").regex("^ovt-")), Order.class);
	}

	@Test
	void readsWhatTheCollectionHoldsAfterAddsRefundsMovesAndFolds() {
		ColumnView<Order, Order, OrderColumns> view = view(40);
		insert(300);
		assertSameAsTheCollection(view.current(), "first load");
		boolean folded = false;
		for (int round = 0; round < 25; round++) {
			// Some rounds stay within the overlap (what was written is handed out again), others leave it.
			clock.advance(Duration.ofSeconds(round % 3 == 0 ? 20 : 2));
			insert(random.nextInt(30));
			if (round % 4 == 1) {
				String merged = "ovt-member-" + random.nextInt(20);
				mongo.updateMulti(Query.query(Criteria.where("memberId").is(merged)),
						Update.update("memberId", "ovt-member-" + (20 + round)).set("changedAt", now()), Order.class);
			}
			if (round % 4 == 2) {
				refundSome();
			}
			ColumnView.Snapshot<Order, OrderColumns> snapshot = view.current();
			folded |= snapshot.recent().size() < snapshot.size() && snapshot.columns().size > 300;
			assertSameAsTheCollection(snapshot, "round " + round);
			DistinctMembersChecks.assertCountedByCodeAsById(snapshot, Order::memberId, OrderColumns::memberCode, "round " + round);
		}
		assertThat(folded).as("recent orders were folded into the columns").isTrue();
	}

	@Test
	void aWriteLaysItsRowOverTheColumnsInsteadOfRebuildingThem() {
		ColumnView<Order, Order, OrderColumns> view = view(1_000_000);
		insert(50);
		clock.advance(Duration.ofMinutes(1));
		ColumnView.Snapshot<Order, OrderColumns> before = view.current();
		Order added = insertOne();

		ColumnView.Snapshot<Order, OrderColumns> after = view.current();

		assertThat(after.columns()).isSameAs(before.columns());
		assertThat(after.size()).isEqualTo(before.size() + 1);
		List<Order> at = new ArrayList<>();
		long millis = added.placedAt().toEpochMilli();
		after.forEach(millis, millis + 1, ColumnView.all(), at::add);
		assertThat(at).contains(OrderFacts.withoutBookkeeping(added));
	}

	@Test
	void ordersOfOneInstantKeepTheOrderTheyWereAddedInAndTheirOwnLines() {
		ValueDictionary values = new ValueDictionary();
		OrderColumns.Builder builder = new OrderColumns.Builder(2, values);
		Instant noon = Instant.parse("2026-11-01T04:00:00Z");
		builder.add(order(noon.plusSeconds(1), "late", 1), 1);
		builder.add(order(noon, "b", 2), 2);
		builder.add(order(noon, "a", 3), 3);
		builder.add(order(noon, "c", 0), 4);
		builder.add(order(noon.minusSeconds(1), "early", 2), 5);

		OrderColumns columns = builder.build();

		List<String> read = new ArrayList<>();
		TimeColumns.RowReader<Order> reader = columns.reader(values.values(), 0);
		for (int row = 0; row < columns.size; row++) {
			read.add(reader.read(row).lines().stream().map(OrderLine::sku).reduce("", String::concat));
		}
		assertThat(read).containsExactly("earlyearly", "bb", "aaa", "", "late");
		assertThat(columns.rowOf(noon.toEpochMilli(), 3)).isEqualTo(2);
		assertThat(columns.rowOf(noon.toEpochMilli(), 5)).isEqualTo(-1);
	}

	/**
	 * A refund's values are shared through the dictionary as the order is added; one that makes the dictionary grow
	 * must be read from the grown values (the demo's start once failed on the day a refund's value fell on the end of
	 * the dictionary's array). Each round leaves a different number of free places before the order comes in.
	 */
	@Test
	void aRefundWhoseValuesGrowTheDictionaryReadsBackWhole() {
		Instant noon = Instant.parse("2026-11-01T04:00:00Z");
		Refund refund = new Refund("refund-grows", new Money(150), noon.plusSeconds(3600), "reason-grows",
				List.of(new Refund.RefundLine("returned-sku", 1)), "batch-grows");
		Order refunded = order(noon, "sku", 2, List.of(refund));
		for (int free = 1; free <= 16; free++) {
			ValueDictionary values = new ValueDictionary();
			for (int filler = 0; filler < 512 - free; filler++) {
				values.code("filler-" + filler);
			}
			OrderColumns.Builder builder = new OrderColumns.Builder(1, values);
			builder.add(refunded, 1);
			OrderColumns columns = builder.build();

			Order read = columns.reader(values.values(), 0).read(0);

			assertThat(read.refunds()).as("%d free places", free).containsExactly(refund);
			assertThat(read.refundedAmount()).as("%d free places", free).isEqualTo(new Money(150));
		}
	}

	private static Order order(Instant placed, String sku, int lines) {
		return order(placed, sku, lines, List.of());
	}

	private static Order order(Instant placed, String sku, int lines, List<Refund> refunds) {
		List<OrderLine> basket = new ArrayList<>();
		for (int i = 0; i < lines; i++) {
			basket.add(new OrderLine(sku, "c", 1, UnitPrice.of("1.00"), Money.of("1.00")));
		}
		return new Order(null, null, Channel.WEB, "m", null, null, OrderStatus.PAID, placed, placed, null, null, null,
				null, basket, Money.ZERO, Money.of(lines + ".00"), null, null, refunds,
				refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus), null, null, null, null,
				"CNY", OrderKind.SALE, null, null);
	}

	/** A view of the application's orders that folds its recent ones once there are {@code foldAt}. */
	private ColumnView<Order, Order, OrderColumns> view(int foldAt) {
		return new ColumnView<>(bean(ChangeStampedViews.class).feed(Order.class, "changedAt", OrderFacts.FACTS),
				OrderFacts.KIND, foldAt);
	}

	private void insert(int orders) {
		for (int i = 0; i < orders; i++) {
			insertOne();
		}
	}

	private Order insertOne() {
		written++;
		// Few distinct times, so that many orders share an instant; some placed at a fraction of a second.
		Instant placed = FIRST.plusSeconds(3600L * random.nextInt(200))
			.plusMillis(random.nextInt(4) == 0 ? random.nextInt(1000) : 0);
		boolean cancelled = random.nextInt(8) == 0;
		Instant paid = cancelled || random.nextInt(6) == 0 ? null : placed.plusSeconds(random.nextInt(3600));
		// A shipping time a fraction of a second off the placing one: that order is kept whole.
		Instant shipped = paid == null ? null
				: random.nextInt(12) == 0 ? paid.plusMillis(1 + random.nextInt(998)) : paid.plusSeconds(3600L * random.nextInt(48));
		Instant delivered = shipped == null || random.nextBoolean() ? null : shipped.plus(Duration.ofDays(2));
		Instant completed = delivered == null ? null : delivered.plus(Duration.ofDays(7));
		boolean credit = random.nextInt(10) == 0;
		List<OrderLine> lines = new ArrayList<>();
		int count = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(3);
		for (int i = 0; i < count; i++) {
			int quantity = 1 + random.nextInt(2);
			int sku = random.nextInt(15);
			lines.add(new OrderLine("ovt-sku-" + sku, "ovt-category-" + sku % 3, quantity, UnitPrice.of("12.5" + sku % 4),
					Money.of(String.valueOf(12.5 * quantity)).plus(new Money(sku % 4L * quantity))));
		}
		long paidMinor = lines.stream().mapToLong(l -> l.amount().minorUnits()).sum();
		List<Refund> refunds = paid != null && random.nextInt(6) == 0
				? List.of(new Refund("R1", new Money(Math.min(500, paidMinor)), paid.plus(Duration.ofDays(3)), "scratched",
						List.of(), null))
				: List.of();
		Order order = new Order("WEB:ovt-" + written, "ovt-" + written, Channel.values()[random.nextInt(3)],
				random.nextInt(6) == 0 ? null : "ovt-member-" + random.nextInt(20),
				random.nextBoolean() ? "ovt-store-" + random.nextInt(3) : null, random.nextInt(3) == 0 ? "ovt-sa" : null,
				cancelled ? OrderStatus.CANCELLED : paid == null ? OrderStatus.PLACED : OrderStatus.PAID, placed, paid,
				shipped, delivered, completed, cancelled ? placed.plusSeconds(600) : null,
				lines, random.nextBoolean() ? Money.ZERO : new Money(100),
				new Money(paidMinor), random.nextInt(5) == 0 ? "ovt-coupon" : null,
				random.nextInt(4) == 0 ? "ovt-campaign-" + random.nextInt(3) : null, refunds,
				refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus), List.of(), "fingerprint", now(), now(),
				random.nextInt(5) == 0 ? "USD" : "CNY", credit ? OrderKind.CREDIT_NOTE : random.nextBoolean() ? OrderKind.SALE : null,
				credit && random.nextBoolean() ? "WEB:ovt-1" : null, credit && random.nextBoolean() ? "WEB:ovt-2" : null);
		return mongo.insert(order);
	}

	private void refundSome() {
		for (Order order : mongo.find(Query.query(Criteria.where("orderNumber").regex("^ovt-")).limit(400), Order.class)) {
			if (random.nextInt(30) == 0) {
				Refund refund = new Refund("R" + (order.refunds().size() + 1), new Money(100), order.placedAt().plusSeconds(86_400),
						"late", List.of(), null);
				mongo.updateFirst(Query.query(Criteria.where("_id").is(order.id())),
						new Update().push("refunds", refund)
							.set("refundedAmount", order.refundedAmount().plus(refund.amount()))
							.set("changedAt", now()),
						Order.class);
			}
		}
	}

	private void assertSameAsTheCollection(ColumnView.Snapshot<Order, OrderColumns> snapshot, String when) {
		List<Order> expected = mongo.findAll(Order.class)
			.stream()
			.map(OrderFacts::withoutBookkeeping)
			.sorted(Comparator.comparing(Order::toString))
			.toList();
		List<Order> read = new ArrayList<>();
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, ColumnView.all(), read::add);
		assertThat(read).as(when + ": in order of placing").isSortedAccordingTo(Comparator.comparing(Order::placedAt));
		assertThat(read.stream().sorted(Comparator.comparing(Order::toString)).toList()).as(when).isEqualTo(expected);
		assertThat(snapshot.size()).as(when).isEqualTo(expected.size());

		Instant from = FIRST.plusSeconds(3600L * random.nextInt(200));
		Instant to = from.plusSeconds(3600L * random.nextInt(50));
		List<Order> window = new ArrayList<>();
		snapshot.forEach(from.toEpochMilli(), to.toEpochMilli(), OrderFacts.CREDIT_NOTES, window::add);
		assertThat(window.stream().sorted(Comparator.comparing(Order::toString)).toList())
			.as(when + ": a window of credit notes")
			.isEqualTo(expected.stream()
				.filter(o -> !o.placedAt().isBefore(from) && o.placedAt().isBefore(to))
				.filter(Order::isCreditNote)
				.toList());

		String member = "ovt-member-" + random.nextInt(20);
		List<Order> members = new ArrayList<>();
		snapshot.forEach(from.toEpochMilli(), to.toEpochMilli(),
				OrderFacts.sales(m -> m == null || m.equals(member)), members::add);
		assertThat(members.stream().sorted(Comparator.comparing(Order::toString)).toList())
			.as(when + ": a window of the sales of one member and of guests")
			.isEqualTo(expected.stream()
				.filter(o -> !o.placedAt().isBefore(from) && o.placedAt().isBefore(to))
				.filter(o -> !o.isCreditNote() && (o.memberId() == null || o.memberId().equals(member)))
				.toList());
	}

}
