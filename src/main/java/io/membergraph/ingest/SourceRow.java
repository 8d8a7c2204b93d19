package io.membergraph.ingest;

import java.util.Map;

/**
 * One row of an export as read, before mapping or cleaning.
 *
 * @param number the row's number in the file, counting data rows from 1 (a CSV header is not a row)
 * @param values the row's values by source column; empty for a row that could not be read
 * @param raw the row's text, for the reject report
 * @param unreadable why the row could not be read at all, or null
 */
record SourceRow(long number, Map<String, String> values, String raw, String unreadable) {

	/** Longer than any field may be: a value cut here is refused as too long all the same. */
	static final int MAX_VALUE = 4_096;

	/**
	 * The row as an import holds it until its order or batch settles: only the columns it reads ({@code read}),
	 * values no longer than any field may be, and as much of its text as the reject report keeps. A wide or padded
	 * file then costs no more memory than a narrow one.
	 */
	SourceRow within(java.util.Set<String> read) {
		boolean fits = raw == null || raw.length() <= ImportReject.MAX_KEPT + 1;
		boolean all = true;
		for (Map.Entry<String, String> value : values.entrySet()) {
			fits &= value.getValue() == null || value.getValue().length() <= MAX_VALUE;
			all &= read.contains(value.getKey());
		}
		if (all && fits) {
			return this;
		}
		Map<String, String> kept = new java.util.LinkedHashMap<>();
		values.forEach((column, value) -> {
			if (read.contains(column)) {
				kept.put(column, value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…");
			}
		});
		return new SourceRow(number, kept, raw == null || raw.length() <= ImportReject.MAX_KEPT + 1 ? raw
				: raw.substring(0, ImportReject.MAX_KEPT + 1), unreadable);
	}

}
