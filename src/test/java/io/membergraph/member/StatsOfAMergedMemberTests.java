package io.membergraph.member;

import java.time.Instant;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merged member's stats are final from the moment it becomes a tombstone: the merge hands exactly those figures to
 * the survivor. A change that reaches the tombstone later (an order or refund recorded for it the moment before the
 * merge began, completed the moment after) goes to the survivor, once. Before, it landed on the tombstone: after the
 * figures were taken it counted for no one, and if another completer of the same order had meanwhile moved it to the
 * survivor, the figures took it again and the survivor counted it twice (a probe of concurrent orders, refunds and
 * merges found one member a refund over in two runs of five).
 */
class StatsOfAMergedMemberTests extends ApplicationTest {

	private static final Instant PAID = Instant.parse("2026-04-01T02:00:00Z");

	@Test
	void aChangeReachingAMergedMemberCountsOnceOnTheSurvivor() throws Exception {
		String survivor = registerMember("迟到 甲");
		String merged = registerMember("迟到 乙");
		mergeMembers(survivor, merged);
		MemberStatistics statistics = bean(MemberStatistics.class);

		assertThat(statistics.apply(merged, "order:WEB:LATE-1", StatsChange.paidOrder(Money.of("120.00"), PAID))).isTrue();
		assertThat(statistics.apply(merged, "order:WEB:LATE-1", StatsChange.paidOrder(Money.of("120.00"), PAID))).isFalse();
		assertThat(statistics.apply(survivor, "order:WEB:LATE-1", StatsChange.paidOrder(Money.of("120.00"), PAID)))
			.isFalse();

		assertThat(stats(survivor).orderCount()).isEqualTo(1);
		assertThat(stats(survivor).totalSpend()).isEqualTo(Money.of("120.00"));
		assertThat(stats(merged)).isEqualTo(MemberStats.NONE);
	}

	@Test
	void aChangeTheMemberTookBeforeTheMergeIsNotAppliedAgainOnTheSurvivor() throws Exception {
		String survivor = registerMember("先到 甲");
		String merged = registerMember("先到 乙");
		MemberStatistics statistics = bean(MemberStatistics.class);
		statistics.apply(merged, "order:WEB:EARLY-1", StatsChange.paidOrder(Money.of("80.00"), PAID));
		mergeMembers(survivor, merged);

		// A second completer of the same order, after the merge: the change is in the figures the survivor took.
		assertThat(statistics.apply(merged, "order:WEB:EARLY-1", StatsChange.paidOrder(Money.of("80.00"), PAID)))
			.isFalse();

		assertThat(stats(survivor).orderCount()).isEqualTo(1);
		assertThat(stats(survivor).totalSpend()).isEqualTo(Money.of("80.00"));
	}

	/**
	 * A completer that held the order across two merges (the member into a survivor, which then merged into a third):
	 * the first survivor took the change and handed it on in its figures; the third does not take it again.
	 */
	@Test
	void aChangeTheFirstSurvivorTookIsNotAppliedAgainWhenItMergesOn() throws Exception {
		String last = registerMember("连环 丙");
		String first = registerMember("连环 甲");
		String merged = registerMember("连环 乙");
		MemberStatistics statistics = bean(MemberStatistics.class);
		mergeMembers(first, merged);
		assertThat(statistics.apply(merged, "order:WEB:CHAIN-1", StatsChange.paidOrder(Money.of("60.00"), PAID))).isTrue();
		mergeMembers(last, first);

		assertThat(statistics.apply(merged, "order:WEB:CHAIN-1", StatsChange.paidOrder(Money.of("60.00"), PAID))).isFalse();

		assertThat(stats(last).orderCount()).isEqualTo(1);
		assertThat(stats(last).totalSpend()).isEqualTo(Money.of("60.00"));
	}

	@Test
	void aBatchChangeOfAMemberMergedMeanwhileReachesTheSurvivorBesideItsOwn() throws Exception {
		String survivor = registerMember("批次 甲");
		String merged = registerMember("批次 乙");
		mergeMembers(survivor, merged);
		MemberStatistics statistics = bean(MemberStatistics.class);
		Map<String, StatsChange> changes = Map.of(survivor, StatsChange.paidOrder(Money.of("50.00"), PAID), merged,
				StatsChange.paidOrder(Money.of("70.00"), PAID));

		assertThat(statistics.applyAll("batch:B-1", changes)).isEqualTo(2);
		assertThat(statistics.applyAll("batch:B-1", changes)).isZero();

		assertThat(stats(survivor).orderCount()).isEqualTo(2);
		assertThat(stats(survivor).totalSpend()).isEqualTo(Money.of("120.00"));
		assertThat(stats(merged)).isEqualTo(MemberStats.NONE);
	}

	private MemberStats stats(String memberId) {
		return bean(MemberRepository.class).findById(memberId).orElseThrow().stats();
	}

}
