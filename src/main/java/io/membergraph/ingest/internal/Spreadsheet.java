package io.membergraph.ingest.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A sheet of an Excel workbook opened for reading, whichever format holds it: an .xlsx ({@link Workbook}) or an
 * Excel 97-2003 .xls ({@link LegacyWorkbook}), told apart by the file's bytes, not its name. Each format gives the
 * sheet's rows ({@link SheetRows}) and closes what it opened.
 */
public abstract class Spreadsheet implements Closeable {

	private final SheetRows sheet;

	Spreadsheet(SheetRows sheet) {
		this.sheet = sheet;
	}

	/**
	 * Opens the sheet (by name, or number from 1; the first when null) of the workbook the file is, and reads its
	 * header: the row {@code headerRow} (Excel's number, from 1), or the first with a value when null.
	 */
	static Spreadsheet open(Path file, String sheet, Integer headerRow, ImportSettings limits) {
		return LegacyWorkbook.isOne(file) ? LegacyWorkbook.open(file, sheet, headerRow, limits)
				: Workbook.open(file, sheet, headerRow, limits);
	}

	/** The header's names as the header row writes them; made distinct like a CSV header's. */
	final List<String> columns() {
		return sheet.columns();
	}

	final Iterator<SourceRow> rows() {
		return sheet;
	}

	/** How far the sheet has been read, as a share of the stored file's bytes. */
	final long bytesRead() {
		return sheet.bytesRead();
	}

	@Override
	public abstract void close();

	/** Closes what a workbook opened to read it: nothing read is lost if closing fails. */
	static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Only read: nothing is lost.
		}
	}

}
