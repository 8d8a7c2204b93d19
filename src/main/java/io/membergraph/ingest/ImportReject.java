package io.membergraph.ingest;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A row an import refused, with the field, the source column and the reason, so the sender can fix it.
 * The id is the job and row number, so a report lists rows in file order.
 */
@Document("import_rejects")
public record ImportReject(@Id String id, @Indexed String jobId, long row, String field, String column,
		String reason, String raw) {

	static String idOf(String jobId, long row) {
		return jobId + "|" + String.format("%012d", row);
	}

}
