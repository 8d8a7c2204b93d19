package io.membergraph.member;

import java.time.Instant;

import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberStatsTests {

	private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

	private static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");

	@Test
	void ordersAddToCountAndSpendAndWidenTheFirstAndLastOrderTimes() {
		MemberStats stats = MemberStats.NONE.plus(StatsChange.paidOrder(Money.of("300.00"), JUNE))
			.plus(StatsChange.paidOrder(Money.of("100.00"), MAY));
		assertThat(stats.orderCount()).isEqualTo(2);
		assertThat(stats.totalSpend()).isEqualTo(Money.of("400.00"));
		assertThat(stats.averageOrderValue()).isEqualTo(Money.of("200.00"));
		assertThat(stats.firstOrderAt()).isEqualTo(MAY);
		assertThat(stats.lastOrderAt()).isEqualTo(JUNE);
	}

	@Test
	void aFullyRefundedOrderNoLongerCountsInTheAverage() {
		MemberStats stats = MemberStats.NONE.plus(StatsChange.paidOrder(Money.of("300.00"), MAY))
			.plus(StatsChange.paidOrder(Money.of("100.00"), JUNE))
			.plus(StatsChange.refund(Money.of("100.00"), true))
			.plus(StatsChange.refund(Money.of("50.00"), false));
		assertThat(stats.totalSpend()).isEqualTo(Money.of("250.00"));
		assertThat(stats.refundCount()).isEqualTo(2);
		assertThat(stats.fullyRefundedOrderCount()).isEqualTo(1);
		assertThat(stats.averageOrderValue()).isEqualTo(Money.of("250.00"));
	}

	@Test
	void aMemberWithoutOrdersHasZeroAverageAndNoOrderTimes() {
		assertThat(MemberStats.NONE.averageOrderValue()).isEqualTo(Money.ZERO);
		assertThat(MemberStats.NONE.firstOrderAt()).isNull();
	}

}
