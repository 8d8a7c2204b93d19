package io.membergraph.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in the programme currency, held in minor units (fen, cents) so that sums and atomic
 * increments in MongoDB are exact.
 */
public record Money(long minorUnits) implements Comparable<Money> {

	public static final Money ZERO = new Money(0);

	private static final int SCALE = 2;

	/**
	 * The largest amount one input may carry (an order, a line, a refund, a cost): a billion. Far beyond any
	 * retail order, and far enough below the range of a long that sums of millions of them stay exact.
	 */
	public static final BigDecimal MAX_INPUT = new BigDecimal("1000000000");

	/** Parses a decimal amount, refusing fractions finer than a minor unit rather than rounding them away. */
	public static Money of(BigDecimal amount) {
		if (amount.stripTrailingZeros().scale() > SCALE) {
			throw new IllegalArgumentException("has more than " + SCALE + " decimal places");
		}
		return new Money(amount.movePointRight(SCALE).longValueExact());
	}

	/** An amount given from outside (the API, a file): as {@link #of(BigDecimal)}, and within {@link #MAX_INPUT}. */
	public static Money ofInput(BigDecimal amount) {
		if (amount.abs().compareTo(MAX_INPUT) > 0) {
			throw new IllegalArgumentException("is more than " + MAX_INPUT.toPlainString() + " either way");
		}
		return of(amount);
	}

	/** Whether this amount is within what one input may carry ({@link #MAX_INPUT}). */
	public boolean isWithinInputBounds() {
		return toDecimal().abs().compareTo(MAX_INPUT) <= 0;
	}

	public static Money of(String amount) {
		return of(new BigDecimal(amount));
	}

	/**
	 * The ISO 4217 code of a currency amounts may be kept in: the money of a country, with at most two decimal
	 * places (every amount is kept in hundredths). Gold, silver, test codes and "no currency" ({@code XAU},
	 * {@code XTS}, {@code XXX}) have none and are refused, as are dinars of three.
	 *
	 * @throws IllegalArgumentException with the reason, for the caller to name its field
	 */
	public static String currencyCode(String given) {
		java.util.Currency currency;
		try {
			currency = java.util.Currency.getInstance(given.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException unknown) {
			throw new IllegalArgumentException("'" + given + "' is not an ISO 4217 currency code such as CNY, USD, GBP");
		}
		if (currency.getDefaultFractionDigits() < 0) {
			throw new IllegalArgumentException(currency.getCurrencyCode()
					+ " is no money of a country (ISO 4217 keeps it for metals, funds, tests or no currency)");
		}
		if (currency.getDefaultFractionDigits() > SCALE) {
			throw new IllegalArgumentException(currency.getCurrencyCode() + " has " + currency.getDefaultFractionDigits()
					+ " decimal places; amounts are kept in hundredths, so convert them first");
		}
		return currency.getCurrencyCode();
	}

	public BigDecimal toDecimal() {
		return BigDecimal.valueOf(minorUnits, SCALE);
	}

	public Money plus(Money other) {
		return new Money(Math.addExact(minorUnits, other.minorUnits));
	}

	public Money minus(Money other) {
		return new Money(Math.subtractExact(minorUnits, other.minorUnits));
	}

	public Money times(long quantity) {
		return new Money(Math.multiplyExact(minorUnits, quantity));
	}

	/** This amount divided by a count, rounded half-up to a minor unit; zero when the count is zero. */
	public Money dividedBy(long count) {
		if (count == 0) {
			return ZERO;
		}
		return new Money(BigDecimal.valueOf(minorUnits).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP)
			.longValueExact());
	}

	public boolean isNegative() {
		return minorUnits < 0;
	}

	@Override
	public int compareTo(Money other) {
		return Long.compare(minorUnits, other.minorUnits);
	}

	@Override
	public String toString() {
		return toDecimal().toPlainString();
	}

}
