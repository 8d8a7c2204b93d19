package io.membergraph.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Inserts of documents whose ids say what they are (an event, a ledger entry, a contact): in one unordered bulk
 * write, where a document already there is one another writer (or a crashed attempt) wrote first, not a failure.
 */
public final class UniqueInserts {

	/** MongoDB's code for a write refused by a unique index. */
	private static final int DUPLICATE_KEY = 11000;

	private UniqueInserts() {
	}

	/**
	 * Inserts the documents; returns the positions of those refused because a document with the same key is there
	 * already (every other one went in). Any other refusal is thrown.
	 */
	public static Set<Integer> insertAll(MongoTemplate mongo, Class<?> type, List<?> documents) {
		if (documents.isEmpty()) {
			return Set.of();
		}
		try {
			mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type).insert(documents).execute();
			return Set.of();
		}
		catch (BulkOperationException refused) {
			Set<Integer> there = new HashSet<>();
			refused.getErrors().forEach(error -> {
				if (error.getCode() != DUPLICATE_KEY) {
					throw refused;
				}
				there.add(error.getIndex());
			});
			return there;
		}
	}

}
