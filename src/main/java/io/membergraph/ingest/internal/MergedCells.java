package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A sheet's cells merged down several rows, as order reports write an order's number once beside all its lines:
 * each of those rows reads the merged value, as Excel shows it there. Only merges down rows matter (a value merged
 * across columns stays in its first column); the sheet lists them after its rows, so they are read first.
 */
public final class MergedCells {

	/** Merges held at most: a sheet of more is not an export one reads. */
	static final int MAX = 1_000_000;

	private static final Pattern RANGE = Pattern.compile("([A-Za-z]{1,3})([0-9]{1,7}):([A-Za-z]{1,3})([0-9]{1,7})");

	/** A column's value merged down to {@code lastRow}. */
	private record Down(long firstRow, long lastRow, int column) {
	}

	private record Fill(long lastRow, int column, String value) {
	}

	private final Map<Long, List<Down>> byFirstRow = new HashMap<>();

	private final List<Fill> open = new ArrayList<>();

	private int count;

	/** None: a sheet that merges nothing. */
	MergedCells() {
	}

	/** The merges a sheet lists ({@code <mergeCell ref="A2:A5"/>}), read to its end. */
	static MergedCells of(XMLStreamReader sheet) throws XMLStreamException {
		MergedCells merged = new MergedCells();
		while (sheet.hasNext()) {
			if (sheet.next() == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("mergeCell")) {
				Matcher range = RANGE.matcher(String.valueOf(sheet.getAttributeValue(null, "ref")));
				if (range.matches()) {
					merged.add(Long.parseLong(range.group(2)), Long.parseLong(range.group(4)), column(range.group(1)));
				}
			}
		}
		return merged;
	}

	/**
	 * Adds a merge: rows by Excel's number (from 1), its first column from 0. A merge within one row changes
	 * nothing read.
	 */
	void add(long firstRow, long lastRow, int column) {
		if (lastRow <= firstRow) {
			return;
		}
		if (++count > MAX) {
			throw new ImportFailure("the sheet merges cells in more than " + MAX + " places; unmerge them "
					+ "(filling their values down) or save the sheet as CSV");
		}
		byFirstRow.computeIfAbsent(firstRow, row -> new ArrayList<>()).add(new Down(firstRow, lastRow, column));
	}

	/**
	 * Fills the row's cells that lie under a merge opened above with its value, and opens the merges that start in
	 * the row. Rows come in the sheet's order.
	 */
	void fill(long row, Map<Integer, String> cells) {
		if (byFirstRow.isEmpty() && open.isEmpty()) {
			return;
		}
		open.removeIf(fill -> fill.lastRow() < row);
		for (Fill fill : open) {
			cells.putIfAbsent(fill.column(), fill.value());
		}
		List<Down> starting = byFirstRow.remove(row);
		if (starting != null) {
			for (Down down : starting) {
				String value = cells.get(down.column());
				if (value != null) {
					open.add(new Fill(down.lastRow(), down.column(), value));
				}
			}
		}
	}

	/** A column's letters ({@code AB}) as its number from 0. */
	static int column(String letters) {
		int column = 0;
		for (char c : letters.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
			column = column * 26 + (c - 'A' + 1);
		}
		return column - 1;
	}

}
