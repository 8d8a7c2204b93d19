package io.membergraph.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.membergraph.shared.DurationSetting;
import io.membergraph.shared.WarmUp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes {@link ChangeStampedView}s over the application's store, and loads them all before the application is ready
 * ({@link WarmUp}), so that the first analysis after a start does not pay for loading them.
 *
 * @see ChangeStampedView
 */
@Component
public class ChangeStampedViews implements WarmUp {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration overlap;

	/** The embedded store ignores the stamps' index; its write counts spare asking an unchanged collection at all. */
	private final WriteCounts writeCounts;

	private final List<ChangeStampedView<?, ?>> made = new CopyOnWriteArrayList<>();

	ChangeStampedViews(MongoTemplate mongo, Clock clock,
			@Value("${membergraph.views.change-overlap:PT5S}") Duration overlap, WriteCounts writeCounts) {
		this.mongo = mongo;
		this.clock = clock;
		// Less than a second and a write in flight, or from an instance whose clock runs behind, is missed for good.
		this.overlap = DurationSetting.within("membergraph.views.change-overlap", overlap, Duration.ofSeconds(1),
				Duration.ofMinutes(10));
		this.writeCounts = writeCounts;
	}

	/**
	 * @param stampField the field every write of the collection sets to the time of the write (indexed)
	 * @param fields the fields the view needs (a projection); none for whole documents
	 * @param view what to keep of a document, or null to leave it out of the view
	 */
	public <E, V> ChangeStampedView<E, V> of(Class<E> type, String stampField, String[] fields, Function<E, String> id,
			Function<E, V> view) {
		ChangeStampedView<E, V> made = new ChangeStampedView<>(mongo, type, stampField, fields, id, view, clock, overlap,
				writeCounts.of(type));
		this.made.add(made);
		return made;
	}

	/**
	 * A feed of what was written to the collection, for a reader that keeps its own compact copy rather than a map
	 * of views (and loads it in its own {@link WarmUp}).
	 *
	 * @param stampField the field every write of the collection sets to the time of the write (indexed)
	 * @param fields the fields the reader needs (a projection)
	 */
	public <E> ChangeFeed<E> feed(Class<E> type, String stampField, String[] fields) {
		return new ChangeFeed<>(mongo, type, stampField, fields, clock, overlap, writeCounts.of(type));
	}

	/** {@link #feed} handing out the stored documents as they are, not mapped to the entity (see {@link ChangeFeed#plain}). */
	public ChangeFeed<org.bson.Document> plainFeed(Class<?> type, String stampField, String[] fields) {
		return ChangeFeed.plain(mongo, type, stampField, fields, clock, overlap, writeCounts.of(type));
	}

	/**
	 * Loads every view made so far, one after the other. Side by side they were no faster on two cores, and at
	 * 100,000 members on the embedded store (whose documents fill most of the heap) the loads in flight together
	 * filled a 20 GiB heap: the start-up spent minutes in back-to-back full collections.
	 */
	@Override
	public void warm() {
		made.forEach(ChangeStampedView::current);
	}

	@Override
	public String toString() {
		return made.size() + " in-memory views";
	}

}
