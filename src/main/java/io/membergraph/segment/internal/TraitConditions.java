package io.membergraph.segment.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;

import io.membergraph.customer.TraitColumns;
import io.membergraph.customer.TraitColumns.Trait;
import io.membergraph.store.DecidedPerCode;

/**
 * Conditions on member traits (tier, region, age, gender, registration, channels, tags, consent) and points turned
 * into a test of a row of {@link TraitColumns}: each condition on a trait is decided by {@link SegmentEvaluation}
 * once per distinct value of its column (when a row first has it), a row is then in or out by its code; a condition on points is decided
 * by the same evaluation on the row's figure from {@link PointsColumns}. The same evaluation as member by member,
 * so the same members; it touches a few arrays where the other would build every member's object.
 */
public final class TraitConditions {

	private TraitConditions() {
	}

	/**
	 * Each row's points as a segment reads them on its day: the available balance and the points of lots that
	 * expire soon, 0 and 0 for a member without an account.
	 */
	record PointsColumns(long[] balance, long[] expiringSoon) {
	}

	/** Whether the condition tests member traits and points only, and so can be decided on the columns. */
	static boolean onTraitsAndPoints(Condition condition) {
		return Condition.leavesOf(condition).allMatch(leaf -> {
			SegmentField field = Condition.fieldOf(leaf);
			return field != null && (traitOf(field) != null || isPoints(field));
		});
	}

	static boolean isPoints(SegmentField field) {
		return field == SegmentField.POINTS_BALANCE || field == SegmentField.POINTS_EXPIRING_SOON;
	}

	/**
	 * Hands the members in the segment to {@code selected} in row order, by passes over the columns alone: for a
	 * condition {@link #onTraitsAndPoints} takes, with {@code points} when it tests points. A
	 * {@link SegmentPopulation.Counted} counts them without a call per member where the condition allows.
	 */
	static void select(Condition condition, TraitColumns columns, PointsColumns points, SegmentEvaluation evaluation,
			Consumer<String> selected) {
		OnTraits traitsAlone = onTraitsAlone(condition, columns, evaluation);
		if (traitsAlone != null) {
			if (selected instanceof SegmentPopulation.Counted counted) {
				counted.addHolding(columns, traitsAlone);
			}
			else {
				columns.forEachHolding(traitsAlone.traits(), traitsAlone.holds(), selected);
			}
			return;
		}
		IntPredicate onTraits = compile(condition, columns, points, evaluation);
		for (int row = 0; row < columns.rows(); row++) {
			String id = columns.memberId(row);
			if (id != null && onTraits.test(row)) {
				selected.accept(id);
			}
		}
	}

	/**
	 * The row test for the condition, or null when it tests something else as well (orders, scores, or points
	 * when {@code points} is null). It remembers what it decided: one test for one pass over the rows, on one
	 * thread.
	 */
	static IntPredicate compile(Condition condition, TraitColumns columns, PointsColumns points,
			SegmentEvaluation evaluation) {
		if (condition instanceof Condition.All all) {
			IntPredicate[] parts = compileAll(all.conditions(), columns, points, evaluation);
			return parts == null ? null : row -> {
				for (IntPredicate part : parts) {
					if (!part.test(row)) {
						return false;
					}
				}
				return true;
			};
		}
		if (condition instanceof Condition.Any any) {
			IntPredicate[] parts = compileAll(any.conditions(), columns, points, evaluation);
			return parts == null ? null : row -> {
				for (IntPredicate part : parts) {
					if (part.test(row)) {
						return true;
					}
				}
				return false;
			};
		}
		if (condition instanceof Condition.Not not) {
			IntPredicate inner = compile(not.condition(), columns, points, evaluation);
			return inner == null ? null : inner.negate();
		}
		SegmentField field = Condition.fieldOf(condition);
		if (field != null && isPoints(field) && points != null) {
			long[] figures = field == SegmentField.POINTS_BALANCE ? points.balance() : points.expiringSoon();
			return row -> evaluation.holds(condition, figures[row]);
		}
		Trait trait = field == null ? null : traitOf(field);
		if (trait == null) {
			return null;
		}
		DecidedPerCode decided = decisions(condition, field, trait, columns, evaluation);
		return row -> decided.test(columns.code(trait, row));
	}

	/**
	 * A condition on one trait, or all of several conditions each on one trait, as a decision per value of each
	 * trait's column, in the order they are to be tested.
	 */
	record OnTraits(Trait[] traits, DecidedPerCode[] holds) {
	}

	/**
	 * The condition as tests of trait values, for one pass over those columns alone (no combination to call
	 * through per row): a condition on one trait, or an AND of such conditions (tested in the given order); null when
	 * it is anything else (OR, NOT, points, orders). One pass, one thread.
	 */
	static OnTraits onTraitsAlone(Condition condition, TraitColumns columns, SegmentEvaluation evaluation) {
		List<Condition> leaves = condition instanceof Condition.All all ? all.conditions() : List.of(condition);
		Trait[] traits = new Trait[leaves.size()];
		DecidedPerCode[] holds = new DecidedPerCode[leaves.size()];
		for (int i = 0; i < traits.length; i++) {
			Condition leaf = leaves.get(i);
			SegmentField field = Condition.fieldOf(leaf);
			traits[i] = field == null || isPoints(field) ? null : traitOf(field);
			if (traits[i] == null) {
				return null;
			}
			holds[i] = decisions(leaf, field, traits[i], columns, evaluation);
		}
		return new OnTraits(traits, holds);
	}

	/**
	 * The condition decided for a value when a row first has it: a column of birth dates has tens of thousands of
	 * distinct values, of which a condition after "tier IN (...)" meets a few.
	 */
	private static DecidedPerCode decisions(Condition condition, SegmentField field, Trait trait, TraitColumns columns,
			SegmentEvaluation evaluation) {
		if (field == SegmentField.AGE) {
			// An age condition depends on the age alone: decided once per age in years (a hundred or so), each birth
			// date only worked out to its age from its epoch day. Deciding each birth date through a date object
			// took 3 ms of a preview of 100,000 members, half of them gold or platinum; 1 ms now.
			Map<Integer, Boolean> byAge = new HashMap<>();
			Function<Integer, Boolean> decide = years -> evaluation.holds(condition, years);
			long[] birthDays = columns.epochDays(trait);
			return new DecidedPerCode(code -> code == TraitColumns.NONE ? evaluation.holds(condition, null)
					: byAge.computeIfAbsent(evaluation.age(birthDays[code]), decide));
		}
		return new DecidedPerCode(code -> evaluation.holds(condition,
				raw(field, code == TraitColumns.NONE ? null : columns.value(trait, code), evaluation)));
	}

	private static IntPredicate[] compileAll(List<Condition> conditions, TraitColumns columns, PointsColumns points,
			SegmentEvaluation evaluation) {
		IntPredicate[] parts = new IntPredicate[conditions.size()];
		for (int i = 0; i < parts.length; i++) {
			parts[i] = compile(conditions.get(i), columns, points, evaluation);
			if (parts[i] == null) {
				return null;
			}
		}
		return parts;
	}

	/** The column a field is read from; null for fields that are not traits. */
	private static Trait traitOf(SegmentField field) {
		return switch (field) {
			case TIER -> Trait.TIER;
			case PROVINCE -> Trait.PROVINCE;
			case CITY -> Trait.CITY;
			case AGE -> Trait.BIRTH_DATE;
			case GENDER -> Trait.GENDER;
			case JOINED -> Trait.JOINED;
			case JOIN_CHANNEL -> Trait.JOIN_CHANNEL;
			case CHANNELS -> Trait.CHANNELS;
			case TAGS -> Trait.TAGS;
			case CONSENT_SMS, CONSENT_EMAIL, CONSENT_WECHAT, CONSENT_APP_PUSH, CONSENT_PHONE_CALL -> Trait.CONSENT;
			default -> null;
		};
	}

	/** The field's value as the evaluation reads it, from the column's value (null: the member has none). */
	private static Object raw(SegmentField field, Object value, SegmentEvaluation evaluation) {
		if (field == SegmentField.AGE) {
			return evaluation.age((LocalDate) value);
		}
		String consentChannel = SegmentEvaluation.consentChannel(field);
		if (consentChannel != null) {
			return value == null ? null : ((Map<?, ?>) value).get(consentChannel);
		}
		return value;
	}

}
