package io.membergraph.shared;

/**
 * Input that breaks a rule of the domain. Names the offending input field so that the client can point at
 * it; nothing has been written when it is thrown.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
	}

	public String field() {
		return field;
	}

	public String reason() {
		return getMessage().substring(field.length() + 2);
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

	public static String maxLength(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw new InvalidInputException(field, "is longer than " + max + " characters");
		}
		return value;
	}

}
