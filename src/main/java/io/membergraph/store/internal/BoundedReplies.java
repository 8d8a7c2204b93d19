package io.membergraph.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Replies of the embedded store kept under the driver's limit. A query without a batch size gets every document it
 * found in its first reply, and the driver refuses a reply over 48 MB: reading every order of about 60,000 (the
 * read-model check, a full scan) failed. MongoDB ends a batch at 16 MB and leaves the rest behind a cursor; here too,
 * by an estimate of each document's size that never falls below its encoded size.
 */
public final class BoundedReplies {

	/** MongoDB's most per batch. */
	static final long BATCH_BYTES = 16L * 1024 * 1024;

	private BoundedReplies() {
	}

	/**
	 * The reply to a query that asked for no batch size: the documents up to {@link #BATCH_BYTES}, the rest behind a
	 * cursor handing them out in batches of the same bound. The documents are the caller's to hand out (copies).
	 */
	public static QueryResult of(List<Document> documents, CursorRegistry cursors) {
		if (documents.size() < 2) {
			// A batch holds at least one document, whatever its size: a read by id (a wholesale buyer's rollup of
			// thousands of orders, read with each order) need not be measured.
			return new QueryResult(documents);
		}
		int first = batchEnd(documents, 0);
		if (first == documents.size()) {
			return new QueryResult(documents);
		}
		Rest rest = new Rest(cursors.generateCursorId(), new ArrayList<>(documents.subList(first, documents.size())));
		cursors.add(rest);
		return new QueryResult(documents.subList(0, first), rest);
	}

	/** The end of a batch starting at {@code from}: at least one document, then as many as fit the bound. */
	private static int batchEnd(List<Document> documents, int from) {
		long bytes = 0;
		int end = from;
		while (end < documents.size()) {
			bytes += estimatedSize(documents.get(end));
			if (bytes > BATCH_BYTES && end > from) {
				break;
			}
			end++;
		}
		return end;
	}

	/**
	 * An upper bound of the value's BSON size: a string's characters count three bytes each (UTF-8 needs at most
	 * that for any of Java's), names and values their type byte and length prefix and terminator.
	 */
	static long estimatedSize(Object value) {
		if (value instanceof Map<?, ?> document) {
			long size = 5;
			for (Map.Entry<?, ?> field : document.entrySet()) {
				size += 2 + 3L * String.valueOf(field.getKey()).length() + estimatedSize(field.getValue());
			}
			return size;
		}
		if (value instanceof Collection<?> list) {
			long size = 5;
			for (Object element : list) {
				// The index, as a name: up to ten digits.
				size += 12 + estimatedSize(element);
			}
			return size;
		}
		if (value instanceof CharSequence text) {
			return 5 + 3L * text.length();
		}
		if (value instanceof byte[] bytes) {
			return 5 + bytes.length;
		}
		// Numbers, dates, ids, booleans, null, decimals: 16 bytes at most.
		return 16;
	}

	/** The documents a bounded reply left over, in batches of the size asked for, or of the bound when none was. */
	private static final class Rest extends AbstractCursor {

		private List<Document> remaining;

		Rest(long id, List<Document> remaining) {
			super(id);
			this.remaining = remaining;
		}

		@Override
		public synchronized boolean isEmpty() {
			return remaining.isEmpty();
		}

		@Override
		public synchronized List<Document> takeDocuments(int asked) {
			int end = asked > 0 ? Math.min(asked, remaining.size()) : batchEnd(remaining, 0);
			List<Document> batch = new ArrayList<>(remaining.subList(0, end));
			remaining = remaining.subList(end, remaining.size());
			return batch;
		}

	}

}
