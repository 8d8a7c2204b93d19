package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.util.List;

import io.membergraph.analytics.internal.Repurchase.Dimension;
import io.membergraph.analytics.internal.Repurchase.ItemRepurchase;
import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static io.membergraph.analytics.internal.RfmTests.AS_OF_JUNE;
import static io.membergraph.analytics.internal.RfmTests.member;
import static io.membergraph.analytics.internal.RfmTests.order;
import static io.membergraph.analytics.internal.RfmTests.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Repurchase of two products among five members, counted by hand. */
class RepurchaseTests {

	static final List<Item> ESSENCE = List.of(new Item("SK-1", "skincare"));

	static final List<Item> SHAMPOO = List.of(new Item("SK-2", "haircare"));

	static final List<Item> BOTH = List.of(new Item("SK-1", "skincare"), new Item("SK-2", "haircare"));

	/**
	 * SK-1: A on 1 January, 31 January, 2 March (intervals 30, 30); B twice on 1 June (one day); C on 1 April
	 * (its 1 May order refunded in full). SK-2: A on 1 January; B on 1 February and 3 March (30); D on 1 May
	 * and 15 June (45; its order on 1 July Shanghai time is after the as-of day); E on 1 April, 1 May, 24 May
	 * (30, 23).
	 */
	static List<CustomerHistory> fiveBuyers() {
		return List.of(
				member("A", order("2026-01-01T02:00:00Z", "10.00", BOTH), order("2026-01-31T02:00:00Z", "10.00", ESSENCE),
						order("2026-03-02T02:00:00Z", "10.00", ESSENCE)),
				member("B", order("2026-02-01T02:00:00Z", "10.00", SHAMPOO), order("2026-03-03T02:00:00Z", "10.00", SHAMPOO),
						order("2026-06-01T02:00:00Z", "10.00", ESSENCE), order("2026-06-01T09:00:00Z", "10.00", ESSENCE)),
				member("C", order("2026-04-01T02:00:00Z", "10.00", ESSENCE),
						order("2026-05-01T02:00:00Z", "10.00", ESSENCE, refund("2026-05-03T02:00:00Z", "10.00"))),
				member("D", order("2026-05-01T02:00:00Z", "10.00", SHAMPOO), order("2026-06-15T02:00:00Z", "10.00", SHAMPOO),
						order("2026-06-30T16:30:00Z", "10.00", SHAMPOO)),
				member("E", order("2026-04-01T02:00:00Z", "10.00", SHAMPOO), order("2026-05-01T02:00:00Z", "10.00", SHAMPOO),
						order("2026-05-24T02:00:00Z", "10.00", SHAMPOO)));
	}

	@Test
	void rateIntervalsAndHistogramByProduct() {
		Repurchase.Result result = Repurchase.of(fiveBuyers(), AS_OF_JUNE, Dimension.PRODUCT, 10);

		assertThat(result.top()).extracting(ItemRepurchase::key).containsExactly("SK-2", "SK-1");
		ItemRepurchase shampoo = result.top().get(0);
		// Buyers A, B, D, E; repeat B, D, E; intervals 30, 45, 30, 23.
		assertThat(shampoo.buyers()).isEqualTo(4);
		assertThat(shampoo.repeatBuyers()).isEqualTo(3);
		assertThat(shampoo.rate()).isEqualTo(0.75);
		assertThat(shampoo.medianInterval()).isEqualTo(30.0);
		assertThat(shampoo.meanInterval()).isEqualTo(32.0);
		assertThat(shampoo.histogram()).extracting(Repurchase.Bucket::intervals).containsExactly(0, 0, 3, 1, 0, 0, 0, 0);
		ItemRepurchase essence = result.top().get(1);
		assertThat(essence.buyers()).isEqualTo(3);
		assertThat(essence.repeatBuyers()).isEqualTo(1);
		assertThat(essence.medianInterval()).isEqualTo(30.0);
	}

	@Test
	void byCategoryTheSameDaysCount() {
		Repurchase.Result result = Repurchase.of(fiveBuyers(), AS_OF_JUNE, Dimension.CATEGORY, 1);

		assertThat(result.items()).isEqualTo(2);
		assertThat(result.top()).extracting(ItemRepurchase::key, ItemRepurchase::repeatBuyers)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("haircare", 3));
	}

	@Test
	void membersDueToBuyAgainAboutTheAsOfDay() {
		// E's own median interval (30 and 23) is 26.5 days: from 24 May, due on 20 June, 10 days before the
		// as-of day. D has one interval, so the product's median (30) applies: due 15 July, 15 days after.
		List<Repurchase.DueMember> due = Repurchase.due(fiveBuyers(), AS_OF_JUNE, Dimension.PRODUCT, "SK-2", 14);

		assertThat(due).containsExactly(
				new Repurchase.DueMember("E", LocalDate.of(2026, 5, 24), 26.5, LocalDate.of(2026, 6, 20)));
		assertThat(Repurchase.due(fiveBuyers(), AS_OF_JUNE, Dimension.PRODUCT, "SK-2", 15))
			.extracting(Repurchase.DueMember::memberId).containsExactly("E", "D");
	}

	@Test
	void badParametersNameTheirField() {
		assertThatThrownBy(() -> Repurchase.of(fiveBuyers(), AS_OF_JUNE, Dimension.PRODUCT, 0))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("top"));
		assertThatThrownBy(() -> Repurchase.due(fiveBuyers(), AS_OF_JUNE, Dimension.PRODUCT, " ", 7))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("key"));
	}

}
