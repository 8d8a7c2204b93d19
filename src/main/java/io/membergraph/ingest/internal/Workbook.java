package io.membergraph.ingest.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an Excel workbook (.xlsx), read row by row as an export: the first row with a value is the
 * header, cells are read as Excel shows them (a date cell as {@code 2026-03-01 10:42:09}, a number with no float
 * noise: {@code 2.55}, not {@code 2.5499999999999998}), and a row's missing cells are empty values. Only the shared
 * strings are held in memory (bounded); the sheet itself is streamed. The same defences as for any file: no DTD or
 * external entity is read, the sheet may expand only so far, a row only so long.
 */
public final class Workbook extends Spreadsheet {

	/**
	 * Text of the shared strings held at most, in characters, each string counting {@link #STRING_COST} more for
	 * the object it is (so millions of empty strings are bounded too): a workbook of more should be saved as CSV.
	 */
	static final long MAX_SHARED_CHARS = 128L * 1024 * 1024;

	static final int STRING_COST = 24;

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	/** Sheets listed at most: Excel itself keeps a workbook's sheets to a few hundred. */
	private static final int MAX_SHEETS = 1_000;

	private static final XMLInputFactory XML = safeFactory();

	private final ZipFile zip;

	private Workbook(ZipFile zip, Sheet sheet) {
		super(sheet);
		this.zip = zip;
	}

	/**
	 * Opens the sheet (by name, or number from 1; the first when null) and reads its header: the row {@code headerRow}
	 * (Excel's number, from 1), or the first with a value when null. An unreadable workbook fails the import.
	 */
	static Workbook open(Path file, String sheetName, Integer headerRow, ImportSettings limits) {
		ZipFile zip;
		try {
			checkDirectory(file);
			zip = new ZipFile(file.toFile());
		}
		catch (ZipException notAZip) {
			throw new ImportFailure("the file is not an Excel workbook (.xlsx): it is not a zip archive");
		}
		catch (IOException ex) {
			throw ImportFailure.unreadable("the file", ex);
		}
		try {
			Parts parts = parts(zip, sheetName, limits);
			List<String> shared = sharedStrings(zip, limits);
			Set<Integer> dateStyles = dateStyles(zip, limits);
			long fileSize = Files.size(file);
			ZipEntry entry = zip.getEntry(parts.sheet);
			if (entry == null) {
				throw new ImportFailure("the workbook's sheet (" + parts.sheet + ") is missing: the file is damaged");
			}
			MergedCells merged = mergedCells(zip, entry, fileSize, limits);
			ExpansionLimit counted = new ExpansionLimit(zip.getInputStream(entry), () -> fileSize, limits, "the workbook");
			Sheet sheet = new Sheet(XML.createXMLStreamReader(counted), counted, shared, dateStyles, parts.date1904,
					limits.maxRowLength(), Math.max(1, entry.getSize()), fileSize, headerRow, merged);
			return new Workbook(zip, sheet);
		}
		catch (IOException | XMLStreamException ex) {
			closeQuietly(zip);
			throw ImportFailure.unreadable("the workbook", ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(zip);
			throw ex;
		}
	}

	@Override
	public void close() {
		closeQuietly(zip);
	}

	/** Parts a workbook has at most: a sheet, its strings and styles, a few hundred more sheets and pictures. */
	static final int MAX_PARTS = 10_000;

	/**
	 * Reads the archive's directory record at its end before opening it: the JDK holds a zip's whole directory in
	 * memory, which a crafted file of millions of entries would make gigabytes. A workbook has a handful of parts.
	 */
	private static void checkDirectory(Path file) throws IOException {
		try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
			long size = channel.size();
			int tail = (int) Math.min(size, 22 + 65_535);
			java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN);
			channel.position(size - tail);
			while (end.hasRemaining() && channel.read(end) > 0) {
				// Read the whole tail.
			}
			for (int at = tail - 22; at >= 0; at--) {
				if (end.getInt(at) == 0x06054b50) {
					int parts = Short.toUnsignedInt(end.getShort(at + 10));
					long directory = Integer.toUnsignedLong(end.getInt(at + 12));
					if (parts == 0xffff || directory == 0xffffffffL || parts > MAX_PARTS || directory > 16L * 1024 * 1024) {
						throw new ImportFailure("the workbook holds more than " + MAX_PARTS + " parts or a directory beyond "
								+ "16 MiB: not a workbook an export writes; save the sheet as CSV");
					}
					return;
				}
			}
		}
		// No directory record: ZipFile says the file is no zip archive.
	}

	/** Whether the file starts as a zip archive, which every .xlsx is. */
	static boolean isOne(Path file) {
		return ExportFile.startsWith(file, 'P', 'K', 3, 4);
	}

	/** Where the sheet lies, and whether dates count from 1904 (workbooks of old Macs). */
	private record Parts(String sheet, boolean date1904) {
	}

	private static Parts parts(ZipFile zip, String sheetName, ImportSettings limits)
			throws IOException, XMLStreamException {
		Map<String, String> sheets = new LinkedHashMap<>();
		boolean date1904 = false;
		try (Xml workbook = Xml.of(zip, "xl/workbook.xml", true, limits)) {
			XMLStreamReader xml = workbook.reader;
			while (xml.hasNext()) {
				if (xml.next() == XMLStreamConstants.START_ELEMENT) {
					if (xml.getLocalName().equals("workbookPr")) {
						String value = xml.getAttributeValue(null, "date1904");
						date1904 = "1".equals(value) || "true".equals(value);
					}
					else if (xml.getLocalName().equals("sheet") && sheets.size() < MAX_SHEETS) {
						sheets.putIfAbsent(String.valueOf(xml.getAttributeValue(null, "name")),
								xml.getAttributeValue(RELATIONSHIPS, "id"));
					}
				}
			}
		}
		if (sheets.isEmpty()) {
			throw new ImportFailure("the workbook has no sheet");
		}
		String sheetId = chosen(sheets, sheetName);
		String target = null;
		try (Xml rels = Xml.of(zip, "xl/_rels/workbook.xml.rels", true, limits)) {
			XMLStreamReader xml = rels.reader;
			while (xml.hasNext() && target == null) {
				if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
						&& sheetId.equals(xml.getAttributeValue(null, "Id"))) {
					target = xml.getAttributeValue(null, "Target");
				}
			}
		}
		if (target == null) {
			throw new ImportFailure("the workbook does not say where the sheet it lists lies: the file is damaged");
		}
		return new Parts(target.startsWith("/") ? target.substring(1) : "xl/" + target, date1904);
	}

	/** The relationship of the sheet asked for: by its name (any case), else its number from 1; the first when none. */
	static String chosen(Map<String, String> sheets, String name) {
		if (name == null) {
			return sheets.values().iterator().next();
		}
		for (Map.Entry<String, String> sheet : sheets.entrySet()) {
			if (sheet.getKey().equalsIgnoreCase(name.strip())) {
				return sheet.getValue();
			}
		}
		if (name.strip().matches("[1-9][0-9]{0,3}") && Integer.parseInt(name.strip()) <= sheets.size()) {
			return new ArrayList<>(sheets.values()).get(Integer.parseInt(name.strip()) - 1);
		}
		throw new ImportFailure("the workbook has no sheet '" + name + "'; its sheets are " + sheets.keySet()
				+ " (name one, or give its number from 1)");
	}

	/**
	 * The sheet's merges, listed after its rows: a first pass to its end, under the same expansion limits. Most
	 * sheets merge nothing, which a scan of the bytes tells at a fraction of parsing them.
	 */
	private static MergedCells mergedCells(ZipFile zip, ZipEntry sheet, long fileSize, ImportSettings limits)
			throws IOException, XMLStreamException {
		if (!mentions(new ExpansionLimit(zip.getInputStream(sheet), () -> fileSize, limits, "the workbook"), "mergeCell")) {
			return new MergedCells();
		}
		try (InputStream in = new ExpansionLimit(zip.getInputStream(sheet), () -> fileSize, limits, "the workbook")) {
			XMLStreamReader xml = XML.createXMLStreamReader(in);
			try {
				return MergedCells.of(xml);
			}
			finally {
				xml.close();
			}
		}
	}

	/** Whether the stream's bytes hold the ASCII text anywhere; reads it to its end and closes it. */
	static boolean mentions(InputStream in, String text) throws IOException {
		byte[] wanted = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] buffer = new byte[64 * 1024 + wanted.length];
		try (in) {
			int kept = 0;
			for (int n = in.read(buffer, kept, buffer.length - kept); n > 0; n = in.read(buffer, kept, buffer.length - kept)) {
				int end = kept + n;
				for (int i = 0; i + wanted.length <= end; i++) {
					if (buffer[i] == wanted[0] && java.util.Arrays.equals(buffer, i, i + wanted.length, wanted, 0,
							wanted.length)) {
						return true;
					}
				}
				// The text may start in the last bytes read: keep them for the next read.
				kept = Math.min(wanted.length - 1, end);
				System.arraycopy(buffer, end - kept, buffer, 0, kept);
			}
		}
		return false;
	}

	/** The workbook's shared strings, in order: rich text runs joined, phonetic guides left out. */
	private static List<String> sharedStrings(ZipFile zip, ImportSettings limits) throws IOException, XMLStreamException {
		List<String> strings = new ArrayList<>();
		try (Xml shared = Xml.of(zip, "xl/sharedStrings.xml", false, limits)) {
			if (shared == null) {
				return strings;
			}
			XMLStreamReader xml = shared.reader;
			long chars = 0;
			while (xml.hasNext()) {
				if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("si")) {
					String text = text(xml, "si", limits.maxRowLength());
					chars += text.length() + STRING_COST;
					if (chars > MAX_SHARED_CHARS) {
						throw new ImportFailure("the workbook holds more than " + MAX_SHARED_CHARS + " characters of text; "
								+ "save the sheet as CSV and import that");
					}
					strings.add(text);
				}
			}
		}
		return strings;
	}

	/**
	 * The text of a string item ({@code si}, or a cell's {@code is}), from its opening tag to its end: its
	 * {@code t} elements, outside phonetic guides ({@code rPh}), which hold a reading, not the text.
	 */
	private static String text(XMLStreamReader xml, String element, int maxLength) throws XMLStreamException {
		StringBuilder text = new StringBuilder();
		int phonetic = 0;
		boolean inText = false;
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = xml.getLocalName();
				phonetic += name.equals("rPh") ? 1 : 0;
				inText = name.equals("t") && phonetic == 0;
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				String name = xml.getLocalName();
				if (name.equals(element)) {
					break;
				}
				phonetic -= name.equals("rPh") ? 1 : 0;
				inText = false;
			}
			else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE)) {
				text.append(xml.getText());
				if (text.length() > maxLength) {
					throw new ImportFailure("a cell of the workbook is longer than " + maxLength + " characters "
							+ "(membergraph.import.max-row-length)");
				}
			}
		}
		return text.toString();
	}

	/** The cell styles ({@code s} of a cell) that show a number as a date or a time. */
	private static Set<Integer> dateStyles(ZipFile zip, ImportSettings limits) throws IOException, XMLStreamException {
		Set<Integer> dates = new HashSet<>();
		try (Xml styles = Xml.of(zip, "xl/styles.xml", false, limits)) {
			if (styles == null) {
				return dates;
			}
			XMLStreamReader xml = styles.reader;
			Map<Integer, String> customFormats = new HashMap<>();
			boolean inCellFormats = false;
			int index = 0;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					switch (xml.getLocalName()) {
						case "numFmt" -> customFormats.put(integer(xml.getAttributeValue(null, "numFmtId")),
								xml.getAttributeValue(null, "formatCode"));
						case "cellXfs" -> inCellFormats = true;
						case "xf" -> {
							if (inCellFormats) {
								int format = integer(xml.getAttributeValue(null, "numFmtId"));
								if (SheetRows.isDateFormat(format, customFormats.get(format))) {
									dates.add(index);
								}
								index++;
							}
						}
						default -> {
						}
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
					inCellFormats = false;
				}
			}
		}
		return dates;
	}

	private static int integer(String value) {
		try {
			return value == null ? -1 : Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static XMLInputFactory safeFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

	/** One part of the workbook, read as XML; null from {@link #of} when an optional part is missing. */
	private record Xml(InputStream in, XMLStreamReader reader) implements Closeable {

		static Xml of(ZipFile zip, String name, boolean required, ImportSettings limits)
				throws IOException, XMLStreamException {
			ZipEntry entry = zip.getEntry(name);
			if (entry == null) {
				if (required) {
					throw new ImportFailure("the file is not an Excel workbook (.xlsx): it has no " + name);
				}
				return null;
			}
			// Every part expands under the same limits as the sheet: a bomb may hide in any of them.
			long fileSize = Files.size(Path.of(zip.getName()));
			InputStream in = new ExpansionLimit(zip.getInputStream(entry), () -> fileSize, limits, "the workbook");
			return new Xml(in, XML.createXMLStreamReader(in));
		}

		@Override
		public void close() throws IOException {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// Closing what was read loses nothing.
			}
			in.close();
		}

	}

	/** The sheet's rows after its header, read as they are asked for. */
	private static final class Sheet extends SheetRows {

		private final XMLStreamReader xml;

		private final ExpansionLimit counted;

		private final List<String> shared;

		private final Set<Integer> dateStyles;

		private final boolean date1904;

		private final int maxRowLength;

		private final long sheetSize;

		private final long fileSize;

		Sheet(XMLStreamReader xml, ExpansionLimit counted, List<String> shared, Set<Integer> dateStyles, boolean date1904,
				int maxRowLength, long sheetSize, long fileSize, Integer headerRow, MergedCells merged) {
			super(merged, maxRowLength);
			this.xml = xml;
			this.counted = counted;
			this.shared = shared;
			this.dateStyles = dateStyles;
			this.date1904 = date1904;
			this.maxRowLength = maxRowLength;
			this.sheetSize = sheetSize;
			this.fileSize = fileSize;
			readHeader(headerRow);
		}

		@Override
		long bytesRead() {
			return Math.min(fileSize, (long) (fileSize * Math.min(1.0, (double) counted.expanded() / sheetSize)));
		}

		@Override
		protected Map<Integer, String> nextRow() {
			try {
				while (xml.hasNext()) {
					int event = xml.next();
					if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
						String r = xml.getAttributeValue(null, "r");
						// A writer may leave a row's number out: it is then the one after the last.
						reached(r == null ? sheetRow() + 1 : integer(r));
						Map<Integer, String> row = row();
						if (!row.isEmpty()) {
							return row;
						}
					}
					else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
						return null;
					}
				}
				return null;
			}
			catch (XMLStreamException ex) {
				throw ImportFailure.unreadable("the workbook's sheet after row " + rowsRead(), ex);
			}
		}

		/** The cells of the row just opened that hold a value. */
		private Map<Integer, String> row() throws XMLStreamException {
			Map<Integer, String> cells = new HashMap<>();
			int column = 0;
			long length = 0;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
					break;
				}
				if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
					String reference = xml.getAttributeValue(null, "r");
					column = reference == null ? column : columnOf(reference);
					String value = cell(xml.getAttributeValue(null, "t"), integer(xml.getAttributeValue(null, "s")));
					length = add(cells, column, value, length);
					column++;
				}
			}
			return cells;
		}

		/** The value of the cell just opened, as Excel shows it; read to the cell's end. */
		private String cell(String type, int style) throws XMLStreamException {
			String value = null;
			String inline = null;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
					break;
				}
				if (event == XMLStreamConstants.START_ELEMENT) {
					if (xml.getLocalName().equals("v")) {
						value = xml.getElementText();
						if (value.length() > maxRowLength) {
							throw new ImportFailure("a cell of the workbook is longer than " + maxRowLength
									+ " characters (membergraph.import.max-row-length)");
						}
					}
					else if (xml.getLocalName().equals("is")) {
						inline = text(xml, "is", maxRowLength);
					}
				}
			}
			if (type == null || type.equals("n")) {
				return value == null ? null : number(value, dateStyles.contains(style));
			}
			return switch (type) {
				case "s" -> value == null ? null : sharedString(value);
				case "inlineStr" -> inline;
				case "b" -> value == null ? null : "1".equals(value.strip()) ? "true" : "false";
				// A formula's text, an error (#N/A) as shown, a date written as ISO 8601 text.
				default -> value;
			};
		}

		private String sharedString(String index) {
			int at = integer(index);
			if (at < 0 || at >= shared.size()) {
				throw new ImportFailure("row " + (rowsRead() + 1) + " of the workbook names shared string " + index
						+ ", which it does not hold: the file is damaged");
			}
			return shared.get(at);
		}

		private String number(String value, boolean date) {
			try {
				return shown(new BigDecimal(value.strip()), date, date1904);
			}
			catch (NumberFormatException ex) {
				return value;
			}
		}

		/** The column of a cell reference such as {@code AB12}, from 0. */
		private static int columnOf(String reference) {
			int column = 0;
			int i = 0;
			while (i < reference.length() && isAsciiLetter(reference.charAt(i))) {
				column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
				i++;
				if (column > ExportFile.MAX_COLUMNS) {
					throw new ImportFailure("cell " + reference + " lies beyond Excel's last column: the file is damaged");
				}
			}
			if (column == 0) {
				throw new ImportFailure("cell reference '" + reference + "' names no column: the file is damaged");
			}
			return column - 1;
		}

		private static boolean isAsciiLetter(char c) {
			return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
		}

	}

}
