package io.membergraph.ingest;

import java.util.Locale;

import io.membergraph.shared.InvalidInputException;

/** The shapes of export files we read. */
enum ImportFormat {

	/** Comma-separated, first line the header; UTF-8 with or without a byte order mark. */
	CSV,
	/** One JSON object per line. */
	NDJSON,
	/** An Excel workbook: its first sheet, the first row with a value the header. */
	XLSX;

	/** The format a file name says (.csv, .ndjson, .jsonl, optionally .gz; .xlsx), or the one asked for. */
	public static ImportFormat of(String requested, String fileName) {
		if (requested != null && !requested.isBlank()) {
			try {
				return valueOf(requested.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("format", "'" + requested + "' is not CSV, NDJSON or XLSX");
			}
		}
		String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
		if (name.endsWith(".csv")) {
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
		throw new InvalidInputException("format", "give format CSV, NDJSON or XLSX, or a file name ending .csv, .ndjson, "
				+ ".jsonl or .xlsx");
	}

}
