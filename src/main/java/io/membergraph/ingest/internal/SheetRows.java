package io.membergraph.ingest.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A spreadsheet's rows after its header, read as they are asked for, whichever file format holds them (an .xlsx
 * {@link Workbook}, an .xls {@link LegacyWorkbook}): the header is the row {@code headerRow} or the first with a
 * value, cells read as Excel shows them, a row's missing cells empty values, cells merged down rows filled in.
 */
public abstract class SheetRows implements Iterator<SourceRow> {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** The day after Excel's last date, 31 December 9999: a larger serial in a date cell is shown as a number. */
	private static final BigDecimal BEYOND_LAST_DATE = BigDecimal.valueOf(2_958_466);

	private final MergedCells merged;

	private final int maxRowLength;

	private List<String> columns = List.of();

	private long number;

	/** Excel's number (from 1) of the row last read. */
	private long sheetRow;

	private Map<Integer, String> next;

	SheetRows(MergedCells merged, int maxRowLength) {
		this.merged = merged;
		this.maxRowLength = maxRowLength;
	}

	/**
	 * The next row with a value, by column (from 0), with Excel's number of the row told to {@link #reached}; null at
	 * the end of the sheet.
	 */
	protected abstract Map<Integer, String> nextRow();

	/** How far the sheet has been read, as a share of the stored file's bytes. */
	abstract long bytesRead();

	/** Says which row of the sheet {@link #nextRow} is reading: Excel's number, from 1. */
	protected final void reached(long row) {
		this.sheetRow = row;
	}

	protected final long sheetRow() {
		return sheetRow;
	}

	/** The number of the data row last returned, counting from 1 after the header. */
	protected final long rowsRead() {
		return number;
	}

	/**
	 * Reads the header, {@code headerRow} (Excel's number, from 1) or the first row with a value when null, and the
	 * first row after it; called once, when the reader is ready to read.
	 */
	protected final void readHeader(Integer headerRow) {
		Map<Integer, String> header = filled(nextRow());
		while (headerRow != null && header != null && sheetRow < headerRow) {
			header = filled(nextRow());
		}
		if (headerRow != null && (header == null || sheetRow != headerRow)) {
			throw new ImportFailure("row " + headerRow + " of the sheet is empty: headerRow names the row of the column "
					+ "names");
		}
		int width = header == null ? 0 : header.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
		List<String> names = new ArrayList<>();
		for (int i = 0; i < width; i++) {
			names.add(header.getOrDefault(i, "").strip());
		}
		this.columns = ExportFile.distinct(names);
		this.next = filled(nextRow());
	}

	/** The header's names as the header row writes them; made distinct like a CSV header's. */
	final List<String> columns() {
		return columns;
	}

	@Override
	public final boolean hasNext() {
		return next != null;
	}

	@Override
	public final SourceRow next() {
		if (next == null) {
			throw new NoSuchElementException();
		}
		Map<Integer, String> cells = next;
		number++;
		Map<String, String> values = new LinkedHashMap<>();
		List<String> raw = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			String value = cells.getOrDefault(i, "").strip();
			values.put(columns.get(i), value);
			raw.add(value);
		}
		int beyond = cells.keySet().stream().filter(i -> i >= columns.size()).mapToInt(Integer::intValue).max()
			.orElse(-1);
		String unreadable = beyond < 0 ? null : "has a value in column " + columnName(beyond) + ", beyond the header's "
				+ columns.size() + " columns";
		this.next = filled(nextRow());
		return new SourceRow(number, values, String.join(",", raw), unreadable);
	}

	private Map<Integer, String> filled(Map<Integer, String> row) {
		if (row != null) {
			merged.fill(sheetRow, row);
		}
		return row;
	}

	/**
	 * Adds a cell's value to its row, unless empty; {@code length} counts the row's characters so far, and a row
	 * longer than the limit fails the import: no export writes one.
	 *
	 * @return the row's length with the cell
	 */
	protected final long add(Map<Integer, String> cells, int column, String value, long length) {
		if (value == null || value.isEmpty()) {
			return length;
		}
		long longer = length + value.length() + 1;
		if (longer > maxRowLength) {
			throw new ImportFailure("a row is longer than " + maxRowLength + " characters "
					+ "(membergraph.import.max-row-length)");
		}
		cells.put(column, value);
		return longer;
	}

	/**
	 * A number cell as Excel shows it: a date and time when its format says so (days since 1900, with Excel's 29
	 * February 1900, or since 1904 for old Macs' workbooks), else the number to Excel's 15 significant digits,
	 * without float noise or exponent.
	 */
	static String shown(BigDecimal number, boolean date, boolean date1904) {
		if (date && number.signum() >= 0 && number.compareTo(BEYOND_LAST_DATE) < 0) {
			return date(number, date1904);
		}
		BigDecimal shown = number.round(new MathContext(15)).stripTrailingZeros();
		return shown.signum() == 0 ? "0" : shown.toPlainString();
	}

	private static String date(BigDecimal serial, boolean date1904) {
		long days = serial.longValue();
		long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(86_400))
			.setScale(0, RoundingMode.HALF_UP).longValue();
		if (seconds == 86_400) {
			days++;
			seconds = 0;
		}
		if (days == 0 && !date1904) {
			return LocalTime.ofSecondOfDay(seconds).toString();
		}
		LocalDate day = date1904 ? LocalDate.of(1904, 1, 1).plusDays(days)
				: days < 61 ? LocalDate.of(1899, 12, 31).plusDays(days) : LocalDate.of(1899, 12, 30).plusDays(days);
		return seconds == 0 ? day.toString() : LocalDateTime.of(day, LocalTime.ofSecondOfDay(seconds)).format(DATE_TIME);
	}

	/**
	 * Whether a number format shows dates or times: Excel's built-in ones (14-22, 45-47, and 27-36, 50-58 that
	 * Chinese, Japanese and Korean Excel use for dates), or a format code with a year, month, day, hour or second
	 * outside quoted text, escapes and colours.
	 */
	static boolean isDateFormat(int id, String code) {
		if (id >= 14 && id <= 22 || id >= 45 && id <= 47 || id >= 27 && id <= 36 || id >= 50 && id <= 58) {
			return true;
		}
		if (code == null) {
			return false;
		}
		String plain = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\\\.", "").replaceAll("\\[[^\\]]*\\]", "")
			.replaceAll("_.", "").replaceAll("\\*.", "");
		// A section for negative numbers or text says nothing more: the first decides.
		plain = plain.split(";", -1)[0].toLowerCase(java.util.Locale.ROOT);
		return !plain.contains("general") && plain.matches(".*[ymdhs].*") && !plain.matches(".*[0#?].*");
	}

	/** A column's letters from its number (from 0): {@code A}, {@code AB}. */
	static String columnName(int column) {
		StringBuilder name = new StringBuilder();
		for (int n = column + 1; n > 0; n = (n - 1) / 26) {
			name.insert(0, (char) ('A' + (n - 1) % 26));
		}
		return name.toString();
	}

}
