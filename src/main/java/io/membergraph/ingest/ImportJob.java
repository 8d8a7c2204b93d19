package io.membergraph.ingest;

import java.time.Instant;
import java.util.Locale;

import io.membergraph.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of an import: what it reads and how far it got. Counts add up: every row read is loaded (new),
 * linked (it matched an existing record), a duplicate of an earlier row, or rejected.
 *
 * @param bytes the size of the file as stored (compressed when it is gzip)
 * @param bytesRead how much of it has been read, for the progress
 */
@Document("import_jobs")
public record ImportJob(@Id String id, ImportEntity entity, Status status, String fileName, ImportFormat format,
		long rowsRead, long rowsLoaded, long rowsLinked, long rowsDuplicate, long rowsRejected, long bytes,
		long bytesRead, String startedBy, Instant startedAt, Instant finishedAt, String failure) {

	/** The share of the file read, 0 to 1; 1 once the job has ended. */
	public double progress() {
		if (status != Status.RUNNING || bytes == 0) {
			return status == Status.RUNNING ? 0 : 1;
		}
		return Math.min(1, (double) bytesRead / bytes);
	}

	public enum Status {

		RUNNING, COMPLETED, FAILED

	}

	/** What the import loads. */
	public enum ImportEntity {

		MEMBERS, PRODUCTS, ORDERS, INTERACTIONS;

		/** The entity by name, in any case, as a URL path or a command-line option gives it. */
		public static ImportEntity of(String field, String name) {
			try {
				return valueOf(InvalidInputException.requireText(field, name).strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(field, "'" + name + "' cannot be imported; importable: members, products, "
						+ "orders, interactions");
			}
		}

	}

	ImportJob counted(ImportCounts counts, long read) {
		return new ImportJob(id, entity, status, fileName, format, counts.read(), counts.loaded(), counts.linked(),
				counts.duplicates(), counts.rejected(), bytes, read, startedBy, startedAt, finishedAt, failure);
	}

	ImportJob finished(Status outcome, Instant at, String why) {
		return new ImportJob(id, entity, outcome, fileName, format, rowsRead, rowsLoaded, rowsLinked, rowsDuplicate,
				rowsRejected, bytes, bytesRead, startedBy, startedAt, at, why);
	}

}
