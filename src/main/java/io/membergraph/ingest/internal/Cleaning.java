package io.membergraph.ingest.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.membergraph.member.EmailAddress;
import io.membergraph.member.Gender;
import io.membergraph.member.PhoneNumber;
import io.membergraph.member.Region;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.TimeBounds;

/**
 * Turns the values of channel exports into clean values: trimmed text, normalised phones and e-mails, dates
 * in the formats Chinese shop systems write (local times in a default zone), amounts with currency symbols
 * and thousands separators, free-text gender, and province and city names without their suffixes. Every
 * refusal names the field and the reason, for the reject report.
 */
public final class Cleaning {

	/**
	 * Year first, then local times as databases write them and as spreadsheets show them: a spreadsheet saved as CSV
	 * (Taobao's and JD's exports opened in Excel) drops the leading zeros, {@code 2016/5/31 0:37:00}, {@code 2016-5-31
	 * 0:37}, so month, day and hour may have one digit.
	 */
	private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
			withFraction("uuuu-MM-dd HH:mm:ss", false), strict("uuuu-MM-dd HH:mm"),
			strict("uuuu/M/d H:mm:ss"), strict("uuuu/M/d H:mm"),
			withFraction("uuuu-MM-dd'T'HH:mm:ss", false), strict("uuuuMMddHHmmss"),
			strict("uuuu年M月d日 H:mm:ss"), strict("uuuu年M月d日 H:mm"), strict("uuuu.M.d H:mm:ss"), strict("uuuu.M.d H:mm"),
			strict("uuuu-M-d H:mm:ss"), strict("uuuu-M-d H:mm"),
			// Day first, with points and the year last: German, Russian, Polish, Nordic shop systems. No
			// country writes the month first with points, so it needs no hint.
			strict("d.M.uuuu H:mm:ss"), strict("d.M.uuuu H:mm"));

	/**
	 * Date-times with their offset as databases and shop systems write them, beside ISO's {@code T} form:
	 * {@code 2023-03-15 10:42:09 -0400}, {@code 2026-11-11 20:00:00+08:00}, with or without a fraction of a second.
	 */
	private static final List<DateTimeFormatter> OFFSET_DATE_TIMES = List.of(
			withFraction("uuuu-MM-dd HH:mm:ss", true), withFraction("uuuu-MM-dd'T'HH:mm:ss", true));

	private static final List<DateTimeFormatter> LOCAL_DATES = List.of(strict("uuuu-MM-dd"),
			strict("uuuu/M/d"), strict("uuuuMMdd"),
			strict("uuuu年M月d日"), strict("uuuu.M.d"), strict("uuuu-M-d"), strict("d.M.uuuu"));

	/**
	 * Dates with the month's English name, as American shop systems and spreadsheets write them ({@code Mar 1,
	 * 2024 10:42:09 AM}, {@code 1 March 2024}, {@code 01-Mar-2024 10:42}): unambiguous, so read without a hint.
	 */
	private static final List<DateTimeFormatter> NAMED_DATE_TIMES = List.of(named("MMM d, uuuu h:mm:ss a"),
			named("MMM d, uuuu h:mm a"), named("MMMM d, uuuu h:mm:ss a"), named("MMMM d, uuuu h:mm a"),
			named("MMM d, uuuu, h:mm:ss a"), named("MMM d, uuuu, h:mm a"),
			named("MMM d, uuuu HH:mm:ss"), named("MMM d, uuuu HH:mm"), named("d MMM uuuu HH:mm:ss"),
			named("d MMM uuuu HH:mm"), named("d-MMM-uuuu HH:mm:ss"), named("d-MMM-uuuu HH:mm"));

	private static final List<DateTimeFormatter> NAMED_DATES = List.of(named("MMM d, uuuu"), named("MMMM d, uuuu"),
			named("d MMM uuuu"), named("d MMMM uuuu"), named("d-MMM-uuuu"));

	/** MySQL's "no date", which shop systems on it (WooCommerce, Magento) export for a date never set. */
	private static final Pattern ZERO_DATE = Pattern.compile("0000-00-00(\\s00:00:00(\\.0+)?)?");

	/**
	 * A date's text with the spaces systems put in dates made plain: newer locale data writes a narrow no-break space
	 * before AM/PM ({@code 10:42:09\u202FAM}), spreadsheets a no-break space. A zero date is no date (an order not
	 * paid, a birthday not given).
	 */
	private static String dateText(String value) {
		String text = text(value);
		if (text == null || ZERO_DATE.matcher(text).matches()) {
			return null;
		}
		return text.replace('\u202F', ' ').replace('\u00A0', ' ');
	}

	/**
	 * A time followed by UTC or GMT in words, as BigQuery and the data sets exported from it write (REES46's event
	 * logs: {@code 2019-10-01 00:00:00 UTC}).
	 */
	private static final Pattern UTC_IN_WORDS = Pattern.compile("(.*\\d:\\d\\d(?:[.,]\\d+)?)\\s*(?i:UTC|GMT)");

	/** Whether a text names a month in English: only then are the formats above tried (each failure throws). */
	private static final Pattern MONTH_NAME = Pattern.compile("(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)");

	/** Seconds or milliseconds since 1970: digits only, few enough that no year beyond any bound overflows. */
	private static final Pattern UNIX_TIME = Pattern.compile("-?\\d{1,15}");

	/** Microseconds since 1970: three digits more. */
	private static final Pattern UNIX_TIME_MICROS = Pattern.compile("-?\\d{1,18}");

	private static final Map<String, Gender> GENDERS = Map.ofEntries(Map.entry("男", Gender.MALE),
			Map.entry("m", Gender.MALE), Map.entry("male", Gender.MALE), Map.entry("先生", Gender.MALE),
			Map.entry("1", Gender.MALE), Map.entry("女", Gender.FEMALE), Map.entry("f", Gender.FEMALE),
			Map.entry("female", Gender.FEMALE), Map.entry("女士", Gender.FEMALE), Map.entry("2", Gender.FEMALE),
			Map.entry("未知", Gender.UNKNOWN), Map.entry("unknown", Gender.UNKNOWN), Map.entry("0", Gender.UNKNOWN),
			Map.entry("u", Gender.UNKNOWN), Map.entry("保密", Gender.UNKNOWN), Map.entry("other", Gender.OTHER),
			Map.entry("其他", Gender.OTHER),
			// As shop systems and CRMs export an undisclosed or third gender (Magento's "Not Specified").
			Map.entry("not specified", Gender.UNKNOWN), Map.entry("unspecified", Gender.UNKNOWN),
			Map.entry("prefer not to say", Gender.UNKNOWN), Map.entry("n/a", Gender.UNKNOWN),
			Map.entry("non-binary", Gender.OTHER), Map.entry("diverse", Gender.OTHER), Map.entry("divers", Gender.OTHER),
			Map.entry("男性", Gender.MALE), Map.entry("男士", Gender.MALE), Map.entry("女性", Gender.FEMALE));

	/** The largest amount accepted, as through the API: a billion, beyond any one order. */
	static final BigDecimal MAX_AMOUNT = Money.MAX_INPUT;

	private final ZoneId defaultZone;

	/** How the file writes dates, when told; tried before the usual formats. */
	private final DateTimeFormatter hint;

	/** Unix time, as event logs write it: what one unit of the number is, when the file says so. */
	public enum Epoch {

		SECONDS("seconds"), MILLIS("milliseconds"),
		/** Google Analytics 4's BigQuery export writes its event times so ({@code event_timestamp}). */
		MICROS("microseconds");

		private final String unit;

		Epoch(String unit) {
			this.unit = unit;
		}

	}

	/** Set when the file writes times as Unix time; then every time of the file is read as one. */
	private final Epoch epoch;

	private final String phoneCountryCode;

	/**
	 * Set when the file writes its days as numbers from 1 (Dunnhumby's The Complete Journey, whose days are
	 * anonymised): the date of day 1. Every date of the file is then read as one, at the start of that day.
	 */
	private final LocalDate dayOne;

	/**
	 * A day number (up to five digits: 270 years), optionally with the time of day after a blank, as Dunnhumby's
	 * {@code DAY} and {@code TRANS_TIME} read joined: {@code 1 1631}, {@code 1 16:31}.
	 */
	private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,5})(?:\\s+(\\d{1,2}):?(\\d{2}))?");

	/** Strict, so 30 February is refused rather than quietly read as 28 February. */
	private static DateTimeFormatter strict(String pattern) {
		return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
	}

	/** Strict, with the month's English name in any case ({@code Mar}, {@code MARCH}). */
	private static DateTimeFormatter named(String pattern) {
		return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH)
			.withResolverStyle(ResolverStyle.STRICT);
	}

	/**
	 * The pattern with an optional fraction of a second ({@code .5}, {@code .123}, up to nanoseconds) and, when
	 * {@code offset}, an offset after an optional space ({@code +08:00}, {@code -0400}, {@code Z}).
	 */
	private static DateTimeFormatter withFraction(String pattern, boolean offset) {
		DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern(pattern)
			.optionalStart()
			.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
			.optionalEnd();
		if (offset) {
			builder.optionalStart().appendLiteral(' ').optionalEnd()
				.optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
				.optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
				// PostgreSQL writes a whole-hour offset as its hours alone: 2026-11-11 20:00:00+08.
				.optionalStart().appendOffset("+HH", "Z").optionalEnd();
		}
		return builder.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
	}

	public Cleaning(ZoneId defaultZone) {
		this(defaultZone, null);
	}

	public Cleaning(ZoneId defaultZone, DateTimeFormatter hint) {
		this(defaultZone, hint, null);
	}

	public Cleaning(ZoneId defaultZone, DateTimeFormatter hint, Epoch epoch) {
		this(defaultZone, hint, epoch, null);
	}

	/** {@code phoneCountryCode}: the country of phone numbers written without theirs (digits, e.g. 44); null for none. */
	public Cleaning(ZoneId defaultZone, DateTimeFormatter hint, Epoch epoch, String phoneCountryCode) {
		this(defaultZone, hint, epoch, phoneCountryCode, null);
	}

	/** {@code dayOne}: the date of day 1 when the file writes its days as numbers; null otherwise. */
	public Cleaning(ZoneId defaultZone, DateTimeFormatter hint, Epoch epoch, String phoneCountryCode, LocalDate dayOne) {
		this.defaultZone = defaultZone;
		this.hint = hint;
		this.epoch = epoch;
		this.phoneCountryCode = phoneCountryCode;
		this.dayOne = dayOne;
	}

	/** Trimmed text, null for an empty value. */
	public static String text(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/**
	 * A number large enough that a spreadsheet showed it in scientific notation, and saved it so: {@code 1.38123E+10},
	 * {@code 2.91123E+18}. Its digits are gone, and different ids read alike.
	 */
	private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d([.,]\\d+)?[eE]\\+\\d{1,3}");

	/**
	 * An identifier (an order number, a SKU, a customer's or a channel account's id) as written, trimmed; null when
	 * blank. One a spreadsheet saved in scientific notation is refused: read as written, it would make different
	 * customers one member and different orders one order. A long whole number written with {@code .0}, or after an
	 * apostrophe, is that number.
	 */
	public static String identifier(String field, String value) {
		String text = text(value);
		if (text != null && TEXT_MARKED_NUMBER.matcher(text).matches()) {
			text = text.substring(1);
		}
		if (text != null && SCIENTIFIC.matcher(text).matches()) {
			throw new InvalidInputException(field, "'" + text + "' is a number a spreadsheet saved in scientific notation: "
					+ "its digits are lost, and other values read the same; format the column as text and export again");
		}
		return text != null && WHOLE_AS_DECIMAL.matcher(text).matches() ? text.substring(0, text.length() - 2) : text;
	}

	/**
	 * A number written after an apostrophe so that a spreadsheet keeps it as text (Shopify's exports write ids and
	 * phones so: {@code '6954217865496}, {@code '+16135550135}): the apostrophe is no part of it, and the same
	 * customer written without it in another file is the same customer.
	 */
	private static final Pattern TEXT_MARKED_NUMBER = Pattern.compile("'\\+?\\d+");

	/**
	 * A whole number written with {@code .0}, as a tool that read an id column as decimal numbers writes it (pandas
	 * does when the column has empty cells: Kaggle's copy of Online Retail II writes {@code 13085.0} for customer
	 * 13085). Only ids of four digits or more: a short one with {@code .0} may be meant ({@code 2.0}).
	 */
	private static final Pattern WHOLE_AS_DECIMAL = Pattern.compile("\\d{4,}\\.0");

	/**
	 * A phone number as the member module keeps it. Exports that mean a spreadsheet to keep the number as text
	 * write it after an apostrophe (Shopify's customer export: {@code '+16135550135}): that apostrophe is no part
	 * of the number.
	 */
	public String phone(String field, String value) {
		String written = identifier(field, value);
		if (written != null && written.startsWith("'")) {
			written = written.substring(1);
		}
		// Marketplaces (Tmall, JD) export their buyers' phones masked: such a number names no one.
		if (written != null && written.indexOf('*') >= 0 && written.matches("[+\\d\\s*()-]+")) {
			throw new InvalidInputException(field, "'" + written + "' is masked by the platform that exported it, so it "
					+ "names no one: find the member by another column (e.g. the buyer's account as memberExternalId)");
		}
		return PhoneNumber.normalise(field, written, phoneCountryCode);
	}

	public static String email(String field, String value) {
		return EmailAddress.normalise(field, value);
	}

	/**
	 * An instant from an ISO date-time with offset or {@code Z}, or a local date-time or date in one of the
	 * usual export formats, read in the default zone.
	 */
	public Instant dateTime(String field, String value) {
		Instant read = readDateTime(field, value);
		if (read != null && !TimeBounds.inYears(read.atZone(defaultZone).getYear())) {
			throw outsideTheYears(field, value);
		}
		return read;
	}

	private Instant readDateTime(String field, String value) {
		String text = dateText(value);
		if (text == null) {
			return null;
		}
		if (epoch != null) {
			return unixTime(field, text);
		}
		if (dayOne != null) {
			return dayNumberTime(field, text);
		}
		Instant hinted = hinted(text);
		if (hinted != null) {
			return hinted;
		}
		java.util.regex.Matcher utc = UTC_IN_WORDS.matcher(text);
		if (utc.matches()) {
			text = utc.group(1) + "Z";
		}
		// Only a text with something after the date that can be an offset tries the formats with one: a failed parse
		// throws, and a million-line file of local times would pay an exception per date.
		if (mayHaveOffset(text)) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException notWithOffset) {
				// Other ways of writing an offset, then local times, which most exports write.
			}
		}
		for (DateTimeFormatter format : hasOffset(text) ? OFFSET_DATE_TIMES : List.<DateTimeFormatter>of()) {
			try {
				return OffsetDateTime.parse(text, format).toInstant();
			}
			catch (DateTimeParseException next) {
				// Try the next format.
			}
		}
		LocalDateTime local = dateTimes.read(text, MONTH_NAME.matcher(text).find() ? NAMED_DATE_TIMES : LOCAL_DATE_TIMES,
				LocalDateTime::from);
		return local != null ? local.atZone(defaultZone).toInstant()
				: readDate(field, text).atStartOfDay(defaultZone).toInstant();
	}

	/** An offset ({@code Z}, {@code +08:00}, {@code -0400}) can only follow the date's ten characters. */
	private static boolean mayHaveOffset(String text) {
		return text.endsWith("Z") || text.indexOf('+', 10) > 0 || text.indexOf('-', 10) > 0;
	}

	/** The local date-times and dates of this import's file, each read by the format that read the last one first. */
	private final LastFormatFirst dateTimes = new LastFormatFirst();

	private final LastFormatFirst dates = new LastFormatFirst();

	/**
	 * Formats tried in turn, the one that read the previous value first: a file writes its dates one way throughout,
	 * and each format tried in vain costs an exception (a file of {@code 2016/5/31 0:37:00} paid two per date, one of
	 * {@code 31.05.2016 00:37} twelve).
	 */
	private static final class LastFormatFirst {

		private volatile DateTimeFormatter last;

		<T> T read(String text, List<DateTimeFormatter> formats, java.time.temporal.TemporalQuery<T> as) {
			DateTimeFormatter first = last;
			if (first != null && formats.contains(first)) {
				T read = parse(text, first, as);
				if (read != null) {
					return read;
				}
			}
			for (DateTimeFormatter format : formats) {
				T read = format == first ? null : parse(text, format, as);
				if (read != null) {
					last = format;
					return read;
				}
			}
			return null;
		}

		private static <T> T parse(String text, DateTimeFormatter format, java.time.temporal.TemporalQuery<T> as) {
			try {
				return format.parse(text, as);
			}
			catch (DateTimeParseException notThisFormat) {
				return null;
			}
		}

	}

	/**
	 * Whether a date-time may end with an offset: longer than a date and time, with a {@code Z} or a sign after the
	 * date ({@code +08:00}, {@code -0400}).
	 */
	private static boolean hasOffset(String text) {
		return text.length() > 19 && (text.endsWith("Z") || text.indexOf('+', 10) > 0 || text.indexOf('-', 10) > 0);
	}

	/** A Unix time in the file's unit; the usual bounds of a date (not before 1990) apply where it is used. */
	private Instant unixTime(String field, String text) {
		if (!(epoch == Epoch.MICROS ? UNIX_TIME_MICROS : UNIX_TIME).matcher(text).matches()) {
			throw new InvalidInputException(field, "'" + text + "' is not a Unix time in " + epoch.unit
					+ " (the import's dateFormat)");
		}
		long number = Long.parseLong(text);
		return switch (epoch) {
			case SECONDS -> Instant.ofEpochSecond(number);
			case MILLIS -> Instant.ofEpochMilli(number);
			case MICROS -> Instant.ofEpochSecond(Math.floorDiv(number, 1_000_000), Math.floorMod(number, 1_000_000) * 1_000L);
		};
	}

	/**
	 * Day {@code text} counted from {@link #dayOne} as day 1, at the time of day written after it or at its start;
	 * the usual bounds of a date apply where it is used.
	 */
	private Instant dayNumberTime(String field, String text) {
		java.util.regex.Matcher day = dayMatcher(field, text);
		LocalDate date = dayOne.plusDays(Integer.parseInt(day.group(1)) - 1L);
		if (day.group(2) == null) {
			return date.atStartOfDay(defaultZone).toInstant();
		}
		int hour = Integer.parseInt(day.group(2));
		int minute = Integer.parseInt(day.group(3));
		if (hour > 23 || minute > 59) {
			throw new InvalidInputException(field, "'" + text + "' has no time of day " + day.group(2) + ":"
					+ day.group(3));
		}
		return date.atTime(hour, minute).atZone(defaultZone).toInstant();
	}

	private LocalDate dayNumber(String field, String text) {
		return dayOne.plusDays(Integer.parseInt(dayMatcher(field, text).group(1)) - 1L);
	}

	private java.util.regex.Matcher dayMatcher(String field, String text) {
		java.util.regex.Matcher day = DAY_NUMBER.matcher(text);
		if (!day.matches() || Integer.parseInt(day.group(1)) < 1) {
			throw new InvalidInputException(field, "'" + text + "' is not a day number from 1, with the time of day or "
					+ "without (the import's dateFormat counts day 1 as " + dayOne + ")");
		}
		return day;
	}

	/** The instant the hint reads, as a date-time or a date; null without a hint or when it does not fit. */
	private Instant hinted(String text) {
		if (hint == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(text, hint).atZone(defaultZone).toInstant();
		}
		catch (DateTimeParseException notADateTime) {
			try {
				return LocalDate.parse(text, hint).atStartOfDay(defaultZone).toInstant();
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	public LocalDate date(String field, String value) {
		LocalDate read = readDate(field, value);
		if (read != null && !TimeBounds.inYears(read.getYear())) {
			throw outsideTheYears(field, value);
		}
		return read;
	}

	private static InvalidInputException outsideTheYears(String field, String value) {
		return new InvalidInputException(field, "'" + value.strip() + "' is outside the years " + TimeBounds.FIRST_YEAR
				+ "-" + TimeBounds.LAST_YEAR);
	}

	private LocalDate readDate(String field, String value) {
		String text = dateText(value);
		if (text == null) {
			return null;
		}
		if (epoch != null) {
			return LocalDate.ofInstant(unixTime(field, text), defaultZone);
		}
		if (dayOne != null) {
			return dayNumber(field, text);
		}
		if (hint != null) {
			try {
				return LocalDate.parse(text, hint);
			}
			catch (DateTimeParseException next) {
				// The usual formats below.
			}
		}
		LocalDate read = dates.read(text, MONTH_NAME.matcher(text).find() ? NAMED_DATES : LOCAL_DATES, LocalDate::from);
		if (read != null) {
			return read;
		}
		throw new InvalidInputException(field, "'" + text + "' is not a date or date-time in a known format "
				+ "(e.g. 2026-11-11, 2026/11/11 20:00, 2026-11-11T20:00:00+08:00, Nov 11, 2026 8:00 PM)"
				+ (UNIX_TIME.matcher(text).matches() && text.length() >= 9
						? "; for Unix times give dateFormat epoch-seconds, epoch-millis or epoch-micros"
						: DAY_OR_MONTH_FIRST.matcher(text).lookingAt()
								? "; a date that starts with its day or month needs dateFormat, e.g. dd/MM/yyyy HH:mm or M/d/yyyy"
								: ""));
	}

	/** {@code 03/01/2024}: the first of March or the third of January, which only the file's origin tells. */
	private static final java.util.regex.Pattern DAY_OR_MONTH_FIRST = java.util.regex.Pattern
		.compile("\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}");

	private static final Set<String> YES = Set.of("true", "yes", "y", "1", "是");

	private static final Set<String> NO = Set.of("false", "no", "n", "0", "否");

	/**
	 * Yes or no as exports write it ({@code yes}, {@code 1}, {@code 是}), plus the words the field's own exports use
	 * (a product's {@code 在售}, a marketing tool's {@code SUBSCRIBED}); null when empty.
	 */
	public static Boolean yesOrNo(String field, String value, Set<String> moreYes, Set<String> moreNo) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		if (YES.contains(lower) || moreYes.contains(lower)) {
			return true;
		}
		if (NO.contains(lower) || moreNo.contains(lower)) {
			return false;
		}
		throw new InvalidInputException(field, "'" + text + "' is not yes or no");
	}

	/** A sales channel by name, in any case: {@code tmall}, {@code TMALL}. */
	public static Channel channel(String field, String value) {
		String text = InvalidInputException.requireText(field, value);
		try {
			return Channel.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "'" + text + "' is not a channel " + Arrays.toString(Channel.values()));
		}
	}

	public static Gender gender(String field, String value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		Gender gender = GENDERS.get(text.toLowerCase(Locale.ROOT));
		if (gender == null) {
			throw new InvalidInputException(field, "'" + text + "' is not a gender we know (男/女, M/F, male/female...)");
		}
		return gender;
	}

	/**
	 * One of an enum's constants by its name, in any case, with spaces or dashes for its underscores
	 * ({@code from 5k to 10k}); null when empty. A survey's own words are mapped to these with the mapping's
	 * {@code values}.
	 */
	static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		String name = text.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		throw new InvalidInputException(field, "'" + text + "' is not one of "
				+ java.util.Arrays.toString(type.getEnumConstants()) + "; map the file's words to them with "
				+ "{\"column\": ..., \"values\": {...}}");
	}

	/** Province and city as the member record keeps them ({@link Region#of}). */
	public static Region region(String province, String city) {
		return Region.of(text(province), text(city));
	}

}
