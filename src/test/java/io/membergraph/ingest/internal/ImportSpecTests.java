package io.membergraph.ingest.internal;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.InvalidInputException.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an import is told is checked whole, before a row is read, and every problem is told at once. */
class ImportSpecTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final List<String> ORDER_FILE = List.of("订单号", "下单时间", "支付时间", "商品", "数量", "单价", "客户");

	@Test
	void aMappingGivesColumnsConstantsAndOtherFieldsAndDefaultsToColumnsOfTheFieldsOwnName() {
		ImportSpec spec = spec(Map.of("fileName", "o.csv", "mapping", """
				{"orderNumber": "订单号", "placedAt": {"column": "下单时间"}, "paidAt": {"sameAs": "placedAt"},
				 "channel": {"value": "WEB"}, "sku": "商品", "quantity": "数量", "unitPrice": "单价"}"""));
		SourceRow row = new SourceRow(1, Map.of("订单号", "536365", "下单时间", "12/1/2010 8:26", "商品", "85123A",
				"数量", "6", "单价", "2.55", "currency", "GBP"), "", null);

		assertThat(spec.mapping().value(row, "paidAt")).isEqualTo("12/1/2010 8:26");
		assertThat(spec.mapping().value(row, "channel")).isEqualTo("WEB");
		assertThat(spec.mapping().value(row, "currency")).as("not mapped: its own column").isEqualTo("GBP");
		assertThat(spec.mapping().columnOf("paidAt")).isEqualTo("下单时间");
		assertThat(spec.mapping().columnOf("channel")).isEqualTo("(value WEB)");
		assertThat(spec.loyalty()).isEqualTo(LoyaltyMode.HISTORY);
		assertThat(spec.currency()).isEqualTo("CNY");
	}

	/** Excel saves a sheet as "Text (Tab delimited)" or "Unicode Text": a .txt of tab-separated values. */
	@Test
	void aFileNamedAsTabSeparatedIsReadWithTabsUnlessToldOtherwise() {
		assertThat(spec(Map.of("fileName", "members.txt")).delimiter()).isEqualTo('\t');
		assertThat(spec(Map.of("fileName", "members.TSV.gz")).delimiter()).isEqualTo('\t');
		assertThat(spec(Map.of("fileName", "members.tab")).format()).isEqualTo(ImportFormat.CSV);
		assertThat(spec(Map.of("fileName", "members.txt", "delimiter", "semicolon")).delimiter()).isEqualTo(';');
		assertThat(spec(Map.of("fileName", "members.csv")).delimiter()).isEqualTo(',');
		assertThat(spec(Map.of("format", "CSV")).delimiter()).isEqualTo(',');
	}

	/** A refusal is about as long as what it refuses says: never a list as long as the request. */
	@Test
	void aMappingOrColumnsBeyondAnyFilesAreRefusedInOneShortProblem() {
		Map<String, String> many = new HashMap<>();
		for (int i = 0; i < 5_000; i++) {
			many.put("f" + i, "c" + i);
		}
		String mapping = new tools.jackson.databind.json.JsonMapper().writeValueAsString(many);
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "mapping", mapping)))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).singleElement()
				.satisfies(problem -> assertThat(problem.reason()).startsWith("has 5000 entries; this import has 28 fields")));
		String columns = String.join(",", java.util.Collections.nCopies(ExportFile.MAX_COLUMNS + 1, "c"));
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "columns", columns)))
			.hasMessage("columns: names 16385 columns; at most 16384");
		List<String> wide = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "c" + i).toList();
		ImportSpec spec = spec(Map.of("fileName", "o.csv", "mapping", "{\"sku\": \"商品\"}"));
		assertThatThrownBy(() -> spec.checkColumns(wide)).isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).isNotEmpty()
				.allSatisfy(problem -> assertThat(problem.reason()).hasSizeLessThan(1_000).contains("(940 more)")));
	}

	@Test
	void everyProblemOfTheParametersIsToldAtOnce() {
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.pdf", "zone", "Mars/Olympus", "currency", "ABC",
				"dateFormat", "dd.MM.yyyy QQQQQQ", "delimiter", "star", "loyalty", "sometimes", "maping", "{}",
				"mapping", "{\"sku\": \"商品\", \"skus\": \"x\", \"quantity\": {\"col\": \"数量\"}, \"paidAt\": {\"sameAs\": \"paid\"}}")))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).extracting(Problem::field)
				.containsExactlyInAnyOrder("maping", "format", "delimiter", "mapping.skus", "mapping.quantity",
						"mapping.paidAt", "zone", "currency", "dateFormat", "loyalty"));
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "mapping", "phone=手机号")))
			.hasMessageContaining("URL-encoded");
		// The file's name is shown on the job, in lists and on the command line: one line, of a sane length.
		assertThatThrownBy(() -> spec(Map.of("fileName", "orders.csv\nDONE: 0 rejected", "format", "CSV", "decimal", "maybe")))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).extracting(Problem::field)
				.containsExactlyInAnyOrder("fileName", "decimal"));
		assertThatThrownBy(() -> spec(Map.of("fileName", "x".repeat(256) + ".csv"))).hasMessageContaining("fileName");
		assertThatThrownBy(() -> spec(Map.of("fileName", "orders.csv", "sheet", "2")))
			.hasMessageContaining("sheet: only an Excel workbook (.xlsx, .xls) has sheets");
		assertThatThrownBy(() -> spec(Map.of("fileName", "orders.csv", "phoneCountryCode", "GB")))
			.hasMessageContaining("phoneCountryCode: is a country's calling code");
		assertThatThrownBy(() -> spec(Map.of("fileName", "orders.csv", "headerRow", "third")))
			.hasMessageContaining("headerRow: is not a row number");
		assertThatThrownBy(() -> spec(Map.of("fileName", "orders.csv", "headerRow", "0")))
			.hasMessageContaining("headerRow: must be between 1 and 1000");
		assertThatThrownBy(() -> spec(Map.of("fileName", "orders.csv", "headerRow", "2", "columns", "a,b")))
			.hasMessageContaining("headerRow: is for a file whose column names are in a row");
	}

	@Test
	void aMappingThatCannotLoadTheFileIsRefusedBeforeAnyRowWithEveryReason() {
		ImportSpec spec = spec(Map.of("fileName", "o.csv", "mapping", """
				{"orderNumber": "订单号", "placedAt": "下单时间", "sku": "货号", "quantity": "数量", "unitPrice": "单价",
				 "memberExternalId": "客户"}"""));

		assertThatThrownBy(() -> spec.checkColumns(ORDER_FILE)).isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> {
				List<Problem> problems = ((InvalidInputException) ex).problems();
				assertThat(problems).extracting(Problem::field)
					.containsExactlyInAnyOrder("mapping.sku", "mapping.channel", "mapping.paidAt");
				assertThat(problems).filteredOn(p -> p.field().equals("mapping.sku")).singleElement()
					.satisfies(p -> assertThat(p.reason()).contains("column '货号' is not in the file"));
				assertThat(problems).filteredOn(p -> p.field().equals("mapping.paidAt")).singleElement()
					.satisfies(p -> assertThat(p.reason()).contains("decides whether an order counts")
						.contains("{\"paidAt\": {\"sameAs\": \"placedAt\"}}"));
			});
	}

	@Test
	void aDateFormatHintReadsWhatTheUsualFormatsCannot() {
		ImportSpec spec = spec(Map.of("fileName", "o.csv", "dateFormat", "M/d/yyyy H:mm", "zone", "Europe/London"));

		assertThat(spec.cleaning().dateTime("placedAt", "12/1/2010 8:26")).hasToString("2010-12-01T08:26:00Z");
		assertThat(spec.cleaning().dateTime("placedAt", "2010-12-01 08:26:00")).hasToString("2010-12-01T08:26:00Z");
	}

	@Test
	void aColumnsOwnCodesAreTranslatedWhileRejectsAndPreviewsShowThemAsWritten() {
		ImportSpec spec = spec(Map.of("fileName", "o.csv", "mapping", """
				{"orderNumber": "订单号", "placedAt": "下单时间", "paidAt": {"sameAs": "placedAt"}, "sku": "商品",
				 "quantity": "数量", "unitPrice": "单价", "channel": {"column": "店铺", "values": {"天猫旗舰店": "TMALL", "官网": "WEB"}}}"""));
		SourceRow tmall = new SourceRow(1, Map.of("店铺", " 天猫旗舰店 "), "", null);
		SourceRow other = new SourceRow(2, Map.of("店铺", "JD"), "", null);

		assertThat(spec.mapping().value(tmall, "channel")).isEqualTo("TMALL");
		assertThat(spec.mapping().written(tmall, "channel")).isEqualTo(" 天猫旗舰店 ");
		assertThat(spec.mapping().value(other, "channel")).as("a code the table does not name is read as written")
			.isEqualTo("JD");
		assertThat(spec.mapping().value(new SourceRow(3, Map.of("店铺", "官网"), "", null), "channel")).isEqualTo("WEB");
		assertThat(spec.mapping().columnOf("channel")).isEqualTo("店铺");
	}

	@Test
	void aTranslationTableThatIsNotOneIsRefusedNamingIt() {
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "mapping", """
				{"channel": {"column": "店铺", "values": ["TMALL"]}, "sku": {"column": "商品", "values": {"a": 1}},
				 "quantity": {"column": " ", "values": {"a": "b"}}, "unitPrice": {"column": "单价", "values": {}},
				 "status": {"column": "状态", "values": {"Paid": "PAID", "paid": "PENDING"}}}""")))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).extracting(Problem::field)
				.containsExactlyInAnyOrder("mapping.channel.values", "mapping.sku.values", "mapping.quantity.column",
						"mapping.unitPrice.values", "mapping.status.values"));
	}

	@Test
	void columnsAreJoinedAsExportsSplitANameLeavingBlankPartsOut() {
		ImportSpec spec = ImportSpec.parse(ImportEntity.MEMBERS, new HashMap<>(Map.of("fileName", "c.csv", "mapping", """
				{"name": {"columns": ["First Name", "Last Name"]}, "occupation": {"columns": ["姓", "名"], "separator": ""},
				 "joinChannel": {"value": "WEB"}}""")), SHANGHAI, "CNY");
		SourceRow row = new SourceRow(1, Map.of("First Name", " Ada ", "Last Name", "Lovelace", "姓", "王", "名", "芳"), "", null);
		SourceRow firstOnly = new SourceRow(2, Map.of("First Name", "Cher", "Last Name", " "), "", null);

		assertThat(spec.mapping().value(row, "name")).isEqualTo("Ada Lovelace");
		assertThat(spec.mapping().value(row, "occupation")).isEqualTo("王芳");
		assertThat(spec.mapping().value(firstOnly, "name")).isEqualTo("Cher");
		assertThat(spec.mapping().value(firstOnly, "occupation")).isNull();
		assertThat(spec.mapping().columnOf("name")).isEqualTo("First Name + Last Name");
		assertThat(spec.mapping().check(ImportFields.MEMBERS, List.of("First Name", "姓", "名")))
			.extracting(Problem::reason).containsExactly("column 'Last Name' is not in the file; its columns are "
					+ "[First Name, 姓, 名]");
		assertThatThrownBy(() -> ImportSpec.parse(ImportEntity.MEMBERS, new HashMap<>(Map.of("fileName", "c.csv",
				"mapping", "{\"name\": {\"columns\": [\"First Name\"]}, \"city\": {\"columns\": [\"a\", \"b\"], "
						+ "\"separator\": 7}}")), SHANGHAI, "CNY"))
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).extracting(Problem::field)
				.containsExactlyInAnyOrder("mapping.name.columns", "mapping.city.separator"));
	}

	/**
	 * An order number holds letters, digits and _-./# only: columns joined into one take a dash unless the mapping
	 * says otherwise, and a separator it cannot hold is refused before any row, with the fix.
	 */
	@Test
	void columnsJoinedIntoAnOrderNumberTakeADashAndNoSeparatorItCannotHold() {
		ImportSpec spec = ImportSpec.parse(ImportEntity.ORDERS, new HashMap<>(Map.of("fileName", "o.csv", "mapping", """
				{"orderNumber": {"columns": ["customer", "day"]}, "originalOrderNumber": {"columns": ["till", "receipt"],
				 "separator": "/"}}""")), SHANGHAI, "CNY");
		SourceRow row = new SourceRow(1, Map.of("customer", "00042", "day", "19970101", "till", "T3", "receipt", "881"), "",
				null);

		assertThat(spec.mapping().value(row, "orderNumber")).isEqualTo("00042-19970101");
		assertThat(spec.mapping().value(row, "originalOrderNumber")).isEqualTo("T3/881");
		assertThatThrownBy(() -> ImportSpec.parse(ImportEntity.ORDERS, new HashMap<>(Map.of("fileName", "o.csv",
				"mapping", "{\"orderNumber\": {\"columns\": [\"customer\", \"day\"], \"separator\": \" \"}}")), SHANGHAI,
				"CNY"))
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).singleElement().satisfies(problem -> {
				assertThat(problem.field()).isEqualTo("mapping.orderNumber.separator");
				assertThat(problem.reason()).contains("\"separator\": \"-\"");
			}));
	}

	/** A shop leaves a gift card's SKU empty: the first column that is not blank stands in. */
	@Test
	void theFirstColumnThatIsNotBlankStandsInForAnEmptyOne() {
		ImportSpec spec = ImportSpec.parse(ImportEntity.ORDERS, new HashMap<>(Map.of("fileName", "o.csv", "mapping", """
				{"sku": {"firstOf": ["Lineitem sku", "Lineitem name"]}}""")), SHANGHAI, "CNY");
		SourceRow withSku = new SourceRow(1, Map.of("Lineitem sku", "TEE-M", "Lineitem name", "Tee"), "", null);
		SourceRow giftCard = new SourceRow(2, Map.of("Lineitem sku", " ", "Lineitem name", " Gift Card "), "", null);

		assertThat(spec.mapping().value(withSku, "sku")).isEqualTo("TEE-M");
		assertThat(spec.mapping().value(giftCard, "sku")).isEqualTo("Gift Card");
		assertThat(spec.mapping().columnOf("sku")).isEqualTo("Lineitem sku or Lineitem name");
		assertThatThrownBy(() -> ImportSpec.parse(ImportEntity.ORDERS, new HashMap<>(Map.of("fileName", "o.csv",
				"mapping", "{\"sku\": {\"firstOf\": [\"Lineitem sku\"]}}")), SHANGHAI, "CNY"))
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems()).extracting(Problem::field)
				.contains("mapping.sku.firstOf"));
	}

	/** Dunnhumby's The Complete Journey writes its anonymised days as numbers, 1 to 711: day 1 is a date the import names. */
	@Test
	void dayNumbersAreCountedFromTheDayTheImportNames() {
		ImportSpec days = spec(Map.of("fileName", "transaction_data.csv", "dateFormat", "day-number:2020-01-01",
				"zone", "Europe/London"));

		assertThat(days.cleaning().date("placedAt", "1")).hasToString("2020-01-01");
		assertThat(days.cleaning().dateTime("placedAt", "711")).as("the start of the day in the import's zone")
			.hasToString("2021-12-11T00:00:00Z");
		assertThatThrownBy(() -> days.cleaning().dateTime("placedAt", "0")).isInstanceOf(InvalidInputException.class)
			.hasMessage("placedAt: '0' is not a day number from 1, with the time of day or without (the import's "
					+ "dateFormat counts day 1 as 2020-01-01)");
		// Its DAY and TRANS_TIME joined give the time of the basket.
		assertThat(days.cleaning().dateTime("placedAt", "1 1631")).hasToString("2020-01-01T16:31:00Z");
		assertThat(days.cleaning().dateTime("placedAt", "2 0905")).hasToString("2020-01-02T09:05:00Z");
		assertThat(days.cleaning().dateTime("placedAt", "2 9:05")).hasToString("2020-01-02T09:05:00Z");
		assertThatThrownBy(() -> days.cleaning().dateTime("placedAt", "1 2460")).hasMessageContaining("has no time of day 24:60");
		assertThatThrownBy(() -> days.cleaning().dateTime("placedAt", "2020-01-01"))
			.hasMessageContaining("is not a day number from 1");
		assertThatThrownBy(() -> days.cleaning().dateTime("placedAt", "99999")).hasMessageContaining("outside the years");
		for (String wrong : List.of("day-number:", "day-number:1/1/2020", "day-number:1800-01-01")) {
			assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "dateFormat", wrong)))
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("must give the date of day 1 as yyyy-MM-dd, in the years 1900-2200");
		}
	}

	/**
	 * A pattern that names no year, month or day cannot place a date in time (Tmall's user log writes {@code 0511}):
	 * refused before any row, naming what is missing, where each row's date was refused as unreadable before.
	 */
	@Test
	void aDatePatternWithoutItsYearMonthOrDayIsRefusedNamingWhatIsMissing() {
		assertThatThrownBy(() -> spec(Map.of("fileName", "user_log.csv", "dateFormat", "MMdd")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("'MMdd' names no year");
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "dateFormat", "[[[[")))
			.hasMessageContaining("names no year and month and day");
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv", "dateFormat", "yyyy-MM 'day'")))
			.hasMessageContaining("names no day:");
		for (String whole : List.of("yyyyMMdd", "d.M.yy H:mm", "yyyy-DDD", "dd 'de' MMMM 'de' yyyy")) {
			assertThat(ImportSpec.missingDateParts(whole)).as(whole).isEmpty();
		}
	}

	@Test
	void unixTimesAreReadInTheUnitTheImportNames() {
		ImportSpec millis = spec(Map.of("fileName", "events.csv", "dateFormat", "epoch-millis"));
		ImportSpec seconds = spec(Map.of("fileName", "events.csv", "dateFormat", "EPOCH-SECONDS"));

		assertThat(millis.cleaning().dateTime("occurredAt", "1433221332117")).hasToString("2015-06-02T05:02:12.117Z");
		assertThat(seconds.cleaning().dateTime("occurredAt", "1433221332")).hasToString("2015-06-02T05:02:12Z");
		assertThat(seconds.cleaning().date("birthDate", "1433221332")).as("the day in the import's zone")
			.hasToString("2015-06-02");
		assertThatThrownBy(() -> millis.cleaning().dateTime("occurredAt", "2015-06-02 05:02"))
			.hasMessageContaining("is not a Unix time in milliseconds");
		assertThatThrownBy(() -> spec(Map.of("fileName", "o.csv")).cleaning().dateTime("occurredAt", "1433221332117"))
			.as("without the unit a Unix time is refused, saying how to read it")
			.hasMessageContaining("give dateFormat epoch-seconds, epoch-millis or epoch-micros");
		// Google Analytics 4's BigQuery export: event_timestamp in microseconds.
		ImportSpec micros = spec(Map.of("fileName", "events.csv", "dateFormat", "epoch-micros"));
		assertThat(micros.cleaning().dateTime("occurredAt", "1612051200123456")).hasToString("2021-01-31T00:00:00.123456Z");
		assertThatThrownBy(() -> micros.cleaning().dateTime("occurredAt", "9".repeat(19)))
			.hasMessageContaining("is not a Unix time in microseconds");
		assertThatThrownBy(() -> micros.cleaning().dateTime("occurredAt", "9".repeat(18)))
			.hasMessageContaining("is outside the years");
	}

	private static ImportSpec spec(Map<String, String> parameters) {
		return ImportSpec.parse(ImportEntity.ORDERS, new HashMap<>(parameters), SHANGHAI, "CNY");
	}

}
