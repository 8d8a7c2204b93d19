package io.membergraph.ingest.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MergeCellsRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A sheet of an Excel 97-2003 workbook (.xls), read row by row as an export, as {@link Workbook} reads an .xlsx: the
 * same header, cells shown as Excel shows them, merges filled down. The workbook's records are streamed (Apache
 * POI's record reader, not its object model, which would hold every cell); only its shared strings are held, and
 * a workbook says how much they are before they are read, so a file claiming more than an .xlsx may hold is refused
 * first. A workbook encrypted under Excel's default key (protected against changes, not reading) is read;
 * password-protected workbooks and Excel 5.0/95's are refused with what to do.
 */
public final class LegacyWorkbook extends Spreadsheet {

	private static final String STREAM = "Workbook";

	private static final int BOF = 0x0809;

	private static final int EOF = 0x000A;

	private static final int FILE_PASS = 0x002F;

	private static final int SST = 0x00FC;

	private static final int CONTINUE = 0x003C;

	private static final int BIFF8 = 0x0600;

	private final POIFSFileSystem file;

	private final Sheet sheet;

	private LegacyWorkbook(POIFSFileSystem file, Sheet sheet) {
		super(sheet);
		this.file = file;
		this.sheet = sheet;
	}

	/** Whether the file starts as every Excel 97-2003 workbook (an OLE2 compound file) does. */
	static boolean isOne(Path path) {
		return ExportFile.startsWith(path, 0xd0, 0xcf, 0x11, 0xe0);
	}

	/**
	 * Opens the sheet (by name, or number from 1; the first when null) and reads its header: the row {@code headerRow}
	 * (Excel's number, from 1), or the first with a value when null. An unreadable workbook fails the import.
	 */
	static LegacyWorkbook open(Path path, String sheetName, Integer headerRow, ImportSettings limits) {
		POIFSFileSystem file;
		try {
			file = new POIFSFileSystem(path.toFile(), true);
		}
		catch (IOException | RuntimeException ex) {
			throw new ImportFailure("the file is not an Excel 97-2003 workbook (.xls) that can be read: " + ex.getMessage(),
					ex);
		}
		try {
			DocumentEntry stream = workbookStream(file);
			checkHeader(file, stream);
			Globals globals = globals(file, stream);
			int chosen = globals.chosen(sheetName);
			MergedCells merged = new MergedCells();
			try (Records records = Records.of(file, stream, chosen)) {
				for (Record record = records.next(); record != null; record = records.next()) {
					if (record instanceof MergeCellsRecord merges) {
						for (int i = 0; i < merges.getNumAreas(); i++) {
							CellRangeAddress area = merges.getAreaAt(i);
							merged.add(area.getFirstRow() + 1L, area.getLastRow() + 1L, area.getFirstColumn());
						}
					}
				}
			}
			long fileSize = Files.size(path);
			Sheet sheet = new Sheet(Records.of(file, stream, chosen), globals, merged, limits.maxRowLength(),
					Math.max(1, stream.getSize()), fileSize, headerRow);
			return new LegacyWorkbook(file, sheet);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(file);
			throw ex instanceof ImportFailure failure ? failure : ImportFailure.unreadable("the workbook", ex);
		}
	}

	@Override
	public void close() {
		closeQuietly(sheet.records);
		closeQuietly(file);
	}

	private static DocumentEntry workbookStream(POIFSFileSystem file) throws IOException {
		for (String name : List.of(STREAM, "WORKBOOK", "workbook")) {
			if (file.getRoot().hasEntryCaseInsensitive(name)
					&& file.getRoot().getEntryCaseInsensitive(name) instanceof DocumentEntry entry) {
				return entry;
			}
		}
		if (file.getRoot().hasEntryCaseInsensitive("EncryptedPackage")) {
			throw new ImportFailure("the workbook is protected by a password: save it without one (or as CSV) and "
					+ "import that");
		}
		if (file.getRoot().hasEntryCaseInsensitive("Book")) {
			throw new ImportFailure("the file is an Excel 5.0/95 workbook, older than this reads: save it as .xlsx or "
					+ "CSV");
		}
		throw new ImportFailure("the file is not an Excel workbook: it holds no workbook (a Word or other Office "
				+ "file?)");
	}

	/**
	 * Reads the workbook's first records as bytes before any is parsed: its version, and how large its shared
	 * strings are, which the record reader would otherwise hold whatever they claim.
	 */
	private static void checkHeader(POIFSFileSystem file, DocumentEntry stream) throws IOException {
		try (var in = file.createDocumentInputStream(stream.getName())) {
			long sharedBytes = 0;
			boolean inStrings = false;
			boolean encrypted = false;
			for (int record = 0; in.available() >= 4; record++) {
				int sid = in.readUShort();
				int length = in.readUShort();
				if (record == 0) {
					if (sid != BOF || length < 2) {
						throw new ImportFailure("the workbook does not start as an Excel 97-2003 workbook does: the file "
								+ "is damaged, or older than Excel 97 (save it as .xlsx or CSV)");
					}
					int version = in.readUShort();
					if (version != BIFF8) {
						throw new ImportFailure("the file is an Excel workbook older than Excel 97: save it as .xlsx or "
								+ "CSV");
					}
					in.skipNBytes(length - 2L);
					continue;
				}
				if (sid == FILE_PASS) {
					// Encrypted: readable only under Excel's default key (a workbook "protected" against changes, not
					// reading), which the record reader tries. Its counts are encrypted too; its sizes are not.
					encrypted = true;
				}
				if (sid == EOF) {
					return;
				}
				inStrings = sid == SST || inStrings && sid == CONTINUE;
				if (inStrings) {
					sharedBytes += length;
					if (sid == SST && length >= 8 && !encrypted) {
						in.readInt();
						long unique = Integer.toUnsignedLong(in.readInt());
						if (unique * Workbook.STRING_COST > Workbook.MAX_SHARED_CHARS) {
							throw tooMuchText();
						}
						in.skipNBytes(length - 8L);
						continue;
					}
					if (sharedBytes > Workbook.MAX_SHARED_CHARS) {
						throw tooMuchText();
					}
				}
				in.skipNBytes(length);
			}
		}
	}

	private static ImportFailure tooMuchText() {
		return new ImportFailure("the workbook holds more than " + Workbook.MAX_SHARED_CHARS + " characters of text; save "
				+ "the sheet as CSV and import that");
	}

	/** What the workbook says before its sheets: their names, the shared strings, which cell formats are dates. */
	private record Globals(List<String> sheets, SSTRecord strings, boolean[] dateFormats, boolean date1904) {

		/** The chosen sheet's place among the workbook's sheets, from 0: by name (any case), else number from 1. */
		int chosen(String name) {
			if (sheets.isEmpty()) {
				throw new ImportFailure("the workbook has no sheet");
			}
			Map<String, String> byName = new LinkedHashMap<>();
			for (int i = 0; i < sheets.size(); i++) {
				byName.putIfAbsent(sheets.get(i), String.valueOf(i));
			}
			return Integer.parseInt(Workbook.chosen(byName, name));
		}

		boolean isDate(int formatIndex) {
			return formatIndex >= 0 && formatIndex < dateFormats.length && dateFormats[formatIndex];
		}

		String string(int index, long row) {
			if (strings == null || index < 0 || index >= strings.getNumUniqueStrings()) {
				throw new ImportFailure("row " + row + " of the workbook names shared string " + index
						+ ", which it does not hold: the file is damaged");
			}
			return strings.getString(index).getString();
		}

	}

	private static Globals globals(POIFSFileSystem file, DocumentEntry stream) throws IOException {
		List<BoundSheetRecord> sheets = new ArrayList<>();
		Map<Integer, String> formats = new HashMap<>();
		List<Integer> cellFormats = new ArrayList<>();
		SSTRecord strings = null;
		boolean date1904 = false;
		try (var in = file.createDocumentInputStream(stream.getName())) {
			RecordFactoryInputStream records = reader(in);
			for (Record record = records.nextRecord(); record != null && !(record instanceof EOFRecord);
					record = records.nextRecord()) {
				if (record instanceof BoundSheetRecord sheet) {
					sheets.add(sheet);
				}
				else if (record instanceof SSTRecord sst) {
					strings = sst;
				}
				else if (record instanceof FormatRecord format) {
					formats.put(format.getIndexCode(), format.getFormatString());
				}
				else if (record instanceof ExtendedFormatRecord cellFormat) {
					cellFormats.add((int) cellFormat.getFormatIndex());
				}
				else if (record instanceof DateWindow1904Record window) {
					date1904 = window.getWindowing() == 1;
				}
			}
		}
		boolean[] dates = new boolean[cellFormats.size()];
		for (int i = 0; i < dates.length; i++) {
			int format = cellFormats.get(i);
			String code = formats.containsKey(format) ? formats.get(format) : BuiltinFormats.getBuiltinFormat(format);
			dates[i] = SheetRows.isDateFormat(format, code);
		}
		List<String> names = new ArrayList<>();
		for (BoundSheetRecord sheet : BoundSheetRecord.orderByBofPosition(sheets)) {
			names.add(sheet.getSheetname());
		}
		return new Globals(names, strings, dates, date1904);
	}

	private static RecordFactoryInputStream reader(InputStream in) {
		try {
			return new RecordFactoryInputStream(in, false);
		}
		catch (EncryptedDocumentException ex) {
			throw new ImportFailure("the workbook is protected by a password: save it without one (or as CSV) and "
					+ "import that", ex);
		}
	}

	/**
	 * The records of one sheet of the workbook, from after its start to its end, the records of a chart drawn on
	 * it left out; counts the bytes read for the import's progress.
	 */
	private static final class Records implements Closeable {

		private final CountingStream in;

		private final RecordFactoryInputStream reader;

		private int depth = 1;

		private Records(CountingStream in, RecordFactoryInputStream reader) {
			this.in = in;
			this.reader = reader;
		}

		/** Opens the workbook's stream at the start of its sheet {@code chosen} (from 0). */
		static Records of(POIFSFileSystem file, DocumentEntry stream, int chosen) throws IOException {
			CountingStream in = new CountingStream(file.createDocumentInputStream(stream.getName()));
			try {
				RecordFactoryInputStream reader = reader(in);
				int depth = 0;
				int sheet = -1;
				for (Record record = reader.nextRecord(); record != null; record = reader.nextRecord()) {
					if (record instanceof BOFRecord start) {
						depth++;
						if (depth == 1 && start.getType() != BOFRecord.TYPE_WORKBOOK && ++sheet == chosen) {
							if (start.getType() != BOFRecord.TYPE_WORKSHEET) {
								throw new ImportFailure("the sheet chosen is a chart or macro sheet, which has no rows: "
										+ "choose another (sheet=)");
							}
							return new Records(in, reader);
						}
					}
					else if (record instanceof EOFRecord) {
						depth--;
					}
				}
				throw new ImportFailure("the workbook lists a sheet it does not hold: the file is damaged");
			}
			catch (RuntimeException ex) {
				in.close();
				throw ex;
			}
		}

		/** The sheet's next record; null at its end. */
		Record next() {
			while (depth > 0) {
				Record record = reader.nextRecord();
				if (record == null) {
					depth = 0;
					return null;
				}
				if (record instanceof BOFRecord) {
					depth++;
				}
				else if (record instanceof EOFRecord) {
					depth--;
				}
				else if (depth == 1) {
					return record;
				}
			}
			return null;
		}

		long consumed() {
			return in.count();
		}

		@Override
		public void close() throws IOException {
			in.close();
		}

	}

	/** A cell with a value: its row and column from 0. */
	private record Cell(int row, int column, String value) {
	}

	/** The sheet's rows after its header. */
	private static final class Sheet extends SheetRows {

		private final Records records;

		private final Globals globals;

		private final long streamSize;

		private final long fileSize;

		/** Cells read and not yet in a row: the rest of a record of several, or the first of the next row. */
		private final Deque<Cell> waiting = new ArrayDeque<>();

		/** The cell of a formula whose text the next string record holds. */
		private CellValueRecordInterface textFormula;

		Sheet(Records records, Globals globals, MergedCells merged, int maxRowLength, long streamSize, long fileSize,
				Integer headerRow) {
			super(merged, maxRowLength);
			this.records = records;
			this.globals = globals;
			this.streamSize = streamSize;
			this.fileSize = fileSize;
			readHeader(headerRow);
		}

		@Override
		long bytesRead() {
			return Math.min(fileSize, (long) (fileSize * Math.min(1.0, (double) records.consumed() / streamSize)));
		}

		@Override
		protected Map<Integer, String> nextRow() {
			Map<Integer, String> cells = new HashMap<>();
			int row = -1;
			long length = 0;
			for (Cell cell = nextCell(); cell != null; cell = nextCell()) {
				if (row >= 0 && cell.row() != row) {
					waiting.addFirst(cell);
					break;
				}
				row = cell.row();
				length = add(cells, cell.column(), cell.value(), length);
			}
			if (row < 0) {
				return null;
			}
			reached(row + 1L);
			return cells;
		}

		/** The next cell of the sheet with a value; null at its end. */
		private Cell nextCell() {
			if (!waiting.isEmpty()) {
				return waiting.removeFirst();
			}
			try {
				for (Record record = records.next(); record != null; record = records.next()) {
					read(record);
					if (!waiting.isEmpty()) {
						return waiting.removeFirst();
					}
				}
				return null;
			}
			catch (ImportFailure ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw ImportFailure.unreadable("the workbook's sheet after row " + rowsRead(), ex);
			}
		}

		/** Adds the cells a record holds to those waiting, unless empty. */
		private void read(Record record) {
			if (record instanceof NumberRecord number) {
				cell(number, number(number.getValue(), number.getXFIndex()));
			}
			else if (record instanceof RKRecord number) {
				cell(number, number(number.getRKNumber(), number.getXFIndex()));
			}
			else if (record instanceof MulRKRecord numbers) {
				for (int i = 0; i < numbers.getNumColumns(); i++) {
					waiting.addLast(new Cell(numbers.getRow(), numbers.getFirstColumn() + i,
							number(numbers.getRKNumberAt(i), numbers.getXFAt(i))));
				}
			}
			else if (record instanceof LabelSSTRecord text) {
				cell(text, globals.string(text.getSSTIndex(), text.getRow() + 1L));
			}
			else if (record instanceof LabelRecord text) {
				cell(text, text.getValue());
			}
			else if (record instanceof BoolErrRecord value) {
				cell(value, value.isBoolean() ? String.valueOf(value.getBooleanValue()) : error(value.getErrorValue()));
			}
			else if (record instanceof FormulaRecord formula) {
				formula(formula);
			}
			else if (record instanceof StringRecord text && textFormula != null) {
				cell(textFormula, text.getString());
				textFormula = null;
			}
		}

		/** A formula's value as Excel last worked it out; a text one's comes in the next string record. */
		private void formula(FormulaRecord formula) {
			if (formula.hasCachedResultString()) {
				textFormula = formula;
				return;
			}
			CellType type = formula.getCachedResultTypeEnum();
			if (type == CellType.BOOLEAN) {
				cell(formula, String.valueOf(formula.getCachedBooleanValue()));
			}
			else if (type == CellType.ERROR) {
				cell(formula, error(formula.getCachedErrorValue()));
			}
			else {
				cell(formula, number(formula.getValue(), formula.getXFIndex()));
			}
		}

		private void cell(CellValueRecordInterface at, String value) {
			if (value != null && !value.isEmpty()) {
				waiting.addLast(new Cell(at.getRow(), at.getColumn(), value));
			}
		}

		private String number(double value, int cellFormat) {
			if (!Double.isFinite(value)) {
				return String.valueOf(value);
			}
			return shown(new BigDecimal(value), globals.isDate(cellFormat), globals.date1904());
		}

		private static String error(int code) {
			try {
				return FormulaError.forInt(code).getString();
			}
			catch (IllegalArgumentException ex) {
				return "#ERROR";
			}
		}

	}

}
