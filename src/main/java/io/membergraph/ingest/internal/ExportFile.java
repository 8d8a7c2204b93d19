package io.membergraph.ingest.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.membergraph.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored export read row by row in constant memory, defended against what real and hostile files hold: gzip
 * is recognised by its bytes and may expand only so far (a bomb fails the import, it never fills memory); a cut
 * short gzip or an unreadable file fails the import, it never ends it as if complete; bytes that are not valid in
 * the file's encoding make their row unreadable (or the file, when even the header is); a row longer than the
 * limit fails the import. The columns come from the header (or the spec, for a file without one; for NDJSON, the
 * first object's keys) and are known before the first row.
 */
public final class ExportFile implements Iterator<SourceRow>, Closeable {

	/** Stands in for bytes the encoding cannot read: a noncharacter, which no export writes on purpose. */
	static final char UNREADABLE = '\uFFFE';

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How much of the stored file has been read. */
	private final java.util.function.LongSupplier stored;

	/** Told when a row has been handed out: a row's length is counted from there. */
	private final Runnable rowRead;

	private final Closeable source;

	private final Iterator<SourceRow> rows;

	private final List<String> columns;

	private ExportFile(java.util.function.LongSupplier stored, Runnable rowRead, Closeable source, Rows rows) {
		this.stored = stored;
		this.rowRead = rowRead;
		this.source = source;
		this.rows = rows.iterator;
		this.columns = rows.columns;
	}

	/** Excel's last column, XFD: no export has more columns, and no header or {@code columns} may. */
	static final int MAX_COLUMNS = 16_384;

	public static ExportFile open(Path file, ImportSpec spec, ImportSettings limits) {
		if (spec.format().isWorkbook()) {
			// What the bytes are decides, not the name: exports name .xlsx files .xls and the other way round.
			if (startsWith(file, 0x1f, 0x8b)) {
				throw new ImportFailure("the workbook is gzip-compressed: upload the workbook as it is (an .xlsx is "
						+ "compressed already)");
			}
			if (spec.format() == ImportFormat.XLSX || LegacyWorkbook.isOne(file) || Workbook.isOne(file)) {
				Spreadsheet sheet = Spreadsheet.open(file, spec.sheet(), spec.headerRow(), limits);
				return new ExportFile(sheet::bytesRead, () -> {
				}, sheet, new Rows(sheet.rows(), sheet.columns()));
			}
			if (isWebPage(file) && WebPageTable.holdsTable(file)) {
				Spreadsheet page = WebPageTable.open(file, spec.encoding(), spec.headerRow(), limits);
				return new ExportFile(page::bytesRead, () -> {
				}, page, new Rows(page.rows(), page.columns()));
			}
			if (isWebPage(file)) {
				throw new ImportFailure("the file is a web page without a table, or Excel 2003's XML, under an Excel name: "
						+ "open it in Excel and save it as .xlsx or CSV");
			}
			// Text under Excel's name, as many systems' "export to Excel" write it: read as the text it is.
		}
		try {
			CountingStream stored = new CountingStream(Files.newInputStream(file));
			BufferedInputStream plain = new BufferedInputStream(decompressed(stored, limits), 64 * 1024);
			CharsetDecoder decoder = encodingOf(plain, spec).newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.replaceWith(String.valueOf(UNREADABLE));
			RowLengthGuard text = new RowLengthGuard(new InputStreamReader(plain, decoder), limits.maxRowLength());
			BufferedReader lines = new BufferedReader(text, 64 * 1024);
			skipByteOrderMark(lines);
			if (spec.format() == ImportFormat.JSON && !JsonRows.isOneObjectPerLine(lines, JSON)) {
				JsonRows json = JsonRows.of(lines, JSON);
				return new ExportFile(stored::count, text::rowRead, text, new Rows(json, json.columns()));
			}
			// A .json file of one object per line is read as the NDJSON it is.
			boolean objectPerLine = spec.format() == ImportFormat.NDJSON || spec.format() == ImportFormat.JSON;
			Character separator = objectPerLine ? null : separatorLine(lines, text);
			skipTitles(lines, text, spec.headerRow());
			Character delimiter = separator != null ? separator : spec.delimiter();
			Rows rows = objectPerLine ? ndjson(lines, text)
					: delimiter == null ? blankSeparated(lines, text, spec.columns()) : csv(lines, text, spec, delimiter);
			return new ExportFile(stored::count, text::rowRead, text, rows);
		}
		catch (IOException ex) {
			throw failure(ex);
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause());
		}
	}

	/**
	 * This file's rows as {@code join} makes them, with the {@code columns} that gives them: the rows of a file with
	 * its lookup files' columns added ({@link ImportFiles}).
	 */
	ExportFile joined(java.util.function.UnaryOperator<SourceRow> join, List<String> joinedColumns) {
		ExportFile file = this;
		Iterator<SourceRow> joinedRows = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return file.hasNext();
			}

			@Override
			public SourceRow next() {
				return join.apply(file.next());
			}

		};
		return new ExportFile(stored, () -> {
		}, this, new Rows(joinedRows, joinedColumns));
	}

	/** The file's columns; null when they cannot be known before reading (an NDJSON file whose first line is broken). */
	List<String> columns() {
		return columns;
	}

	/** How much of the stored file has been read: compressed bytes for gzip. */
	public long bytesRead() {
		return stored.getAsLong();
	}

	@Override
	public boolean hasNext() {
		try {
			return rows.hasNext();
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause());
		}
	}

	@Override
	public SourceRow next() {
		try {
			SourceRow row = rows.next();
			rowRead.run();
			return row;
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause());
		}
	}

	@Override
	public void close() {
		try {
			source.close();
		}
		catch (IOException ex) {
			// Closing a file we only read loses nothing.
		}
	}

	private record Rows(Iterator<SourceRow> iterator, List<String> columns) {
	}

	private static Rows csv(Reader reader, RowLengthGuard guard, ImportSpec spec, char delimiter) throws IOException {
		CSVFormat.Builder format = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL);
		format = spec.columns() == null ? format.setHeader().setSkipHeaderRecord(true)
				: format.setHeader(spec.columns().toArray(String[]::new));
		CSVParser parser;
		try {
			parser = format.get().parse(reader);
		}
		catch (IllegalArgumentException ex) {
			throw new ImportFailure("the header cannot be read: " + ex.getMessage());
		}
		List<String> columns = distinct(parser.getHeaderNames().stream().map(String::strip).toList());
		if (columns.stream().anyMatch(c -> c.indexOf(UNREADABLE) >= 0)) {
			throw new ImportFailure("the header is not valid " + spec.encoding().name() + ": the file is in another encoding; "
					+ "give it (encoding=GBK, windows-1252...) or convert the file");
		}
		guard.rowRead();
		Iterator<CSVRecord> records = parser.iterator();
		Iterator<SourceRow> rows = new Iterator<>() {

			private long number;

			@Override
			public boolean hasNext() {
				return records.hasNext();
			}

			@Override
			public SourceRow next() {
				number++;
				CSVRecord record;
				try {
					record = records.next();
				}
				catch (IllegalStateException ex) {
					throw new ImportFailure("row " + number + " is not valid CSV: " + ex.getMessage());
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (int i = 0; i < Math.min(columns.size(), record.size()); i++) {
					values.put(columns.get(i), spreadsheetText(record.get(i)));
				}
				String raw = String.join(String.valueOf(delimiter), record.values());
				// Counted against the header as written: a parser's header map drops repeated and blank names.
				String unreadable = record.size() != columns.size()
						? "has " + record.size() + " values where the header has " + columns.size() : encodingProblem(raw, spec);
				return new SourceRow(number, values, raw, unreadable);
			}

		};
		return new Rows(rows, columns);
	}

	/**
	 * A cell written as a spreadsheet formula of text, {@code ="2911234567890123456"}, is that text: Chinese shop
	 * platforms' order exports (Taobao, Tmall) write long order numbers and phones so that a spreadsheet shows them
	 * whole instead of as a rounded number. Any other cell is as written.
	 */
	static String spreadsheetText(String cell) {
		if (cell.length() < 3 || !cell.startsWith("=\"") || !cell.endsWith("\"")) {
			return cell;
		}
		String inner = cell.substring(2, cell.length() - 1);
		// Quotes inside the text are doubled; a lone one means the cell is some other formula.
		return inner.replace("\"\"", "").indexOf('"') >= 0 ? cell : inner.replace("\"\"", "\"");
	}

	/**
	 * The header's names made distinct, as spreadsheets save them: a blank name (the empty columns Excel leaves at the
	 * end) becomes {@code (column 4)}, a repeated one {@code 手机 (2)}, so that every value keeps its own column
	 * and a mapping can name either.
	 */
	static List<String> distinct(List<String> names) {
		if (names.size() > MAX_COLUMNS) {
			throw new ImportFailure("the header has " + names.size() + " columns; at most " + MAX_COLUMNS
					+ " (a spreadsheet's last column) are read");
		}
		List<String> distinct = new ArrayList<>();
		Set<String> taken = new HashSet<>(names);
		Set<String> used = new HashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).isBlank() ? "(column " + (i + 1) + ")" : names.get(i);
			String unique = name;
			// A copy's name is never one the header itself writes: that column keeps its own.
			for (int copy = 2; used.contains(unique) || !unique.equals(name) && taken.contains(unique); copy++) {
				unique = name + " (" + copy + ")";
			}
			used.add(unique);
			distinct.add(unique);
		}
		return List.copyOf(distinct);
	}

	/** Columns separated by runs of blanks, as fixed-width logs write them (the CDNOW purchase log). */
	private static Rows blankSeparated(BufferedReader lines, RowLengthGuard guard, List<String> given) throws IOException {
		List<String> columns = given;
		if (columns == null) {
			String header = nextNonBlank(lines);
			columns = header == null ? List.of() : distinct(Arrays.asList(header.strip().split("\\s+")));
			guard.rowRead();
		}
		List<String> names = List.copyOf(columns);
		Iterator<SourceRow> rows = new LineRows(lines) {

			@Override
			SourceRow row(long number, String line) {
				String[] values = line.strip().split("\\s+");
				Map<String, String> byColumn = new LinkedHashMap<>();
				for (int i = 0; i < Math.min(values.length, names.size()); i++) {
					byColumn.put(names.get(i), values[i]);
				}
				String unreadable = values.length != names.size()
						? "has " + values.length + " values where the header has " + names.size() : encodingProblem(line, null);
				return new SourceRow(number, byColumn, line, unreadable);
			}

		};
		return new Rows(rows, names);
	}

	private static Rows ndjson(BufferedReader lines, RowLengthGuard guard) throws IOException {
		lines.mark(1 << 20);
		String first = nextNonBlank(lines);
		lines.reset();
		List<String> columns = null;
		if (first != null) {
			try {
				JsonNode node = JSON.readTree(first);
				if (node.isObject()) {
					Map<String, String> firstValues = new LinkedHashMap<>();
					flatten("", node, firstValues, 0);
					columns = new ArrayList<>(firstValues.keySet());
				}
			}
			catch (JacksonException ex) {
				// The first row is reported as unreadable; its columns are not known.
			}
		}
		Iterator<SourceRow> rows = new LineRows(lines) {

			@Override
			SourceRow row(long number, String line) {
				String encoding = encodingProblem(line, null);
				if (encoding != null) {
					return new SourceRow(number, Map.of(), line, encoding);
				}
				try {
					JsonNode node = JSON.readTree(line);
					if (!node.isObject()) {
						return new SourceRow(number, Map.of(), line, "is not a JSON object");
					}
					Map<String, String> values = new LinkedHashMap<>();
					flatten("", node, values, 0);
					String broken = halfACharacter(values);
					return broken == null ? new SourceRow(number, values, line, null)
							: new SourceRow(number, Map.of(), line, broken);
				}
				catch (JacksonException ex) {
					return new SourceRow(number, Map.of(), line, "is not valid JSON: " + ex.getOriginalMessage());
				}
			}

		};
		return new Rows(rows, columns);
	}

	/** Objects nested this deep at most are named by their path; deeper ones are kept as JSON text. */
	private static final int MAX_NESTING = 8;

	/**
	 * An object's values by name, those of nested objects by their path ({@code customer.email}, as API dumps nest a
	 * customer in an order): a mapping names them like columns. Arrays are kept as their JSON text.
	 */
	static void flatten(String prefix, JsonNode object, Map<String, String> values, int depth) {
		object.properties().forEach(field -> {
			String name = prefix + field.getKey();
			JsonNode value = field.getValue();
			if (value.isObject() && depth < MAX_NESTING) {
				flatten(name + ".", value, values, depth + 1);
			}
			else {
				values.put(name, value.isNull() ? null : value.isValueNode() ? value.asString() : value.toString());
			}
		});
	}

	/**
	 * Why a JSON row's text cannot be read: a value with a {@code \\uD83D} escape standing without its other half,
	 * valid JSON yet no character (bytes that are not UTF-8 are caught as they are decoded; this is the one way JSON
	 * brings broken text past the decoder); null when every value is whole.
	 */
	static String halfACharacter(Map<String, String> values) {
		for (Map.Entry<String, String> value : values.entrySet()) {
			int at = value.getValue() == null ? -1 : InvalidInputException.halfOfAPairAt(value.getValue());
			if (at >= 0) {
				return "'" + value.getKey() + "' holds half of a character (\\u"
						+ String.format("%04x", (int) value.getValue().charAt(at)) + " without its pair, at character "
						+ (at + 1) + "): the text was cut before it was written; nothing of the row was loaded";
			}
		}
		return null;
	}

	/** Why a row's text cannot be read: bytes the file's encoding has no character for; null when it can. */
	static String encodingProblem(String text) {
		return encodingProblem(text, null);
	}

	private static String encodingProblem(String text, ImportSpec spec) {
		int at = text.indexOf(UNREADABLE);
		if (at < 0) {
			return null;
		}
		return "has bytes that are not valid " + (spec == null ? "text in the file's encoding" : spec.encoding().name())
				+ " (at character " + (at + 1) + "); nothing of it was loaded. If the file is in another encoding, give "
				+ "it: encoding=windows-1252 (Excel's CSV on Western Windows), GBK (Chinese Windows)...";
	}

	/** Rows that are lines of the file, blank lines skipped. */
	private abstract static class LineRows implements Iterator<SourceRow> {

		private final BufferedReader lines;

		private String next;

		private boolean looked;

		private long number;

		LineRows(BufferedReader lines) {
			this.lines = lines;
		}

		abstract SourceRow row(long number, String line);

		@Override
		public boolean hasNext() {
			if (!looked) {
				try {
					next = nextNonBlank(lines);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				looked = true;
			}
			return next != null;
		}

		@Override
		public SourceRow next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			looked = false;
			return row(++number, next);
		}

	}

	private static String nextNonBlank(BufferedReader lines) throws IOException {
		String line;
		do {
			line = lines.readLine();
		}
		while (line != null && line.isBlank());
		return line;
	}

	/** Whether the file's first bytes are these ({@code 0xd0, 0xcf...}). */
	static boolean startsWith(Path file, int... magic) {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] first = in.readNBytes(magic.length);
			for (int i = 0; i < magic.length; i++) {
				if (i >= first.length || (first[i] & 0xff) != magic[i]) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Whether the file's text starts with markup: a web page's table or Excel 2003's XML, not rows of values. */
	private static boolean isWebPage(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			String start = new String(in.readNBytes(512), java.nio.charset.StandardCharsets.ISO_8859_1);
			return start.replaceFirst("^(\u00ef\u00bb\u00bf)?\\s*", "").startsWith("<");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static InputStream decompressed(InputStream stored, ImportSettings limits) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(stored, 64 * 1024);
		buffered.mark(2);
		int first = buffered.read();
		int second = buffered.read();
		buffered.reset();
		if (first != 0x1f || second != 0x8b) {
			return buffered;
		}
		CountingStream compressed = (CountingStream) stored;
		return new ExpansionLimit(new GZIPInputStream(buffered, 64 * 1024), compressed::count, limits, "the file");
	}

	/**
	 * The file's encoding: UTF-16 when it starts with UTF-16's byte order mark (Excel's "Unicode text" and many
	 * Windows tools write it so), whatever was given, since no other encoding's text starts with those bytes;
	 * otherwise the one given.
	 */
	private static java.nio.charset.Charset encodingOf(BufferedInputStream plain, ImportSpec spec) throws IOException {
		plain.mark(2);
		int first = plain.read();
		int second = plain.read();
		plain.reset();
		if (first == 0xff && second == 0xfe) {
			return java.nio.charset.StandardCharsets.UTF_16LE;
		}
		if (first == 0xfe && second == 0xff) {
			return java.nio.charset.StandardCharsets.UTF_16BE;
		}
		return spec.encoding();
	}

	/** The lines above the header row: a report's title and date, as some systems write before their columns. */
	private static void skipTitles(BufferedReader lines, RowLengthGuard guard, Integer headerRow) throws IOException {
		for (int line = 1; headerRow != null && line < headerRow; line++) {
			if (lines.readLine() == null) {
				throw new ImportFailure("the file has fewer than " + headerRow + " lines: headerRow names the line of the "
						+ "column names");
			}
			guard.rowRead();
		}
	}

	/** Excel's first line {@code sep=;}, which names the file's separator and is no row of it. */
	private static final java.util.regex.Pattern SEPARATOR_LINE = java.util.regex.Pattern
		.compile("\"?sep=([^\\s\"])\"?[,;\t|]*", java.util.regex.Pattern.CASE_INSENSITIVE);

	/**
	 * The separator a first line {@code sep=;} names, that line read; null, and nothing read, without one. Excel
	 * writes it in CSV files for locales that separate with semicolons, reads it, and shows no such row: the file
	 * is read with the separator it names, whatever the import's {@code delimiter}.
	 */
	private static Character separatorLine(BufferedReader lines, RowLengthGuard guard) throws IOException {
		lines.mark(256);
		char[] start = new char[64];
		int read = lines.read(start);
		String head = read <= 0 ? "" : new String(start, 0, read);
		int end = head.indexOf('\n');
		java.util.regex.Matcher hint = SEPARATOR_LINE.matcher((end < 0 ? head : head.substring(0, end)).strip());
		if (end < 0 || !hint.matches()) {
			lines.reset();
			return null;
		}
		lines.reset();
		lines.readLine();
		guard.rowRead();
		return hint.group(1).charAt(0);
	}

	private static void skipByteOrderMark(BufferedReader reader) throws IOException {
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
	}

	private static ImportFailure failure(Throwable cause) {
		if (cause instanceof ImportFailure failure) {
			return failure;
		}
		if (cause instanceof EOFException) {
			return new ImportFailure("the file ends in the middle of its gzip stream: it was cut short; upload it whole", cause);
		}
		if (cause instanceof ZipException) {
			return new ImportFailure("the file is not valid gzip: " + cause.getMessage(), cause);
		}
		return ImportFailure.unreadable("the file", cause);
	}

	/** Fails the import when one row runs longer than the limit: an unclosed quote, or not an export at all. */
	private static final class RowLengthGuard extends FilterReader {

		private final int maxRowLength;

		private long sinceRow;

		RowLengthGuard(Reader in, int maxRowLength) {
			super(in);
			this.maxRowLength = maxRowLength;
		}

		void rowRead() {
			sinceRow = 0;
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			counted(c < 0 ? 0 : 1);
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			counted(Math.max(0, n));
			return n;
		}

		private void counted(int chars) {
			sinceRow += chars;
			// Readers buffer ahead of the row being parsed; allow them one buffer's worth.
			if (sinceRow > maxRowLength + 128L * 1024) {
				throw new ImportFailure("a row is longer than " + maxRowLength + " characters (an unclosed quote?) "
						+ "(membergraph.import.max-row-length)");
			}
		}

	}

}
