package io.membergraph.commerce.internal;

import java.util.Collection;
import java.util.Map;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Adds values to a set held in many documents, one bulk write for all, creating the documents that do not exist
 * yet. A value already in its set is not added again ({@code $addToSet}), so a batch that runs twice leaves each set
 * as running once does.
 */
public final class SetAdditions {

	private SetAdditions() {
	}

	public static void addAll(MongoTemplate mongo, Class<?> entity, String field,
			Map<String, ? extends Collection<?>> byId) {
		if (byId.isEmpty()) {
			return;
		}
		BulkOperations additions = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, entity);
		byId.forEach((id, values) -> additions.upsert(Query.query(Criteria.where("_id").is(id)),
				new Update().addToSet(field).each(values.toArray())));
		additions.execute();
	}

}
