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

import io.membergraph.store.internal.PatchedMap;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An in-memory copy of one collection, as views of its documents by id, for analyses that read every document
 * on every call. Each read takes what was written since the previous one from a {@link ChangeFeed} (everything the
 * first time), so a write is seen by the first read that starts after it and an idle store costs at most one
 * indexed query per read.
 * <p>
 * A document whose view is null (a merged-away member, say) is dropped from the view: the collections viewed keep
 * tombstones rather than deleting. Readers get an immutable map; a refresh that finds changes publishes a new one,
 * the earlier one with the changes laid over it ({@link PatchedMap}), in the order of the first load with new
 * documents after.
 *
 * @param <E> the stored document's type
 * @param <V> what the view keeps of it
 */
public final class ChangeStampedView<E, V> {

	private final ChangeFeed<E> feed;

	private final Function<E, String> id;

	private final Function<E, V> view;

	private Map<String, V> current;

	/** The map the last refresh started from, and what it changed in it (a null value: dropped). */
	private Map<String, V> before;

	private Map<String, V> lastChanges;

	ChangeStampedView(MongoTemplate mongo, Class<E> type, String stampField, String[] fields,
			Function<E, String> id, Function<E, V> view, Clock clock, Duration overlap, LongSupplier writes) {
		this.feed = new ChangeFeed<>(mongo, type, stampField, fields, clock, overlap, writes);
		this.id = id;
		this.view = view;
	}

	/** The view as of now: every document written before this call started is in it. */
	public synchronized Map<String, V> current() {
		Map<String, V> read = new LinkedHashMap<>();
		boolean[] whole = { current == null };
		feed.read(new ChangeFeed.Reader<>() {

			@Override
			public void begin(boolean wholeCollection, Instant started) {
				whole[0] |= wholeCollection;
			}

			@Override
			public void accept(E document) {
				read.put(id.apply(document), view.apply(document));
			}

		});
		if (whole[0]) {
			read.values().removeIf(Objects::isNull);
			current = Collections.unmodifiableMap(read);
			before = null;
			lastChanges = null;
		}
		else if (!read.isEmpty()) {
			before = current;
			lastChanges = Collections.unmodifiableMap(read);
			// The earlier map with the changes over it: a few changes do not copy millions of entries.
			current = PatchedMap.of(current, read);
		}
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
		feed.reset();
		current = null;
		before = null;
		lastChanges = null;
	}

}
