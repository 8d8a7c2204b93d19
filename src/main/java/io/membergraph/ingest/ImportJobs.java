package io.membergraph.ingest;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.ingest.internal.ExportFile;
import io.membergraph.ingest.internal.ImportAuthority;
import io.membergraph.ingest.internal.ImportCounts;
import io.membergraph.ingest.internal.ImportFailure;
import io.membergraph.ingest.internal.ImportFields;
import io.membergraph.ingest.internal.ImportFiles;
import io.membergraph.ingest.internal.ImportLayout;
import io.membergraph.ingest.internal.ImportPreview;
import io.membergraph.ingest.internal.ImportReject;
import io.membergraph.ingest.internal.ImportSettings;
import io.membergraph.ingest.internal.ImportSinks;
import io.membergraph.ingest.internal.ImportSpec;
import io.membergraph.ingest.internal.ImportSpool;
import io.membergraph.ingest.internal.LookupTable;
import io.membergraph.ingest.internal.RowSink;
import io.membergraph.ingest.internal.RowValues;
import io.membergraph.ingest.internal.SourceRow;
import io.membergraph.security.Caller;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;

/**
 * Runs imports as jobs. What the import is told is checked first (every problem at once), then the upload is
 * spooled to a file (the request ends at once; memory does not grow with the file), its header is checked
 * against the mapping, and the rows are read in the background as the user who started it. A bad row is
 * rejected with its number, field, column, value and reason and never stops the job; a file that cannot be
 * read at all fails it. A job cut short by a crash shows INTERRUPTED and is resumed by uploading its file
 * again: rows it had settled are skipped, the rest load as they would have.
 */
@Service
public class ImportJobs {

	private static final Log log = LogFactory.getLog(ImportJobs.class);

	/** A running job reports at least this often; one silent for longer was cut short. */
	private static final Duration SILENT_AFTER = Duration.ofMinutes(2);

	private final MongoTemplate mongo;

	private final ImportSinks sinks;

	private final Executor executor;

	private final ImportSettings settings;

	private final ImportSpool spool;

	private final Semaphore places;

	private final BusinessCalendar calendar;

	private final Caller caller;

	private final Clock clock;

	private final String currency;

	ImportJobs(MongoTemplate mongo, ImportSinks sinks, @Qualifier("importExecutor") Executor executor,
			ImportSettings settings, ImportSpool spool, BusinessCalendar calendar, Caller caller, Clock clock,
			io.membergraph.commerce.OrderSettings orders, io.micrometer.core.instrument.MeterRegistry meters) {
		this.meters = meters;
		this.mongo = mongo;
		this.sinks = sinks;
		this.executor = executor;
		this.settings = settings;
		this.spool = spool;
		this.places = new Semaphore(settings.queue());
		this.calendar = calendar;
		this.caller = caller;
		this.clock = clock;
		this.currency = orders.currency();
	}

	private final io.micrometer.core.instrument.MeterRegistry meters;

	/**
	 * Reports each running job's progress while a batch keeps its own thread busy (a batch of 20,000 rows takes
	 * seconds): the job and the command line hear from it at least every {@code progressEvery} all the same.
	 */
	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(work -> {
		Thread thread = new Thread(work, "import-progress");
		thread.setDaemon(true);
		return thread;
	});

	@jakarta.annotation.PreDestroy
	void stopTicking() {
		ticker.shutdownNow();
	}

	/** Told how far a job has read, for a progress bar; at least every {@code progressEvery}. */
	public interface Progress {

		Progress NONE = job -> {
		};

		void reached(ImportJob job);

	}

	/** Too many imports waiting or running: try again later. Nothing was stored. */
	public static final class Busy extends RuntimeException {

		public Busy(int places) {
			super("all " + places + " import places are taken (membergraph.import.queue); try again in a minute");
		}

	}

	/** A lookup file as a request brings it: the name it came with, and its bytes. */
	public record LookupUpload(String name, InputStream body) {
	}

	/**
	 * Starts an import of the upload and returns the job at once. The parameters are checked before the upload is
	 * read, the file's columns before the job is queued. {@code resume} names an interrupted job to finish with
	 * this same file.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob start(ImportEntity entity, Map<String, String> parameters, InputStream upload, String resume) {
		return start(entity, parameters, upload, List.of(), resume);
	}

	/**
	 * Starts an import of the upload with its lookup files ({@code joinOn} gives each one's key) and returns the job
	 * at once; to resume an interrupted job, the same files come again.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob start(ImportEntity entity, Map<String, String> parameters, InputStream upload,
			List<LookupUpload> lookups, String resume) {
		ImportJob interrupted = resume == null ? null : interrupted(resume, entity);
		Map<String, String> given = interrupted == null ? parameters : interrupted.parameters();
		ImportSpec spec = spec(entity, given);
		if (!places.tryAcquire()) {
			throw new Busy(settings.queue());
		}
		String jobId = interrupted != null ? interrupted.id() : "J" + new ObjectId().toHexString();
		ImportJob job = null;
		List<ImportSpool.Stored> stored = new ArrayList<>();
		try {
			Instant now = clock.instant();
			job = interrupted != null ? claim(interrupted, now)
					: mongo.insert(ImportJob.started(jobId, entity, spec, given, 0, null, caller.name(), now));
			String id = job.id();
			ImportFiles files = store(id, upload, lookups, stored, () -> heartbeat(id));
			ImportSpool.Stored whole = ImportSpool.together(stored);
			if (interrupted != null && !whole.digest().equals(interrupted.fileDigest())) {
				throw new InvalidInputException("resume", "this is not the file job " + id + " was reading (its SHA-256 "
						+ "differs); upload the same file" + (interrupted.lookupFiles().isEmpty() ? ""
								: " with the same lookup files " + interrupted.lookupFiles())
						+ ", or start a new import");
			}
			checkColumns(files, spec);
			job = mongo.save(sized(job, whole, files));
			ImportJob running = job;
			executor.execute(new DelegatingSecurityContextRunnable(() -> run(running, files, spec, Progress.NONE, true, interrupted != null),
					ImportAuthority.of(caller)));
			return job;
		}
		catch (RuntimeException refused) {
			stored.forEach(file -> spool.delete(file.file()));
			if (job != null) {
				if (interrupted != null) {
					mongo.save(interrupted);
				}
				else {
					mongo.remove(job);
				}
			}
			places.release();
			throw refused;
		}
	}

	/** Spools the upload and its lookup files under {@code id}, adding each to {@code stored} as it is. */
	private ImportFiles store(String id, InputStream upload, List<LookupUpload> lookups, List<ImportSpool.Stored> stored,
			Runnable alive) {
		if (lookups.size() > ImportSpec.MAX_LOOKUPS) {
			throw new InvalidInputException("lookup", lookups.size() + " lookup files came; an import takes at most "
					+ ImportSpec.MAX_LOOKUPS);
		}
		stored.add(spool.store(id, upload, alive));
		List<LookupTable.File> files = new ArrayList<>();
		for (int i = 0; i < lookups.size(); i++) {
			ImportSpool.Stored lookup = spool.store(id + ".lookup" + (i + 1), lookups.get(i).body(), alive);
			stored.add(lookup);
			files.add(new LookupTable.File(lookup.file(), lookupName(lookups.get(i).name(), i)));
		}
		return new ImportFiles(stored.get(0).file(), files);
	}

	/** The name a lookup file is told by in messages, and whose ending says its format. */
	private static String lookupName(String given, int index) {
		String name = given == null || given.isBlank() ? "lookup " + (index + 1) + ".csv" : given.strip();
		return InvalidInputException.oneLine("lookup", name, 255);
	}

	/**
	 * Imports a file on this machine (the command-line import), in this thread, and returns the finished job. The
	 * file is left as it was.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob runFile(ImportEntity entity, Path file, Map<String, String> parameters, Progress progress) {
		return runFile(entity, file, List.of(), parameters, progress);
	}

	/** Imports a file on this machine with its lookup files; the files are left as they were. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob runFile(ImportEntity entity, Path file, List<Path> lookups, Map<String, String> parameters,
			Progress progress) {
		Map<String, String> given = new java.util.HashMap<>(parameters);
		given.putIfAbsent("fileName", file.getFileName().toString());
		ImportSpec spec = spec(entity, given);
		ImportFiles files = new ImportFiles(file, lookups.stream()
			.map(lookup -> new LookupTable.File(lookup, lookup.getFileName().toString()))
			.toList());
		checkColumns(files, spec);
		List<ImportSpool.Stored> described = new ArrayList<>();
		described.add(ImportSpool.describe(file));
		lookups.forEach(lookup -> described.add(ImportSpool.describe(lookup)));
		ImportJob job = mongo.insert(sized(ImportJob.started("J" + new ObjectId().toHexString(), entity, spec, given, 0,
				null, caller.name(), clock.instant()), ImportSpool.together(described), files));
		ImportAuthority.runAs(ImportAuthority.of(caller), () -> run(job, files, spec, progress, false, false));
		return mongo.findById(job.id(), ImportJob.class);
	}

	/** The file's columns and what the import needs, from its header; nothing written: see {@link ImportLayout}. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportLayout layout(ImportEntity entity, Map<String, String> parameters, InputStream upload) {
		return layout(entity, parameters, upload, List.of());
	}

	/** The layout of a file and its lookup files together. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportLayout layout(ImportEntity entity, Map<String, String> parameters, InputStream upload,
			List<LookupUpload> lookups) {
		ImportSpec spec = spec(entity, parameters);
		List<ImportSpool.Stored> stored = new ArrayList<>();
		try {
			return ImportLayout.of(store("layout-" + new ObjectId().toHexString(), upload, lookups, stored, () -> {
			}), spec, settings, sinks.attributes(entity));
		}
		finally {
			stored.forEach(file -> spool.delete(file.file()));
		}
	}

	/** The first rows as they would load, and nothing written: see {@link ImportPreview}. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportPreview preview(ImportEntity entity, Map<String, String> parameters, InputStream upload, int rows) {
		return preview(entity, parameters, upload, List.of(), rows);
	}

	/** The first rows of a file with its lookup files' columns, as they would load; nothing written. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportPreview preview(ImportEntity entity, Map<String, String> parameters, InputStream upload,
			List<LookupUpload> lookups, int rows) {
		ImportSpec spec = spec(entity, parameters);
		List<ImportSpool.Stored> stored = new ArrayList<>();
		try {
			ImportFiles files = store("preview-" + new ObjectId().toHexString(), upload, lookups, stored, () -> {
			});
			return ImportAuthority.callAs(ImportAuthority.of(caller),
					() -> ImportPreview.of(files, spec, settings, sinks, Math.min(rows, settings.previewRows())));
		}
		finally {
			stored.forEach(file -> spool.delete(file.file()));
		}
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ImportJob find(String jobId) {
		return mongo.findById(jobId, ImportJob.class);
	}

	/** The imports started, newest first (then by id): a job can be found again after its page was left. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Connection<ImportJob> recent(PageRequest page) {
		Query query = new Query().with(Sort.by(Sort.Order.desc("startedAt"), Sort.Order.desc("_id")))
			.limit(page.fetchSize());
		if (page.after() != null) {
			Instant time = page.after().timeKey(0);
			String id = page.after().key(1);
			query.addCriteria(new Criteria().orOperator(Criteria.where("startedAt").lt(time),
					Criteria.where("startedAt").is(time).and("_id").lt(id)));
		}
		return Connection.of(mongo.find(query, ImportJob.class), page, job -> Cursor.of(job.startedAt(), job.id()).encode());
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Connection<ImportReject> rejects(String jobId, PageRequest page) {
		if (find(jobId) == null) {
			throw new InvalidInputException("jobId", "is not an import job");
		}
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

	/**
	 * At start-up: jobs still marked running but silent for long were cut short by a crash; they show INTERRUPTED,
	 * and uploads no running job needs are deleted.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void interruptSilentJobs() {
		Instant silentSince = clock.instant().minus(SILENT_AFTER);
		long interrupted = mongo.updateMulti(Query.query(Criteria.where("status").is(ImportJob.Status.RUNNING)
			.and("heartbeatAt").lt(silentSince)), new Update().set("status", ImportJob.Status.INTERRUPTED)
				.set("failure", "cut short (the service stopped); upload the same file again with resume=<job id> to finish"),
				ImportJob.class).getModifiedCount();
		int deleted = spool.clear(id -> {
			ImportJob job = mongo.findById(id, ImportJob.class);
			return job != null && job.status() == ImportJob.Status.RUNNING;
		});
		if (interrupted + deleted > 0) {
			log.info("Marked " + interrupted + " import jobs cut short as INTERRUPTED; deleted " + deleted + " spooled uploads");
		}
	}

	private ImportSpec spec(ImportEntity entity, Map<String, String> parameters) {
		ImportSpec spec = ImportSpec.parse(entity, parameters, calendar.zone(), currency);
		sinks.checkMapping(spec);
		return spec;
	}

	private void checkColumns(ImportFiles files, ImportSpec spec) {
		try {
			spec.checkColumns(files.columns(spec, settings));
		}
		catch (ImportFailure unreadable) {
			throw new InvalidInputException("file", unreadable.getMessage());
		}
	}

	private ImportJob interrupted(String jobId, ImportEntity entity) {
		ImportJob job = mongo.findById(jobId, ImportJob.class);
		if (job == null || job.entity() != entity) {
			throw new InvalidInputException("resume", "no " + entity.name().toLowerCase() + " import job " + jobId);
		}
		if (job.status() != ImportJob.Status.INTERRUPTED) {
			throw new InvalidInputException("resume", "job " + jobId + " is " + job.status() + ", not INTERRUPTED");
		}
		return job;
	}

	/**
	 * The interrupted job, running again for this upload; refused when another upload resumed it first (both read
	 * it INTERRUPTED: only one may run it, or two runners would read the file side by side).
	 */
	private ImportJob claim(ImportJob interrupted, Instant now) {
		ImportJob resumed = interrupted.resumed(now);
		Query stillInterrupted = Query.query(Criteria.where("_id").is(interrupted.id()).and("status")
			.is(ImportJob.Status.INTERRUPTED));
		if (mongo.findAndReplace(stillInterrupted, resumed) == null) {
			throw new InvalidInputException("resume", "job " + interrupted.id() + " was resumed meanwhile by another "
					+ "upload; follow it at its URL");
		}
		return resumed;
	}

	private void heartbeat(String jobId) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), new Update().set("heartbeatAt", clock.instant()),
				ImportJob.class);
	}

	/** The job with what was stored for it: the file's size, the digest of it and its lookup files, their names. */
	private static ImportJob sized(ImportJob job, ImportSpool.Stored stored, ImportFiles files) {
		return new ImportJob(job.id(), job.entity(), job.status(), job.fileName(),
				files.lookups().stream().map(LookupTable.File::name).toList(), job.format(), job.rowsRead(),
				job.rowsLoaded(), job.rowsLinked(), job.rowsDuplicate(), job.rowsRejected(), stored.bytes(), job.bytesRead(),
				job.rowsPerSecond(), job.secondsLeft(), job.startedBy(), job.startedAt(), job.finishedAt(), job.failure(),
				job.parameters(), stored.digest(), job.resumeFrom(), job.resumeCounts(), job.heartbeatAt());
	}

	private void run(ImportJob started, ImportFiles files, ImportSpec spec, Progress progress, boolean spooled, boolean resumed) {
		Run run = new Run(started, progress);
		long every = Math.max(100, settings.progressEvery().toMillis());
		ScheduledFuture<?> ticking = ticker.scheduleAtFixedRate(run::tick, every, every, TimeUnit.MILLISECONDS);
		try (ExportFile rows = files.open(spec, settings)) {
			RowSink sink = sinks.sinkFor(spec,
					new ImportSinks.ForJob(started.id(), started.startedAt(), resumed, started.resumeFrom()), false);
			long rowsInFile = 0;
			RowValues.Columns read = new RowValues.Columns(spec.mapping().columnsRead(ImportFields.of(spec.entity())));
			while (rows.hasNext()) {
				SourceRow row = rows.next().within(read);
				rowsInFile++;
				if (row.number() < started.resumeFrom() && !sink.readsSettledRows()) {
					continue;
				}
				run.settle(row.unreadable() != null
						? List.of(new RowSink.Settled(row, RowOutcome.REJECTED, "(row)", null, null, "row " + row.unreadable()))
						: sink.accept(row), Math.min(row.number() + 1, sink.heldFrom()), rows.bytesRead());
			}
			run.readToEnd(rowsInFile);
			sink.finish(settled -> run.settle(settled, sink.heldFrom(), rows.bytesRead()));
			run.settle(List.of(), Long.MAX_VALUE, rows.bytesRead());
			run.end(ImportJob.Status.COMPLETED, null);
		}
		catch (ImportFailure unreadable) {
			run.end(ImportJob.Status.FAILED, unreadable.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Import " + started.id() + " failed", ex);
			run.end(ImportJob.Status.FAILED, "stopped by an error of the service: " + ex.getMessage());
		}
		finally {
			ticking.cancel(false);
			if (spooled) {
				spool.delete(files.file());
				files.lookups().forEach(lookup -> spool.delete(lookup.path()));
				places.release();
			}
		}
	}

	/**
	 * One job's running state: counts, rejects not yet written, pace. Rows are counted as they settle, which is
	 * not always in file order (an order's lines settle together); the counts of the rows before the resume point
	 * are kept apart, so a resumed job counts each row once.
	 */
	private final class Run {

		private final long startedNanos = System.nanoTime();

		private final List<ImportReject> rejects = new ArrayList<>();

		private final Progress progress;

		private ImportJob job;

		/** Counts of the rows before {@link #resumeFrom}. */
		private ImportCounts before;

		/** Outcomes of rows settled at or after {@link #resumeFrom}: at most the rows an order window holds. */
		private final java.util.TreeMap<Long, RowOutcome> after = new java.util.TreeMap<>();

		private long resumeFrom;

		private final long rowsAtStart;

		/** Rows before this were settled and counted before a crash cut the job short. */
		private final long rowsSettledAtStart;

		private long lastReport = System.nanoTime();

		private boolean ended;

		private long bytesRead;

		/** The file's rows, once all are read; -1 before. What is left then is rows held, not bytes. */
		private long rowsInFile = -1;

		Run(ImportJob job, Progress progress) {
			this.job = job;
			this.progress = progress;
			this.before = job.resumeCounts() == null ? ImportCounts.NONE : job.resumeCounts();
			this.resumeFrom = job.resumeFrom();
			this.rowsSettledAtStart = job.resumeFrom();
			this.rowsAtStart = before.read();
		}

		synchronized void settle(List<RowSink.Settled> settled, long settledBefore, long bytes) {
			for (RowSink.Settled row : settled) {
				if (row.row().number() < rowsSettledAtStart) {
					continue;
				}
				after.put(row.row().number(), row.outcome());
				// membergraph_import_rows_total{entity, outcome}: rows and rejects per second for dashboards and alerts.
				meters.counter("membergraph.import.rows", "entity", job.entity().name().toLowerCase(java.util.Locale.ROOT),
						"outcome", row.outcome().name().toLowerCase(java.util.Locale.ROOT)).increment();
				if (row.outcome() == RowOutcome.REJECTED) {
					rejects.add(ImportReject.of(job.id(), row));
				}
			}
			bytesRead = bytes;
			if (settledBefore > resumeFrom) {
				resumeFrom = settledBefore;
				java.util.Map<Long, RowOutcome> passed = after.headMap(resumeFrom);
				passed.values().forEach(outcome -> before = before.plus(outcome));
				passed.clear();
			}
			if (System.nanoTime() - lastReport >= settings.progressEvery().toNanos()) {
				report();
			}
		}

		/** The whole file is read, and said so at once: the rows still held settle from here on, often most of the work. */
		synchronized void readToEnd(long rows) {
			rowsInFile = rows;
			report();
		}

		private ImportCounts counts() {
			ImportCounts counts = before;
			for (RowOutcome outcome : after.values()) {
				counts = counts.plus(outcome);
			}
			return counts;
		}

		/** From the ticker: the last report is older than {@code progressEvery}, most often as a batch is written. */
		synchronized void tick() {
			try {
				if (!ended && System.nanoTime() - lastReport >= settings.progressEvery().toNanos()) {
					report();
				}
			}
			catch (RuntimeException ex) {
				// A report that failed is tried again at the next tick; the job itself goes on.
				log.warn("Progress of import " + job.id() + " not saved: " + ex.getMessage());
			}
		}

		synchronized void end(ImportJob.Status status, String failure) {
			ended = true;
			writeRejects();
			job = mongo.save(counted().finished(status, clock.instant(), failure));
			progress.reached(job);
		}

		private void report() {
			writeRejects();
			job = mongo.save(counted());
			progress.reached(job);
			lastReport = System.nanoTime();
		}

		private ImportJob counted() {
			ImportCounts counts = counts();
			double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
			double rate = (counts.read() - rowsAtStart) / seconds;
			Long left;
			if (rowsInFile >= 0) {
				left = rate <= 0 ? null : Math.round(Math.max(0, rowsInFile - counts.read()) / rate);
			}
			else {
				double bytesPerSecond = bytesRead / seconds;
				left = bytesPerSecond <= 0 ? null : Math.round(Math.max(0, job.bytes() - bytesRead) / bytesPerSecond);
			}
			return job.counted(counts, bytesRead, rate, left, resumeFrom, before, clock.instant());
		}

		/** Rejects are written with the progress: by id, so a resumed job writes the same reject again harmlessly. */
		private void writeRejects() {
			if (rejects.isEmpty()) {
				return;
			}
			BulkOperations upserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ImportReject.class);
			rejects.forEach(reject -> upserts.replaceOne(Query.query(Criteria.where("_id").is(reject.id())), reject,
					org.springframework.data.mongodb.core.FindAndReplaceOptions.options().upsert()));
			upserts.execute();
			rejects.clear();
		}

	}

}
