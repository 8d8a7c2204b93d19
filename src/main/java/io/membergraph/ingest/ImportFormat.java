package io.membergraph.ingest;

import java.util.Locale;

import io.membergraph.shared.InvalidInputException;

/** The shapes of export files we read. */
enum ImportFormat {

	/**
	 * Separated values, first line the header; UTF-8 with or without a byte order mark. Comma-separated unless told,
	 * or unless the file's name says tabs ({@link #tabSeparated}).
	 */
	CSV,
	/** One JSON object per line. */
	NDJSON,
	/** An Excel workbook: its first sheet, the first row with a value the header. */
	XLSX;

	/**
	 * The format a file name says (.csv, .tsv, .tab, .txt, .ndjson, .jsonl, optionally .gz; .xlsx), or the one asked
	 * for.
	 */
	public static ImportFormat of(String requested, String fileName) {
		if (requested != null && !requested.isBlank()) {
			try {
				return valueOf(requested.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("format", "'" + requested + "' is not CSV, NDJSON or XLSX");
			}
		}
		String name = plainName(fileName);
		if (name.endsWith(".csv") || tabSeparated(fileName)) {
			return CSV;
		}
		if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
			return NDJSON;
		}
		if (name.endsWith(".xlsx")) {
			return XLSX;
		}
		if (name.endsWith(".xls")) {
			throw new InvalidInputException("format", "an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx or CSV");
		}
		throw new InvalidInputException("format", "give format CSV, NDJSON or XLSX, or a file name ending .csv, .tsv, "
				+ ".txt, .ndjson, .jsonl or .xlsx");
	}

	/**
	 * Whether a file's name says its values are separated by tabs: {@code .tsv} and {@code .tab}, and {@code .txt}, as
	 * Excel's "Text (Tab delimited)" and "Unicode Text" save a sheet (and most systems their text exports).
	 */
	static boolean tabSeparated(String fileName) {
		String name = plainName(fileName);
		return name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt");
	}

	private static String plainName(String fileName) {
		return fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
	}

}
