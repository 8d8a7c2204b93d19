package io.membergraph.ingest;

import java.time.Instant;
import java.util.Locale;

import io.membergraph.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of an import: what it reads and how far it got. Counts add up: every row read is loaded (new),
 * linked (it matched an existing record), a duplicate of an earlier row, or rejected.
 */
@Document("import_jobs")
public record ImportJob(@Id String id, ImportEntity entity, Status status, String fileName, ImportFormat format,
		long rowsRead, long rowsLoaded, long rowsLinked, long rowsDuplicate, long rowsRejected, String startedBy,
		Instant startedAt, Instant finishedAt, String failure) {

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

	ImportJob counted(ImportCounts counts) {
		return new ImportJob(id, entity, status, fileName, format, counts.read(), counts.loaded(), counts.linked(),
				counts.duplicates(), counts.rejected(), startedBy, startedAt, finishedAt, failure);
	}

	ImportJob finished(Status outcome, Instant at, String why) {
		return new ImportJob(id, entity, outcome, fileName, format, rowsRead, rowsLoaded, rowsLinked, rowsDuplicate,
				rowsRejected, startedBy, startedAt, at, why);
	}

}
