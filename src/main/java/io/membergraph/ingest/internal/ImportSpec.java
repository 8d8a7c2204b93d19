package io.membergraph.ingest.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.InvalidInputException.Problem;
import io.membergraph.shared.Money;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything an import is told besides the file: what it holds, how to read it, where each field comes from
 * and what loading it means. Read from the request's parameters (or the command line's options), every
 * problem reported at once, before the upload is stored.
 *
 * @param sheet the sheet of an Excel workbook to read, by name or number from 1; null for the first
 * @param headerRow the row (from 1) that holds the column names, the rows above it being titles; null for the first
 * row (the first with a value, in a workbook)
 * @param delimiter the CSV separator; {@code null} for runs of blanks (fixed-width logs)
 * @param columns column names for a file without a header row, or null when the first row is the header
 * @param zone how local times without an offset are read
 * @param currency the currency of the amounts, unless a row's {@code currency} says otherwise
 * @param phoneCountryCode the calling code (digits) of phone numbers the file writes without theirs; null for none
 * @param dateFormat how the file writes dates and times, when it is none of the formats read anyway
 * @param decimalComma whether the file writes {@code 12,50} for twelve and a half ({@code decimal=comma})
 * @param loyalty how the loyalty programme treats imported orders
 * @param registerUnknown whether an order naming a member no one has (by phone or channel account) registers that
 * member, instead of being refused
 * @param correctChanged whether an order recorded before (by an earlier import or the API) with other content is
 * corrected to the file's content ({@code changedOrders=CORRECT}), instead of being refused
 * @param joinOn the key column of each lookup file, in the order the files come ({@code joinOn=order_id,customer_id}):
 * each lookup file's rows add their columns to the rows that share the key (see {@link LookupTable}); empty when
 * the import has none
 */
public record ImportSpec(ImportEntity entity, String fileName, ImportFormat format, String sheet, Integer headerRow,
		Character delimiter, List<String> columns, Charset encoding, FieldMapping mapping, ZoneId zone, String currency,
		String phoneCountryCode, String dateFormat, boolean decimalComma,
		ReturnRule returns, LoyaltyMode loyalty, boolean registerUnknown, boolean correctChanged, List<String> joinOn) {

	/** The parameters an import takes, besides the file. */
	public static final List<String> PARAMETERS = List.of("fileName", "format", "sheet", "headerRow", "delimiter", "columns", "encoding", "mapping",
			"zone", "currency", "phoneCountryCode", "dateFormat", "decimal", "returnRule", "loyalty", "unknownMembers", "changedOrders", "joinOn");

	/** Orders, their lines and their customers: three files are as far apart as exports split one record. */
	public static final int MAX_LOOKUPS = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Reads and checks the parameters; {@code defaults} gives the business zone and currency. */
	public static ImportSpec parse(ImportEntity entity, Map<String, String> parameters, ZoneId defaultZone,
			String defaultCurrency) {
		List<Problem> problems = new ArrayList<>();
		parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name -> problems.add(
				new Problem(name, "is not a parameter of imports; they are " + PARAMETERS + " (and resume)")));
		// Shown on the job, in the console's list and on the command line: one line of a sane length.
		String fileName = attempt(problems, () -> InvalidInputException.oneLine("fileName", text(parameters.get("fileName")),
				255));
		ImportFormat format = attempt(problems, () -> ImportFormat.of(parameters.get("format"), fileName));
		String sheet = attempt(problems, () -> sheet(parameters.get("sheet"), format));
		Integer headerRow = attempt(problems, () -> headerRow(parameters.get("headerRow"), format, parameters.get("columns")));
		Character delimiter = delimiter(parameters.get("delimiter") != null ? parameters.get("delimiter")
				: ImportFormat.tabSeparated(fileName) ? "tab" : "comma", problems);
		List<String> columns = columns(parameters.get("columns"), problems);
		Charset encoding = encoding(parameters.get("encoding"), problems);
		ImportFields fields = ImportFields.of(entity);
		FieldMapping mapping = FieldMapping.parse(json(parameters.get("mapping"), problems), fields, problems);
		ZoneId zone = zone(parameters.get("zone"), defaultZone, problems);
		String currency = currency("currency", parameters.get("currency"), defaultCurrency, problems);
		String phoneCountryCode = attempt(problems, () -> phoneCountryCode(parameters.get("phoneCountryCode")));
		String dateFormat = dateFormat(parameters.get("dateFormat"), problems);
		boolean decimalComma = decimalComma(parameters.get("decimal"), problems);
		ReturnRule returns = attempt(problems, () -> ReturnRule.parse(parameters.get("returnRule")));
		LoyaltyMode loyalty = loyalty(parameters.get("loyalty"), problems);
		boolean registerUnknown = registerUnknown(parameters.get("unknownMembers"), problems);
		boolean correctChanged = correctChanged(entity, parameters.get("changedOrders"), problems);
		List<String> joinOn = joinOn(parameters.get("joinOn"), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new ImportSpec(entity, fileName, format, sheet, headerRow, delimiter, columns, encoding, mapping, zone, currency,
				phoneCountryCode, dateFormat, decimalComma, returns, loyalty, registerUnknown, correctChanged, joinOn);
	}

	/**
	 * How to read a lookup file of this import: as its name says (a workbook's first sheet, a CSV's first row the
	 * header), with the import's encoding, and its separator unless the name says tabs.
	 */
	public ImportSpec forLookup(String lookupName) {
		ImportFormat lookupFormat;
		try {
			lookupFormat = ImportFormat.of(null, lookupName);
		}
		catch (InvalidInputException ex) {
			String reason = ex.problems().get(0).reason();
			// A lookup file's format is its name's: there is no format to give for it.
			throw new InvalidInputException("lookup", lookupName + ": " + (reason.startsWith("give format")
					? "a lookup file's name says its format: .csv, .tsv, .txt, .ndjson, .jsonl, .json, .xlsx or .xls, "
							+ "optionally .gz"
					: reason));
		}
		Character lookupDelimiter = ImportFormat.tabSeparated(lookupName) ? Character.valueOf('\t')
				: delimiter == null || delimiter == '\t' ? Character.valueOf(',') : delimiter;
		return new ImportSpec(entity, lookupName, lookupFormat, null, null, lookupDelimiter, null, encoding, FieldMapping.IDENTITY,
				zone, currency, phoneCountryCode, dateFormat, decimalComma, returns, loyalty, registerUnknown, correctChanged,
				List.of());
	}

	/** Excel's sheet names are one line of at most 31 characters; only a workbook has sheets. */
	private static String sheet(String given, ImportFormat format) {
		String sheet = InvalidInputException.oneLine("sheet", text(given), 31);
		if (sheet != null && format != null && !format.isWorkbook()) {
			throw new InvalidInputException("sheet", "only an Excel workbook (.xlsx, .xls) has sheets");
		}
		return sheet;
	}

	/** Title rows above the header are few; a file with given columns, NDJSON or JSON has no header row. */
	private static Integer headerRow(String given, ImportFormat format, String columns) {
		if (text(given) == null) {
			return null;
		}
		int row;
		try {
			row = Integer.parseInt(given.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("headerRow", "is not a row number (1 for the first row)");
		}
		InvalidInputException.between("headerRow", row, 1, 1, 1000);
		if (format == ImportFormat.NDJSON || format == ImportFormat.JSON || text(columns) != null) {
			throw new InvalidInputException("headerRow", "is for a file whose column names are in a row; "
					+ (text(columns) != null ? "this one's are given as columns" : format + " has none"));
		}
		return row;
	}

	/** The problems of reading a file with these columns under this spec; none when it can be read. */
	public void checkColumns(List<String> fileColumns) {
		List<Problem> problems = mapping.check(ImportFields.of(entity), fileColumns);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
	}

	Cleaning cleaning() {
		Cleaning.Epoch epoch = epoch(dateFormat);
		java.time.LocalDate dayOne = dayOne(dateFormat);
		return new Cleaning(zone, epoch != null || dayOne != null || dateFormat == null ? null : formatter(dateFormat), epoch,
				phoneCountryCode, dayOne);
	}

	private static final String DAY_NUMBER = "day-number:";

	/**
	 * {@code day-number:2020-01-01}: the file writes its days as numbers from 1, day 1 being that date, as
	 * Dunnhumby's The Complete Journey does (its {@code DAY}, 1 to 711); null for any other format.
	 */
	private static java.time.LocalDate dayOne(String dateFormat) {
		if (dateFormat == null || !dateFormat.toLowerCase(Locale.ROOT).startsWith(DAY_NUMBER)) {
			return null;
		}
		return java.time.LocalDate.parse(dateFormat.substring(DAY_NUMBER.length()).strip());
	}

	/** A country's calling code, {@code 44} or {@code +44}: one to three digits, not starting with 0. */
	private static String phoneCountryCode(String given) {
		String code = text(given);
		if (code == null) {
			return null;
		}
		code = code.startsWith("+") ? code.substring(1) : code;
		if (!code.matches("[1-9][0-9]{0,2}")) {
			throw new InvalidInputException("phoneCountryCode", "is a country's calling code, 1 to 3 digits (44, +1, 86)");
		}
		return code;
	}

	/** How the file writes amounts, prices and whole numbers. */
	Amounts amounts() {
		return new Amounts(decimalComma, currency);
	}

	/**
	 * {@code epoch-seconds}, {@code epoch-millis} and {@code epoch-micros} say the file writes Unix time; null for a
	 * pattern or nothing.
	 */
	private static Cleaning.Epoch epoch(String dateFormat) {
		if (dateFormat == null) {
			return null;
		}
		return switch (dateFormat.toLowerCase(Locale.ROOT)) {
			case "epoch-seconds" -> Cleaning.Epoch.SECONDS;
			case "epoch-millis" -> Cleaning.Epoch.MILLIS;
			case "epoch-micros" -> Cleaning.Epoch.MICROS;
			default -> null;
		};
	}

	/** A currency code as ISO 4217 has it, in hundredths: the minor unit every amount is kept in. */
	static String currency(String field, String given, String fallback, List<Problem> problems) {
		String code = text(given) == null ? fallback : given;
		try {
			return Money.currencyCode(code);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(field, ex.getMessage()));
			return fallback;
		}
	}

	private static <T> T attempt(List<Problem> problems, java.util.function.Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
			return null;
		}
	}

	private static Map<String, Object> json(String mapping, List<Problem> problems) {
		if (text(mapping) == null) {
			return Map.of();
		}
		try {
			return JSON.readValue(mapping, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JacksonException ex) {
			problems.add(new Problem("mapping", "is not a JSON object of fields, e.g. {\"phone\": \"手机号\", "
					+ "\"channel\": {\"value\": \"WEB\"}} (as a URL parameter it must be URL-encoded)"));
			return Map.of();
		}
	}

	private static Character delimiter(String given, List<Problem> problems) {
		switch (given.toLowerCase(Locale.ROOT)) {
			case ",", "comma" -> {
				return ',';
			}
			case ";", "semicolon" -> {
				return ';';
			}
			case "\t", "\\t", "tab" -> {
				return '\t';
			}
			case "|", "pipe" -> {
				return '|';
			}
			case "whitespace", "blanks" -> {
				return null;
			}
			default -> {
				problems.add(new Problem("delimiter", "'" + given + "' is not one of: comma, semicolon, tab, pipe, whitespace"));
				return ',';
			}
		}
	}

	private static List<String> columns(String given, List<Problem> problems) {
		if (text(given) == null) {
			return null;
		}
		List<String> columns = Arrays.stream(given.split(",")).map(String::strip).toList();
		if (columns.size() > ExportFile.MAX_COLUMNS) {
			problems.add(new Problem("columns", "names " + columns.size() + " columns; at most " + ExportFile.MAX_COLUMNS));
			return null;
		}
		return columns;
	}

	/** One key column per lookup file, comma-separated as {@code columns} is. */
	private static List<String> joinOn(String given, List<Problem> problems) {
		if (text(given) == null) {
			return List.of();
		}
		List<String> keys = Arrays.stream(given.split(",")).map(String::strip).toList();
		if (keys.size() > MAX_LOOKUPS || keys.stream().anyMatch(key -> key.isEmpty() || key.length() > 200)) {
			problems.add(new Problem("joinOn", "must name 1 to " + MAX_LOOKUPS + " key columns, one for each lookup file, "
					+ "separated by commas (joinOn=order_id,customer_id)"));
			return List.of();
		}
		return keys;
	}

	private static Charset encoding(String given, List<Problem> problems) {
		if (text(given) == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(given.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			problems.add(new Problem("encoding", "'" + given + "' is not an encoding we read (UTF-8, GBK, GB18030, "
					+ "windows-1252, ISO-8859-1...)"));
			return StandardCharsets.UTF_8;
		}
	}

	private static ZoneId zone(String given, ZoneId fallback, List<Problem> problems) {
		if (text(given) == null) {
			return fallback;
		}
		try {
			return ZoneId.of(given.strip());
		}
		catch (DateTimeException ex) {
			problems.add(new Problem("zone", "'" + given + "' is not a time zone such as Asia/Shanghai or Europe/London"));
			return fallback;
		}
	}

	private static String dateFormat(String given, List<Problem> problems) {
		if (text(given) == null) {
			return null;
		}
		if (epoch(given.strip()) != null) {
			return given.strip();
		}
		if (given.strip().toLowerCase(Locale.ROOT).startsWith(DAY_NUMBER)) {
			try {
				if (!io.membergraph.shared.TimeBounds.inYears(dayOne(given.strip()).getYear())) {
					throw new DateTimeException("outside the years");
				}
				return given.strip();
			}
			catch (DateTimeException ex) {
				problems.add(new Problem("dateFormat", "'" + given + "' must give the date of day 1 as yyyy-MM-dd, in the "
						+ "years " + io.membergraph.shared.TimeBounds.FIRST_YEAR + "-" + io.membergraph.shared.TimeBounds.LAST_YEAR
						+ ", e.g. day-number:2020-01-01"));
				return null;
			}
		}
		try {
			formatter(given.strip());
			String missing = missingDateParts(given.strip());
			if (!missing.isEmpty()) {
				problems.add(new Problem("dateFormat", "'" + given + "' names no " + missing + ": a date needs its year, "
						+ "month and day (yyyy, M, d). Dates written without one (Tmall's 0511) cannot be placed in time: "
						+ "add it to the file's dates, or map a column that holds it with {\"columns\": [...]}"));
				return null;
			}
			return given.strip();
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem("dateFormat", "'" + given + "' is not a date pattern such as M/d/yyyy H:mm or "
					+ "dd.MM.yyyy (y year, M month, d day, H hour, m minute, s second), nor epoch-seconds, epoch-millis, "
					+ "epoch-micros or day-number:2020-01-01"));
			return null;
		}
	}

	/**
	 * The parts of a date a pattern does not name, outside its quoted text: "year", "month", "day" joined with "and",
	 * or empty. A day of the year ({@code D}) names the month and the day.
	 */
	static String missingDateParts(String pattern) {
		String letters = pattern.replaceAll("'[^']*'", "");
		List<String> missing = new ArrayList<>();
		if (!letters.matches(".*[yu].*")) {
			missing.add("year");
		}
		boolean dayOfYear = letters.contains("D");
		if (!dayOfYear && !letters.matches(".*[ML].*")) {
			missing.add("month");
		}
		if (!dayOfYear && !letters.contains("d")) {
			missing.add("day");
		}
		return String.join(" and ", missing);
	}

	/** Strict, so 30 February is refused; {@code yyyy} reads as the proleptic year, as users write it. */
	static DateTimeFormatter formatter(String pattern) {
		return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu").replace("yy", "uu"), Locale.ROOT)
			.withResolverStyle(ResolverStyle.STRICT);
	}

	/** {@code point} (the default): {@code 1,299.50}; {@code comma}: {@code 1.299,50}, as European shop systems write. */
	private static boolean decimalComma(String given, List<Problem> problems) {
		String value = text(given) == null ? "point" : given.strip().toLowerCase(Locale.ROOT);
		if (!value.equals("point") && !value.equals("comma")) {
			problems.add(new Problem("decimal", "'" + given + "' is not point (1,299.50) or comma (1.299,50)"));
		}
		return value.equals("comma");
	}

	private static LoyaltyMode loyalty(String given, List<Problem> problems) {
		if (text(given) == null) {
			return LoyaltyMode.HISTORY;
		}
		try {
			return LoyaltyMode.valueOf(given.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem("loyalty", "'" + given + "' is not HISTORY, LIVE or NONE"));
			return LoyaltyMode.HISTORY;
		}
	}

	/** {@code REJECT} (the default): an order of an unknown member is refused; {@code REGISTER}: the member is made. */
	private static boolean registerUnknown(String given, List<Problem> problems) {
		String value = text(given) == null ? "REJECT" : given.strip().toUpperCase(Locale.ROOT);
		if (!value.equals("REJECT") && !value.equals("REGISTER")) {
			problems.add(new Problem("unknownMembers", "'" + given + "' is not REJECT or REGISTER"));
		}
		return value.equals("REGISTER");
	}

	/** {@code REJECT} (the default): an order recorded before with other content is refused; {@code CORRECT}: corrected. */
	private static boolean correctChanged(ImportEntity entity, String given, List<Problem> problems) {
		String value = text(given) == null ? "REJECT" : given.strip().toUpperCase(Locale.ROOT);
		if (!value.equals("REJECT") && !value.equals("CORRECT")) {
			problems.add(new Problem("changedOrders", "'" + given + "' is not REJECT or CORRECT"));
		}
		else if (value.equals("CORRECT") && entity != ImportEntity.ORDERS) {
			problems.add(new Problem("changedOrders", "applies to order imports only"));
		}
		return value.equals("CORRECT");
	}

	private static String text(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
