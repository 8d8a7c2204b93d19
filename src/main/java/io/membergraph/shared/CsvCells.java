package io.membergraph.shared;

/**
 * Cells of the CSV files the service writes, made safe to open in a spreadsheet: a text cell starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula, so it gets a
 * leading apostrophe (OWASP's rule for CSV injection). Numbers the service writes itself go out as they are.
 */
public final class CsvCells {

	private CsvCells() {
	}

	public static String safe(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + text : text;
	}

}
