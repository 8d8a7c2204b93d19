package io.membergraph.store;

import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * How many writes a collection has had, where the store can tell at no cost: the embedded store counts them, a real
 * MongoDB does not. Lets a reader skip a query whose answer cannot have changed since it last asked, which matters
 * only on the embedded store: it ignores all but unique indexes and answers such a query by scanning the collection.
 */
@Component
public class WriteCounts {

	private final MongoTemplate mongo;

	private final boolean embedded;

	WriteCounts(MongoTemplate mongo, @Value("${" + EmbeddedMongo.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
		this.mongo = mongo;
		this.embedded = embedded;
	}

	/** The collection's writes so far, counted by the embedded store; null on a real MongoDB, which does not count. */
	public LongSupplier of(Class<?> type) {
		String collection = mongo.getCollectionName(type);
		String database = mongo.getDb().getName();
		return embedded ? () -> EmbeddedMongo.writesTo(database, collection) : null;
	}

	/** A watch for work a crash may have left in the collection of {@code type}. */
	public LeftoverWatch leftovers(Class<?> type) {
		return new LeftoverWatch(of(type));
	}

}
