package io.membergraph.member;

import java.util.regex.Pattern;

import io.membergraph.shared.InvalidInputException;

/**
 * Phone numbers in one form, so that the same customer typed differently in two channels is one identity.
 * Chinese mobiles lose their {@code +86}/{@code 0086} prefix and separators ({@code +86 138-1234-5678} is
 * {@code 13812345678}); other numbers keep {@code +} and digits.
 */
public final class PhoneNumber {

	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");

	private static final Pattern CHINESE_MOBILE = Pattern.compile("1[3-9]\\d{9}");

	private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9]\\d{6,14}");

	private PhoneNumber() {
	}

	/** The normalised number; throws naming {@code field} when it is not a phone number. */
	public static String normalise(String field, String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String digits = SEPARATORS.matcher(raw.strip()).replaceAll("");
		if (digits.startsWith("0086")) {
			digits = digits.substring(4);
		}
		else if (digits.startsWith("+86")) {
			digits = digits.substring(3);
		}
		if (CHINESE_MOBILE.matcher(digits).matches() || INTERNATIONAL.matcher(digits).matches()) {
			return digits;
		}
		throw new InvalidInputException(field, "'" + raw + "' is not a mobile number (11 digits starting with 1, "
				+ "or + and a country code)");
	}

}
