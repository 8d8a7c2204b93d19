package io.membergraph.ingest.internal;

import java.util.Locale;

import io.membergraph.shared.InvalidInputException;

/** The shapes of export files we read. */
public enum ImportFormat {

	/**
	 * Separated values, first line the header; UTF-8 with or without a byte order mark. Comma-separated unless told,
	 * or unless the file's name says tabs ({@link #tabSeparated}).
	 */
	CSV,
	/** One JSON object per line. */
	NDJSON,
	/**
	 * A JSON document, as APIs answer and their dumps are saved: an array of objects, or an object whose first array
	 * holds them ({@code {"orders": [...]}}).
	 */
	JSON,
	/** An Excel workbook: its first sheet, the first row with a value the header. */
	XLSX,
	/**
	 * An Excel 97-2003 workbook, read as {@link #XLSX} is. A file so named may be an .xlsx (read as one) or, as many
	 * systems' "export to Excel" write it, tab-separated text (read as {@link #CSV} with tabs).
	 */
	XLS;

	/**
	 * The format a file name says (.csv, .tsv, .tab, .txt, .ndjson, .jsonl, .json, optionally .gz; .xlsx, .xls), or
	 * the one asked for.
	 */
	public static ImportFormat of(String requested, String fileName) {
		if (requested != null && !requested.isBlank()) {
			try {
				return valueOf(requested.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("format", "'" + requested + "' is not CSV, NDJSON, JSON, XLSX or XLS");
			}
		}
		String name = plainName(fileName);
		if (name.endsWith(".xlsx")) {
			return XLSX;
		}
		if (name.endsWith(".xls")) {
			return XLS;
		}
		if (name.endsWith(".csv") || tabSeparated(fileName)) {
			return CSV;
		}
		if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
			return NDJSON;
		}
		if (name.endsWith(".json")) {
			return JSON;
		}
		throw new InvalidInputException("format", "give format CSV, NDJSON, JSON, XLSX or XLS, or a file name ending .csv, "
				+ ".tsv, .txt, .ndjson, .jsonl, .json, .xlsx or .xls");
	}

	/** Whether files of this format are Excel workbooks, with sheets. */
	boolean isWorkbook() {
		return this == XLSX || this == XLS;
	}

	/**
	 * Whether a file's name says its values are separated by tabs: {@code .tsv} and {@code .tab}, and {@code .txt}, as
	 * Excel's "Text (Tab delimited)" and "Unicode Text" save a sheet (and most systems their text exports); and
	 * {@code .xls}, for the systems whose "export to Excel" writes tab-separated text under Excel's name.
	 */
	static boolean tabSeparated(String fileName) {
		String name = plainName(fileName);
		return name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt") || name.endsWith(".xls");
	}

	private static String plainName(String fileName) {
		return fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
	}

}
