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
}
