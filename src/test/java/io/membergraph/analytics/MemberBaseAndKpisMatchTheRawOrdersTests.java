package io.membergraph.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.membergraph.analytics.internal.MemberBase;
import io.membergraph.analytics.internal.Period;
import io.membergraph.analytics.internal.SalesKpis;
import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.MemberPurchases.RefundAt;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Refund;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.GuestSales;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On random data sets, the member base (tiers, regions, members against guests) and the sales KPIs equal a
 * plain computation straight from the orders: every order looked at once per group and per day.
 */
class MemberBaseAndKpisMatchTheRawOrdersTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final List<String> PROVINCES = List.of("广东", "浙江", "上海");

	private static final List<String> TIERS = List.of("BASIC", "SILVER", "GOLD");

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 11, 12, 13 })
	void memberBaseEqualsThePlainComputation(long seed) {
		Random random = new Random(seed);
		List<CustomerHistory> members = randomMembers(random, 200);
		Map<String, String> tiers = new HashMap<>();
		members.forEach(m -> {
			if (random.nextInt(5) > 0) {
				tiers.put(m.memberId(), TIERS.get(random.nextInt(TIERS.size())));
			}
		});
		AnalysisScope scope = new AnalysisScope(LocalDate.of(2026, 3, 31), ZONE, seed == 12 ? 90 : null, null, null, null,
				null);
		GuestSales.Totals guests = new GuestSales.Totals(7, Money.of("123.45"));

		MemberBase.Result result = MemberBase.of(members, scope, tiers, guests);

		Map<String, long[]> byTier = new HashMap<>();
		Map<String, long[]> byProvince = new HashMap<>();
		long orders = 0;
		long spend = 0;
		for (CustomerHistory m : members) {
			if (!m.joinedAt().isBefore(scope.end())) {
				continue;
			}
			long count = 0;
			long net = 0;
			for (PaidOrder o : m.orders()) {
				if (countsIn(o, scope)) {
					count++;
					net += o.paidAmount().minorUnits() - refundedBy(o, scope.end());
				}
			}
			long[] figures = { 1, count > 0 ? 1 : 0, count, net };
			add(byTier, tiers.getOrDefault(m.memberId(), "(none)"), figures);
			add(byProvince, m.province(), figures);
			orders += count;
			spend += net;
		}
		assertThat(sums(result.tiers())).isEqualTo(asLists(byTier));
		assertThat(sums(result.provinces())).isEqualTo(asLists(byProvince));
		assertThat(result.sales().memberOrders()).isEqualTo(orders);
		assertThat(result.sales().memberSpend()).isEqualTo(new Money(spend));
		assertThat(result.sales().guestOrders()).isEqualTo(7);
		assertThat(result.sales().memberSpendShare()).isEqualTo((double) spend / (spend + 12_345));
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 21, 22, 23 })
	void dailySalesKpisEqualThePlainComputation(long seed) {
		Random random = new Random(seed);
		List<Order> orders = randomOrders(random, 600);
		AnalysisScope scope = new AnalysisScope(LocalDate.of(2026, 3, 31), ZONE, null, null, null, null, null);
		Map<String, LocalDate> firstDays = new HashMap<>();
		for (int i = 0; i < 40; i++) {
			if (random.nextInt(4) > 0) {
				firstDays.put("M" + i, LocalDate.of(2026, 3, 1).plusDays(random.nextInt(40) - 10));
			}
		}
		SalesKpis.Members members = new SalesKpis.Members(Map.of(), firstDays);
		LocalDate from = LocalDate.of(2026, 3, 1);

		List<SalesKpis.Row> rows = SalesKpis.of(orders, members, scope, Period.DAY, from, SalesKpis.Dimension.NONE).rows();

		assertThat(rows).hasSize(31);
		for (SalesKpis.Row row : rows) {
			assertThat(row.figures()).as(row.start().toString()).isEqualTo(plainDay(orders, firstDays, row.start(), scope));
			assertThat(row.previous()).isEqualTo(plainDay(orders, firstDays, row.start().minusDays(1), scope));
			assertThat(row.lastYear()).isEqualTo(plainDay(orders, firstDays, row.start().minusYears(1), scope));
		}
	}

	/**
	 * Weekly KPIs on a Wednesday: the week under way compares with Monday to Wednesday of the week before and of the
	 * week a year before; the whole weeks with whole weeks.
	 */
	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 31, 32, 33 })
	void aWeekUnderWayComparesWithTheSameDaysOfTheWeeksItComparesWith(long seed) {
		Random random = new Random(seed);
		List<Order> orders = randomOrders(random, 600);
		LocalDate wednesday = LocalDate.of(2026, 3, 18);
		AnalysisScope scope = new AnalysisScope(wednesday, ZONE, null, null, null, null, null);
		Map<String, LocalDate> firstDays = new HashMap<>();
		for (int i = 0; i < 40; i++) {
			if (random.nextInt(4) > 0) {
				firstDays.put("M" + i, LocalDate.of(2026, 3, 1).plusDays(random.nextInt(40) - 10));
			}
		}
		SalesKpis.Members members = new SalesKpis.Members(Map.of(), firstDays);

		List<SalesKpis.Row> rows = SalesKpis.of(orders, members, scope, Period.WEEK, LocalDate.of(2026, 3, 2),
				SalesKpis.Dimension.NONE).rows();

		assertThat(rows).extracting(SalesKpis.Row::start).containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 9),
				LocalDate.of(2026, 3, 16));
		for (SalesKpis.Row row : rows) {
			LocalDate monday = row.start();
			boolean underWay = monday.equals(LocalDate.of(2026, 3, 16));
			LocalDate lastYearMonday = Period.WEEK.startOf(monday.minusYears(1));
			assertThat(row.figures()).isEqualTo(plainDays(orders, firstDays, monday, monday.plusDays(6), Period.WEEK, scope));
			assertThat(row.previous())
				.isEqualTo(plainDays(orders, firstDays, monday.minusWeeks(1), monday.minusDays(1), Period.WEEK, scope));
			assertThat(row.previousToDate()).isEqualTo(underWay
					? plainDays(orders, firstDays, monday.minusWeeks(1), monday.minusWeeks(1).plusDays(2), Period.WEEK, scope)
					: row.previous());
			assertThat(row.lastYearToDate()).isEqualTo(underWay
					? plainDays(orders, firstDays, lastYearMonday, lastYearMonday.plusDays(2), Period.WEEK, scope)
					: plainDays(orders, firstDays, lastYearMonday, lastYearMonday.plusDays(6), Period.WEEK, scope));
		}
		assertThat(rows.get(2).previousToDate().orders()).as("the days compared hold orders").isPositive();
		assertThat(rows.get(2).lastYearToDate().orders()).as("the days compared hold orders").isPositive();
	}

	/** The KPIs of one day, order by order. */
	private static SalesKpis.Figures plainDay(List<Order> orders, Map<String, LocalDate> firstDays, LocalDate day,
			AnalysisScope scope) {
		return plainDays(orders, firstDays, day, day, Period.DAY, scope);
	}

	/**
	 * The KPIs of the orders placed from the first to the last day, order by order; a member is new when the first
	 * counted order is in the period that holds the first day.
	 */
	private static SalesKpis.Figures plainDays(List<Order> orders, Map<String, LocalDate> firstDays, LocalDate first,
			LocalDate last, Period period, AnalysisScope scope) {
		LocalDate periodStart = period.startOf(first);
		LocalDate periodNext = period.next(periodStart);
		Instant end = scope.end();
		int placed = 0;
		int paidOrders = 0;
		int refundedOrders = 0;
		long gmv = 0;
		long items = 0;
		long paid = 0;
		long refunds = 0;
		long newSales = 0;
		long returningSales = 0;
		Set<String> newCustomers = new HashSet<>();
		Set<String> returning = new HashSet<>();
		List<Double> payment = new ArrayList<>();
		List<Double> shipping = new ArrayList<>();
		List<Double> receipt = new ArrayList<>();
		for (Order o : orders) {
			LocalDate placedOn = o.placedAt().atZone(ZONE).toLocalDate();
			if (o.cancelledAt() != null || !o.placedAt().isBefore(end) || placedOn.isBefore(first) || placedOn.isAfter(last)) {
				continue;
			}
			placed++;
			for (OrderLine line : o.lines()) {
				gmv += line.amount().minorUnits();
				items += line.quantity();
			}
			if (o.paidAt() == null || !o.paidAt().isBefore(end)) {
				continue;
			}
			paidOrders++;
			paid += o.paidAmount().minorUnits();
			long refunded = 0;
			for (Refund refund : o.refunds()) {
				refunded += refund.refundedAt().isBefore(end) ? refund.amount().minorUnits() : 0;
			}
			refunds += refunded;
			refundedOrders += refunded > 0 ? 1 : 0;
			if (o.memberId() != null) {
				LocalDate firstOrder = firstDays.get(o.memberId());
				if (firstOrder != null && !firstOrder.isBefore(periodStart) && firstOrder.isBefore(periodNext)) {
					newCustomers.add(o.memberId());
					newSales += o.paidAmount().minorUnits();
				}
				else {
					returning.add(o.memberId());
					returningSales += o.paidAmount().minorUnits();
				}
			}
			hours(payment, o.placedAt(), o.paidAt(), end);
			hours(shipping, o.paidAt(), o.shippedAt(), end);
			hours(receipt, o.shippedAt(), o.deliveredAt(), end);
		}
		return new SalesKpis.Figures(placed, paidOrders, new Money(gmv), new Money(paid),
				new Money(paidOrders == 0 ? 0 : Math.round((double) paid / paidOrders)),
				placed == 0 ? 0 : (double) items / placed, new Money(refunds), paid == 0 ? 0 : (double) refunds / paid,
				paidOrders == 0 ? 0 : (double) refundedOrders / paidOrders, newCustomers.size(), returning.size(),
				new Money(newSales), new Money(returningSales), cycle(payment), cycle(shipping), cycle(receipt));
	}

	private static void hours(List<Double> hours, Instant from, Instant to, Instant end) {
		if (from != null && to != null && to.isBefore(end) && !to.isBefore(from)) {
			hours.add(Duration.between(from, to).toMinutes() / 60.0);
		}
	}

	/** Median (mean of the middle two) and nearest-rank 90th percentile. */
	private static SalesKpis.Cycle cycle(List<Double> hours) {
		if (hours.isEmpty()) {
			return new SalesKpis.Cycle(null, null, 0);
		}
		List<Double> sorted = hours.stream().sorted().toList();
		int n = sorted.size();
		double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new SalesKpis.Cycle(median, sorted.get((int) Math.ceil(0.9 * n) - 1), n);
	}

	private static boolean countsIn(PaidOrder o, AnalysisScope scope) {
		Instant start = scope.start();
		return o.placedAt().isBefore(scope.end()) && (start == null || !o.placedAt().isBefore(start))
				&& (o.paidAmount().minorUnits() == 0 || refundedBy(o, scope.end()) < o.paidAmount().minorUnits());
	}

	private static long refundedBy(PaidOrder o, Instant end) {
		return o.refunds().stream().filter(r -> r.at().isBefore(end)).mapToLong(r -> r.amount().minorUnits()).sum();
	}

	private static void add(Map<String, long[]> sums, String key, long[] figures) {
		long[] s = sums.computeIfAbsent(key, k -> new long[4]);
		for (int i = 0; i < 4; i++) {
			s[i] += figures[i];
		}
	}

	private static Map<String, List<Long>> sums(List<MemberBase.Share> shares) {
		Map<String, List<Long>> sums = new HashMap<>();
		shares.forEach(s -> sums.put(s.key(), List.of((long) s.members(), (long) s.buyers(), (long) s.orders(),
				s.spend().minorUnits())));
		return sums;
	}

	private static Map<String, List<Long>> asLists(Map<String, long[]> sums) {
		Map<String, List<Long>> lists = new HashMap<>();
		sums.forEach((key, s) -> lists.put(key, List.of(s[0], s[1], s[2], s[3])));
		return lists;
	}

	/** Members joined around the as-of day (some after it), with paid orders, some refunded in part or in full. */
	private static List<CustomerHistory> randomMembers(Random random, int count) {
		Instant origin = Instant.parse("2025-06-01T00:00:00Z");
		List<CustomerHistory> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant joined = origin.plus(random.nextInt(330), ChronoUnit.DAYS).plus(random.nextInt(1440), ChronoUnit.MINUTES);
			List<PaidOrder> orders = new ArrayList<>();
			for (int o = 0; o < random.nextInt(6); o++) {
				Instant at = joined.plus(random.nextInt(200), ChronoUnit.DAYS).plus(random.nextInt(1440), ChronoUnit.MINUTES);
				long paid = 100 * random.nextInt(900);
				List<RefundAt> refunds = switch (random.nextInt(8)) {
					case 0 -> List.of(new RefundAt(at.plus(random.nextInt(30), ChronoUnit.DAYS), new Money(paid)));
					case 1 -> List.of(new RefundAt(at.plus(random.nextInt(30), ChronoUnit.DAYS), new Money(paid / 2)));
					default -> List.of();
				};
				orders.add(new PaidOrder("O" + i + "-" + o, at, Channel.WEB, null, new Money(paid), refunds,
						List.of(new Item("SKU-1", "skincare"))));
			}
			orders.sort(java.util.Comparator.comparing(PaidOrder::placedAt));
			members.add(new CustomerHistory("M" + i, joined, Channel.APP, null, PROVINCES.get(random.nextInt(3)), "城",
					orders));
		}
		return members;
	}

	/**
	 * Orders over March 2026, its last days of February and March 2025 (for the comparisons), some cancelled,
	 * unpaid, paid after the as-of day, refunded, by guests; placed at any minute, midnight included.
	 */
	private static List<Order> randomOrders(Random random, int count) {
		List<Order> orders = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant base = random.nextInt(5) == 0 ? Instant.parse("2025-02-27T16:00:00Z") : Instant.parse("2026-02-27T16:00:00Z");
			Instant placed = base.plus(random.nextInt(36), ChronoUnit.DAYS).plus(random.nextInt(1440), ChronoUnit.MINUTES);
			Instant paid = random.nextInt(6) == 0 ? null : placed.plus(random.nextInt(72 * 60), ChronoUnit.MINUTES);
			Instant shipped = paid == null || random.nextBoolean() ? null : paid.plus(random.nextInt(96 * 60), ChronoUnit.MINUTES);
			Instant delivered = shipped == null || random.nextBoolean() ? null
					: shipped.plus(random.nextInt(120 * 60), ChronoUnit.MINUTES);
			Instant cancelled = paid == null && random.nextInt(3) == 0 ? placed.plus(1, ChronoUnit.HOURS) : null;
			int quantity = 1 + random.nextInt(3);
			Money amount = new Money(100L * (1 + random.nextInt(500)) * quantity);
			OrderLine line = new OrderLine("SKU-" + random.nextInt(4), "skincare", quantity, UnitPrice.of(amount), amount);
			List<Refund> refunds = paid != null && random.nextInt(6) == 0
					? List.of(new Refund("R" + i, new Money(amount.minorUnits() / 2), paid.plus(random.nextInt(20), ChronoUnit.DAYS),
							null, null, null))
					: List.of();
			String member = random.nextInt(4) == 0 ? null : "M" + random.nextInt(40);
			orders.add(new Order("WEB:" + i, "" + i, Channel.WEB, member, null, null, OrderStatus.PLACED, placed, paid, shipped,
					delivered, null, cancelled, List.of(line), Money.ZERO, amount, null, null, refunds, Money.ZERO, List.of(),
					null, placed, null, "CNY", null, null, null));
		}
		return orders;
	}

}
