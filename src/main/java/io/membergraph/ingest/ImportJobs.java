package io.membergraph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import io.membergraph.commerce.OrderRecording;
import io.membergraph.commerce.ProductCatalog;
import io.membergraph.engagement.InteractionLog;
import io.membergraph.ingest.ImportCounts.RowOutcome;
import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.member.MemberDirectory;
import io.membergraph.security.Caller;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.Lookups;
import io.membergraph.shared.Digests;
import io.membergraph.shared.PageRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;

/**
 * Runs imports as jobs: the upload is spooled to a temporary file (so the request ends at once and memory
 * does not grow with the file), then read row by row in the background as the user who started it. A bad
 * row is rejected with its number, field and reason and never stops the job; an exact copy of a row loaded
 * before, in this file or an earlier one, is skipped as a duplicate.
 */
@Service
public class ImportJobs {

	private static final Log log = LogFactory.getLog(ImportJobs.class);

	private static final int PROGRESS_EVERY = 1_000;

	private final MongoTemplate mongo;

	private final MemberImport members;

	private final ProductCatalog catalog;

	private final OrderRecording orders;

	private final InteractionLog interactions;

	private final MemberDirectory directory;

	private final Executor executor;

	private final BusinessCalendar calendar;

	private final Caller caller;

	private final Clock clock;

	ImportJobs(MongoTemplate mongo, MemberImport members, ProductCatalog catalog, OrderRecording orders,
			InteractionLog interactions, MemberDirectory directory, @Qualifier("importExecutor") Executor executor,
			BusinessCalendar calendar, Caller caller, Clock clock) {
		this.mongo = mongo;
		this.members = members;
		this.catalog = catalog;
		this.orders = orders;
		this.interactions = interactions;
		this.directory = directory;
		this.executor = executor;
		this.calendar = calendar;
		this.caller = caller;
		this.clock = clock;
	}

	/** Starts an import of the upload; returns the job at once. Mapping and format are checked first. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob start(ImportEntity entity, String fileName, String format, Map<String, String> mapping,
			String returnRule, InputStream upload) {
		ImportFormat importFormat = ImportFormat.of(format, fileName);
		ColumnMapping columns = ColumnMapping.of(mapping, fieldsOf(entity));
		ReturnRule returns = ReturnRule.parse(returnRule);
		Path spooled = spool(upload);
		ImportJob job = mongo.insert(new ImportJob("J" + new ObjectId().toHexString(), entity, ImportJob.Status.RUNNING,
				fileName, importFormat, 0, 0, 0, 0, 0, sizeOf(spooled), 0, caller.name(), clock.instant(), null, null));
		executor.execute(new DelegatingSecurityContextRunnable(
				() -> run(job, spooled, columns, returns, Progress.NONE, true), ImportAuthority.of(caller)));
		return job;
	}

	/** Told how far a job has read, for a progress bar. */
	public interface Progress {

		Progress NONE = (rows, bytes) -> {
		};

		void reached(ImportCounts rows, long bytesRead);

	}

	/**
	 * Imports a file that is on this machine already (the command-line import), in this thread, and returns
	 * the finished job. The file is left as it was.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob runFile(ImportEntity entity, Path file, String format, Map<String, String> mapping,
			String returnRule, Progress progress) {
		ImportFormat importFormat = ImportFormat.of(format, file.getFileName().toString());
		ColumnMapping columns = ColumnMapping.of(mapping, fieldsOf(entity));
		ReturnRule returns = ReturnRule.parse(returnRule);
		ImportJob job = mongo.insert(new ImportJob("J" + new ObjectId().toHexString(), entity, ImportJob.Status.RUNNING,
				file.getFileName().toString(), importFormat, 0, 0, 0, 0, 0, sizeOf(file), 0, caller.name(), clock.instant(),
				null, null));
		ImportAuthority.runAs(ImportAuthority.of(caller), () -> run(job, file, columns, returns, progress, false));
		return mongo.findById(job.id(), ImportJob.class);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob find(String jobId) {
		return mongo.findById(jobId, ImportJob.class);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Connection<ImportReject> rejects(String jobId, PageRequest page) {
		Query query = Query.query(Criteria.where("jobId").is(jobId));
		if (page.after() != null) {
			query.addCriteria(Criteria.where("_id").gt(page.after().key(0)));
		}
		List<ImportReject> rejects = mongo.find(query.with(Sort.by("_id")).limit(page.fetchSize()), ImportReject.class);
		return Connection.of(rejects, page, r -> Cursor.of(r.id()).encode());
	}

	/** Every reject of the job in row order, streamed, for the downloadable report. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Stream<ImportReject> allRejects(String jobId) {
		return mongo.stream(Query.query(Criteria.where("jobId").is(jobId)).with(Sort.by("_id")), ImportReject.class);
	}

	private void run(ImportJob job, Path file, ColumnMapping mapping, ReturnRule returns, Progress progress,
			boolean deleteAfter) {
		Cleaning cleaning = new Cleaning(calendar.zone());
		RowSink sink = switch (job.entity()) {
			case MEMBERS -> new MemberRows(members, mapping, cleaning);
			case PRODUCTS -> new ProductRows(catalog, mapping);
			case ORDERS -> new OrderRows(orders, directory, mapping, cleaning, returns);
			case INTERACTIONS -> new InteractionRows(interactions, directory, mapping, cleaning);
		};
		ImportCounts counts = ImportCounts.NONE;
		try (CountingInputStream input = new CountingInputStream(Files.newInputStream(file));
				Stream<SourceRow> rows = SourceRows.read(input, job.format())) {
			for (SourceRow row : (Iterable<SourceRow>) rows::iterator) {
				for (RowSink.Settled settled : take(job, row, sink)) {
					counts = counts.plus(record(job, settled));
				}
				if (counts.read() > 0 && counts.read() % PROGRESS_EVERY == 0) {
					mongo.save(job.counted(counts, input.count()));
					progress.reached(counts, input.count());
				}
			}
			for (RowSink.Settled settled : sink.finish()) {
				counts = counts.plus(record(job, settled));
			}
			progress.reached(counts, input.count());
			mongo.save(job.counted(counts, input.count()).finished(ImportJob.Status.COMPLETED, clock.instant(), null));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Import " + job.id() + " failed after " + counts.read() + " rows", ex);
			mongo.save(job.counted(counts, job.bytesRead()).finished(ImportJob.Status.FAILED, clock.instant(),
					String.valueOf(ex.getMessage())));
		}
		finally {
			if (deleteAfter) {
				delete(file);
			}
		}
	}

	/** Unreadable rows and exact copies of rows loaded before are settled here; the rest go to the sink. */
	private List<RowSink.Settled> take(ImportJob job, SourceRow row, RowSink sink) {
		if (row.unreadable() != null) {
			return List.of(new RowSink.Settled(row, RowOutcome.REJECTED, "(row)", null, "row " + row.unreadable()));
		}
		if (Lookups.hasId(mongo, digest(job, row), "import_row_digests")) {
			return List.of(RowSink.Settled.as(row, RowOutcome.DUPLICATE));
		}
		return sink.accept(row);
	}

	private RowOutcome record(ImportJob job, RowSink.Settled settled) {
		if (settled.outcome() == RowOutcome.REJECTED) {
			return reject(job, settled.row(), settled.field(), settled.column(), settled.reason());
		}
		if (settled.outcome() != RowOutcome.DUPLICATE) {
			remember(digest(job, settled.row()));
		}
		return settled.outcome();
	}

	private static String digest(ImportJob job, SourceRow row) {
		return job.entity() + "|" + Digests.sha256Hex(new TreeMap<>(row.values()).toString(), 16);
	}

	private static Set<String> fieldsOf(ImportEntity entity) {
		return switch (entity) {
			case MEMBERS -> MemberImport.FIELDS;
			case PRODUCTS -> ProductRows.FIELDS;
			case ORDERS -> OrderRows.FIELDS;
			case INTERACTIONS -> InteractionRows.FIELDS;
		};
	}

	private RowOutcome reject(ImportJob job, SourceRow row, String field, String column, String reason) {
		mongo.save(new ImportReject(ImportReject.idOf(job.id(), row.number()), job.id(), row.number(), field, column,
				reason, row.raw()));
		return RowOutcome.REJECTED;
	}

	/** Rows loaded once are known by their digest, so the same row in this or a later file is a duplicate. */
	private void remember(String digest) {
		try {
			mongo.insert(new Document("_id", digest), "import_row_digests");
		}
		catch (DuplicateKeyException seenMeanwhile) {
			// Another job loaded the same row at the same time: both outcomes are the same member.
		}
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the size of " + file, ex);
		}
	}

	private static Path spool(InputStream upload) {
		try {
			Path file = Files.createTempFile("membergraph-import-", ".upload");
			Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store the upload", ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Cannot delete " + file, ex);
		}
	}

}
