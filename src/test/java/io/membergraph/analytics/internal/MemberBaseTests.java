package io.membergraph.analytics.internal;

import java.util.Map;

import io.membergraph.analytics.internal.MemberBase.Migration;
import io.membergraph.analytics.internal.MemberBase.Share;
import io.membergraph.customer.GuestSales;
import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;

import static io.membergraph.analytics.internal.RfmTests.AS_OF_JUNE;
import static io.membergraph.analytics.internal.RfmTests.fourBuyers;
import static org.assertj.core.api.Assertions.assertThat;

/** Tiers, regions and guests for RfmTests' buyers, by hand. */
class MemberBaseTests {

	@Test
	void contributionByTierAndTheMemberShareOfSales() {
		// On the as-of day A is GOLD, B, C and E BASIC, D in no tier; guests bought twice for 100.00.
		MemberBase.Result result = MemberBase.of(fourBuyers(), AS_OF_JUNE,
				Map.of("A", "GOLD", "B", "BASIC", "C", "BASIC", "E", "BASIC"), new GuestSales.Totals(2, Money.of("100.00")));

		assertThat(result.members()).isEqualTo(5);
		assertThat(result.tiers()).containsExactly(
				new Share("BASIC", null, 3, 2, 2, Money.of("1050.00"), 0.6, 1050.0 / 1950),
				new Share("(none)", null, 1, 1, 1, Money.of("300.00"), 0.2, 300.0 / 1950),
				new Share("GOLD", null, 1, 1, 3, Money.of("600.00"), 0.2, 600.0 / 1950));
		assertThat(result.provinces()).extracting(Share::key, Share::province, Share::members).containsExactly(
				org.assertj.core.groups.Tuple.tuple("广东", null, 5));
		assertThat(result.cities()).extracting(Share::province).containsOnly("广东");
		assertThat(result.sales()).isEqualTo(new MemberBase.SalesSplit(4, 6, Money.of("1950.00"), 2, Money.of("100.00"),
				1950.0 / 2050));
	}

	@Test
	void tierMigrationCountsMembersByTheirTierOnEachDay() {
		assertThat(MemberBase.migration(fourBuyers(), Map.of("A", "BASIC", "B", "BASIC"),
				Map.of("A", "GOLD", "B", "BASIC", "C", "BASIC")))
			.containsExactly(new Migration("(none)", "BASIC", 1), new Migration("BASIC", "BASIC", 1),
					new Migration("BASIC", "GOLD", 1));
	}

}
