package io.membergraph.segment.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.membergraph.shared.InvalidInputException;

/**
 * The condition tree as apps send it over GraphQL, so they need not build strings. It is written out in the
 * segment language and compiled like typed text: one set of rules and messages, and a saved segment always
 * has a readable definition.
 */
public record StructuredCondition(List<StructuredCondition> all, List<StructuredCondition> any, StructuredCondition not,
		String field, Op operator, String value, List<String> values, BehaviourInput behaviour) {

	public enum Op {

		EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("IN"), NOT_IN("NOT IN"), BETWEEN("BETWEEN"),
		CONTAINS("CONTAINS"), IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL");

		private final String text;

		Op(String text) {
			this.text = text;
		}

	}

	public record BehaviourInput(Condition.Activity activity, List<Match> matches, List<Measure> thresholds,
			String since, String until) {
	}

	public record Match(String name, String value) {
	}

	public record Measure(String measure, Op operator, BigDecimal value) {
	}

	private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|-\\d{1,5}[dwmy]|today");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	/** The condition in the segment language; errors name the input's path, e.g. {@code condition.all[1]}. */
	public String toQuery() {
		return write(this, "condition", 0);
	}

	private static String write(StructuredCondition c, String path, int depth) {
		if (c == null) {
			throw new InvalidInputException(path, "is missing");
		}
		if (depth > SegmentQueryParser.MAX_DEPTH) {
			throw new InvalidInputException(path, "nested too deeply: at most " + SegmentQueryParser.MAX_DEPTH + " levels");
		}
		int given = (c.all != null ? 1 : 0) + (c.any != null ? 1 : 0) + (c.not != null ? 1 : 0)
				+ (c.field != null ? 1 : 0) + (c.behaviour != null ? 1 : 0);
		if (given != 1) {
			throw new InvalidInputException(path, "give exactly one of all, any, not, field or behaviour");
		}
		if (c.all != null || c.any != null) {
			List<StructuredCondition> parts = c.all != null ? c.all : c.any;
			String name = c.all != null ? "all" : "any";
			if (parts.isEmpty()) {
				throw new InvalidInputException(path + "." + name, "must hold at least one condition");
			}
			List<String> written = new ArrayList<>();
			for (int i = 0; i < parts.size(); i++) {
				written.add("(" + write(parts.get(i), path + "." + name + "[" + i + "]", depth + 1) + ")");
			}
			return String.join(c.all != null ? " AND " : " OR ", written);
		}
		if (c.not != null) {
			return "NOT (" + write(c.not, path + ".not", depth + 1) + ")";
		}
		if (c.behaviour != null) {
			return behaviour(c.behaviour, path + ".behaviour");
		}
		return predicate(c, path);
	}

	private static String predicate(StructuredCondition c, String path) {
		if (c.operator == null) {
			throw new InvalidInputException(path + ".operator", "is missing");
		}
		String field = c.field.strip();
		SegmentField known = SegmentField.byPath(field).orElse(null);
		return switch (c.operator) {
			case IS_NULL, IS_NOT_NULL -> field + " " + c.operator.text;
			case IN, NOT_IN -> {
				if (c.values == null || c.values.isEmpty()) {
					throw new InvalidInputException(path + ".values", "must hold at least one value for " + c.operator);
				}
				List<String> values = new ArrayList<>();
				for (int i = 0; i < c.values.size(); i++) {
					values.add(literal(known, c.values.get(i), path + ".values[" + i + "]"));
				}
				yield field + " " + c.operator.text + " (" + String.join(", ", values) + ")";
			}
			case BETWEEN -> {
				if (c.values == null || c.values.size() != 2) {
					throw new InvalidInputException(path + ".values", "BETWEEN takes two values, the low and the high end");
				}
				yield field + " BETWEEN " + literal(known, c.values.get(0), path + ".values[0]") + " AND "
						+ literal(known, c.values.get(1), path + ".values[1]");
			}
			default -> field + " " + c.operator.text + " " + literal(known, c.value, path + ".value");
		};
	}

	private static String behaviour(BehaviourInput b, String path) {
		if (b.activity() == null) {
			throw new InvalidInputException(path + ".activity", "is missing");
		}
		List<String> properties = new ArrayList<>();
		List<Match> matches = b.matches() == null ? List.of() : b.matches();
		for (int i = 0; i < matches.size(); i++) {
			Match match = matches.get(i);
			if (match.name() == null || match.value() == null) {
				throw new InvalidInputException(path + ".matches[" + i + "]", "needs a name and a value");
			}
			properties.add(match.name().strip() + " = " + quoted(match.value()));
		}
		List<Measure> thresholds = b.thresholds() == null ? List.of() : b.thresholds();
		for (int i = 0; i < thresholds.size(); i++) {
			Measure measure = thresholds.get(i);
			if (measure.measure() == null || measure.operator() == null || measure.value() == null
					|| measure.operator().ordinal() > Op.GE.ordinal()) {
				throw new InvalidInputException(path + ".thresholds[" + i + "]",
						"needs a measure, a comparison (EQ, NE, LT, LE, GT, GE) and a number");
			}
			properties.add(measure.measure().strip() + " " + measure.operator().text + " " + measure.value().stripTrailingZeros().toPlainString());
		}
		if (b.since() != null) {
			properties.add("since " + day(b.since(), path + ".since"));
		}
		if (b.until() != null) {
			properties.add("until " + day(b.until(), path + ".until"));
		}
		return b.activity().word() + "(" + String.join(", ", properties) + ")";
	}

	/** The value written as the field's type wants it; unknown fields get a text, and the parser names them. */
	private static String literal(SegmentField field, String value, String path) {
		if (value == null) {
			throw new InvalidInputException(path, "is missing");
		}
		String v = value.strip();
		SegmentField.Type type = field == null ? SegmentField.Type.TEXT : field.type();
		return switch (type) {
			case NUMBER -> {
				if (!NUMBER.matcher(v).matches()) {
					throw new InvalidInputException(path, "'" + value + "' is not a number");
				}
				yield v;
			}
			case BOOLEAN -> {
				if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
					throw new InvalidInputException(path, "must be true or false");
				}
				yield v.toLowerCase();
			}
			case DAY -> day(v, path);
			default -> quoted(value);
		};
	}

	private static String day(String value, String path) {
		String v = value.strip();
		if (!DAY.matcher(v).matches()) {
			throw new InvalidInputException(path, "'" + value + "' is not a day (2025-01-01) or a relative day (-7d, -2w, "
					+ "-3m, -1y, today)");
		}
		return v;
	}

	private static String quoted(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
