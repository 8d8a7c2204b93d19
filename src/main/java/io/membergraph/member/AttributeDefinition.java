package io.membergraph.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.membergraph.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A custom member attribute that an ADMIN defines for the brand (skin type, shoe size), with its type, so
 * values are checked on the way in and stay comparable in segments.
 */
@Document("attribute_definitions")
public record AttributeDefinition(@Id String key, String label, AttributeType type, List<String> choices,
		Instant definedAt) {

	static final int MAX_TEXT_LENGTH = 200;

	/**
	 * The largest magnitude of a NUMBER attribute: a shoe size or a count of pets is far below it, and doubles hold
	 * whole numbers up to it exactly; {@code 1e400} stored as infinity would break every comparison in a segment.
	 */
	static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");

	/**
	 * The typed value to store for a text value from the API or an import; throws naming {@code field} when it does
	 * not fit.
	 */
	public Object parse(String field, String value) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		try {
			return switch (type) {
				case TEXT -> InvalidInputException.oneLine(field, text, MAX_TEXT_LENGTH);
				case NUMBER -> number(field, text);
				case BOOLEAN -> parseBoolean(field, text);
				case DATE -> date(field, text);
				case CHOICE -> {
					if (!choices.contains(text)) {
						throw new InvalidInputException(field, "'" + text + "' is not one of " + choices);
					}
					yield text;
				}
			};
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "'" + text + "' is not a number");
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + text + "' is not a date (yyyy-MM-dd)");
		}
	}

	private static double number(String field, String text) {
		if (text.length() > 40) {
			throw new InvalidInputException(field, "is longer than a number is (at most 40 characters)");
		}
		BigDecimal number = new BigDecimal(text);
		if (number.abs().compareTo(MAX_NUMBER) > 0) {
			throw new InvalidInputException(field, "'" + text + "' is beyond ±" + MAX_NUMBER.toPlainString());
		}
		return number.doubleValue();
	}

	private static String date(String field, String text) {
		LocalDate date = LocalDate.parse(text);
		if (!io.membergraph.shared.TimeBounds.inYears(date.getYear())) {
			throw new InvalidInputException(field, "'" + text + "' is outside the years "
					+ io.membergraph.shared.TimeBounds.FIRST_YEAR + " to " + io.membergraph.shared.TimeBounds.LAST_YEAR);
		}
		return date.toString();
	}

	private static Boolean parseBoolean(String field, String text) {
		if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
			return Boolean.valueOf(text);
		}
		throw new InvalidInputException(field, "'" + text + "' is not true or false");
	}

}
