package io.membergraph.analytics.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Five counted baskets {A,B} {A,B,C} {A,C} {B} {A} (and a cancelled {B,C}): A is in 4, B in 3, C in 2; AB in 2, AC
 * in 2, BC in 1.
 */
class ProductAssociationsTests {

	@Test
	void rulesCarrySupportConfidenceAndLiftBestLiftFirst() {
		ProductAssociations.Result result = associations(null);

		assertThat(result.orders()).isEqualTo(5);
		// BC (support 0.2) is below 0.3; A→C: 2/4 = 0.5, lift 0.5 / 0.4; C→A: 2/2, lift 1 / 0.8; A→B: 2/4, lift 0.5 / 0.6
		assertThat(result.rules()).extracting(r -> r.antecedent() + ">" + r.consequent())
			.containsExactly("C>A", "A>C", "B>A", "A>B");
		ProductAssociations.Rule aToC = result.rules().get(1);
		assertThat(aToC.orders()).isEqualTo(2);
		assertThat(aToC.support()).isEqualTo(0.4);
		assertThat(aToC.confidence()).isEqualTo(0.5);
		assertThat(aToC.lift()).isCloseTo(1.25, within(1e-12));
		assertThat(result.rules().get(3).lift()).isCloseTo(0.5 / 0.6, within(1e-12));
	}

	@Test
	void whoBoughtAnItemAlsoBoughtListsOnlyRulesFromIt() {
		assertThat(associations("A").rules()).extracting(ProductAssociations.Rule::consequent).containsExactly("C", "B");
	}

	@Test
	void thresholdsOutsideTheirRangeAreRefusedByName() {
		assertThatThrownBy(() -> new ProductAssociations.Settings(null, 0, 0.5, null, 20))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("minSupport"));
		assertThatThrownBy(() -> new ProductAssociations.Settings(null, 0.1, 1.5, null, 20))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("minConfidence"));
	}

	private static ProductAssociations.Result associations(String item) {
		ProductAssociations baskets = new ProductAssociations(
				new ProductAssociations.Settings(ProductAssociations.Level.PRODUCT, 0.3, 0.5, item, 20));
		List.of(order(false, "A", "B"), order(false, "A", "B", "C", "A"), order(false, "A", "C"), order(false, "B"),
				order(false, "A"), order(true, "B", "C")).forEach(baskets::add);
		return new ProductAssociations.Result(null, null, baskets.guestOrders(), baskets.orders(), baskets.rules());
	}

	private static Order order(boolean cancelled, String... skus) {
		Instant at = Instant.parse("2026-03-01T10:00:00Z");
		List<OrderLine> lines = Arrays.stream(skus)
			.map(sku -> new OrderLine(sku, "cat-" + sku, 1, UnitPrice.of("1.00"), Money.of("1.00")))
			.toList();
		return new Order("APP:" + String.join("", skus) + cancelled, "n", Channel.APP, "m", null, null, OrderStatus.PAID,
				at, at, null, null, null, cancelled ? at : null, lines, Money.ZERO, Money.of("1.00"), null, null, List.of(),
				Money.ZERO, null, null, at, at, "CNY", null, null, null);
	}

}
