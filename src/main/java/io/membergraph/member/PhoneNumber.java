package io.membergraph.member;

import java.util.regex.Pattern;

import io.membergraph.shared.InvalidInputException;

/**
 * Phone numbers in one form, so that the same customer typed differently in two channels is one identity.
 * Chinese mobiles lose their {@code +86}/{@code 0086}/{@code 86} prefix and separators ({@code +86 138-1234-5678}
 * is {@code 13812345678}); other numbers keep {@code +} and digits.
 */
public final class PhoneNumber {

	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");

	private static final Pattern CHINESE_MOBILE = Pattern.compile("1[3-9]\\d{9}");

	private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9]\\d{6,14}");

	private PhoneNumber() {
	}

	/** The normalised number; throws naming {@code field} when it is not a phone number. */
	public static String normalise(String field, String raw) {
		return normalise(field, raw, null);
	}

	/**
	 * The normalised number, reading a number written without its country code as one of {@code countryCode}'s
	 * (digits, e.g. {@code 44}; null for none): {@code 07700 900123} is {@code +447700900123} (the trunk 0 goes),
	 * {@code 0044 7700 900123} and {@code 447700900123} are the same. A number with {@code +} keeps its own code;
	 * Chinese mobiles are read as such only without a code or with 86.
	 */
	public static String normalise(String field, String raw, String countryCode) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String digits = SEPARATORS.matcher(raw.strip()).replaceAll("");
		boolean toChina = digits.startsWith("0086") || digits.startsWith("+86");
		if (toChina) {
			digits = digits.substring(digits.startsWith("+") ? 3 : 4);
		}
		boolean chinese = toChina || countryCode == null || countryCode.equals("86");
		// 86 and a mobile without the +, as Chinese platforms' exports often write it: 8613812345678.
		if (chinese && digits.length() == 13 && digits.startsWith("86") && CHINESE_MOBILE.matcher(digits.substring(2)).matches()) {
			digits = digits.substring(2);
		}
		if (chinese && CHINESE_MOBILE.matcher(digits).matches() || INTERNATIONAL.matcher(digits).matches()) {
			return digits;
		}
		// Told the country, a number without + is that country's: 1-415-555-2671 is American, not a Chinese mobile.
		if (countryCode != null && digits.matches("\\d+")) {
			String international = digits.startsWith("00") ? "+" + digits.substring(2)
					: digits.startsWith("0") ? "+" + countryCode + digits.substring(1)
							: digits.startsWith(countryCode) && digits.length() >= 10 ? "+" + digits : "+" + countryCode + digits;
			if (INTERNATIONAL.matcher(international).matches()) {
				return international;
			}
		}
		throw new InvalidInputException(field, "'" + raw + "' is not a mobile number (11 digits starting with 1, "
				+ "or + and a country code)");
	}

}
