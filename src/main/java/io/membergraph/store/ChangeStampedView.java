package io.membergraph.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An in-memory copy of one collection, as views of its documents by id, for analyses that read every document
 * on every call. The first read loads everything; each later read loads only the documents whose change stamp
 * (a field every write of the collection sets to the time of the write) is at or after the previous read's
 * start, less an overlap that covers writes still in flight and clocks of other instances running behind. So
 * a write is seen by the first read that starts after it, and an idle store costs one indexed query per read
 * (none on the embedded store, which tells whether a collection was written at all). Should the clock go back
 * by more than the overlap (a corrected host clock), later writes would be stamped before the previous read, so
 * the next read loads everything again.
 * <p>
 * Documents are never deleted from the view: a document whose view is null (a merged-away member, say) is
 * dropped from it instead, which is why the collections viewed keep tombstones rather than deleting.
 * Readers get an immutable map; a refresh that finds changes publishes a new one, the earlier one with the
 * changes laid over it ({@link PatchedMap}), in the order of the first load with new documents after.
 *
 * @param <E> the stored document's type
 * @param <V> what the view keeps of it
 */
public final class ChangeStampedView<E, V> {

	private static final int BATCH = 1_000;

	private final MongoTemplate mongo;

	private final Class<E> type;

	private final String stampField;

	private final String[] fields;

	private final Function<E, String> id;

	private final Function<E, V> view;

	private final Clock clock;

	private final Duration overlap;

	private final LongSupplier writes;

	private Map<String, V> current;

	/** The map the last refresh started from, and what it changed in it (a null value: dropped). */
	private Map<String, V> before;

	private Map<String, V> lastChanges;

	private long writesSeen;

	private Instant loadedFrom;

	ChangeStampedView(MongoTemplate mongo, Class<E> type, String stampField, String[] fields,
			Function<E, String> id, Function<E, V> view, Clock clock, Duration overlap, LongSupplier writes) {
		this.mongo = mongo;
		this.type = type;
		this.stampField = stampField;
		this.fields = fields.clone();
		this.id = id;
		this.view = view;
		this.clock = clock;
		this.overlap = overlap;
		this.writes = writes;
	}

	/** The view as of now: every document written before this call started is in it. */
	public synchronized Map<String, V> current() {
		long writesNow = writes == null ? 0 : writes.getAsLong();
		if (current != null && writes != null && writesNow == writesSeen) {
			return current;
		}
		Instant started = clock.instant();
		if (current == null || started.isBefore(loadedFrom.minus(overlap))) {
			Map<String, V> all = new LinkedHashMap<>();
			read(new Query(), all);
			all.values().removeIf(Objects::isNull);
			current = Collections.unmodifiableMap(all);
			before = null;
			lastChanges = null;
		}
		else {
			Map<String, V> changed = new LinkedHashMap<>();
			read(Query.query(Criteria.where(stampField).gte(loadedFrom.minus(overlap))), changed);
			if (!changed.isEmpty()) {
				before = current;
				lastChanges = Collections.unmodifiableMap(changed);
				// The earlier map with the changes over it: a few changes do not copy millions of entries.
				current = PatchedMap.of(current, changed);
			}
		}
		loadedFrom = started;
		writesSeen = writesNow;
		return current;
	}

	/**
	 * What turned {@code from} into {@code to}, when {@code to} is the view's latest map and {@code from} the one
	 * before it: the changed documents by id, a null value for one dropped. Null when the two are not one refresh
	 * apart (the reader missed a refresh, or the view was loaded whole): the reader then starts again from
	 * {@code to}. For readers that keep something derived from the view (an order by time) and would rather patch
	 * it than rebuild it.
	 */
	public synchronized Map<String, V> changes(Map<String, V> from, Map<String, V> to) {
		return from != null && from == before && to == current ? lastChanges : null;
	}

	/** Forgets everything: the next read loads the whole collection again (after a rebuild of the collection). */
	public synchronized void reset() {
		current = null;
		loadedFrom = null;
		before = null;
		lastChanges = null;
	}

	private void read(Query query, Map<String, V> into) {
		query.fields().include(fields);
		// Batches of bounded size: the embedded store would otherwise answer a full load in one reply, larger
		// than the driver accepts.
		query.cursorBatchSize(BATCH);
		try (Stream<E> documents = mongo.stream(query, type)) {
			documents.forEach(document -> into.put(id.apply(document), view.apply(document)));
		}
	}

}
