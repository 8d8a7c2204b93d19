package io.membergraph.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import io.membergraph.PinnedClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShownGroupsTests {

	private final PinnedClock clock = new PinnedClock();

	private final KeptInMemory kept = new KeptInMemory();

	private final ShownGroups differences = instance(2_000);

	/** One instance of the service's memory of previews, over the sets all instances keep. */
	private ShownGroups instance(int capacity) {
		return new ShownGroups("segment previews", 5, Duration.ofHours(24), capacity, clock, kept);
	}

	private static List<String> members(int from, int to) {
		return IntStream.range(from, to).mapToObj(i -> "M" + (100000 + i)).toList();
	}

	private static ShownGroups.Sketch sketch(List<String> memberIds) {
		ShownGroups.Sketch sketch = new ShownGroups.Sketch();
		memberIds.forEach(sketch::member);
		return sketch;
	}

	/** The members, and three orders of each, the last of those from the members given refunded by 10. */
	private static ShownGroups.Sketch withOrders(List<String> memberIds, List<String> refunding) {
		ShownGroups.Sketch sketch = new ShownGroups.Sketch();
		memberIds.forEach(id -> {
			long owner = sketch.member(id);
			for (int order = 0; order < 3; order++) {
				sketch.record(owner, order, order == 2 && refunding.contains(id) ? 1000 : 0);
			}
		});
		return sketch;
	}

	@Test
	void theSketchOfTwoSetsTellsHowManyMembersAreInOnlyOneOfThemWhenFew() {
		Random random = new Random(7);
		List<String> all = new ArrayList<>(members(0, 100_000));
		ShownGroups.Sketch whole = sketch(all);
		for (int removed = 0; removed <= 12; removed++) {
			List<String> fewer = new ArrayList<>(all);
			Collections.shuffle(fewer, random);
			List<String> kept = fewer.subList(removed, fewer.size());
			List<String> withOthers = new ArrayList<>(kept);
			withOthers.add("X1");
			assertThat(whole.membersDifferingFrom(sketch(kept))).as("%d removed", removed)
				.isEqualTo(removed);
			assertThat(whole.membersDifferingFrom(sketch(withOthers))).isEqualTo(removed + 1);
		}
		assertThat(whole.membersDifferingFrom(sketch(members(0, 50_000))))
			.isEqualTo(ShownGroups.Sketch.MANY);
	}

	@Test
	void theSketchOfTwoAnswersTellsHowManyMembersOwnTheRecordsInOnlyOneOfThem() {
		List<String> all = members(0, 2_000);
		ShownGroups.Sketch whole = withOrders(all, List.of());
		assertThat(whole.membersDifferingFrom(withOrders(all, List.of()))).isZero();
		assertThat(whole.membersDifferingFrom(withOrders(all, List.of("M100007")))).as("one member's refund").isEqualTo(1);
		assertThat(whole.membersDifferingFrom(withOrders(all, members(10, 14)))).as("four members' refunds").isEqualTo(4);
		ShownGroups.Sketch withoutTheirOrders = new ShownGroups.Sketch();
		all.forEach(id -> {
			long owner = withoutTheirOrders.member(id);
			for (int order = 0; order < 3; order++) {
				if (!id.equals("M100003") && !id.equals("M100004") || order == 0) {
					withoutTheirOrders.record(owner, order, 0);
				}
			}
		});
		assertThat(whole.membersDifferingFrom(withoutTheirOrders)).as("two members' later orders, the same members")
			.isEqualTo(2);
		assertThat(whole.membersDifferingFrom(withOrders(all, members(100, 160)))).as("60 members' refunds")
			.isEqualTo(ShownGroups.Sketch.MANY);
	}

	/**
	 * A few members' orders in only one of two answers decode to those members nearly always; the rare miss (a
	 * cycle among the cells) is taken as many members, never as a wrong few.
	 */
	@Test
	void aFewMembersRecordsDecodeToThemNearlyAlwaysAndNeverToAWrongCount() {
		Random random = new Random(11);
		int undecoded = 0;
		for (int trial = 0; trial < 400; trial++) {
			ShownGroups.Sketch before = new ShownGroups.Sketch();
			ShownGroups.Sketch after = new ShownGroups.Sketch();
			long[] owners = new long[200];
			for (int member = 0; member < owners.length; member++) {
				String id = "M" + trial + "-" + member;
				owners[member] = before.member(id);
				after.member(id);
				for (int order = 0; order < 3; order++) {
					before.record(owners[member], order, 0);
					after.record(owners[member], order, 0);
				}
			}
			int buyers = 1 + trial % 4;
			int orders = buyers + random.nextInt(36);
			for (int order = 0; order < orders; order++) {
				after.record(owners[order % buyers], 1_000 + random.nextInt(1_000_000), 0);
			}
			int told = before.membersDifferingFrom(after);
			if (told == ShownGroups.Sketch.MANY) {
				undecoded++;
			}
			else {
				assertThat(told).as("trial %d, %d orders of %d members", trial, orders, buyers).isEqualTo(buyers);
			}
		}
		assertThat(undecoded).as("undecoded of 400").isLessThanOrEqualTo(8);
	}

	@Test
	void anAnswerWhoseOrdersDifferByAFewMembersOrdersIsWithheldThoughItsMembersAreTheSame() {
		List<String> all = members(0, 300);
		assertThat(differences.differingQuestion("marketer", "all members, as of 2026-03-30", withOrders(all, List.of())))
			.isEmpty();
		assertThat(differences.differingQuestion("marketer", "all members, as of 2026-03-31",
				withOrders(all, List.of("M100001", "M100002")))).as("two members' refunds on the 31st")
			.contains("all members, as of 2026-03-30");
		assertThat(differences.differingQuestion("marketer", "all members, as of 2026-04-01",
				withOrders(all, members(0, 5)))).as("five members' refunds").isEmpty();
	}

	@Test
	void aPreviewDifferingFromAnEarlierOneByAGroupTooSmallToShowIsWithheld() {
		assertThat(differences.mayShow("marketer", members(0, 120))).isTrue();
		assertThat(differences.mayShow("marketer", members(1, 120))).as("one member less").isFalse();
		assertThat(differences.mayShow("marketer", members(0, 124))).as("four more").isFalse();
		assertThat(differences.mayShow("marketer", members(0, 125))).as("five more").isTrue();
		assertThat(differences.mayShow("marketer", members(0, 120))).as("the same again").isTrue();
		assertThat(differences.mayShow("other", members(1, 120))).as("another caller's").isTrue();
	}

	@Test
	void whatWasWithheldIsNotRememberedAndMemoryEnds() {
		assertThat(differences.mayShow("marketer", members(0, 100))).isTrue();
		assertThat(differences.mayShow("marketer", members(0, 103))).isFalse();
		assertThat(differences.mayShow("marketer", members(0, 106))).as("3 from the withheld one, which is not a side")
			.isTrue();
		clock.advance(Duration.ofHours(25));
		assertThat(differences.mayShow("marketer", members(0, 101))).isTrue();
	}

	@Test
	void aQuestionAskedAgainReplacesItsSetWhileAnotherQuestionIsSetAgainstIt() {
		assertThat(differences.differingQuestion("marketer", "province 上海", sketch(members(0, 120)))).isEmpty();
		assertThat(differences.differingQuestion("marketer", "province 上海", sketch(members(0, 122))))
			.as("the same question after two sign-ups").isEmpty();
		assertThat(differences.differingQuestion("marketer", "province 上海, channel WEB", sketch(members(0, 120))))
			.as("two fewer than the question's latest set").contains("province 上海");
		assertThat(differences.differingQuestion("marketer", "province 上海, channel WEB", sketch(members(0, 122))))
			.as("the same set under another question").isEmpty();
		assertThat(differences.differingQuestion("marketer", "province 上海, tier GOLD", sketch(members(2, 122))))
			.as("two fewer than either").hasValueSatisfying(earlier -> assertThat(earlier).startsWith("province 上海"));
	}

	@Test
	void aCallerShownAsManySetsAsAreRememberedIsRefusedANewOneUntilTheOldestIsForgotten() {
		ShownGroups small = instance(100);
		assertThat(small.mayShow("marketer", members(0, 1_000))).isTrue();
		clock.advance(Duration.ofHours(1));
		for (int i = 1; i < 100; i++) {
			assertThat(small.mayShow("marketer", members(i * 10, 2_000 + i * 10))).isTrue();
		}
		Instant oldestForgotten = clock.instant().minus(Duration.ofHours(1)).plus(Duration.ofHours(24)).plusSeconds(1);
		assertThatThrownBy(() -> small.mayShow("marketer", members(5_000, 7_000)))
			.isInstanceOfSatisfying(ShownGroups.MemoryFull.class, full -> {
				assertThat(full.capacity()).isEqualTo(100);
				assertThat(full.freeAt()).isEqualTo(oldestForgotten);
			});
		assertThatThrownBy(() -> small.differingQuestion("marketer", "province 上海", sketch(members(5_000, 7_000))))
			.isInstanceOf(ShownGroups.MemoryFull.class);
		assertThat(small.mayShow("marketer", members(2, 1_000))).as("two fewer than the first: still remembered")
			.isFalse();
		assertThat(small.mayShow("marketer", members(990, 2_990))).as("one shown before, again").isTrue();
		assertThat(small.mayShow("other", members(5_000, 7_000))).as("another caller's").isTrue();
		clock.set(oldestForgotten);
		assertThat(small.mayShow("marketer", members(5_000, 7_000))).as("once the oldest is forgotten").isTrue();
	}

	@Test
	void howManySetsAreRememberedIsASettingWithBounds() {
		assertThat(ShownGroups.capacity(2_000)).isEqualTo(2_000);
		assertThatThrownBy(() -> ShownGroups.capacity(99))
			.hasMessage("membergraph.privacy.remembered-per-caller must be between 100 and 20000, not 99");
		assertThatThrownBy(() -> ShownGroups.capacity(20_001)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aPreviewRepeatedIsRememberedOnceSoRepeatingItPushesNothingOut() {
		ShownGroups small = instance(100);
		assertThat(small.mayShow("marketer", members(0, 1_000))).isTrue();
		for (int i = 0; i < 500; i++) {
			assertThat(small.mayShow("marketer", members(0, 5_000))).isTrue();
		}
		assertThat(small.mayShow("marketer", members(2, 1_000))).isFalse();
	}

	@Test
	void anotherInstanceOrARestartSetsANewSetAgainstWhatWasShownBefore() {
		ShownGroups other = instance(2_000);
		assertThat(differences.mayShow("marketer", members(0, 120))).isTrue();
		assertThat(other.mayShow("marketer", members(2, 120))).as("two fewer, on another instance").isFalse();
		assertThat(instance(2_000).mayShow("marketer", members(0, 124))).as("four more, after a restart").isFalse();

		assertThat(other.differingQuestion("marketer", "province 上海", sketch(members(0, 300)))).isEmpty();
		assertThat(differences.differingQuestion("marketer", "province 上海", sketch(members(0, 302))))
			.as("the same question after two sign-ups, on the first instance").isEmpty();
		assertThat(other.differingQuestion("marketer", "province 上海, channel WEB", sketch(members(0, 300))))
			.as("two fewer than the question's latest set, which the first instance was shown").contains("province 上海");
		assertThat(kept.size()).as("the replaced set is forgotten where it is kept").isEqualTo(2);
	}

	@Test
	void aSetAnotherInstanceRemembersBetweenTheReadAndTheClaimIsSetAgainstTheNewOneBeforeItIsShown() {
		ShownGroups other = instance(2_000);
		kept.beforeNextClaim(() -> assertThat(other.mayShow("marketer", members(0, 120))).isTrue());
		assertThat(differences.mayShow("marketer", members(2, 120))).isFalse();
		assertThat(kept.size()).as("the set that lost the claim is not kept").isEqualTo(1);
		assertThat(other.mayShow("marketer", members(3, 120))).isFalse();
	}

	@Test
	void manyLargePreviewsInBetweenDoNotPushAnEarlierOneOut() {
		assertThat(differences.mayShow("marketer", members(0, 30_000))).isTrue();
		for (int i = 1; i <= 300; i++) {
			differences.mayShow("marketer", members(i * 10, 20_000 + i * 37));
		}
		assertThat(differences.mayShow("marketer", members(1, 30_000))).isFalse();
	}


	private static ShownGroups.Span days(String first, String afterLast) {
		return new ShownGroups.Span("orders of 上海", Instant.parse(first + "T00:00:00Z"), Instant.parse(afterLast + "T00:00:00Z"));
	}

	@Test
	void setsOfStretchesOfTimeThatDoNotMeetAreNotSetAgainstEachOther() {
		// A day of 120 buyers, then the next day's 118 of them: no record in common, so no difference of a few.
		assertThat(differences.differingQuestions("marketer",
				List.of(new ShownGroups.Asked("1 March", days("2026-03-01", "2026-03-02"), sketch(members(0, 120))))))
			.isEmpty();
		assertThat(differences.differingQuestions("marketer",
				List.of(new ShownGroups.Asked("2 March", days("2026-03-02", "2026-03-03"), sketch(members(2, 120))))))
			.isEmpty();
		assertThat(differences.differingQuestions("marketer", List.of(
				new ShownGroups.Asked("1 to 2 March", days("2026-03-01", "2026-03-03"), sketch(members(1, 120))))))
			.as("meets both, and differs from each by one member")
			.contains(new ShownGroups.Clash("1 to 2 March", "2 March"));
	}

	@Test
	void setsAskedTogetherAreSetAgainstEachOtherAndRememberedAllOrNone() {
		ShownGroups.Asked march = new ShownGroups.Asked("March", days("2026-03-01", "2026-04-01"), sketch(members(0, 120)));
		ShownGroups.Asked toThe30th = new ShownGroups.Asked("March to the 30th", days("2026-03-01", "2026-03-31"),
				sketch(members(0, 118)));
		ShownGroups.Asked april = new ShownGroups.Asked("April", days("2026-04-01", "2026-05-01"), sketch(members(0, 90)));
		assertThat(differences.differingQuestions("marketer", List.of(april, march, toThe30th)))
			.contains(new ShownGroups.Clash("March to the 30th", "March"));
		assertThat(kept.size()).as("nothing of an answer refused is remembered").isZero();
		assertThat(differences.differingQuestions("marketer", List.of(april, march))).isEmpty();
		assertThat(kept.size()).isEqualTo(2);
		assertThat(instance(2_000).differingQuestions("marketer", List.of(toThe30th)))
			.as("on another instance, which reads both with their stretches")
			.contains(new ShownGroups.Clash("March to the 30th", "March"));
		assertThat(differences.differingQuestions("marketer", List.of(april, march))).as("the same again").isEmpty();
		assertThat(kept.size()).isEqualTo(2);
	}

	@Test
	void setsAskedTogetherAreRefusedWhenTheyWouldOverfillTheMemory() {
		ShownGroups small = instance(100);
		List<ShownGroups.Asked> days = IntStream.range(0, 101)
			.mapToObj(day -> new ShownGroups.Asked("day " + day, days("2026-01-01", "2026-01-02"),
					sketch(members(day * 1_000, day * 1_000 + 50))))
			.toList();
		assertThatThrownBy(() -> small.differingQuestions("marketer", days)).isInstanceOf(ShownGroups.MemoryFull.class);
		assertThat(small.differingQuestions("marketer", days.subList(0, 100))).isEmpty();
	}

	/** The orders of October's days from the first given to the one before the last: ten buyers a day, one on the 1st. */
	private static ShownGroups.Asked october(String question, int first, int afterLast) {
		ShownGroups.Sketch orders = new ShownGroups.Sketch();
		for (int day = first; day < afterLast; day++) {
			for (int buyer = 0; buyer < (day == 1 ? 1 : 10); buyer++) {
				orders.record(ShownGroups.Sketch.owner("M" + (day * 100 + buyer)), day, 0);
			}
		}
		return new ShownGroups.Asked(question, days("2026-10-%02d".formatted(first), "2026-10-%02d".formatted(afterLast)),
				orders);
	}

	@Test
	void aWholeIsSetAgainstThePartsInsideItThatCoverTheMostOfIt() {
		List<ShownGroups.Asked> weeks = List.of(october("week 2", 2, 9), october("week 3", 9, 16),
				october("week 4", 16, 23), october("week 5", 23, 30));
		ShownGroups.Asked month = october("1st to 29th", 1, 30);
		// No two of them differ by a few: each week is 70 buyers short of the month.
		assertThat(differences.differingQuestions("marketer", weeks.subList(0, 3))).isEmpty();
		assertThat(differences.differingQuestions("marketer", List.of(month))).isEmpty();
		assertThat(differences.differingQuestions("marketer", List.of(weeks.get(3))))
			.as("the fourth week: the month less the four is the one buyer of the 1st")
			.contains(new ShownGroups.Clash("week 5", "1st to 29th, less this period and 3 other periods inside it"));
		assertThat(instance(2_000).differingQuestions("trade marketer", weeks)).isEmpty();
		assertThat(instance(2_000).differingQuestions("trade marketer", List.of(month)))
			.as("the month after its weeks").contains(new ShownGroups.Clash("1st to 29th", "week 2, and 3 other periods inside this one"));
		assertThat(differences.differingQuestions("other marketer", List.of(october("2nd to 29th", 2, 30), weeks.get(0),
				weeks.get(1), weeks.get(2), weeks.get(3)))).as("parts that add up to the whole exactly tell nothing more").isEmpty();
	}

	@Test
	void thePartsThatCoverTheMostOfAStretchAreTakenWithoutMeetingEachOther() {
		List<ShownGroups.Asked> parts = List.of(october("2nd to 9th", 2, 10), october("1st to 3rd", 1, 4),
				october("7th to 9th", 7, 10), october("4th to 6th", 4, 7), october("10th", 10, 11),
				october("9th to 10th", 9, 11));
		assertThat(ShownGroups.Parts.mostCovering(parts)).extracting(ShownGroups.Asked::question)
			.containsExactly("1st to 3rd", "4th to 6th", "7th to 9th", "10th");
	}
}
