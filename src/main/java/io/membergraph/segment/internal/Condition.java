package io.membergraph.segment.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A segment's definition as a typed tree: what the text language compiles to, and what the structured GraphQL
 * input builds directly. Field names are checked against {@link SegmentField}; values are literals, never
 * expressions, so nothing in a condition can reach the store as an operator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface Condition {

	/** The conditions on one field and the behaviours the condition is made of, below every AND, OR and NOT. */
	static java.util.stream.Stream<Condition> leavesOf(Condition condition) {
		if (condition instanceof All all) {
			return all.conditions().stream().flatMap(Condition::leavesOf);
		}
		if (condition instanceof Any any) {
			return any.conditions().stream().flatMap(Condition::leavesOf);
		}
		if (condition instanceof Not not) {
			return leavesOf(not.condition());
		}
		return java.util.stream.Stream.of(condition);
	}

	/** The member field a condition on one field tests; null for AND, OR, NOT and behaviours. */
	static SegmentField fieldOf(Condition condition) {
		if (condition instanceof Compare c) {
			return c.field();
		}
		if (condition instanceof In c) {
			return c.field();
		}
		if (condition instanceof Between c) {
			return c.field();
		}
		if (condition instanceof Contains c) {
			return c.field();
		}
		return condition instanceof IsNull c ? c.field() : null;
	}

	/** Every condition holds (AND). */
	record All(List<Condition> conditions) implements Condition {
	}

	/** At least one condition holds (OR). */
	record Any(List<Condition> conditions) implements Condition {
	}

	record Not(Condition condition) implements Condition {
	}

	/** {@code field op value}, e.g. {@code age >= 25}. */
	record Compare(SegmentField field, Operator operator, Value value) implements Condition {
	}

	/** {@code field IN (values)}, or {@code NOT IN} when negated. */
	record In(SegmentField field, List<Value> values, boolean negated) implements Condition {
	}

	/** {@code field BETWEEN low AND high}, both ends included. */
	record Between(SegmentField field, Value low, Value high) implements Condition {
	}

	/** {@code tags CONTAINS 'vip'}, {@code channel.has('TMALL')}: the field's set holds the value. */
	record Contains(SegmentField field, Value value) implements Condition {
	}

	/** {@code field IS NULL}, or {@code IS NOT NULL} when negated. */
	record IsNull(SegmentField field, boolean negated) implements Condition {
	}

	/**
	 * What a member did: {@code orders(count >= 3, spend > 1000, since -180d)}. Without a count threshold it
	 * means at least one.
	 *
	 * @param matches the events' properties that must equal (sku, category, type, channel, store)
	 * @param thresholds measures over the matching events (count, spend)
	 * @param since the window's first day, or null for all time
	 * @param until the window's last day, or null for up to today
	 */
	record Behaviour(Activity activity, Map<String, String> matches, List<Threshold> thresholds, Value since,
			Value until) implements Condition {
	}

	/** A measure over a behaviour's events compared to a number: {@code count >= 3}. */
	record Threshold(String measure, Operator operator, BigDecimal value) {
	}

	enum Activity {

		/** Paid orders that count (docs/analytics.md): count, spend; match channel, store. */
		ORDERS("orders", List.of("channel", "store"), List.of("count", "spend")),

		/** Counted orders holding a product: count of such orders; match sku, category. */
		BOUGHT("bought", List.of("sku", "category"), List.of("count")),

		/** Recorded interactions: count; match type, channel. */
		INTERACTIONS("interactions", List.of("type", "channel"), List.of("count"));

		private final String word;

		private final List<String> matches;

		private final List<String> measures;

		Activity(String word, List<String> matches, List<String> measures) {
			this.word = word;
			this.matches = matches;
			this.measures = measures;
		}

		public String word() {
			return word;
		}

		public List<String> matches() {
			return matches;
		}

		public List<String> measures() {
			return measures;
		}

	}

	enum Operator {

		EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

		private final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

		public String symbol() {
			return symbol;
		}

		/** Whether {@code comparison} (a compareTo result) satisfies the operator. */
		public boolean holds(int comparison) {
			return switch (this) {
				case EQ -> comparison == 0;
				case NE -> comparison != 0;
				case LT -> comparison < 0;
				case LE -> comparison <= 0;
				case GT -> comparison > 0;
				case GE -> comparison >= 0;
			};
		}

	}

	/** A literal. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
	sealed interface Value {

		record Text(String text) implements Value {
		}

		record Number(BigDecimal number) implements Value {
		}

		record Bool(boolean value) implements Value {
		}

		/** An absolute day: {@code 2025-01-01}. */
		record Day(LocalDate day) implements Value {
		}

		/**
		 * A day relative to the evaluation day: {@code -7d}, {@code -2w}, {@code -3m}, {@code -1y}; {@code today}
		 * is zero days.
		 */
		record RelativeDay(int amount, ChronoUnit unit) implements Value {

			public LocalDate from(LocalDate today) {
				return today.plus(amount, unit);
			}

		}

	}

}
