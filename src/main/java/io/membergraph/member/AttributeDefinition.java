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
				case NUMBER -> new BigDecimal(text).doubleValue();
				case BOOLEAN -> parseBoolean(field, text);
				case DATE -> LocalDate.parse(text).toString();
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

	private static Boolean parseBoolean(String field, String text) {
		if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
			return Boolean.valueOf(text);
		}
		throw new InvalidInputException(field, "'" + text + "' is not true or false");
	}

}
