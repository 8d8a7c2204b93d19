package io.membergraph.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.internal.SalesKpis.Dimension;
import io.membergraph.analytics.internal.SalesKpis.Figures;
import io.membergraph.analytics.internal.SalesKpis.Row;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderKind;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import static io.membergraph.analytics.internal.RfmTests.AS_OF_JUNE;
import static org.assertj.core.api.Assertions.assertThat;

/** June 2026's sales KPIs, May's and June 2025's, worked out by hand. */
class SalesKpisTests {

	static final SalesKpis.Members MEMBERS = new SalesKpis.Members(Map.of("M1", "广东", "M2", "浙江"),
			Map.of("M1", LocalDate.of(2026, 6, 5), "M2", LocalDate.of(2026, 1, 10)));

	/**
	 * June: M1's first order (200, paid after 1 h, shipped 24 h later, delivered 48 h after that); M2's order
	 * (100, paid after 3 h, 50 refunded); a guest's unpaid order (80); a cancelled order. May: M2, 300.
	 * June 2025: a guest, 500.
	 */
	static List<Order> orders() {
		return List.of(
				order("O1", "M1", Channel.WEB, "S1", "2026-06-05T02:00:00Z", 1, 25, 73, null, line("SK-1", "skincare", 2, "100.00")),
				withRefund(order("O2", "M2", Channel.STORE, "S1", "2026-06-10T02:00:00Z", 3, null, null, null,
						line("HC-1", "haircare", 1, "100.00")), "50.00", "2026-06-12T02:00:00Z"),
				order("O3", null, Channel.WEB, null, "2026-06-20T02:00:00Z", null, null, null, null, line("SK-1", "skincare", 1, "80.00")),
				order("O4", "M1", Channel.WEB, null, "2026-06-21T02:00:00Z", 1, null, null, 2, line("SK-1", "skincare", 1, "999.00")),
				order("O5", "M2", Channel.STORE, "S1", "2026-05-10T02:00:00Z", 1, null, null, null, line("HC-1", "haircare", 3, "100.00")),
				order("O6", null, Channel.WEB, null, "2025-06-15T02:00:00Z", 1, null, null, null, line("SK-1", "skincare", 5, "100.00")));
	}

	@Test
	void theMonthsKpisWithThePreviousMonthAndTheSameMonthLastYear() {
		List<Row> rows = SalesKpis.of(orders(), MEMBERS, AS_OF_JUNE, Period.MONTH, LocalDate.of(2026, 6, 1), Dimension.NONE)
			.rows();

		assertThat(rows).hasSize(1);
		Figures june = rows.get(0).figures();
		assertThat(june.orders()).isEqualTo(3);
		assertThat(june.paidOrders()).isEqualTo(2);
		assertThat(june.gmv()).isEqualTo(Money.of("380.00"));
		assertThat(june.paidAmount()).isEqualTo(Money.of("300.00"));
		assertThat(june.aov()).isEqualTo(Money.of("150.00"));
		assertThat(june.itemsPerOrder()).isEqualTo(4.0 / 3);
		assertThat(june.refundRateByAmount()).isEqualTo(50.0 / 300);
		assertThat(june.refundRateByOrders()).isEqualTo(0.5);
		assertThat(june.newCustomers()).isEqualTo(1);
		assertThat(june.returningCustomers()).isEqualTo(1);
		assertThat(june.newCustomerSales()).isEqualTo(Money.of("200.00"));
		// Payment 1 h and 3 h: median 2, p90 (nearest rank) 3. Shipping 24 h; receipt 48 h.
		assertThat(june.paymentCycle()).isEqualTo(new SalesKpis.Cycle(2.0, 3.0, 2));
		assertThat(june.shippingCycle()).isEqualTo(new SalesKpis.Cycle(24.0, 24.0, 1));
		assertThat(june.receiptCycle()).isEqualTo(new SalesKpis.Cycle(48.0, 48.0, 1));
		assertThat(rows.get(0).previous().paidAmount()).isEqualTo(Money.of("300.00"));
		assertThat(rows.get(0).lastYear().paidAmount()).isEqualTo(Money.of("500.00"));
	}

	/**
	 * On June 10th, June so far compares with May 1st to 10th and June 1st to 10th of 2025, not with the whole
	 * months: an order of May 20th and last June's order of the 15th are not in its comparisons to date.
	 */
	@Test
	void aMonthUnderWayComparesWithTheSameDaysOfThePreviousMonthAndOfLastYear() {
		List<Order> orders = new java.util.ArrayList<>(orders());
		orders.add(order("O7", "M2", Channel.STORE, "S1", "2026-05-20T02:00:00Z", 1, null, null, null,
				line("HC-1", "haircare", 1, "150.00")));
		AnalysisScope june10 = new AnalysisScope(LocalDate.of(2026, 6, 10), AS_OF_JUNE.zone(), null, null, null, null, null);

		Row row = SalesKpis.of(orders, MEMBERS, june10, Period.MONTH, LocalDate.of(2026, 6, 1), Dimension.NONE).rows().get(0);

		assertThat(row.figures().paidAmount()).isEqualTo(Money.of("300.00"));
		assertThat(row.previous().paidAmount()).isEqualTo(Money.of("450.00"));
		assertThat(row.previous().orders()).isEqualTo(2);
		assertThat(row.previousToDate().paidAmount()).isEqualTo(Money.of("300.00"));
		assertThat(row.previousToDate().orders()).isEqualTo(1);
		assertThat(row.previousToDate().returningCustomers()).isEqualTo(1);
		assertThat(row.lastYear().paidAmount()).isEqualTo(Money.of("500.00"));
		assertThat(row.lastYearToDate().orders()).isZero();
		assertThat(row.lastYearToDate().paidAmount()).isEqualTo(Money.ZERO);

		// By a dimension, each group compares the same way.
		Row store = SalesKpis.of(orders, MEMBERS, june10, Period.MONTH, LocalDate.of(2026, 6, 1), Dimension.CHANNEL)
			.rows().stream().filter(r -> r.group().equals("STORE")).findFirst().orElseThrow();
		assertThat(store.previous().paidAmount()).isEqualTo(Money.of("450.00"));
		assertThat(store.previousToDate().paidAmount()).isEqualTo(Money.of("300.00"));
	}

	@Test
	void aWholePeriodComparesWithWholePeriodsAndAPeriodUnderWayWithTheDaysItHasReached() {
		Row june = SalesKpis.of(orders(), MEMBERS, AS_OF_JUNE, Period.MONTH, LocalDate.of(2026, 6, 1), Dimension.NONE)
			.rows().get(0);
		assertThat(june.previousToDate()).isEqualTo(june.previous());
		assertThat(june.lastYearToDate()).isEqualTo(june.lastYear());

		assertThat(SalesKpis.toDateEnds(Period.MONTH, LocalDate.of(2026, 6, 30))).isEmpty();
		assertThat(SalesKpis.toDateEnds(Period.DAY, LocalDate.of(2026, 6, 10))).isEmpty();
		// The 1st to the 30th of March reaches past February's end: all of February.
		assertThat(SalesKpis.toDateEnds(Period.MONTH, LocalDate.of(2026, 3, 30))).isEqualTo(Map.of(
				LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 30)));
		// Wednesday 2026-06-10: Monday to Wednesday of the week before, and of the week holding 2025-06-08.
		assertThat(SalesKpis.toDateEnds(Period.WEEK, LocalDate.of(2026, 6, 10))).isEqualTo(Map.of(
				LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 3), LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 4)));
	}

	@Test
	void aCreditNoteCountsInTheRefundsOfItsMonthAndNotAsAnOrder() {
		Order credit = new Order("WEB:C1", "C1", Channel.WEB, "M2", null, null, OrderStatus.PLACED,
				Instant.parse("2026-06-15T02:00:00Z"), null, null, null, null, null, List.of(), Money.ZERO, Money.ZERO, null, null,
				List.of(new Refund("C1", Money.of("30.00"), Instant.parse("2026-06-15T02:00:00Z"), null, List.of(), null)),
				Money.of("30.00"), List.of(), null, null, null, "CNY", OrderKind.CREDIT_NOTE, null, null);
		List<Order> orders = new java.util.ArrayList<>(orders());
		orders.add(credit);

		Figures june = SalesKpis.of(orders, MEMBERS, AS_OF_JUNE, Period.MONTH, LocalDate.of(2026, 6, 1), Dimension.NONE)
			.rows().get(0).figures();

		assertThat(june.orders()).isEqualTo(3);
		assertThat(june.paidAmount()).isEqualTo(Money.of("300.00"));
		assertThat(june.refunds()).isEqualTo(Money.of("80.00"));
		assertThat(june.refundRateByAmount()).isEqualTo(80.0 / 300);
		assertThat(june.refundRateByOrders()).as("no order of the month was refunded by it").isEqualTo(0.5);
	}

	@Test
	void byCategoryAndByProvince() {
		List<Row> byCategory = SalesKpis.of(orders(), MEMBERS, AS_OF_JUNE, Period.MONTH, LocalDate.of(2026, 6, 1),
				Dimension.CATEGORY).rows();
		assertThat(byCategory).extracting(r -> r.group() + " " + r.figures().orders() + " " + r.figures().paidAmount())
			.containsExactly("haircare 1 100.00", "skincare 2 200.00");

		List<Row> byProvince = SalesKpis.of(orders(), MEMBERS, AS_OF_JUNE, Period.MONTH, LocalDate.of(2026, 6, 1),
				Dimension.PROVINCE).rows();
		assertThat(byProvince).extracting(Row::group).containsExactly("(guest)", "广东", "浙江");
		assertThat(byProvince.get(2).previous().paidAmount()).isEqualTo(Money.of("300.00"));
	}

	static Order order(String id, String member, Channel channel, String store, String placed, Integer paidAfterHours,
			Integer shippedAfterHours, Integer deliveredAfterHours, Integer cancelledAfterHours, OrderLine line) {
		Instant at = Instant.parse(placed);
		Money amount = line.amount();
		return new Order(channel + ":" + id, id, channel, member, store, null, OrderStatus.PLACED, at, after(at, paidAfterHours),
				after(at, shippedAfterHours), after(at, deliveredAfterHours), null, after(at, cancelledAfterHours), List.of(line),
				Money.ZERO, amount, null, null, List.of(), Money.ZERO, List.of(), null, at, null, "CNY", null, null, null);
	}

	static Order withRefund(Order o, String amount, String at) {
		return new Order(o.id(), o.orderNumber(), o.channel(), o.memberId(), o.storeId(), o.salesAssociate(), o.status(),
				o.placedAt(), o.paidAt(), o.shippedAt(), o.deliveredAt(), o.completedAt(), o.cancelledAt(), o.lines(),
				o.discount(), o.paidAmount(), o.couponCode(), o.campaignId(),
				List.of(new Refund("R1", Money.of(amount), Instant.parse(at), null, null, null)), Money.of(amount), List.of(), null,
				o.recordedAt(), null, o.currency(), null, null, null);
	}

	static OrderLine line(String sku, String category, int quantity, String unitPrice) {
		Money price = Money.of(unitPrice);
		return new OrderLine(sku, category, quantity, UnitPrice.of(price), new Money(price.minorUnits() * quantity));
	}

	private static Instant after(Instant at, Integer hours) {
		return hours == null ? null : at.plus(Duration.ofHours(hours));
	}


	@Test
	void onlyTheDaysOfThePeriodsShownAreRead() {
		// Days of November so far, with the day before each (October 31 too) and the same days a year before.
		assertThat(SalesKpis.daysRead(Period.DAY, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 24)))
			.containsExactly(new LocalDate[] { LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 25) },
					new LocalDate[] { LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 25) });
		// June's month with May before it and June a year before: May and June, and June 2025.
		assertThat(SalesKpis.daysRead(Period.MONTH, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)))
			.containsExactly(new LocalDate[] { LocalDate.of(2025, 6, 1), LocalDate.of(2025, 7, 1) },
					new LocalDate[] { LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 1) });
	}

}
