package io.membergraph.segment.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.membergraph.customer.MemberTraits.Traits;
import io.membergraph.customer.TraitColumns;
import io.membergraph.shared.BusinessCalendar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up on invented members runs every path a preview on traits and points takes over the columns, so that
 * each is compiled before ready; a path it left out would be compiled during a user's first preview again.
 */
class TraitConditionsWarmUpTests {

	private static final BusinessCalendar CALENDAR = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));

	private static final TraitColumns ONE_MEMBER = TraitColumns.of(List.of(new Traits("m", "GOLD", "广东", null,
			LocalDate.of(1990, 5, 1), "FEMALE", null, "APP", java.util.Set.of("APP"), java.util.Set.of(), java.util.Map.of())),
			CALENDAR);

	@Test
	void itsConditionsAreAllDecidedOnTheColumns() {
		assertThat(TraitConditionsWarmUp.conditions()).isNotEmpty().allMatch(TraitConditions::onTraitsAndPoints);
	}

	@Test
	void itsConditionsTakeEveryPathOverTheColumns() {
		List<Condition> conditions = TraitConditionsWarmUp.conditions();
		SegmentEvaluation evaluation = new SegmentEvaluation(LocalDate.of(2026, 12, 6));

		assertThat(conditions).as("one trait alone: a count by the table, no branch per row")
			.anyMatch(c -> traitsTested(c, evaluation) == 1);
		assertThat(conditions).as("an AND of several traits: one pass over their columns")
			.anyMatch(c -> traitsTested(c, evaluation) >= 3);
		assertThat(conditions).as("OR and NOT: a test per row")
			.anyMatch(c -> traitsTested(c, evaluation) == 0 && c instanceof Condition.Any)
			.anyMatch(c -> Condition.leavesOf(c).count() > 1 && containsNot(c));
		assertThat(conditions).as("points").anyMatch(c -> Condition.leavesOf(c).map(Condition::fieldOf)
			.anyMatch(TraitConditions::isPoints));
		assertThat(conditions).as("an age, a value beyond Latin-1")
			.anyMatch(c -> c.toString().contains("AGE"))
			.anyMatch(c -> c.toString().contains("广东"));
	}

	@Test
	void itRunsOnInventedMembersWithoutTheStore() {
		Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneId.of("UTC"));
		new TraitConditionsWarmUp(CALENDAR, clock).warm();
	}

	/** How many traits one pass over the columns tests for the condition; 0 when it needs a test per row. */
	private static int traitsTested(Condition condition, SegmentEvaluation evaluation) {
		TraitConditions.OnTraits alone = TraitConditions.onTraitsAlone(condition, ONE_MEMBER, evaluation);
		return alone == null ? 0 : alone.traits().length;
	}

	private static boolean containsNot(Condition condition) {
		if (condition instanceof Condition.Not) {
			return true;
		}
		if (condition instanceof Condition.All all) {
			return all.conditions().stream().anyMatch(TraitConditionsWarmUpTests::containsNot);
		}
		return condition instanceof Condition.Any any && any.conditions().stream().anyMatch(TraitConditionsWarmUpTests::containsNot);
	}

}
