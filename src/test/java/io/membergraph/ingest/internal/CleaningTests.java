package io.membergraph.ingest.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.membergraph.member.Gender;
import io.membergraph.member.Region;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleaningTests {

	private final Cleaning shanghai = new Cleaning(ZoneId.of("Asia/Shanghai"));

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-11 20:00:00", "2026/11/11 20:00", "2026/11/11 20:00:00", "20261111200000",
			"2026年11月11日 20:00", "2026-11-11T20:00:00", "2026-11-11T20:00:00+08:00", "2026-11-11T12:00:00Z",
			"2026-11-11 20:00:00+08:00", "2026-11-11 20:00:00 +0800", "2026-11-11 07:00:00 -0500", "2026-11-11 12:00:00Z",
			"2026-11-11 20:00:00.000", "2026-11-11T20:00:00.0", "2026-11-11 04:00:00.000 -0800", "Nov 11, 2026 8:00:00 PM",
			"Nov 11, 2026 8:00 pm", "November 11, 2026 8:00 PM", "NOV 11, 2026 20:00", "11 Nov 2026 20:00:00", "11-Nov-2026 20:00",
			"Nov 11, 2026, 8:00:00\u202FPM", "Nov 11, 2026 8:00\u00A0PM", "11.11.2026 20:00", "11.11.2026 20:00:00",
			"2026.11.11 20:00", "2026.11.11 20:00:00", "2026-11-11 12:00:00 UTC", "2026-11-11 12:00:00.000 UTC",
			"2026-11-11 12:00:00 GMT", "2026-11-11T12:00:00 utc", "2026-11-11 20:00:00+08" })
	void everyUsualWayOfWritingATimeIsTheSameInstant(String written) {
		assertThat(shanghai.dateTime("placedAt", written)).isEqualTo(Instant.parse("2026-11-11T12:00:00Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.23457E+13", "2.91123E+18", "1E+05", "-1.5e+11", "4,2E+10" })
	void anIdASpreadsheetSavedInScientificNotationIsRefused(String written) {
		assertThatThrownBy(() -> Cleaning.identifier("orderNumber", written)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("orderNumber: '" + written + "' is a number a spreadsheet saved in scientific notation");
		assertThatThrownBy(() -> shanghai.phone("phone", written)).hasMessageContaining("scientific notation");
	}

	@ParameterizedTest
	@ValueSource(strings = { "536365", "SKU-1E5", "3E-10", "E+12", "1.2E", "A1.2E+10", "2.0", "13085.00", "V1.0" })
	void anIdThatOnlyLooksLikeANumberIsKeptAsWritten(String written) {
		assertThat(Cleaning.identifier("sku", " " + written + " ")).isEqualTo(written);
	}

	/** Written by a tool that read the column as decimal numbers (pandas, with empty cells in the column). */
	@Test
	void aLongWholeNumberWrittenWithPointZeroIsThatNumber() {
		assertThat(Cleaning.identifier("memberExternalId", "13085.0")).isEqualTo("13085");
		assertThat(shanghai.phone("phone", "13812345678.0")).isEqualTo("13812345678");
	}

	/** Written after an apostrophe so that a spreadsheet keeps it as text, as Shopify's exports write ids. */
	@Test
	void aNumberMarkedAsTextByAnApostropheIsThatNumber() {
		assertThat(Cleaning.identifier("externalId", "'6954217865496")).isEqualTo("6954217865496");
		assertThat(shanghai.phone("phone", "'+16135550135")).isEqualTo("+16135550135");
		// An apostrophe in an id that is not a number is kept: it is part of the id.
		assertThat(Cleaning.identifier("sku", "'A-1")).isEqualTo("'A-1");
	}

	/** A spreadsheet saved as CSV shows dates without their leading zeros: year first, they are still unambiguous. */
	@ParameterizedTest
	@ValueSource(strings = { "2016/5/3 0:37:00", "2016/5/3 0:37", "2016年5月3日 0:37", "2016年5月3日 0:37:00",
			"2016-5-3 0:37:00", "2016-5-3 0:37", "2016-05-03 0:37" })
	void aSpreadsheetsDateWithoutLeadingZerosIsRead(String written) {
		assertThat(shanghai.dateTime("placedAt", written)).isEqualTo(Instant.parse("2016-05-02T16:37:00Z"));
		assertThat(shanghai.date("birthDate", written.substring(0, written.indexOf(' '))))
			.isEqualTo(LocalDate.of(2016, 5, 3));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-11", "2026/11/11", "20261111", "2026年11月11日", "2026.11.11", "Nov 11, 2026",
			"November 11, 2026", "11 Nov 2026", "11 november 2026", "11-Nov-2026", "11.11.2026" })
	void datesAreReadInTheirUsualForms(String written) {
		assertThat(shanghai.date("birthDate", written)).isEqualTo(LocalDate.of(2026, 11, 11));
		assertThat(shanghai.dateTime("placedAt", written)).isEqualTo(Instant.parse("2026-11-10T16:00:00Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "11/11/2026", "yesterday", "2026-13-01", "2026-02-30 10:00", "2026-11-11 20:00:00 +25:00",
			"2026-11-11 20:00:00 CST", "2026-11-11 UTC", "2026-11-11 20:00:00+8",
			"2026-11-11 20:00:00.1234567890", "Feb 30, 2026", "Nov 11, 2026 13:00 PM", "Mayday 1, 2026" })
	void anUnreadableDateIsRefusedNamingTheField(String written) {
		assertThatThrownBy(() -> shanghai.dateTime("placedAt", written)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("placedAt: '" + written + "' is not a date");
	}

	/** Points and the year last are day first everywhere; slashes are not, and the refusal says what to give. */
	@Test
	void aDayFirstDateWithPointsIsReadAndOneWithSlashesAsksForTheFormat() {
		assertThat(shanghai.date("birthDate", "1.3.2024")).isEqualTo(LocalDate.of(2024, 3, 1));
		assertThat(shanghai.dateTime("placedAt", "01.03.2024 09:05")).isEqualTo(Instant.parse("2024-03-01T01:05:00Z"));
		assertThatThrownBy(() -> shanghai.dateTime("placedAt", "03/01/2024 10:00"))
			.hasMessageEndingWith("needs dateFormat, e.g. dd/MM/yyyy HH:mm or M/d/yyyy");
		assertThatThrownBy(() -> shanghai.date("birthDate", "31.02.2024")).hasMessageContaining("is not a date");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1899-12-31", "1850-06-01 10:00", "2201-01-01", "99991231" })
	void aDateOutsideTheYearsAnyDateMayTakeIsRefusedAsInTheApi(String written) {
		assertThatThrownBy(() -> shanghai.dateTime("joinedAt", written))
			.hasMessage("joinedAt: '" + written + "' is outside the years 1900-2200");
		if (!written.contains(" ")) {
			assertThatThrownBy(() -> shanghai.date("birthDate", written))
				.hasMessage("birthDate: '" + written + "' is outside the years 1900-2200");
		}
		assertThatThrownBy(() -> new Cleaning(ZoneId.of("UTC"), null, Cleaning.Epoch.SECONDS).dateTime("occurredAt", "-9999999999"))
			.as("a Unix time before 1900").hasMessageContaining("is outside the years 1900-2200");
	}

	private final Amounts yuan = new Amounts(false, "CNY");

	@Test
	void amountsLoseTheirCurrencyAndThousandsSeparators() {
		assertThat(yuan.amount("paid", "¥1,299.00", null)).isEqualTo(Money.of("1299.00"));
		assertThat(yuan.amount("paid", "￥ 35.5", null)).isEqualTo(Money.of("35.50"));
		assertThat(yuan.amount("paid", "1299元", null)).isEqualTo(Money.of("1299"));
		assertThat(yuan.amount("paid", "RMB 12,000", null)).isEqualTo(Money.of("12000"));
		assertThat(yuan.amount("paid", "CNY 59", null)).isEqualTo(Money.of("59"));
		assertThat(yuan.amount("paid", "(20.00)", null)).isEqualTo(Money.of("-20.00"));
		assertThat(yuan.amount("paid", "-5", null)).isEqualTo(Money.of("-5"));
		assertThat(yuan.amount("paid", "-¥5", null)).isEqualTo(Money.of("-5"));
		assertThat(yuan.amount("paid", "¥-5", null)).isEqualTo(Money.of("-5"));
		assertThat(yuan.amount("paid", " ", null)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "12,34", "1.2.3", "12.345", "¥", "(-5)", "5 apples" })
	void whatIsNoAmountIsRefused(String written) {
		assertThatThrownBy(() -> yuan.amount("paid", written, null)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("paid: ");
	}

	/** European shop systems write 1.299,50: read with decimal=comma, and pointed to it when it is missing. */
	@Test
	void aDecimalCommaIsReadWhenTheImportSaysSo() {
		Amounts euro = new Amounts(true, "EUR");
		assertThat(euro.amount("paid", "1.299,50 €", null)).isEqualTo(Money.of("1299.50"));
		assertThat(euro.amount("paid", "12,5", null)).isEqualTo(Money.of("12.50"));
		assertThat(euro.amount("paid", "€ 1 299,50", null)).as("thousands grouped by a space").isEqualTo(Money.of("1299.50"));
		assertThat(euro.amount("paid", "1\u202F299,50", null)).as("a narrow no-break space").isEqualTo(Money.of("1299.50"));
		assertThat(euro.unitPrice("price", "0,0825", null)).isEqualByComparingTo("0.0825");
		assertThat(euro.integer("quantity", "1.200")).isEqualTo(1200);
		assertThat(euro.integer("quantity", "3,0")).isEqualTo(3);
		assertThatThrownBy(() -> euro.amount("paid", "12.50", null)).as("a point amount in a comma file")
			.hasMessageContaining("is not an amount");
		assertThatThrownBy(() -> yuan.amount("paid", "12,50", null)).hasMessageContaining("give decimal=comma");
	}

	/** A quantity of 1,5 is not fifteen: thousands separators only in groups of three. */
	@Test
	void wholeNumbersAreNotGuessedFromMisplacedSeparators() {
		assertThat(yuan.integer("quantity", "1,200")).isEqualTo(1200);
		assertThat(yuan.integer("quantity", "3.0")).isEqualTo(3);
		assertThat(yuan.integer("quantity", "-2")).isEqualTo(-2);
		assertThatThrownBy(() -> yuan.integer("quantity", "1,5")).hasMessage("quantity: '1,5' is not a whole number");
		assertThatThrownBy(() -> yuan.integer("quantity", "2.5")).hasMessage("quantity: '2.5' is not a whole number");
		assertThatThrownBy(() -> yuan.integer("quantity", "99999999999")).hasMessage("quantity: '99999999999' is too large");
	}

	/** French and Nordic files group thousands with a (no-break) space; a blank anywhere else splits two numbers. */
	@Test
	void blanksAreReadOnlyAsThousandsGroups() {
		Amounts euro = new Amounts(true, "EUR");
		assertThat(euro.integer("quantity", "1 200")).isEqualTo(1200);
		assertThat(euro.integer("quantity", "-12\u00A0000")).isEqualTo(-12000);
		assertThat(yuan.integer("quantity", "1\u202F000\u202F000")).isEqualTo(1_000_000);
		assertThat(euro.amount("paid", "12 345 678,90 €", null)).isEqualTo(Money.of("12345678.90"));
		assertThatThrownBy(() -> euro.integer("quantity", "1 5")).hasMessage("quantity: '1 5' is not a whole number");
		assertThatThrownBy(() -> euro.integer("quantity", "12 00")).hasMessage("quantity: '12 00' is not a whole number");
		assertThatThrownBy(() -> euro.amount("paid", "1 2,50", null)).hasMessage("paid: '1 2,50' is not an amount");
		assertThatThrownBy(() -> euro.amount("paid", "1 2345,50", null)).hasMessage("paid: '1 2345,50' is not an amount");
	}

	/** An amount written in another currency than it is read in is refused, never stored as if it were in that one. */
	@Test
	void aCurrencySignMustBeTheCurrencyTheAmountIsReadIn() {
		assertThatThrownBy(() -> yuan.amount("unitPrice", "€12.50", null))
			.hasMessage("unitPrice: '€12.50' is not in CNY, the currency it is read in: give the import's currency "
					+ "(currency=EUR) or a currency column");
		assertThatThrownBy(() -> yuan.amount("paid", "$9.99", null)).hasMessageContaining("is not in CNY");
		assertThatThrownBy(() -> yuan.amount("paid", "9.99 USD", null)).hasMessageContaining("(currency=USD)");
		assertThatThrownBy(() -> yuan.amount("paid", "9.99 XYZ", null)).hasMessageContaining("'XYZ' is no currency sign");
		assertThat(yuan.amount("paid", "$9.99", "usd")).as("the row's own currency").isEqualTo(Money.of("9.99"));
		Amounts pounds = new Amounts(false, "GBP");
		assertThat(pounds.amount("paid", "£1,250.00", null)).isEqualTo(Money.of("1250.00"));
		assertThat(pounds.unitPrice("price", "GBP 2.55", null)).isEqualByComparingTo("2.55");
		assertThat(new Amounts(false, "USD").amount("paid", "US$ 15", null)).isEqualTo(Money.of("15"));
	}

	/** Yen have no minor unit: an amount in yen with decimals is a misread file, not ¥1,100.50. */
	@Test
	void anAmountHasAtMostItsCurrencysDecimals() {
		Amounts yen = new Amounts(false, "JPY");
		assertThat(yen.amount("paid", "¥1,100", null)).isEqualTo(Money.of("1100"));
		assertThatThrownBy(() -> yen.amount("paid", "1100.50", null)).hasMessage("paid: '1100.50' has more than 0 decimal places");
		assertThat(yen.unitPrice("price", "0.5", null)).as("a unit price may be finer than the currency").isEqualByComparingTo("0.5");
		assertThatThrownBy(() -> yuan.amount("paid", "1100.50", "jpy")).as("a row's own currency")
			.hasMessageContaining("more than 0 decimal places");
	}

	@Test
	void freeTextGenderIsMappedAndTheUnknownRefused() {
		assertThat(Cleaning.gender("gender", "女")).isEqualTo(Gender.FEMALE);
		assertThat(Cleaning.gender("gender", "Male")).isEqualTo(Gender.MALE);
		assertThat(Cleaning.gender("gender", "保密")).isEqualTo(Gender.UNKNOWN);
		assertThat(Cleaning.gender("gender", "Not Specified")).isEqualTo(Gender.UNKNOWN);
		assertThat(Cleaning.gender("gender", "Diverse")).isEqualTo(Gender.OTHER);
		assertThat(Cleaning.gender("gender", "女性")).isEqualTo(Gender.FEMALE);
		// Marketing consent as Shopify and Klaviyo export its states: only a subscription is a yes.
		for (String state : new String[] { "NOT_SUBSCRIBED", "PENDING", "NEVER_SUBSCRIBED", "unsubscribed" }) {
			assertThat(Cleaning.yesOrNo("emailConsent", state, MemberImport.SUBSCRIBED, MemberImport.UNSUBSCRIBED))
				.as(state).isFalse();
		}
		assertThat(Cleaning.yesOrNo("emailConsent", "SUBSCRIBED", MemberImport.SUBSCRIBED, MemberImport.UNSUBSCRIBED))
			.isTrue();
		assertThat(Cleaning.gender("gender", "")).isNull();
		assertThatThrownBy(() -> Cleaning.gender("gender", "robot")).hasMessageStartingWith("gender: 'robot'");
	}

	@Test
	void provincesAndCitiesLoseTheirSuffixes() {
		assertThat(Cleaning.region("广东省", "广州市")).isEqualTo(new Region("广东", "广州"));
		assertThat(Cleaning.region("上海市", "上海市")).isEqualTo(new Region("上海", "上海"));
		assertThat(Cleaning.region("广西壮族自治区", "南宁市")).isEqualTo(new Region("广西", "南宁"));
		assertThat(Cleaning.region(" ", null)).isNull();
		assertThat(Cleaning.region("New South Wales", "Sydney")).isEqualTo(new Region("New South Wales", "Sydney"));
	}

	/** Chinese shop systems write the whole place in one column; mapped to province, city or both, it gives both. */
	@Test
	void aWholeChinesePlaceInOneColumnGivesProvinceAndCity() {
		for (String whole : java.util.List.of("广东省 广州市 天河区", "广东省  广州市", "广东省广州市天河区", "广东省广州市")) {
			assertThat(Cleaning.region(whole, null)).as(whole).isEqualTo(new Region("广东", "广州"));
			assertThat(Cleaning.region(whole, whole)).as(whole).isEqualTo(new Region("广东", "广州"));
			assertThat(Cleaning.region(null, whole)).as(whole).isEqualTo(new Region("广东", "广州"));
		}
		assertThat(Cleaning.region("北京市 北京市 朝阳区", null)).isEqualTo(new Region("北京", "北京"));
		assertThat(Cleaning.region("北京市朝阳区", null)).isEqualTo(new Region("北京", "北京"));
		assertThat(Cleaning.region("新疆维吾尔自治区 乌鲁木齐市", null)).isEqualTo(new Region("新疆", "乌鲁木齐"));
		assertThat(Cleaning.region("吉林省延边朝鲜族自治州延吉市", null)).isEqualTo(new Region("吉林", "延边朝鲜族自治州"));
		// A column of its own still says the city.
		assertThat(Cleaning.region("广东省 广州市", "深圳市")).isEqualTo(new Region("广东", "深圳"));
		assertThat(Cleaning.region("广东省", null)).isEqualTo(new Region("广东", null));
		// Not a place written whole: kept as a province of its own.
		assertThat(Cleaning.region("测试省13812345678", null)).isEqualTo(new Region("测试省13812345678", null));
		assertThat(Cleaning.region("New South Wales Sydney", null)).isEqualTo(new Region("New South Wales Sydney", null));
	}

	/** Shop systems on MySQL export a date never set as a zero date: it is no date, not a malformed one. */
	@Test
	void aZeroDateIsNoDate() {
		assertThat(shanghai.date("birthDate", "0000-00-00")).isNull();
		assertThat(shanghai.dateTime("paidAt", "0000-00-00 00:00:00")).isNull();
		assertThatThrownBy(() -> shanghai.dateTime("paidAt", "0000-01-01 00:00:00")).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void phonesAndEmailsAreNormalisedAsEverywhereElse() {
		assertThat(shanghai.phone("phone", "0086 138 1234 5678")).isEqualTo("13812345678");
		// A spreadsheet's text marker, as Shopify's customer export writes phones, is no part of the number.
		assertThat(shanghai.phone("phone", "'+1 (613) 555-0135")).isEqualTo("+16135550135");
		assertThat(shanghai.phone("phone", " '13812345678")).isEqualTo("13812345678");
		assertThatThrownBy(() -> shanghai.phone("phone", "''13812345678")).isInstanceOf(InvalidInputException.class);
		// A marketplace's masked phone is refused for what it is, with where to look instead.
		assertThatThrownBy(() -> shanghai.phone("memberPhone", "138****5678")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is masked").hasMessageContaining("memberExternalId");
		assertThat(Cleaning.email("email", " Li.Qiang@Example.COM")).isEqualTo("li.qiang@example.com");
	}

}
