package io.membergraph.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void amountsAreExactInMinorUnits() {
		assertThat(Money.of("0.10").plus(Money.of("0.20"))).isEqualTo(Money.of("0.30"));
		assertThat(Money.of("199").minorUnits()).isEqualTo(19_900);
		assertThat(Money.of("199.5").toString()).isEqualTo("199.50");
		assertThat(Money.of("420.00").times(3)).isEqualTo(Money.of("1260.00"));
	}

	@Test
	void fractionsFinerThanAFenAreRefusedNotRounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.005"));
		assertThat(Money.of("1.000")).isEqualTo(Money.of("1"));
	}

	/** Amounts are kept in hundredths, of a country's money: yen and yuan yes; dinars of three places, gold, no. */
	@Test
	void amountsAreKeptOnlyInCurrenciesOfAtMostTwoDecimalPlaces() {
		assertThat(Money.currencyCode(" gbp ")).isEqualTo("GBP");
		assertThat(Money.currencyCode("JPY")).isEqualTo("JPY");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.currencyCode("KWD")).withMessageContaining("3 decimal places");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.currencyCode("XAU")).withMessageContaining("no money");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.currencyCode("XXX")).withMessageContaining("no money");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.currencyCode("ZZZ"))
			.withMessage("'ZZZ' is not an ISO 4217 currency code such as CNY, USD, GBP");
	}

	@Test
	void divisionRoundsHalfUpAndDivisionByZeroIsZero() {
		assertThat(Money.of("10.00").dividedBy(3)).isEqualTo(Money.of("3.33"));
		assertThat(Money.of("0.05").dividedBy(2)).isEqualTo(Money.of("0.03"));
		assertThat(Money.of("10.00").dividedBy(0)).isEqualTo(Money.ZERO);
	}

}
