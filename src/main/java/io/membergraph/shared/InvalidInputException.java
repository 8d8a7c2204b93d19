package io.membergraph.shared;

import java.math.BigDecimal;
import java.util.List;

/**
 * Input that breaks a rule of the domain. Names the offending input field so that the client can point at
 * it; nothing has been written when it is thrown. Where checking goes on past the first mistake (an import's
 * mapping), it carries every problem found, so the client can mend them in one go.
 */
public class InvalidInputException extends RuntimeException {

	/**
	 * One thing wrong with the input: the field and why. Both are cut to a readable length, the middle left out:
	 * a reason quotes the value it refuses, and an error that echoed a 100,000-character value (twice, in the
	 * message and its extensions) would turn a request's mistake into a large answer for anyone to provoke.
	 */
	public record Problem(String field, String reason) {

		public Problem {
			field = cut(field, MAX_FIELD);
			reason = cut(reason, MAX_REASON);
		}

	}

	/** Longer than any field the service names, and than the names of a mapping's columns. */
	static final int MAX_FIELD = 200;

	/** Room for the longest reasons the service writes (a mapping's fix, a list of choices) and a quoted value. */
	static final int MAX_REASON = 1_000;

	private final List<Problem> problems;

	public InvalidInputException(String field, String reason) {
		this(List.of(new Problem(field, reason)));
	}

	/** Every problem found, the first one first; at least one. */
	public InvalidInputException(List<Problem> problems) {
		super(problems.get(0).field() + ": " + problems.get(0).reason()
				+ (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
		this.problems = List.copyOf(problems);
	}

	public String field() {
		return problems.get(0).field();
	}

	public String reason() {
		return problems.get(0).reason();
	}

	public List<Problem> problems() {
		return problems;
	}

	/** Throws when the value is missing or blank; returns it trimmed otherwise. */
	public static String requireText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, "is required");
		}
		return value.strip();
	}

	public static <T> T require(String field, T value) {
		if (value == null) {
			throw new InvalidInputException(field, "is required");
		}
		return value;
	}

	/**
	 * A count the caller gave (a page size, a number of days), or its default when none was given; refused outside
	 * its bounds.
	 */
	public static int between(String field, Integer value, int byDefault, int min, int max) {
		int given = value == null ? byDefault : value;
		if (given < min || given > max) {
			throw new InvalidInputException(field, "must be between " + min + " and " + max);
		}
		return given;
	}

	/**
	 * An optional measure the caller gave (a threshold, a factor), refused outside its bounds: a figure no brand
	 * means (a hundred thousand years, 10^308 orders) is a mistake to name, not a question to answer.
	 */
	public static Double within(String field, Double value, double min, double max) {
		if (value != null && !(value >= min && value <= max)) {
			throw new InvalidInputException(field, "must be between " + plain(min) + " and " + plain(max));
		}
		return value;
	}

	private static String plain(double bound) {
		return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
	}

	/**
	 * A one-line text (a name, a code, a reason) of at most {@code max} characters. Control characters (a line
	 * break, a NUL) and the marks that reverse the direction of the text around them are refused: shown in a list or
	 * a spreadsheet they would make the value look like another. So is garbled text (see {@link #paragraph}).
	 */
	public static String oneLine(String field, String value, int max) {
		return checkedText(field, value, max, false);
	}

	/**
	 * A text of several lines (a description) of at most {@code max} characters: line breaks and tabs are kept,
	 * every other control character and the direction marks are refused as in {@link #oneLine}. Garbled text is
	 * refused too: half of a UTF-16 surrogate pair (what a client sends when it cut a character in two) or the
	 * replacement character U+FFFD (what a decoder leaves where bytes were not text) would be stored as a '?' no one
	 * wrote, the same rule the import keeps for invalid UTF-8.
	 */
	public static String paragraph(String field, String value, int max) {
		return checkedText(field, value, max, true);
	}

	private static String checkedText(String field, String value, int max, boolean lineBreaks) {
		if (value == null) {
			return null;
		}
		if (value.length() > max) {
			throw new InvalidInputException(field, "is longer than " + max + " characters");
		}
		int broken = halfOfAPairAt(value);
		int replaced = value.indexOf('\uFFFD');
		int garbled = broken < 0 ? replaced : replaced < 0 ? broken : Math.min(broken, replaced);
		if (garbled >= 0) {
			throw new InvalidInputException(field, "holds a garbled character (U+" + hex(value.charAt(garbled))
					+ ") at position " + (garbled + 1) + ": the text was damaged before it arrived");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
				continue;
			}
			if (Character.isISOControl(c) || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
				throw new InvalidInputException(field, "holds a control character (U+" + hex(c) + ")"
						+ (lineBreaks ? "" : ": one line of text only"));
			}
		}
		return value;
	}

	/**
	 * Where half of a UTF-16 surrogate pair stands without its other half, or -1 when every character is whole: what
	 * a client that cut a character in two sends, and JSON's {@code \\uD83D} escape can carry past any decoder.
	 */
	public static int halfOfAPairAt(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The text when it is at most {@code max} characters; else its start and end with what was left out between,
	 * so that the reason after a quoted value ("... is not a tier") stays. Never cuts a character in two.
	 */
	public static String cut(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int keep = Math.max(1, (max - 40) / 2);
		int headEnd = Character.isHighSurrogate(text.charAt(keep - 1)) ? keep - 1 : keep;
		int tailStart = text.length() - keep;
		if (Character.isLowSurrogate(text.charAt(tailStart))) {
			tailStart++;
		}
		return text.substring(0, headEnd) + "…(" + (tailStart - headEnd) + " characters left out)…"
				+ text.substring(tailStart);
	}

	private static String hex(char c) {
		return String.format("%04X", (int) c);
	}

}
