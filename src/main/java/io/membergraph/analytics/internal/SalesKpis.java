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
import io.membergraph.security.ShownGroups;
import io.membergraph.shared.Money;

/**
 * Sales KPIs per period and optional dimension, from the orders placed in the periods, with the previous
 * period and the same period a year before for comparison.
 */
public final class SalesKpis {

	public enum Dimension {

		NONE, CHANNEL, STORE, SALES_ASSOCIATE, PROVINCE, CATEGORY

	}

	/** A row's figures: its period's, and those it is compared with, as the API names them. */
	public enum Column {

		FIGURES("figures"), PREVIOUS("previous"), LAST_YEAR("lastYear"), PREVIOUS_TO_DATE("previousToDate"),
		LAST_YEAR_TO_DATE("lastYearToDate");

		private final String field;

		Column(String field) {
			this.field = field;
		}

		public String field() {
			return field;
		}

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

	/**
	 * The result, with each period's records when asked for them: what each period's figures rest on, for the guard
	 * against setting periods against each other ({@link ScopesShown#refusePeriodsDifferingByAFew}).
	 */
	public record Computed(Result result, List<ScopesShown.PeriodShown> periods) {
	}

	/** One period's figures of one group. */
	private record Cell(LocalDate start, String group) {
	}

	/** A cell whose figures a row shows: the whole period, or its part to date. */
	private record ShownCell(Cell cell, boolean toDate) {
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
		return compute(orders, members, scope, period, from, dimension, Set.of()).result();
	}

	/**
	 * The same, with the records of each period whose figures the columns {@code kept} show (a row's, its previous
	 * period's, the year before's, and their parts to date): the orders and credit notes of members they sum.
	 */
	public static Computed compute(Iterable<Order> orders, Members members, AnalysisScope scope, Period period,
			LocalDate from, Dimension dimension, Set<Column> kept) {
		period.count(from, scope.asOf());
		boolean keepRecords = !kept.isEmpty();
		java.util.function.Supplier<Sums> newSums = () -> new Sums(keepRecords);
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
						? sums.computeIfAbsent(new Cell(periodStart, ""), k -> newSums.get()) : null;
				ungroupedToDate = ungrouped != null && dayToDate
						? toDate.computeIfAbsent(new Cell(periodStart, ""), k -> newSums.get()) : null;
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
				sums.computeIfAbsent(cell, k -> newSums.get()).add(order, periodStart, share.getValue(), members, period, end);
				if (dayToDate) {
					toDate.computeIfAbsent(cell, k -> newSums.get()).add(order, periodStart, share.getValue(), members, period,
							end);
				}
			}
		}
		List<Row> rows = new ArrayList<>();
		// The periods the kept columns of the rows show.
		Set<ShownCell> shownCells = new java.util.LinkedHashSet<>();
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
				if (keepRecords) {
					Map<Column, Cell> cells = Map.of(Column.FIGURES, new Cell(start, group), Column.PREVIOUS, previous,
							Column.LAST_YEAR, lastYear, Column.PREVIOUS_TO_DATE, previous, Column.LAST_YEAR_TO_DATE, lastYear);
					for (Column column : kept) {
						boolean toDateOnly = underWay
								&& (column == Column.PREVIOUS_TO_DATE || column == Column.LAST_YEAR_TO_DATE);
						shownCells.add(new ShownCell(cells.get(column), toDateOnly));
					}
				}
				rows.add(new Row(start, dimension == Dimension.NONE ? null : group, figures(current), previousFigures,
						lastYearFigures, underWay ? figures(toDate.get(previous)) : previousFigures,
						underWay ? figures(toDate.get(lastYear)) : lastYearFigures));
			}
		}
		Result result = new Result(scope, period, dimension, rows);
		return new Computed(result, keepRecords ? periodsShown(shownCells, sums, toDate, toDateEnds, period, scope)
				: List.of());
	}

	/** The periods of the cells shown, each with the records it summed, in time order. */
	private static List<ScopesShown.PeriodShown> periodsShown(Set<ShownCell> shownCells, Map<Cell, Sums> sums,
			Map<Cell, Sums> toDate, Map<LocalDate, LocalDate> toDateEnds, Period period, AnalysisScope scope) {
		List<ScopesShown.PeriodShown> periods = new ArrayList<>();
		for (ShownCell shownCell : shownCells) {
			Cell cell = shownCell.cell();
			Sums summed = (shownCell.toDate() ? toDate : sums).get(cell);
			if (summed != null) {
				periods.add(summed.shown(cell, shownCell.toDate() ? toDateEnds.get(cell.start())
						: period.next(cell.start()).minusDays(1), scope));
			}
		}
		periods.sort(java.util.Comparator.comparing(ScopesShown.PeriodShown::from)
			.thenComparing(ScopesShown.PeriodShown::what));
		return periods;
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
			s = new Sums(false);
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

		/** The members' orders and credit notes summed, when kept; null otherwise. */
		private final ShownGroups.Sketch records;

		Sums(boolean keepRecords) {
			records = keepRecords ? new ShownGroups.Sketch() : null;
		}

		/** The period of the cell, to its last day (or the as-of day), with what it summed. */
		ScopesShown.PeriodShown shown(Cell cell, LocalDate lastDay, AnalysisScope scope) {
			LocalDate last = lastDay.isAfter(scope.asOf()) ? scope.asOf() : lastDay;
			return new ScopesShown.PeriodShown(cell.group(), cell.start(), last, scope.startOf(cell.start()),
					scope.startOf(last.plusDays(1)), newCustomers.size() + returningCustomers.size(), records);
		}

		/** Keeps a member's order (or credit note) as summed: its share of the paid amount, and what of it was refunded. */
		private void keep(Order order, long share, long refunded) {
			if (records == null || order.memberId() == null) {
				return;
			}
			records.record(ShownGroups.Sketch.owner(order.memberId()), order.placedAt().toEpochMilli() * 1_000_003L + share * 7
					+ (order.channel() == null ? 0 : order.channel().ordinal() + 1), refunded);
		}

		void add(Order order, LocalDate periodStart, long paidShare, Members members, Period period, Instant end) {
			if (order.isCreditNote()) {
				long given = order.refunds().stream().filter(r -> r.refundedAt().isBefore(end))
					.mapToLong(r -> r.amount().minorUnits()).sum();
				refunds += given;
				keep(order, 0, given);
				return;
			}
			orders++;
			for (OrderLine line : order.lines()) {
				gmv += line.amount().minorUnits();
				items += line.quantity();
			}
			if (order.paidAt() == null || !order.paidAt().isBefore(end)) {
				keep(order, 0, 0);
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
			keep(order, paidShare, refundShare);
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
