package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.loyalty.Activity;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PointsCalculatorTests {

	private static final Instant NOV_5 = Instant.parse("2026-11-05T02:00:00Z");

	private final PointsCalculator calculator = new PointsCalculator(List.of(
			rule("base-BASIC", EarnRule.Type.BASE_RATE, "BASIC", null, null, 1.0),
			rule("base-GOLD", EarnRule.Type.BASE_RATE, "GOLD", null, null, 1.5),
			rule("skincare", EarnRule.Type.CATEGORY_MULTIPLIER, null, "skincare", null, 2.0),
			rule("double11", EarnRule.Type.CAMPAIGN_BONUS, null, null, "C-DOUBLE11", 2.0),
			new EarnRule("review", EarnRule.Type.ACTIVITY_REWARD, null, null, null, null, Activity.REVIEW, 1.0, 20, null, null, null)));

	@Test
	void eachLineEarnsItsShareOfThePaidAmountTimesRateAndMultiplierRoundedDown() {
		// paid 500 of 549: skincare 420 x 500/549 x 2 = 765.03, haircare 129 x 500/549 = 117.49, total 882.51
		Order order = order(null, "500.00", line("SK-1001", "skincare", "420.00"), line("HC-4001", "haircare", "129.00"));
		assertThat(calculator.forOrder(order, "BASIC")).isEqualTo(882);
		assertThat(calculator.forOrder(order, "GOLD")).isEqualTo(1323);
	}

	@Test
	void aPaidAmountAboveTheGoodsLessTheDiscountEarnsNoMore() {
		// 100.00 of skincare, paid 150.00 with shipping: the goods earn 100 x 2, the shipping nothing
		assertThat(calculator.forOrder(order(null, "150.00", line("SK-1001", "skincare", "100.00")), "BASIC")).isEqualTo(200);
		// a discount of 20.00 and 15.00 shipping: 80.00 of goods
		Order discounted = order(null, "20.00", "95.00", line("HC-4001", "haircare", "100.00"));
		assertThat(calculator.forOrder(discounted, "BASIC")).isEqualTo(80);
	}

	@Test
	void aCampaignBonusAppliesToOrdersOfThatCampaign() {
		assertThat(calculator.forOrder(order("C-DOUBLE11-2026", "100.00", line("HC-4001", "haircare", "100.00")), "BASIC"))
			.isEqualTo(200);
		assertThat(calculator.forOrder(order("C-618-2026", "100.00", line("HC-4001", "haircare", "100.00")), "BASIC"))
			.isEqualTo(100);
	}

	@Test
	void aTierWithoutARuleEarnsOnePointPerUnitAndAnUnrewardedActivityNothing() {
		assertThat(calculator.forOrder(order(null, "99.99", line("HC-4001", "haircare", "99.99")), "SILVER")).isEqualTo(99);
		assertThat(calculator.forActivity(Activity.REVIEW)).isEqualTo(20);
		assertThat(calculator.forActivity(Activity.CHECK_IN)).isZero();
	}

	@Test
	void refundsTakeBackPointsInProportionAndTheLastRefundTakesWhatIsLeft() {
		Money paid = Money.of("300.00");
		long first = PointsCalculator.reversalFor(100, paid, Money.ZERO, Money.of("100.00"));
		long second = PointsCalculator.reversalFor(100, paid, Money.of("100.00"), Money.of("200.00"));
		long last = PointsCalculator.reversalFor(100, paid, Money.of("200.00"), paid);
		assertThat(List.of(first, second, last)).containsExactly(33L, 33L, 34L);
	}

	private static EarnRule rule(String id, EarnRule.Type type, String tier, String category, String campaign, double factor) {
		return new EarnRule(id, type, tier, category, null, campaign, null, factor, 0, null, null, null);
	}

	private static OrderLine line(String sku, String category, String amount) {
		return new OrderLine(sku, category, 1, UnitPrice.of(amount), Money.of(amount));
	}

	private static Order order(String campaign, String paid, OrderLine... lines) {
		return order(campaign, "0.00", paid, lines);
	}

	private static Order order(String campaign, String discount, String paid, OrderLine... lines) {
		return new Order("WEB:1", "1", Channel.WEB, "M1", null, null, OrderStatus.PAID, NOV_5, NOV_5, null, null, null, null,
				List.of(lines), Money.of(discount), Money.of(paid), null, campaign, List.of(), Money.ZERO, List.of(), null, NOV_5, null,
				"CNY", null, null, null);
	}

}
