package io.membergraph.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import io.membergraph.store.internal.RecordReaders;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * What was written to one collection since the previous read: the first read hands out every document; each later
 * read only the documents whose change stamp (a field every write of the collection sets to the time of the write)
 * is at or after the previous read's start, less an overlap that covers writes still in flight and clocks of other
 * instances running behind. So a write is seen by the first read that starts after it, a document may be handed
 * out again by the reads within the overlap after its write, and an idle store costs one indexed query per read
 * (none on the embedded store, which tells whether a collection was written at all). Should the clock go back by
 * more than the overlap (a corrected host clock), later writes would be stamped before the previous read, so the
 * next read hands out everything again.
 * <p>
 * Documents are never deleted from what the reader keeps: the collections read this way keep tombstones instead.
 *
 * @param <E> the stored document's type
 */
public final class ChangeFeed<E> {

	/** Receives what one read found. */
	public interface Reader<E> {

		/**
		 * Called before the documents of a read that started at {@code started}: {@code wholeCollection} when it
		 * hands out every document, and what the reader kept from earlier reads is to be replaced.
		 */
		void begin(boolean wholeCollection, Instant started);

		/** A document written since the previous read (or, within the overlap, handed out before). */
		void accept(E document);

	}

	private static final int BATCH = 1_000;

	private final MongoTemplate mongo;

	private final Class<?> type;

	/** How a stored document becomes what the reader gets: the entity, or null to hand out the plain document. */
	private final Class<E> mapped;

	/** Maps the stamp's condition (an instant becomes a date) and, for an entity feed, the projection's names. */
	private final QueryMapper queries;

	/** For an entity feed: reads the documents into the entity, as the converter would; null for a plain feed. */
	private final RecordReaders records;

	private final String stampField;

	private final String[] fields;

	private final Clock clock;

	private final Duration overlap;

	private final LongSupplier writes;

	private boolean read;

	private long writesSeen;

	private Instant readFrom;

	ChangeFeed(MongoTemplate mongo, Class<E> type, String stampField, String[] fields, Clock clock, Duration overlap,
			LongSupplier writes) {
		this(mongo, type, type, stampField, fields, clock, overlap, writes);
	}

	private ChangeFeed(MongoTemplate mongo, Class<?> type, Class<E> mapped, String stampField, String[] fields, Clock clock,
			Duration overlap, LongSupplier writes) {
		this.mongo = mongo;
		this.type = type;
		this.mapped = mapped;
		this.queries = new QueryMapper(mongo.getConverter());
		this.records = mapped == null ? null : new RecordReaders((MappingMongoConverter) mongo.getConverter());
		this.stampField = stampField;
		this.fields = fields.clone();
		this.clock = clock;
		this.overlap = overlap;
		this.writes = writes;
	}

	/**
	 * A feed of the collection of {@code type} that hands out the stored documents as they are, without mapping them to
	 * the entity: for a reader of hundreds of thousands of documents at start-up, where Spring Data's mapping was a
	 * third of the read for the demo data (BENCHMARKS.md; at 30,000 members something else bounds the read).
	 */
	static ChangeFeed<Document> plain(MongoTemplate mongo, Class<?> type, String stampField, String[] fields, Clock clock,
			Duration overlap, LongSupplier writes) {
		return new ChangeFeed<>(mongo, type, null, stampField, fields, clock, overlap, writes);
	}

	/**
	 * Hands {@code reader} what was written since the previous read, or everything on the first read (and after
	 * {@link #reset()}). Returns the instant this read started, or null when it asked nothing because the embedded
	 * store counted no write since.
	 */
	public synchronized Instant read(Reader<E> reader) {
		long writesNow = writes == null ? 0 : writes.getAsLong();
		if (read && writes != null && writesNow == writesSeen) {
			return null;
		}
		Instant started = clock.instant();
		if (!read || started.isBefore(readFrom.minus(overlap))) {
			reader.begin(true, started);
			read(new Query(), reader::accept);
		}
		else {
			reader.begin(false, started);
			read(Query.query(Criteria.where(stampField).gte(readFrom.minus(overlap))), reader::accept);
		}
		read = true;
		readFrom = started;
		writesSeen = writesNow;
		return started;
	}

	/**
	 * How long after its write a document may still be handed out again: a reader that has seen a document written
	 * before {@code readStart} less this overlap will not see it again unless it changes.
	 */
	public Duration overlap() {
		return overlap;
	}

	/** Forgets every read: the next read hands out the whole collection again (after a rebuild of the collection). */
	public synchronized void reset() {
		read = false;
		readFrom = null;
	}

	@SuppressWarnings("unchecked")
	private void read(Query query, Consumer<E> each) {
		MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getPersistentEntity(type);
		Document filter = queries.getMappedObject(query.getQueryObject(), entity);
		// A plain feed's projection is as given (the fields are the stored names): mapped through the entity, a field
		// inside a map (properties.storeId) would cost Spring Data a thrown and caught exception on every read. An
		// entity feed's names are the entity's, as the template would map them.
		Bson projection = mapped == null ? Projections.include(fields)
				: queries.getMappedFields(new Query().fields().include(fields).getFieldsObject(), entity);
		// Batches of bounded size: the embedded store would otherwise answer a full load in one reply, larger than
		// the driver accepts.
		try (MongoCursor<Document> documents = mongo.getCollection(mongo.getCollectionName(type)).find(filter)
			.projection(projection).batchSize(BATCH).iterator()) {
			if (mapped == null) {
				documents.forEachRemaining(document -> each.accept((E) document));
			}
			else {
				documents.forEachRemaining(document -> each.accept(records.read(document, mapped)));
			}
		}
	}

}
