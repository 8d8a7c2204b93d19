package io.membergraph.ingest.internal;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;

/**
 * Numbers as one file writes them: its decimal mark ({@code 1,299.00}, or {@code 1.299,00} from a European shop
 * system) and the currency its amounts are in. A currency sign or code written with an amount ({@code ¥1,299},
 * {@code 12,50 €}, {@code USD 9.99}) must be one of that currency's: an amount in another currency is refused, never
 * stored as if it were in the import's.
 *
 * @param decimalComma whether the file writes {@code 12,50} for twelve and a half, and groups thousands with points
 * @param currency the import's currency (ISO 4217), which a row's own {@code currency} overrides
 */
public record Amounts(boolean decimalComma, String currency) {

	/** Signs and words written with amounts, and the currencies each may stand for. */
	private static final Map<String, Set<String>> SIGNS = Map.ofEntries(
			Map.entry("¥", Set.of("CNY", "JPY")), Map.entry("￥", Set.of("CNY", "JPY")),
			Map.entry("元", Set.of("CNY")), Map.entry("RMB", Set.of("CNY")),
			Map.entry("€", Set.of("EUR")), Map.entry("£", Set.of("GBP")),
			Map.entry("$", Set.of("USD", "HKD", "SGD", "AUD", "CAD", "NZD", "TWD", "MXN", "MOP")),
			Map.entry("US$", Set.of("USD")), Map.entry("HK$", Set.of("HKD")), Map.entry("S$", Set.of("SGD")),
			Map.entry("A$", Set.of("AUD")), Map.entry("NT$", Set.of("TWD")), Map.entry("₩", Set.of("KRW")),
			Map.entry("₹", Set.of("INR")), Map.entry("CHF", Set.of("CHF")),
			Map.entry("KR", Set.of("SEK", "NOK", "DKK")));

	/** {@code 1,299.00}, {@code 1299.5}, {@code 12}: thousands grouped by commas or not at all. */
	private static final Pattern POINT = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?");

	/** {@code 1.299,00}, {@code 1299,5}, {@code 12}: thousands grouped by points or not at all. */
	private static final Pattern COMMA = Pattern.compile("\\d{1,3}(\\.\\d{3})+(,\\d+)?|\\d+(,\\d+)?");

	/** Blanks inside a number: spaces, and the no-break spaces that group thousands in French and Nordic files. */
	private static final Pattern BLANKS = Pattern.compile("[\\s\\u00A0\\u202F]");

	/** A blank that groups thousands: after a digit and before exactly three more ({@code 1 299,50}, {@code 12 000}). */
	private static final Pattern THOUSANDS_BLANK = Pattern.compile("(?<=\\d)[\\s\\u00A0\\u202F](?=\\d{3}(?!\\d))");

	/** Digits a blank still separates once the thousands groups are joined: {@code 1 5} is no number. */
	private static final Pattern SPLIT_DIGITS = Pattern.compile("\\d[\\s\\u00A0\\u202F]+\\d");

	/** Reads dots as decimal points unless {@code decimal=comma}; amounts in the given currency. */
	public Amounts {
		currency = currency.toUpperCase(Locale.ROOT);
	}

	/**
	 * An amount such as {@code ¥1,299.00}, {@code 1299元}, {@code (35.50)} or {@code -35.5}; at most the currency's
	 * decimals (two for yuan, none for yen).
	 */
	Money amount(String field, String value, String rowCurrency) {
		String text = Cleaning.text(value);
		if (text == null) {
			return null;
		}
		int digits = minorDigits(in(rowCurrency));
		return Money.of(decimal(field, text, "an amount", digits, Cleaning.MAX_AMOUNT, rowCurrency));
	}

	/**
	 * What a line came to, as exports that compute it write it: to a ten-thousandth where a discount rate was taken
	 * off ({@code 957.5775} in Superstore's Sales), rounded half-up to the currency's minor unit once, as a line
	 * priced by the unit is.
	 */
	Money lineAmount(String field, String value, String rowCurrency) {
		String text = Cleaning.text(value);
		if (text == null) {
			return null;
		}
		int digits = minorDigits(in(rowCurrency));
		return Money.of(decimal(field, text, "an amount", UnitPrice.SCALE, Cleaning.MAX_AMOUNT, rowCurrency)
			.setScale(digits, java.math.RoundingMode.HALF_UP));
	}

	/**
	 * A unit price as exports write it, to a ten-thousandth: {@code 2.55}, {@code 0.085}, {@code ¥1,299},
	 * {@code -1.25} for a return. Finer prices are refused rather than rounded.
	 */
	BigDecimal unitPrice(String field, String value, String rowCurrency) {
		String text = Cleaning.text(value);
		return text == null ? null : decimal(field, text, "a price", UnitPrice.SCALE, UnitPrice.MAX, rowCurrency);
	}

	/**
	 * A whole number; {@code 1,200} (or {@code 1.200} with a decimal comma), {@code 1 200} as French and Nordic
	 * files group thousands, and a spreadsheet's {@code 3.0} too.
	 */
	Integer integer(String field, String value) {
		String written = Cleaning.text(value);
		if (written == null) {
			return null;
		}
		String text = THOUSANDS_BLANK.matcher(written).replaceAll("");
		String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
		if (!(decimalComma ? COMMA : POINT).matcher(digits).matches()) {
			throw new InvalidInputException(field, "'" + written + "' is not a whole number");
		}
		try {
			BigDecimal number = new BigDecimal((text.startsWith("-") ? "-" : "") + plain(digits));
			if (number.stripTrailingZeros().scale() > 0) {
				throw new InvalidInputException(field, "'" + written + "' is not a whole number");
			}
			return number.intValueExact();
		}
		catch (ArithmeticException ex) {
			throw new InvalidInputException(field, "'" + written + "' is too large");
		}
	}

	/**
	 * A decimal as exports write money: a currency sign or code before or after it, thousands separators, a minus
	 * before or after the sign, and a negative in brackets as accountants write it ({@code (35.50)}); refused beyond
	 * {@code max} or finer than {@code scale}.
	 */
	private BigDecimal decimal(String field, String text, String what, int scale, BigDecimal max, String rowCurrency) {
		String grouped = THOUSANDS_BLANK.matcher(text).replaceAll("");
		if (SPLIT_DIGITS.matcher(grouped).find()) {
			throw new InvalidInputException(field, "'" + text + "' is not " + what);
		}
		String rest = BLANKS.matcher(grouped).replaceAll("");
		boolean bracketed = rest.startsWith("(") && rest.endsWith(")");
		if (bracketed) {
			rest = rest.substring(1, rest.length() - 1);
		}
		boolean negative = rest.startsWith("-");
		rest = negative || rest.startsWith("+") ? rest.substring(1) : rest;
		int start = 0;
		while (start < rest.length() && !startsNumber(rest.charAt(start))) {
			start++;
		}
		String before = rest.substring(0, start);
		rest = rest.substring(start);
		if (!negative && rest.startsWith("-")) {
			negative = true;
			rest = rest.substring(1);
		}
		int end = rest.length();
		while (end > 0 && !Character.isDigit(rest.charAt(end - 1))) {
			end--;
		}
		String after = rest.substring(end);
		String number = rest.substring(0, end);
		if (number.isEmpty()) {
			throw new InvalidInputException(field, "'" + text + "' is not " + what);
		}
		// The currency first: an amount in another one is refused for that, however it writes its decimals.
		checkSign(field, text, before, in(rowCurrency));
		checkSign(field, text, after, in(rowCurrency));
		if (bracketed && negative || !(decimalComma ? COMMA : POINT).matcher(number).matches()) {
			boolean commaUnsaid = !decimalComma && COMMA.matcher(number).matches();
			throw new InvalidInputException(field, "'" + text + "' is not " + what
					+ (commaUnsaid ? "; for a file that writes 12,50 give decimal=comma" : ""));
		}
		BigDecimal amount = new BigDecimal(plain(number));
		if (amount.compareTo(max) > 0) {
			throw new InvalidInputException(field, "'" + text + "' is more than " + max.toPlainString());
		}
		if (amount.stripTrailingZeros().scale() > scale) {
			throw new InvalidInputException(field, "'" + text + "' has more than " + scale + " decimal places");
		}
		return bracketed || negative ? amount.negate() : amount;
	}

	/** The currency an amount of the row is read in: the row's own, else the import's. */
	private String in(String rowCurrency) {
		return rowCurrency == null || rowCurrency.isBlank() ? currency : rowCurrency.strip().toUpperCase(Locale.ROOT);
	}

	/** The decimals an amount in the currency may have: at most two, as every amount is kept in hundredths. */
	static int minorDigits(String currency) {
		try {
			return Math.min(2, Math.max(0, Currency.getInstance(currency.strip().toUpperCase(Locale.ROOT))
				.getDefaultFractionDigits()));
		}
		catch (IllegalArgumentException | NullPointerException notACode) {
			// The row's currency is refused with the order; its amounts are read as the usual two decimals meanwhile.
			return 2;
		}
	}

	private static boolean startsNumber(char c) {
		return Character.isDigit(c) || c == '-';
	}

	/** The number without its thousands separators, with a decimal point. */
	private String plain(String number) {
		return decimalComma ? number.replace(".", "").replace(',', '.') : number.replace(",", "");
	}

	/** A sign or code written with an amount must stand for the currency it is read in. */
	private static void checkSign(String field, String text, String sign, String in) {
		if (sign.isEmpty()) {
			return;
		}
		String upper = sign.toUpperCase(Locale.ROOT);
		Set<String> means = SIGNS.get(upper);
		if (means == null && upper.length() == 3 && upper.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
			try {
				means = Set.of(Currency.getInstance(upper).getCurrencyCode());
			}
			catch (IllegalArgumentException | NullPointerException notACode) {
				// Not a currency: refused below.
			}
		}
		if (means == null) {
			throw new InvalidInputException(field, "'" + text + "' is not an amount ('" + sign + "' is no currency sign)");
		}
		if (!means.contains(in)) {
			throw new InvalidInputException(field, "'" + text + "' is not in " + in + ", the currency it is read in: give "
					+ "the import's currency (currency=" + means.stream().sorted().findFirst().orElseThrow()
					+ ") or a currency column");
		}
	}

}
