package io.membergraph.commerce.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderSettings;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Product;
import io.membergraph.commerce.Refund;
import io.membergraph.member.StatsChange;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderRulesTests {

	private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

	private static final Instant PLACED = Instant.parse("2026-11-11T02:00:00Z");

	private static final Map<String, Product> CATALOGUE = Map.of("SK-1001",
			new Product("SK-1001", "Essence", "skincare", "Lumière", Money.of("420.00"), true));

	@Test
	void linesDefaultToQuantityTimesPriceAndTheCataloguesCategory() {
		Order order = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("SK-1001", 2, "420.00"), line("X-1", 1, "10.00"))),
				CATALOGUE, NOW, OrderSettings.DEFAULTS);
		assertThat(order.id()).isEqualTo("TMALL:T-1");
		assertThat(order.lines().get(0).amount()).isEqualTo(Money.of("840.00"));
		assertThat(order.lines().get(0).category()).isEqualTo("skincare");
		assertThat(order.lines().get(1).category()).isNull();
		assertThat(order.paidAmount()).isEqualTo(Money.of("850.00"));
		assertThat(order.status()).isEqualTo(OrderStatus.PAID);
		assertThat(order.pendingMemberUpdates()).containsExactly("list:TMALL:T-1", "order:TMALL:T-1", "purchases:TMALL:T-1");
	}

	@Test
	void anUnpaidOrCancelledOrderChangesNoStats() {
		Order placed = OrderRules.toOrder(input(PLACED, null, null, List.of(line("SK-1001", 1, "1.00"))), CATALOGUE, NOW, OrderSettings.DEFAULTS);
		Order cancelled = OrderRules.toOrder(input(PLACED, PLACED, PLACED.plusSeconds(60), List.of(line("SK-1001", 1, "1.00"))),
				CATALOGUE, NOW, OrderSettings.DEFAULTS);
		assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(placed.statsChanges()).isEmpty();
		assertThat(placed.pendingMemberUpdates()).as("listed for the member all the same").containsExactly("list:TMALL:T-1");
		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.statsChanges()).isEmpty();
	}

	@Test
	void theSameReportGivesTheSameFingerprintAndAnotherReportAnother() {
		Order once = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("SK-1001", 1, "1.00"))), CATALOGUE, NOW, OrderSettings.DEFAULTS);
		Order again = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("SK-1001", 1, "1.00"))), CATALOGUE, NOW.plusSeconds(5), OrderSettings.DEFAULTS);
		Order other = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("SK-1001", 2, "1.00"))), CATALOGUE, NOW, OrderSettings.DEFAULTS);
		assertThat(again.fingerprint()).isEqualTo(once.fingerprint());
		assertThat(other.fingerprint()).isNotEqualTo(once.fingerprint());
	}

	@Test
	void impossibleOrdersNameTheOffendingField() {
		assertField(input(PLACED, PLACED, null, List.of()), "lines");
		assertField(input(PLACED, PLACED.minusSeconds(1), null, List.of(line("SK-1001", 1, "1.00"))), "paidAt");
		assertField(input(NOW.plusSeconds(3600), null, null, List.of(line("SK-1001", 1, "1.00"))), "placedAt");
		assertField(input(PLACED, PLACED, null, List.of(line("SK\t1001", 1, "1.00"))), "lines[0].sku");
		assertField(input(PLACED, PLACED, null, List.of(line("X".repeat(101), 1, "1.00"))), "lines[0].sku");
		assertField(input(PLACED, PLACED, null, List.of(line("SK-1001", 1_000_001, "1.00"))), "lines[0].quantity");
		assertField(input(PLACED, PLACED, null, List.of(new OrderLineInput("SK-1001", 1, UnitPrice.of("1.00"),
				Money.of("-1.00"), null))), "lines[0].amount");
		RecordOrderInput tooMuchDiscount = new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED, PLACED, null,
				null, null, null, List.of(line("SK-1001", 1, "1.00")), Money.of("2.00"), null, null, null, null);
		assertField(tooMuchDiscount, "discount");
		assertField(withCurrency("XYZ"), "currency");
		assertField(withCurrency("KWD"), "currency");
		assertField(withCurrency("XXX"), "currency");
		assertField(withCurrency("XAU"), "currency");
	}

	@Test
	void anOrderIsPaidShippedOrCancelledNoLaterThanADayAhead() {
		Instant nextYear = NOW.plusSeconds(366 * 86_400L);
		assertField(input(PLACED, nextYear, null, List.of(line("SK-1001", 1, "1.00"))), "paidAt");
		assertField(input(PLACED, PLACED, nextYear, List.of(line("SK-1001", 1, "1.00"))), "cancelledAt");
		assertField(new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED, PLACED, PLACED, nextYear, null,
				null, List.of(line("SK-1001", 1, "1.00")), null, null, null, null, null), "deliveredAt");
		// clocks differ: a day ahead is still taken
		assertThat(OrderRules.toOrder(input(PLACED, NOW.plusSeconds(3600), null, List.of(line("SK-1001", 1, "1.00"))),
				CATALOGUE, NOW, OrderSettings.DEFAULTS).paidAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void productCodesAreKeptAsTheSourceWritesThemTrimmed() {
		Order order = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("  BANK CHARGES ", 1, "15.00"),
				line("gift_0001_10", 1, "8.50"), line("洗发水 500ml", 1, "59.00"))), CATALOGUE, NOW, OrderSettings.DEFAULTS);

		assertThat(order.lines()).extracting(OrderLine::sku).containsExactly("BANK CHARGES", "gift_0001_10", "洗发水 500ml");
	}

	@Test
	void aSubCentPriceIsRoundedOncePerLineAndAFreeItemIsALineOfTheOrder() {
		Order order = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("STICKER", 25, "0.0825"),
				line("GIFT", 1, "0"), line("POST", 3, "1.2550"))), CATALOGUE, NOW, OrderSettings.DEFAULTS);

		// 25 x 0.0825 = 2.0625 -> 2.06; 3 x 1.255 = 3.765 -> 3.77 (half up); the gift costs nothing
		assertThat(order.lines()).extracting(l -> l.amount().toString()).containsExactly("2.06", "0.00", "3.77");
		assertThat(order.lines().get(0).unitPrice()).hasToString("0.0825");
		assertThat(order.paidAmount()).isEqualTo(Money.of("5.83"));
		assertThat(order.currency()).isEqualTo("CNY");
	}

	@Test
	void amountsInACurrencyWithoutCentsAreRoundedToWholeUnits() {
		RecordOrderInput yen = new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED, PLACED, null, null, null,
				null, List.of(line("SK-1001", 3, "333.3333")), null, null, null, null, "jpy");

		Order order = OrderRules.toOrder(yen, CATALOGUE, NOW, OrderSettings.DEFAULTS);

		assertThat(order.currency()).isEqualTo("JPY");
		assertThat(order.paidAmount()).isEqualTo(Money.of("1000.00"));

		RecordOrderInput halfYen = new RecordOrderInput(Channel.TMALL, "T-2", "M1", null, null, PLACED, PLACED, null, null,
				null, null, List.of(line("SK-1001", 3, "333.3333")), Money.of("0.50"), null, null, null, "JPY");
		assertThatThrownBy(() -> OrderRules.toOrder(halfYen, CATALOGUE, NOW, OrderSettings.DEFAULTS))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("discount: 0.50 has more than 0 decimal places, as JPY amounts have");
	}

	@Test
	void aTimeBeforeTheOneItFollowsNamesTheTimeTheOrderHas() {
		RecordOrderInput shippedUnpaid = new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED, null,
				PLACED.minusSeconds(60), null, null, null, List.of(line("SK-1001", 1, "1.00")), null, null, null, null, null);
		RecordOrderInput shippedBeforePaying = new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED,
				PLACED.plusSeconds(600), PLACED.plusSeconds(60), null, null, null, List.of(line("SK-1001", 1, "1.00")), null,
				null, null, null, null);
		RecordOrderInput deliveredUnshipped = new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED, null,
				null, PLACED.minusSeconds(60), null, null, List.of(line("SK-1001", 1, "1.00")), null, null, null, null, null);

		assertThatThrownBy(() -> OrderRules.toOrder(shippedUnpaid, CATALOGUE, NOW, OrderSettings.DEFAULTS))
			.hasMessage("shippedAt: is before placedAt");
		assertThatThrownBy(() -> OrderRules.toOrder(shippedBeforePaying, CATALOGUE, NOW, OrderSettings.DEFAULTS))
			.hasMessage("shippedAt: is before paidAt");
		assertThatThrownBy(() -> OrderRules.toOrder(deliveredUnshipped, CATALOGUE, NOW, OrderSettings.DEFAULTS))
			.hasMessage("deliveredAt: is before placedAt");
	}

	@Test
	void anOrderBeyondTheLineLimitIsRefusedWholeWithTheLimitNamed() {
		List<OrderLineInput> lines = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			lines.add(line("SK-" + i, 1, "1.00"));
		}
		OrderSettings tenLines = new OrderSettings(10, "CNY");

		assertThatThrownBy(() -> OrderRules.toOrder(input(PLACED, PLACED, null, lines), CATALOGUE, NOW, tenLines))
			.hasMessageContaining("12 lines").hasMessageContaining("membergraph.orders.max-lines");
		assertThat(OrderRules.toOrder(input(PLACED, PLACED, null, lines), CATALOGUE, NOW, OrderSettings.DEFAULTS).lines())
			.hasSize(12);
	}

	@Test
	void refundsTellWhichOneCompletesAFullRefund() {
		Order order = OrderRules.toOrder(input(PLACED, PLACED, null, List.of(line("SK-1001", 1, "100.00"))), CATALOGUE, NOW, OrderSettings.DEFAULTS);
		Order refunded = new Order(order.id(), order.orderNumber(), order.channel(), order.memberId(), null, null,
				order.status(), order.placedAt(), order.paidAt(), null, null, null, null, order.lines(), order.discount(),
				order.paidAmount(), null, null,
				List.of(new Refund("R1", Money.of("40.00"), NOW, null, List.of(), null),
						new Refund("R2", Money.of("60.00"), NOW, null, List.of(), null)),
				Money.of("100.00"), List.of(), order.fingerprint(), NOW, order.changedAt(), order.currency(), null, null, null);
		Map<String, StatsChange> changes = refunded.statsChanges();
		assertThat(changes.keySet()).containsExactly("order:TMALL:T-1", "refund:TMALL:T-1:R1", "refund:TMALL:T-1:R2");
		assertThat(changes.get("refund:TMALL:T-1:R1").fullyRefundedOrders()).isZero();
		assertThat(changes.get("refund:TMALL:T-1:R2").fullyRefundedOrders()).isEqualTo(1);
	}

	private static void assertField(RecordOrderInput input, String field) {
		assertThatThrownBy(() -> OrderRules.toOrder(input, CATALOGUE, NOW, OrderSettings.DEFAULTS)).isInstanceOf(InvalidInputException.class)
			.extracting(ex -> ((InvalidInputException) ex).field()).isEqualTo(field);
	}

	private static RecordOrderInput input(Instant placed, Instant paid, Instant cancelled, List<OrderLineInput> lines) {
		return new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, placed, paid, null, null, null, cancelled, lines,
				null, null, null, null, null);
	}

	private static RecordOrderInput withCurrency(String currency) {
		return new RecordOrderInput(Channel.TMALL, "T-1", "M1", null, null, PLACED, PLACED, null, null, null, null,
				List.of(line("SK-1001", 1, "1.00")), null, null, null, null, currency);
	}

	private static OrderLineInput line(String sku, int quantity, String price) {
		return new OrderLineInput(sku, quantity, UnitPrice.of(price), null, null);
	}

}
