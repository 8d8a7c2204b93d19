package io.membergraph.commerce.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.MemberPurchases.Month;
import io.membergraph.commerce.MemberPurchases.ProductPurchases;
import io.membergraph.commerce.MemberPurchases;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderSettings;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The purchase rollup of a member, checked against figures worked out by hand. */
class PurchaseHistoryTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void ordersFallInTheBusinessMonthAndAFullRefundStopsAnOrderCounting() {
		PurchaseHistory history = new PurchaseHistory(SHANGHAI);
		// 17:00 UTC on 31 January is 1 February in Shanghai.
		history.add(order("A", "2026-01-31T17:00:00Z", null, line("SK-1", 1, "100.00")));
		history.add(order("B", "2026-02-10T02:00:00Z", null, line("SK-1", 1, "50.00")));
		history.add(withRefunds(order("C", "2026-02-11T02:00:00Z", null, line("SK-2", 1, "80.00")),
				refund("R1", "80.00", null)));
		history.add(order("D", "2026-01-05T02:00:00Z", null, line("SK-1", 1, "10.00")));

		MemberPurchases purchases = history.build("M1", 0, null);

		assertThat(purchases.months()).containsExactly(
				new Month("2026-01", 1, Money.of("10.00"), Money.ZERO),
				new Month("2026-02", 2, Money.of("230.00"), Money.of("80.00")));
		assertThat(purchases.months().get(1).netSpend()).isEqualTo(Money.of("150.00"));
		assertThat(purchases.products()).extracting(ProductPurchases::sku).containsExactly("SK-1");
	}

	@Test
	void productsShareThePaidAmountByLineAndCountDistinctDaysAndReturnedUnits() {
		PurchaseHistory history = new PurchaseHistory(SHANGHAI);
		// 300 + 100 less a 40 discount: 360 paid, shared 270 and 90.
		history.add(withRefunds(order("A", "2026-03-01T02:00:00Z", "40.00", line("SK-1", 3, "100.00"), line("SK-2", 1, "100.00")),
				refund("R1", "90.00", "SK-1")));
		history.add(order("B", "2026-03-01T06:00:00Z", null, line("SK-1", 1, "100.00")));
		history.add(order("C", "2026-03-09T06:00:00Z", null, line("SK-1", 1, "100.00")));

		MemberPurchases purchases = history.build("M1", 0, null);

		assertThat(purchases.products()).containsExactly(
				new ProductPurchases("SK-1", "skincare", 3, 4, Money.of("470.00"), List.of("2026-03-01", "2026-03-09")),
				new ProductPurchases("SK-2", "skincare", 1, 1, Money.of("90.00"), List.of("2026-03-01")));
	}

	@Test
	void unpaidAndCancelledOrdersAreLeftOut() {
		PurchaseHistory history = new PurchaseHistory(SHANGHAI);
		Order unpaid = OrderRules.toOrder(new RecordOrderInput(Channel.WEB, "U", "M1", null, null,
				Instant.parse("2026-03-01T02:00:00Z"), null, null, null, null, null, List.of(line("SK-1", 1, "1.00")), null,
				null, null, null, null), Map.of(), Instant.parse("2026-11-23T00:00:00Z"), OrderSettings.DEFAULTS);
		history.add(unpaid);

		assertThat(history.build("M1", 0, null).isEmpty()).isTrue();
	}

	private static Order order(String number, String at, String discount, OrderLineInput... lines) {
		Instant placed = Instant.parse(at);
		return OrderRules.toOrder(new RecordOrderInput(Channel.WEB, number, "M1", null, null, placed, placed, null, null, null,
				null, List.of(lines), discount == null ? null : Money.of(discount), null, null, null, null),
				Map.of(), Instant.parse("2026-11-23T00:00:00Z"), OrderSettings.DEFAULTS);
	}

	private static Order withRefunds(Order o, Refund... refunds) {
		Money refunded = List.of(refunds).stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
		return new Order(o.id(), o.orderNumber(), o.channel(), o.memberId(), o.storeId(), o.salesAssociate(), o.status(),
				o.placedAt(), o.paidAt(), o.shippedAt(), o.deliveredAt(), o.completedAt(), o.cancelledAt(), o.lines(),
				o.discount(), o.paidAmount(), o.couponCode(), o.campaignId(), List.of(refunds), refunded, List.of(),
				o.fingerprint(), o.recordedAt(), o.changedAt(), o.currency(), null, null, null);
	}

	private static Refund refund(String id, String amount, String returnedSku) {
		return new Refund(id, Money.of(amount), Instant.parse("2026-03-20T00:00:00Z"), null,
				returnedSku == null ? null : List.of(new Refund.RefundLine(returnedSku, 1)), null);
	}

	private static OrderLineInput line(String sku, int quantity, String price) {
		return new OrderLineInput(sku, quantity, UnitPrice.of(price), null, "skincare");
	}

}
