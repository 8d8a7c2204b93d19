package io.membergraph.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.Money;

/**
 * Sales KPIs per period and optional dimension, from the orders placed in the periods, with the previous
 * period and the same period a year before for comparison.
 */
public final class SalesKpis {

	public enum Dimension {

		NONE, CHANNEL, STORE, SALES_ASSOCIATE, PROVINCE, CATEGORY

	}

	/** A duration's median and 90th percentile in hours (nearest rank), null without one. */
	public record Cycle(Double medianHours, Double p90Hours, int orders) {
	}

	/**
	 * @param gmv the line amounts of the orders placed (paid or not, cancelled left out)
	 * @param paidAmount the paid amounts of the paid orders
	 * @param refundRateByAmount refunds made by the as-of day / paid amount
	 * @param refundRateByOrders paid orders with a refund / paid orders
	 * @param newCustomerSales paid amount of orders by members whose first counted order is in the period
	 */
	public record Figures(int orders, int paidOrders, Money gmv, Money paidAmount, Money aov, double itemsPerOrder,
			Money refunds, double refundRateByAmount, double refundRateByOrders, int newCustomers,
			int returningCustomers, Money newCustomerSales, Money returningCustomerSales, Cycle paymentCycle,
			Cycle shippingCycle, Cycle receiptCycle) {

		/** Members who bought in the period, new and returning: the group the figures describe. */
		public int customers() {
			return newCustomers + returningCustomers;
		}

	}

	/**
	 * @param previous the same figures for the period before
	 * @param lastYear for the same period a year before
	 * @param previousToDate for the period before up to the same day of it as this period has reached by the as-of
	 * day (the 1st to the 7th of last month for a month on its 7th day), so that a period under way compares like for
	 * like; {@code previous} for a whole period
	 * @param lastYearToDate for the same period a year before, up to the same day of it; {@code lastYear} for a whole
	 * period
	 */
	public record Row(LocalDate start, String group, Figures figures, Figures previous, Figures lastYear,
			Figures previousToDate, Figures lastYearToDate) {
	}

	public record Result(AnalysisScope scope, Period period, Dimension dimension, List<Row> rows) {
	}

	/** One period's figures of one group. */
	private record Cell(LocalDate start, String group) {
	}

	/** What the computation needs to know of members: province, and the day of the first counted order. */
	public record Members(Map<String, String> provinces, Map<String, LocalDate> firstOrderDays) {
	}

	private SalesKpis() {
	}

	/**
	 * @param orders every order placed from a year before the period of {@code from} to the end of the as-of day,
	 * and the credit notes given then, whose money back counts in the refunds of their period
	 */
	public static Result of(Iterable<Order> orders, Members members, AnalysisScope scope, Period period, LocalDate from,
			Dimension dimension) {
		period.count(from, scope.asOf());
		Instant end = scope.end();
		Set<LocalDate> shown = shownPeriods(period, from, scope.asOf());
		Map<Cell, Sums> sums = new HashMap<>();
		LocalDate underWayStart = period.startOf(scope.asOf());
		Map<LocalDate, LocalDate> toDateEnds = toDateEnds(period, scope.asOf());
		Map<Cell, Sums> toDate = new HashMap<>();
		// Orders come in time order, so the next one is most often of the same period: its day and, without a
		// dimension, its sums are those of the one before.
		long dayStart = Long.MIN_VALUE;
		long dayEnd = Long.MIN_VALUE;
		LocalDate periodStart = null;
		boolean periodShown = false;
		boolean dayToDate = false;
		Sums ungrouped = null;
		Sums ungroupedToDate = null;
		for (Order order : orders) {
			if (order.cancelledAt() != null || !order.placedAt().isBefore(end)) {
				continue;
			}
			long placed = order.placedAt().toEpochMilli();
			if (placed < dayStart || placed >= dayEnd) {
				LocalDate day = scope.dayOf(order.placedAt());
				dayStart = scope.startOf(day).toEpochMilli();
				dayEnd = scope.startOf(day.plusDays(1)).toEpochMilli();
				periodStart = period.startOf(day);
				periodShown = shown.contains(periodStart);
				LocalDate toDateEnd = toDateEnds.get(periodStart);
				dayToDate = toDateEnd != null && !day.isAfter(toDateEnd);
				ungrouped = dimension == Dimension.NONE && periodShown
						? sums.computeIfAbsent(new Cell(periodStart, ""), k -> new Sums()) : null;
				ungroupedToDate = ungrouped != null && dayToDate
						? toDate.computeIfAbsent(new Cell(periodStart, ""), k -> new Sums()) : null;
			}
			if (!periodShown) {
				continue;
			}
			if (ungrouped != null) {
				long paid = order.paidAt() == null ? 0 : order.paidAmount().minorUnits();
				ungrouped.add(order, periodStart, paid, members, period, end);
				if (ungroupedToDate != null) {
					ungroupedToDate.add(order, periodStart, paid, members, period, end);
				}
				continue;
			}
			for (Map.Entry<String, Long> share : groups(order, dimension, members).entrySet()) {
				Cell cell = new Cell(periodStart, share.getKey());
				sums.computeIfAbsent(cell, k -> new Sums()).add(order, periodStart, share.getValue(), members, period, end);
				if (dayToDate) {
					toDate.computeIfAbsent(cell, k -> new Sums()).add(order, periodStart, share.getValue(), members, period,
							end);
				}
			}
		}
		List<Row> rows = new ArrayList<>();
		Set<String> groups = new TreeSet<>();
		sums.keySet().forEach(cell -> groups.add(cell.group()));
		if (dimension == Dimension.NONE) {
			groups.add("");
		}
		for (LocalDate start = period.startOf(from); !start.isAfter(scope.asOf()); start = period.next(start)) {
			for (String group : groups) {
				Sums current = sums.get(new Cell(start, group));
				if (current == null && dimension != Dimension.NONE) {
					continue;
				}
				Cell previous = new Cell(period.previous(start), group);
				Cell lastYear = new Cell(period.startOf(start.minusYears(1)), group);
				Figures previousFigures = figures(sums.get(previous));
				Figures lastYearFigures = figures(sums.get(lastYear));
				boolean underWay = start.equals(underWayStart) && !toDateEnds.isEmpty();
				rows.add(new Row(start, dimension == Dimension.NONE ? null : group, figures(current), previousFigures,
						lastYearFigures, underWay ? figures(toDate.get(previous)) : previousFigures,
						underWay ? figures(toDate.get(lastYear)) : lastYearFigures));
			}
		}
		return new Result(scope, period, dimension, rows);
	}

	/**
	 * For the period still under way on the as-of day, the last day its comparisons read: the period before and the
	 * same period a year before, each by their first day, up to as many days from their start as the as-of day is
	 * from its period's (at most to their own end: the 1st to the 30th compares with all of February). None when the
	 * as-of day ends its period.
	 */
	static Map<LocalDate, LocalDate> toDateEnds(Period period, LocalDate asOf) {
		LocalDate start = period.startOf(asOf);
		if (!asOf.plusDays(1).isBefore(period.next(start))) {
			return Map.of();
		}
		long reached = ChronoUnit.DAYS.between(start, asOf);
		Map<LocalDate, LocalDate> ends = new HashMap<>();
		for (LocalDate compared : List.of(period.previous(start), period.startOf(start.minusYears(1)))) {
			LocalDate last = compared.plusDays(reached);
			LocalDate periodLast = period.next(compared).minusDays(1);
			ends.put(compared, last.isAfter(periodLast) ? periodLast : last);
		}
		return ends;
	}

	/**
	 * The periods a row shows, by their first day: the reported ones, each one's previous period and the same
	 * period a year before. Days of a month so far compared with the day before and last year need 63 of 400 days.
	 */
	static Set<LocalDate> shownPeriods(Period period, LocalDate from, LocalDate asOf) {
		Set<LocalDate> shown = new TreeSet<>();
		for (LocalDate start = period.startOf(from); !start.isAfter(asOf); start = period.next(start)) {
			shown.add(start);
			shown.add(period.previous(start));
			shown.add(period.startOf(start.minusYears(1)));
		}
		return shown;
	}

	/**
	 * The days whose orders the figures read, as runs of consecutive days: each one's first day and the day after
	 * its last. Only these are read, rather than the whole year before the first period.
	 */
	public static List<LocalDate[]> daysRead(Period period, LocalDate from, LocalDate asOf) {
		List<LocalDate[]> runs = new ArrayList<>();
		for (LocalDate start : shownPeriods(period, from, asOf)) {
			LocalDate next = period.next(start);
			if (!runs.isEmpty() && !runs.get(runs.size() - 1)[1].isBefore(start)) {
				LocalDate[] last = runs.get(runs.size() - 1);
				last[1] = next.isAfter(last[1]) ? next : last[1];
			}
			else {
				runs.add(new LocalDate[] { start, next });
			}
		}
		return runs;
	}

	/** The groups an order falls in, each with the share (minor units) of its paid amount it contributes. */
	private static Map<String, Long> groups(Order order, Dimension dimension, Members members) {
		long paid = order.paidAt() == null ? 0 : order.paidAmount().minorUnits();
		return switch (dimension) {
			case NONE -> Map.of("", paid);
			case CHANNEL -> Map.of(order.channel().name(), paid);
			case STORE -> Map.of(order.storeId() == null ? "(none)" : order.storeId(), paid);
			case SALES_ASSOCIATE -> Map.of(order.salesAssociate() == null ? "(none)" : order.salesAssociate(), paid);
			case PROVINCE -> Map.of(order.memberId() == null ? "(guest)"
					: members.provinces().getOrDefault(order.memberId(), "(unknown)"), paid);
			case CATEGORY -> order.isCreditNote()
					? Map.of(order.lines().isEmpty() || order.lines().get(0).category() == null ? "(none)"
							: order.lines().get(0).category(), 0L)
					: byCategory(order, paid);
		};
	}

	private static Map<String, Long> byCategory(Order order, long paid) {
		Map<String, Long> amounts = new TreeMap<>();
		long total = 0;
		for (OrderLine line : order.lines()) {
			amounts.merge(line.category() == null ? "(none)" : line.category(), line.amount().minorUnits(), Long::sum);
			total += line.amount().minorUnits();
		}
		Map<String, Long> shares = new TreeMap<>();
		long given = 0;
		int i = 0;
		for (Map.Entry<String, Long> e : amounts.entrySet()) {
			long share = ++i == amounts.size() ? paid - given : total == 0 ? 0 : Math.floorDiv(paid * e.getValue(), total);
			shares.put(e.getKey(), share);
			given += share;
		}
		return shares;
	}

	private static Figures figures(Sums s) {
		if (s == null) {
			s = new Sums();
		}
		return new Figures(s.orders, s.paidOrders, new Money(s.gmv), new Money(s.paid),
				new Money(s.paidOrders == 0 ? 0 : Math.round((double) s.paid / s.paidOrders)),
				s.orders == 0 ? 0 : (double) s.items / s.orders, new Money(s.refunds),
				s.paid == 0 ? 0 : (double) s.refunds / s.paid, s.paidOrders == 0 ? 0 : (double) s.refundedOrders / s.paidOrders,
				s.newCustomers.size(), s.returningCustomers.size(), new Money(s.newSales), new Money(s.returningSales),
				cycle(s.paymentHours), cycle(s.shippingHours), cycle(s.receiptHours));
	}

	private static Cycle cycle(Hours hours) {
		if (hours.size == 0) {
			return new Cycle(null, null, 0);
		}
		double[] sorted = Arrays.copyOf(hours.values, hours.size);
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		double p90 = sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
		return new Cycle(median, p90, sorted.length);
	}

	/** Durations in hours, unboxed: a period of a million orders has three million. */
	private static final class Hours {

		double[] values = new double[16];

		int size;

		void add(double hours) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = hours;
		}

	}

	private static final class Sums {

		int orders;

		int paidOrders;

		long gmv;

		long paid;

		long items;

		long refunds;

		int refundedOrders;

		final Set<String> newCustomers = new HashSet<>();

		final Set<String> returningCustomers = new HashSet<>();

		long newSales;

		long returningSales;

		final Hours paymentHours = new Hours();

		final Hours shippingHours = new Hours();

		final Hours receiptHours = new Hours();

		void add(Order order, LocalDate periodStart, long paidShare, Members members, Period period, Instant end) {
			if (order.isCreditNote()) {
				refunds += order.refunds().stream().filter(r -> r.refundedAt().isBefore(end))
					.mapToLong(r -> r.amount().minorUnits()).sum();
				return;
			}
			orders++;
			for (OrderLine line : order.lines()) {
				gmv += line.amount().minorUnits();
				items += line.quantity();
			}
			if (order.paidAt() == null || !order.paidAt().isBefore(end)) {
				return;
			}
			paidOrders++;
			paid += paidShare;
			long refunded = 0;
			for (Refund refund : order.refunds()) {
				if (refund.refundedAt().isBefore(end)) {
					refunded += refund.amount().minorUnits();
				}
			}
			long total = order.paidAmount().minorUnits();
			long refundShare = total == 0 ? 0 : Math.floorDiv(refunded * paidShare, total);
			refunds += refundShare;
			if (refunded > 0) {
				refundedOrders++;
			}
			if (order.memberId() != null) {
				LocalDate first = members.firstOrderDays().get(order.memberId());
				boolean isNew = first != null && !first.isBefore(periodStart) && first.isBefore(period.next(periodStart));
				(isNew ? newCustomers : returningCustomers).add(order.memberId());
				if (isNew) {
					newSales += paidShare;
				}
				else {
					returningSales += paidShare;
				}
			}
			hours(paymentHours, order.placedAt(), order.paidAt(), end);
			hours(shippingHours, order.paidAt(), order.shippedAt(), end);
			hours(receiptHours, order.shippedAt(), order.deliveredAt(), end);
		}

		private static void hours(Hours list, Instant from, Instant to, Instant end) {
			if (from != null && to != null && to.isBefore(end) && !to.isBefore(from)) {
				list.add(Duration.between(from, to).toMinutes() / 60.0);
			}
		}

	}

}
