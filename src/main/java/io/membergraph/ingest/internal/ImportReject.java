package io.membergraph.ingest.internal;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A row an import refused, with the field, the column it was read from, the value as the file wrote it and the
 * reason, so the sender can fix it. The id is the job and row number, so a report lists rows in file order.
 */
@Document("import_rejects")
public record ImportReject(@Id String id, @Indexed String jobId, long row, String field, String column, String value,
		String reason, String raw) {

	/** The longest raw row and value kept in a report: enough to find and fix the row. */
	static final int MAX_KEPT = 2_000;

	static String idOf(String jobId, long row) {
		return jobId + "|" + String.format("%012d", row);
	}

	public static ImportReject of(String jobId, RowSink.Settled settled) {
		return new ImportReject(idOf(jobId, settled.row().number()), jobId, settled.row().number(), settled.field(),
				settled.column(), cut(settled.value()), settled.reason(), cut(settled.row().raw()));
	}

	private static String cut(String text) {
		return text == null || text.length() <= MAX_KEPT ? text : text.substring(0, MAX_KEPT) + "…";
	}

}
