package io.membergraph.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.membergraph.ingest.internal.ImportCounts;
import io.membergraph.ingest.internal.ImportFormat;
import io.membergraph.ingest.internal.ImportSpec;
import io.membergraph.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of an import: what it reads, how, and how far it got. Counts add up: every row read is loaded (new),
 * linked (it matched an existing record), a duplicate of what is stored already, or rejected.
 *
 * @param lookupFiles the names of the lookup files read with the file, in the order {@code joinOn} keys them; empty
 * when none
 * @param bytes the size of the file as stored (compressed when it is gzip)
 * @param bytesRead how much of it has been read, for the progress
 * @param rowsPerSecond rows read per second so far
 * @param secondsLeft the time left at that pace: by the bytes still to read, then (the file read) by the rows still held; null when not known
 * @param parameters what the import was told besides the file (mapping, format...), to resume it with
 * @param fileDigest SHA-256 of the stored file, so a resumed job reads the same file
 * @param resumeFrom every row before this one is settled: a resumed job starts here
 * @param resumeCounts the counts of the rows before {@code resumeFrom}, which a resumed job goes on from
 * @param heartbeatAt when the running job last reported; a job silent for long was cut short by a crash
 */
@Document("import_jobs")
public record ImportJob(@Id String id, ImportEntity entity, Status status, String fileName, List<String> lookupFiles,
		ImportFormat format,
		long rowsRead, long rowsLoaded, long rowsLinked, long rowsDuplicate, long rowsRejected, long bytes,
		long bytesRead, double rowsPerSecond, Long secondsLeft, String startedBy, @Indexed Instant startedAt, Instant finishedAt,
		String failure, Map<String, String> parameters, String fileDigest, long resumeFrom, ImportCounts resumeCounts,
		@Indexed Instant heartbeatAt) {

	public ImportJob {
		// Jobs stored before lookup files existed have none.
		lookupFiles = lookupFiles == null ? List.of() : List.copyOf(lookupFiles);
	}

	/** The share of the file read, 0 to 1; 1 once the job has ended. */
	public double progress() {
		if (status != Status.RUNNING || bytes == 0) {
			return status == Status.RUNNING ? 0 : 1;
		}
		return Math.min(1, (double) bytesRead / bytes);
	}

	public enum Status {

		RUNNING, COMPLETED, FAILED,
		/** Cut short by a crash or a shutdown: upload the same file again with {@code resume} to finish it. */
		INTERRUPTED

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

	static ImportJob started(String id, ImportEntity entity, ImportSpec spec, Map<String, String> parameters, long bytes,
			String digest, String startedBy, Instant at) {
		return new ImportJob(id, entity, Status.RUNNING, spec.fileName(), List.of(), spec.format(), 0, 0, 0, 0, 0, bytes, 0, 0, null,
				startedBy, at, null, null, Map.copyOf(parameters), digest, 1, ImportCounts.NONE, at);
	}

	ImportJob counted(ImportCounts counts, long read, double rate, Long left, long resumeAt, ImportCounts before,
			Instant at) {
		return new ImportJob(id, entity, status, fileName, lookupFiles, format, counts.read(), counts.loaded(), counts.linked(),
				counts.duplicates(), counts.rejected(), bytes, read, rate, left, startedBy, startedAt, finishedAt, failure,
				parameters, fileDigest, resumeAt, before, at);
	}

	ImportJob finished(Status outcome, Instant at, String why) {
		return new ImportJob(id, entity, outcome, fileName, lookupFiles, format, rowsRead, rowsLoaded, rowsLinked, rowsDuplicate,
				rowsRejected, bytes, outcome == Status.COMPLETED ? bytes : bytesRead, rowsPerSecond,
				outcome == Status.COMPLETED ? Long.valueOf(0) : null, startedBy, startedAt, at, why, parameters, fileDigest,
				resumeFrom, resumeCounts, at);
	}

	/** The job running again from where it was cut short. */
	ImportJob resumed(Instant at) {
		return new ImportJob(id, entity, Status.RUNNING, fileName, lookupFiles, format, rowsRead, rowsLoaded, rowsLinked, rowsDuplicate,
				rowsRejected, bytes, bytesRead, 0, null, startedBy, startedAt, null, null, parameters, fileDigest, resumeFrom,
				resumeCounts, at);
	}

}
