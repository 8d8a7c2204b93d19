package io.membergraph.segment.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.membergraph.member.Region;
import io.membergraph.segment.internal.Condition.Activity;
import io.membergraph.segment.internal.Condition.Operator;
import io.membergraph.segment.internal.Condition.Threshold;
import io.membergraph.segment.internal.Condition.Value;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;

/**
 * Compiles the segment language (docs/segments.md) into a {@link Condition} tree. Hand-written recursive
 * descent: the grammar is small, and a hand-written parser names the exact line and column of every mistake
 * with a message a CRM specialist can act on. Every error is an {@link InvalidInputException} on the field
 * {@code query}.
 */
public final class SegmentQueryParser {

	static final int MAX_LENGTH = 4_000;

	static final int MAX_DEPTH = 20;

	static final int MAX_CONDITIONS = 200;

	/** Far above any count, age, points balance or amount of money a member reaches: 10^12. */
	static final BigDecimal LARGEST_NUMBER = new BigDecimal("1000000000000");

	private static final List<String> KEYWORDS = List.of("AND", "OR", "NOT", "IN", "BETWEEN", "CONTAINS", "IS", "NULL",
			"TRUE", "FALSE", "TODAY");

	private final String text;

	private final List<Token> tokens;

	private int position;

	private int depth;

	private int conditions;

	private SegmentQueryParser(String text) {
		this.text = text;
		this.tokens = new Lexer(text).tokens();
	}

	/** The condition the text describes; a clear error naming line and column when it describes none. */
	public static Condition parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("query", "is empty: describe the members, e.g. tier = 'GOLD'");
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidInputException("query", "is " + text.length() + " characters long; at most " + MAX_LENGTH);
		}
		SegmentQueryParser parser = new SegmentQueryParser(text);
		Condition condition = parser.or();
		Token next = parser.peek();
		if (next.kind != Kind.END) {
			throw parser.error(next, "unexpected " + next.describe() + ": expected AND, OR or the end");
		}
		return condition;
	}

	private Condition or() {
		List<Condition> any = new ArrayList<>(List.of(and()));
		while (peekWord("OR")) {
			position++;
			any.add(and());
		}
		return any.size() == 1 ? any.get(0) : new Condition.Any(List.copyOf(any));
	}

	private Condition and() {
		List<Condition> all = new ArrayList<>(List.of(unary()));
		while (peekWord("AND")) {
			position++;
			all.add(unary());
		}
		return all.size() == 1 ? all.get(0) : new Condition.All(List.copyOf(all));
	}

	private Condition unary() {
		if (peekWord("NOT")) {
			Token not = next();
			return nested(not, () -> new Condition.Not(unary()));
		}
		return primary();
	}

	private Condition primary() {
		Token token = peek();
		if (token.kind == Kind.LPAREN) {
			position++;
			Condition inner = nested(token, this::or);
			expect(Kind.RPAREN, "')' to close the '(' at " + token.at());
			return inner;
		}
		if (token.kind != Kind.WORD || KEYWORDS.contains(token.text.toUpperCase(Locale.ROOT))) {
			throw error(token, "expected a field, a behaviour such as orders(...) or '(' but found " + token.describe());
		}
		if (++conditions > MAX_CONDITIONS) {
			throw error(token, "too many conditions: at most " + MAX_CONDITIONS);
		}
		Activity activity = activity(token.text);
		if (activity != null && peekAt(1).kind == Kind.LPAREN) {
			position += 2;
			return behaviour(activity, token);
		}
		return predicate();
	}

	private Condition nested(Token opening, Supplier<Condition> inner) {
		if (++depth > MAX_DEPTH) {
			throw error(opening, "nested too deeply: at most " + MAX_DEPTH + " levels of parentheses and NOT");
		}
		try {
			return inner.get();
		}
		finally {
			depth--;
		}
	}

	private Condition behaviour(Activity activity, Token start) {
		Map<String, String> matches = new LinkedHashMap<>();
		List<Threshold> thresholds = new ArrayList<>();
		Value since = null;
		Value until = null;
		if (peek().kind != Kind.RPAREN) {
			do {
				Token name = expect(Kind.WORD, "a property of " + activity.word() + "(...), e.g. "
						+ String.join(", ", Stream.concat(activity.matches().stream(), activity.measures().stream()).toList())
						+ ", since or until");
				String key = name.text;
				if (key.equals("since") || key.equals("until")) {
					Value day = dayValue(next());
					if (key.equals("since")) {
						since = day;
					}
					else {
						until = day;
					}
				}
				else if (activity.matches().contains(key)) {
					Token op = next();
					if (op.kind != Kind.OPERATOR || !op.text.equals("=")) {
						throw error(op, "'" + key + "' in " + activity.word() + "(...) takes '=' and a text");
					}
					Token value = next();
					if (value.kind != Kind.STRING) {
						throw error(value, "expected a quoted text after " + key + " = but found " + value.describe());
					}
					matches.put(key, value.text);
				}
				else if (activity.measures().contains(key)) {
					Operator operator = operator(next());
					Token number = next();
					if (number.kind != Kind.NUMBER) {
						throw error(number, "expected a number after " + key + " " + operator.symbol() + " but found "
								+ number.describe());
					}
					BigDecimal threshold = number(number);
					if (threshold.signum() < 0) {
						throw error(number, "'" + key + "' counts up from 0, not " + number.text);
					}
					thresholds.add(new Threshold(key, operator, threshold));
				}
				else {
					List<String> known = new ArrayList<>(activity.matches());
					known.addAll(activity.measures());
					known.addAll(List.of("since", "until"));
					throw error(name, "unknown property '" + key + "' of " + activity.word() + "(...)"
							+ SegmentField.closest(key, known).map(k -> " — did you mean '" + k + "'?")
								.orElse("; known: " + String.join(", ", known)));
				}
			}
			while (accept(Kind.COMMA));
		}
		expect(Kind.RPAREN, "')' to close " + activity.word() + "( at " + start.at());
		return new Condition.Behaviour(activity, Map.copyOf(matches), List.copyOf(thresholds), since, until);
	}

	private Condition predicate() {
		Token start = peek();
		StringBuilder path = new StringBuilder(next().text);
		while (peek().kind == Kind.DOT) {
			position++;
			Token part = expect(Kind.WORD, "a name after '.'");
			if (part.text.equals("has") && peek().kind == Kind.LPAREN) {
				SegmentField field = field(path.toString(), start);
				if (field.type() != SegmentField.Type.SET) {
					throw error(part, "'" + field.path() + "' is not a set: has(...) applies to channel");
				}
				position++;
				Value value = checked(field, literal(next()), start);
				expect(Kind.RPAREN, "')' to close has(");
				return new Condition.Contains(field, value);
			}
			path.append('.').append(part.text);
		}
		SegmentField field = field(path.toString(), start);
		Token token = peek();
		if (field.type() == SegmentField.Type.SET && !peekWord("CONTAINS") && !peekWord("IS")) {
			throw error(token, "'" + field.path() + "' is a set: test it with " + field.path() + " CONTAINS '…'"
					+ (field == SegmentField.CHANNELS ? " or channel.has('…')" : ""));
		}
		if (token.kind == Kind.OPERATOR) {
			position++;
			Operator operator = operator(token);
			Value value = checked(field, literal(next()), start);
			if (operator != Operator.EQ && operator != Operator.NE && !ordered(field)) {
				throw error(token, "'" + field.path() + "' is " + article(field) + " and takes only = or !=");
			}
			return new Condition.Compare(field, operator, value);
		}
		boolean negated = false;
		if (peekWord("NOT") && peekAt(1).kind == Kind.WORD && peekAt(1).text.equalsIgnoreCase("IN")) {
			position++;
			negated = true;
		}
		if (peekWord("IN")) {
			position++;
			expect(Kind.LPAREN, "'(' after IN");
			List<Value> values = new ArrayList<>();
			do {
				values.add(checked(field, literal(next()), start));
			}
			while (accept(Kind.COMMA));
			expect(Kind.RPAREN, "')' to close the IN list");
			return new Condition.In(field, List.copyOf(values), negated);
		}
		if (peekWord("BETWEEN")) {
			position++;
			if (!ordered(field)) {
				throw error(token, "'" + field.path() + "' is " + article(field) + ": BETWEEN needs a number or a day");
			}
			Value low = checked(field, literal(next()), start);
			if (!peekWord("AND")) {
				throw error(peek(), "expected AND between the two ends of BETWEEN");
			}
			position++;
			Value high = checked(field, literal(next()), start);
			return new Condition.Between(field, low, high);
		}
		if (peekWord("CONTAINS")) {
			position++;
			if (field.type() != SegmentField.Type.SET) {
				throw error(token, "'" + field.path() + "' is not a set: CONTAINS applies to tags and channel");
			}
			return new Condition.Contains(field, checked(field, literal(next()), start));
		}
		if (peekWord("IS")) {
			position++;
			boolean not = false;
			if (peekWord("NOT")) {
				position++;
				not = true;
			}
			if (!peekWord("NULL")) {
				throw error(peek(), "expected NULL after IS" + (not ? " NOT" : ""));
			}
			position++;
			return new Condition.IsNull(field, not);
		}
		throw error(token, "expected a comparison (=, !=, <, <=, >, >=), IN, BETWEEN, CONTAINS or IS NULL after '"
				+ field.path() + "' but found " + token.describe());
	}

	private SegmentField field(String path, Token at) {
		return SegmentField.byPath(path)
			.orElseThrow(() -> error(at, "unknown field '" + path + "'" + SegmentField.closest(path, SegmentField.paths())
				.map(known -> " — did you mean '" + known + "'?")
				.orElse("")));
	}

	/** The value, if it fits the field's type. */
	private Value checked(SegmentField field, Value value, Token at) {
		boolean fits = switch (field.type()) {
			case TEXT -> value instanceof Value.Text;
			case NUMBER -> value instanceof Value.Number;
			case BOOLEAN -> value instanceof Value.Bool;
			case DAY -> value instanceof Value.Day || value instanceof Value.RelativeDay;
			case CHOICE, SET -> value instanceof Value.Text text
					&& (field.choices().isEmpty() || field.choices().contains(text.text()));
		};
		if (!fits) {
			String expected = switch (field.type()) {
				case TEXT -> "a quoted text";
				case NUMBER -> "a number";
				case BOOLEAN -> "true or false";
				case DAY -> "a day (2025-01-01) or a relative day (-7d, -2w, -3m, -1y, today)";
				case CHOICE, SET -> field.choices().isEmpty() ? "a quoted text"
						: "one of " + String.join(", ", field.choices().stream().map(c -> "'" + c + "'").toList());
			};
			String suggestion = value instanceof Value.Text text && !field.choices().isEmpty()
					? SegmentField.closest(text.text(), field.choices()).map(c -> " — did you mean '" + c + "'?").orElse("")
					: "";
			throw error(at, "'" + field.path() + "' takes " + expected + suggestion);
		}
		return region(field, value);
	}

	/** A province or city as members keep it ({@link Region#of}): 广东省 is 广东, as the members' own are. */
	private static Value region(SegmentField field, Value value) {
		if ((field == SegmentField.PROVINCE || field == SegmentField.CITY) && value instanceof Value.Text text
				&& !text.text().isBlank()) {
			Region region = field == SegmentField.PROVINCE ? Region.of(text.text(), null) : Region.of(null, text.text());
			return new Value.Text(field == SegmentField.PROVINCE ? region.province() : region.city());
		}
		return value;
	}

	private Value literal(Token token) {
		return switch (token.kind) {
			case STRING -> new Value.Text(token.text);
			case NUMBER -> new Value.Number(number(token));
			case DAY -> day(token);
			case RELATIVE -> relative(token);
			case WORD -> switch (token.text.toUpperCase(Locale.ROOT)) {
				case "TRUE" -> new Value.Bool(true);
				case "FALSE" -> new Value.Bool(false);
				case "TODAY" -> new Value.RelativeDay(0, ChronoUnit.DAYS);
				default -> throw error(token, "expected a value but found " + token.describe()
						+ " (texts are quoted: '" + token.text + "')");
			};
			default -> throw error(token, "expected a value but found " + token.describe());
		};
	}

	/**
	 * A number within what any field or measure can hold (counts, ages, points, money in whole units), so a
	 * condition never compares against a value the store's numbers cannot reach or overflows converting to them.
	 */
	private BigDecimal number(Token token) {
		BigDecimal number = new BigDecimal(token.text);
		if (number.abs().compareTo(LARGEST_NUMBER) > 0) {
			throw error(token, "'" + token.text + "' is beyond the largest number a condition compares, "
					+ LARGEST_NUMBER.toPlainString());
		}
		return number;
	}

	private Value dayValue(Token token) {
		Value value = literal(token);
		if (!(value instanceof Value.Day || value instanceof Value.RelativeDay)) {
			throw error(token, "since and until take a day (2025-01-01) or a relative day (-7d, -2w, -3m, -1y, today)");
		}
		return value;
	}

	private Value day(Token token) {
		LocalDate day;
		try {
			day = LocalDate.parse(token.text);
		}
		catch (DateTimeException ex) {
			throw error(token, "'" + token.text + "' is not a day (yyyy-mm-dd)");
		}
		if (!TimeBounds.inYears(day.getYear())) {
			throw error(token, "'" + token.text + "' is outside the years " + TimeBounds.FIRST_YEAR + "-"
					+ TimeBounds.LAST_YEAR);
		}
		return new Value.Day(day);
	}

	/** A relative day reaches back at most a hundred years ({@link TimeBounds#MAX_DAYS_BACK}): -36600d, -5229w, -1200m, -100y. */
	private Value relative(Token token) {
		String digits = token.text.substring(1, token.text.length() - 1);
		char suffix = token.text.charAt(token.text.length() - 1);
		ChronoUnit unit = switch (suffix) {
			case 'd' -> ChronoUnit.DAYS;
			case 'w' -> ChronoUnit.WEEKS;
			case 'm' -> ChronoUnit.MONTHS;
			default -> ChronoUnit.YEARS;
		};
		int farthest = switch (unit) {
			case DAYS -> TimeBounds.MAX_DAYS_BACK;
			case WEEKS -> 5_229;
			case MONTHS -> 1_200;
			default -> 100;
		};
		int amount = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
		if (amount > farthest) {
			throw error(token, "'" + token.text + "' reaches too far back: at most a hundred years (-" + farthest + suffix + ")");
		}
		return new Value.RelativeDay(-amount, unit);
	}

	private Operator operator(Token token) {
		if (token.kind != Kind.OPERATOR) {
			throw error(token, "expected a comparison (=, !=, <, <=, >, >=) but found " + token.describe());
		}
		return Arrays.stream(Operator.values())
			.filter(o -> o.symbol().equals(token.text))
			.findFirst()
			.orElseThrow(() -> error(token, "unknown operator '" + token.text + "'"));
	}

	private static boolean ordered(SegmentField field) {
		return field.type() == SegmentField.Type.NUMBER || field.type() == SegmentField.Type.DAY
				|| field.type() == SegmentField.Type.TEXT;
	}

	private static String article(SegmentField field) {
		return switch (field.type()) {
			case BOOLEAN -> "true or false";
			case CHOICE -> "a choice";
			case SET -> "a set";
			default -> "a " + field.type().name().toLowerCase(Locale.ROOT);
		};
	}

	private static Activity activity(String word) {
		return Arrays.stream(Activity.values()).filter(a -> a.word().equals(word)).findFirst().orElse(null);
	}

	private Token peek() {
		return tokens.get(position);
	}

	private Token peekAt(int ahead) {
		return tokens.get(Math.min(position + ahead, tokens.size() - 1));
	}

	private boolean peekWord(String keyword) {
		Token token = peek();
		return token.kind == Kind.WORD && token.text.equalsIgnoreCase(keyword);
	}

	private Token next() {
		Token token = tokens.get(position);
		if (token.kind != Kind.END) {
			position++;
		}
		return token;
	}

	private boolean accept(Kind kind) {
		if (peek().kind == kind) {
			position++;
			return true;
		}
		return false;
	}

	private Token expect(Kind kind, String what) {
		Token token = next();
		if (token.kind != kind) {
			throw error(token, "expected " + what + " but found " + token.describe());
		}
		return token;
	}

	/** The message with where it happened, before any suggestion: {@code unknown field 'teir' at 1:1 — did you mean 'tier'?}. */
	private InvalidInputException error(Token token, String message) {
		int hint = message.indexOf(" — ");
		String at = " at " + token.at();
		return new InvalidInputException("query",
				hint < 0 ? message + at : message.substring(0, hint) + at + message.substring(hint));
	}

	enum Kind {

		WORD, STRING, NUMBER, DAY, RELATIVE, OPERATOR, LPAREN, RPAREN, COMMA, DOT, END

	}

	record Token(Kind kind, String text, int line, int column) {

		String at() {
			return line + ":" + column;
		}

		String describe() {
			return switch (kind) {
				case END -> "the end";
				case STRING -> "'" + text + "'";
				default -> "'" + text + "'";
			};
		}

	}

	/** Splits the text into tokens, each with its line and column (both from 1). */
	private static final class Lexer {

		private final String text;

		private int index;

		private int line = 1;

		private int lineStart;

		Lexer(String text) {
			this.text = text;
		}

		List<Token> tokens() {
			List<Token> tokens = new ArrayList<>();
			while (true) {
				skipSpace();
				int column = index - lineStart + 1;
				if (index >= text.length()) {
					tokens.add(new Token(Kind.END, "", line, column));
					return tokens;
				}
				char c = text.charAt(index);
				if (c == '\'' || c == '"') {
					tokens.add(new Token(Kind.STRING, quoted(c, column), line, column));
				}
				else if (Character.isDigit(c) || c == '-' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1))) {
					tokens.add(numberOrDay(column));
				}
				else if (Character.isLetter(c) || c == '_') {
					int start = index;
					while (index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
						index++;
					}
					tokens.add(new Token(Kind.WORD, text.substring(start, index), line, column));
				}
				else if ("=!<>".indexOf(c) >= 0) {
					String op = index + 1 < text.length() && text.charAt(index + 1) == '=' ? text.substring(index, index + 2)
							: String.valueOf(c);
					if (op.equals("!")) {
						throw new InvalidInputException("query", "'!' alone is not an operator: use != or NOT at " + line + ":"
								+ column);
					}
					index += op.length();
					tokens.add(new Token(Kind.OPERATOR, op, line, column));
				}
				else {
					Kind kind = switch (c) {
						case '(' -> Kind.LPAREN;
						case ')' -> Kind.RPAREN;
						case ',' -> Kind.COMMA;
						case '.' -> Kind.DOT;
						default -> throw new InvalidInputException("query", "unexpected character '" + c + "' at " + line
								+ ":" + column);
					};
					index++;
					tokens.add(new Token(kind, String.valueOf(c), line, column));
				}
			}
		}

		private void skipSpace() {
			while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
				if (text.charAt(index) == '\n') {
					line++;
					lineStart = index + 1;
				}
				index++;
			}
		}

		private String quoted(char quote, int column) {
			StringBuilder value = new StringBuilder();
			index++;
			while (true) {
				if (index >= text.length() || text.charAt(index) == '\n') {
					throw new InvalidInputException("query", "text opened at " + line + ":" + column + " is not closed");
				}
				char c = text.charAt(index++);
				if (c == quote) {
					if (index < text.length() && text.charAt(index) == quote) {
						value.append(quote);
						index++;
						continue;
					}
					return value.toString();
				}
				value.append(c);
			}
		}

		/** {@code 42}, {@code 12.5}, {@code -3}, a day {@code 2025-01-01} or a relative day {@code -7d}. */
		private Token numberOrDay(int column) {
			int start = index;
			if (text.charAt(index) == '-') {
				index++;
			}
			while (index < text.length() && (Character.isDigit(text.charAt(index)) || text.charAt(index) == '.')) {
				index++;
			}
			String digits = text.substring(start, index);
			if (index < text.length() && text.charAt(start) != '-' && text.charAt(index) == '-') {
				while (index < text.length() && (Character.isDigit(text.charAt(index)) || text.charAt(index) == '-')) {
					index++;
				}
				return new Token(Kind.DAY, text.substring(start, index), line, column);
			}
			if (index < text.length() && "dwmy".indexOf(text.charAt(index)) >= 0 && digits.startsWith("-")
					&& digits.indexOf('.') < 0) {
				index++;
				return new Token(Kind.RELATIVE, text.substring(start, index), line, column);
			}
			if (digits.equals("-") || digits.chars().filter(ch -> ch == '.').count() > 1 || digits.endsWith(".")) {
				throw new InvalidInputException("query", "'" + digits + "' is not a number at " + line + ":" + column);
			}
			return new Token(Kind.NUMBER, digits, line, column);
		}

	}

}
