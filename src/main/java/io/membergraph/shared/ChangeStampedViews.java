package io.membergraph.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes {@link ChangeStampedView}s over the application's store.
 *
 * @see ChangeStampedView
 */
@Component
public class ChangeStampedViews {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration overlap;

	ChangeStampedViews(MongoTemplate mongo, Clock clock,
			@Value("${membergraph.views.change-overlap:PT30S}") Duration overlap) {
		this.mongo = mongo;
		this.clock = clock;
		this.overlap = overlap;
	}

	/**
	 * @param stampField the field every write of the collection sets to the time of the write (indexed)
	 * @param fields the fields the view needs (a projection); none for whole documents
	 * @param view what to keep of a document, or null to leave it out of the view
	 */
	public <E, V> ChangeStampedView<E, V> of(Class<E> type, String stampField, String[] fields, Function<E, String> id,
			Function<E, V> view) {
		return new ChangeStampedView<>(mongo, type, stampField, fields, id, view, clock, overlap);
	}

}
