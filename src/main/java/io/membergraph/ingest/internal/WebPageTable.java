package io.membergraph.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;

/**
 * A web page's table under an Excel name, as many older shop and ERP systems' "export to Excel" write it (Excel
 * opens such a file as a sheet): every table row of the page read as a sheet's row, in order, so that titles above
 * the header are rows that {@code headerRow} skips; a cell spanning columns gives its value to the first, one
 * spanning rows (an order's number beside its lines) to each of them, as merged cells do. The page is streamed a row
 * at a time (jsoup's stream parser, each row dropped once read), in the charset its {@code meta} names, else the
 * import's.
 */
public final class WebPageTable extends Spreadsheet {

	/** Bytes looked at for the page's charset, which pages name near their top. */
	private static final int CHARSET_LOOK = 4_096;

	private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._-]{1,40})");

	/** Columns a row may span at most: Excel's last column. */
	private static final int MAX_SPAN = ExportFile.MAX_COLUMNS;

	private final Rows rows;

	private WebPageTable(Rows rows) {
		super(rows);
		this.rows = rows;
	}

	/** How far into a page its first table row is looked for: exports put the table at the top. */
	private static final int TABLE_LOOK = 1024 * 1024;

	/** Whether the page has a table row near its top: what Excel would show as a sheet. */
	static boolean holdsTable(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			String start = new String(in.readNBytes(TABLE_LOOK), StandardCharsets.ISO_8859_1);
			return start.toLowerCase(java.util.Locale.ROOT).contains("<tr");
		}
		catch (IOException ex) {
			return false;
		}
	}

	static WebPageTable open(Path file, Charset given, Integer headerRow, ImportSettings limits) {
		try {
			Counting in = new Counting(Files.newInputStream(file), limits.maxRowLength());
			Reader text = new InputStreamReader(in, charsetOf(file, given));
			StreamParser parser = new StreamParser(Parser.htmlParser()).parse(text, "");
			return new WebPageTable(new Rows(parser, in, Files.size(file), limits.maxRowLength(), headerRow));
		}
		catch (IOException ex) {
			throw ImportFailure.unreadable("the file", ex);
		}
	}

	/** The charset the page's {@code meta} names (Chinese systems' GBK pages say so), else the one given. */
	private static Charset charsetOf(Path file, Charset given) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			Matcher named = CHARSET.matcher(new String(in.readNBytes(CHARSET_LOOK), StandardCharsets.ISO_8859_1));
			if (named.find() && Charset.isSupported(named.group(1))) {
				return Charset.forName(named.group(1));
			}
		}
		catch (java.nio.charset.IllegalCharsetNameException ex) {
			// Named wrongly: the import's encoding.
		}
		return given;
	}

	@Override
	public void close() {
		rows.parser.close();
	}

	/** The page's rows: one per {@code tr}, its cells by column. */
	private static final class Rows extends SheetRows {

		private final StreamParser parser;

		private final Counting in;

		private final long fileSize;

		/** Cells spanning down from rows above, by column: what is left of each span. */
		private final Map<Integer, Span> spans = new HashMap<>();

		private long row;

		private record Span(String value, int rowsLeft) {
		}

		Rows(StreamParser parser, Counting in, long fileSize, int maxRowLength, Integer headerRow) throws IOException {
			super(new MergedCells(), maxRowLength);
			this.parser = parser;
			this.in = in;
			this.fileSize = fileSize;
			this.first = parser.selectNext("tr");
			readHeader(headerRow);
		}

		@Override
		long bytesRead() {
			return Math.min(fileSize, in.count());
		}

		@Override
		protected Map<Integer, String> nextRow() {
			try {
				for (Element tr = nextTableRow(); tr != null; tr = nextTableRow()) {
					reached(++row);
					Map<Integer, String> cells = cells(tr);
					tr.remove();
					in.rowRead();
					if (!cells.isEmpty()) {
						return cells;
					}
				}
				return null;
			}
			catch (IOException | UncheckedIOException ex) {
				throw ImportFailure.unreadable("the web page after row " + rowsRead(), ex);
			}
		}

		/** The page's first row, found when it was opened; the others are found as they are asked for. */
		private Element first;

		private boolean started;

		private Element nextTableRow() throws IOException {
			if (!started) {
				started = true;
				return first;
			}
			return parser.selectNext("tr");
		}

		private Map<Integer, String> cells(Element tr) {
			Map<Integer, String> cells = new HashMap<>();
			java.util.Set<Integer> spanned = new java.util.HashSet<>();
			int column = 0;
			long length = 0;
			for (Element cell : tr.children()) {
				if (!cell.nameIs("td") && !cell.nameIs("th")) {
					continue;
				}
				while (spans.containsKey(column)) {
					spanned.add(column);
					column++;
				}
				String value = cell.text().strip();
				length = add(cells, column, value, length);
				int down = span(cell.attr("rowspan"));
				if (down > 1 && !value.isEmpty()) {
					spans.put(column, new Span(value, down));
					spanned.add(column);
				}
				column += span(cell.attr("colspan"));
				if (column > MAX_SPAN) {
					throw new ImportFailure("row " + row + " of the web page spans beyond Excel's last column");
				}
			}
			// Every cell spanning down from above gives this row its value, once.
			spanned.addAll(spans.keySet());
			for (Integer at : spanned) {
				Span span = spans.get(at);
				if (span != null) {
					cells.putIfAbsent(at, span.value());
					if (span.rowsLeft() <= 1) {
						spans.remove(at);
					}
					else {
						spans.put(at, new Span(span.value(), span.rowsLeft() - 1));
					}
				}
			}
			return cells;
		}

		private static int span(String attribute) {
			try {
				int span = Integer.parseInt(attribute.strip());
				return Math.max(1, Math.min(span, MAX_SPAN));
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}

	}

	/** Counts the page's bytes read, and fails a row far longer than any export's: the page is not what it says. */
	private static final class Counting extends CountingStream {

		private final long maxRowBytes;

		private long sinceRow;

		Counting(InputStream in, int maxRowLength) {
			super(in);
			// A character is up to four bytes; the parser reads ahead a buffer's worth.
			this.maxRowBytes = 4L * maxRowLength + 1024 * 1024;
		}

		void rowRead() {
			sinceRow = 0;
		}

		@Override
		protected void counted(long bytes) {
			sinceRow += bytes;
			if (sinceRow > maxRowBytes) {
				throw new ImportFailure("a row of the web page is longer than any export's (membergraph.import.max-row-length)");
			}
		}

	}

}
