package io.membergraph.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The price of one unit, to a ten-thousandth: exports price cheap items below a cent ({@code 0.0825} per
 * sticker) and would lose money in sums if prices were cut to cents one by one. A line's amount is the price
 * times the quantity, rounded half-up to the currency's minor unit once ({@link #times}).
 */
public record UnitPrice(BigDecimal value) implements Comparable<UnitPrice> {

	/** The finest price kept. */
	public static final int SCALE = 4;

	/** The largest unit price accepted: a hundred million. */
	public static final BigDecimal MAX = new BigDecimal("100000000");

	public UnitPrice {
		if (value.signum() < 0) {
			throw new IllegalArgumentException("must not be negative");
		}
		if (value.stripTrailingZeros().scale() > SCALE) {
			throw new IllegalArgumentException("has more than " + SCALE + " decimal places");
		}
		if (value.compareTo(MAX) > 0) {
			throw new IllegalArgumentException("is more than " + MAX.toPlainString());
		}
		value = value.setScale(Math.max(2, value.stripTrailingZeros().scale()));
	}

	public static UnitPrice of(String text) {
		return new UnitPrice(new BigDecimal(text.strip()));
	}

	public static UnitPrice of(Money money) {
		return new UnitPrice(money.toDecimal());
	}

	/** Price times quantity, rounded half-up to {@code fractionDigits} (2 for CNY, 0 for JPY), as money. */
	public Money times(long quantity, int fractionDigits) {
		BigDecimal amount = value.multiply(BigDecimal.valueOf(quantity)).setScale(fractionDigits, RoundingMode.HALF_UP);
		return Money.of(amount);
	}

	public boolean isZero() {
		return value.signum() == 0;
	}

	@Override
	public int compareTo(UnitPrice other) {
		return value.compareTo(other.value);
	}

	/** At least two decimal places, as prices are written: {@code 12.50}, {@code 0.0825}. */
	@Override
	public String toString() {
		return value.toPlainString();
	}

}
