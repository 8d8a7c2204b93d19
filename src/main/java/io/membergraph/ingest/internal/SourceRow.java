package io.membergraph.ingest.internal;

import java.util.Map;

/**
 * One row of an export as read, before mapping or cleaning.
 *
 * @param number the row's number in the file, counting data rows from 1 (a CSV header is not a row)
 * @param values the row's values by source column; empty for a row that could not be read
 * @param raw the row's text, for the reject report
 * @param unreadable why the row could not be read at all, or null
 */
public record SourceRow(long number, Map<String, String> values, String raw, String unreadable) {

	/** Longer than any field may be: a value cut here is refused as too long all the same. */
	static final int MAX_VALUE = 4_096;

	/**
	 * The row as an import holds it until its order or batch settles: only the columns it reads ({@code kept}),
	 * values no longer than any field may be, and as much of its text as the reject report keeps, in an array
	 * beside the import's column names rather than a map of its own. A wide or padded file then costs no more
	 * memory than a narrow one, and an order window of held rows about half what maps cost.
	 */
	public SourceRow within(RowValues.Columns kept) {
		return new SourceRow(number, kept.of(values, MAX_VALUE),
				raw == null || raw.length() <= ImportReject.MAX_KEPT + 1 ? raw : raw.substring(0, ImportReject.MAX_KEPT + 1),
				unreadable);
	}

}
