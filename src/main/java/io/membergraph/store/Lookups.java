package io.membergraph.store;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Existence checks by id as one {@code _id} read. {@code MongoTemplate.exists} and a repository's
 * {@code existsById} count through an aggregation, which the embedded store answers by scanning the whole
 * collection; on a hot path (a check per imported row) that made an import slow down as it grew.
 */
public final class Lookups {

	private Lookups() {
	}

	public static boolean hasId(MongoTemplate mongo, Object id, String collection) {
		Query byId = Query.query(Criteria.where("_id").is(id));
		byId.fields().include("_id");
		return mongo.findOne(byId, Document.class, collection) != null;
	}

	/**
	 * The documents with these ids, read in batches of bounded size: the embedded store answers a query's first
	 * batch in one reply, and half a million orders in one reply are more than the driver accepts (48 MB).
	 */
	public static Query byIds(java.util.Collection<?> ids) {
		return Query.query(Criteria.where("_id").in(ids)).cursorBatchSize(READ_BATCH);
	}

	/** The same, only those whose field has the value. */
	public static Query byIds(java.util.Collection<?> ids, String field, Object value) {
		return Query.query(Criteria.where("_id").in(ids).and(field).is(value)).cursorBatchSize(READ_BATCH);
	}

	private static final int READ_BATCH = 2_000;

	public static boolean hasId(MongoTemplate mongo, Object id, Class<?> entity) {
		return hasId(mongo, id, mongo.getCollectionName(entity));
	}

}
