package io.membergraph.store.internal;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A scan of a collection that finds each batch when the client asks for it, as MongoDB's cursors do. The stock store
 * finds every matching document of a find at once and keeps the copies behind its cursor until the client has read
 * them all: the views' first read of 3,000,000 interactions held about as many copies for the whole read, which the
 * collector copied and promoted again and again (a read of 40 s, 17–32 s of it in collections; BENCHMARKS.md). Here
 * a batch is found, copied and measured only when it is asked for, under the collection's lock, and the cursor keeps
 * no more than where the scan stands.
 * <p>
 * Like a MongoDB cursor, the scan is not a snapshot: a document changed before the scan reaches it is handed out as
 * changed, one removed before is not handed out, one added at the end is, and each stored document is handed out
 * at most once. A batch holds at least one document and no more than the client asked for and than
 * {@link BoundedReplies#BATCH_BYTES} by the estimate of what is handed out (never below its encoded size).
 */
public final class BatchedScan extends AbstractCursor {

	/** What a scan reads of its collection; every call is made holding the collection's lock. */
	public interface Source {

		/** One past the highest position a document may be stored at. */
		int end();

		/** The stored document at the position if there is one and it matches the scan's filter, else null. */
		Document matchingAt(int position);

		/** What the client gets of a stored document found: projected, or copied. */
		Document handedOut(Document found);

	}

	private final Object lock;

	private final Source source;

	/** The position the scan looks at next. */
	private int next;

	private BatchedScan(long id, Object lock, Source source) {
		super(id);
		this.lock = lock;
		this.source = source;
	}

	/**
	 * The first batch of a scan, behind a cursor registered with {@code cursors} unless the scan found everything in
	 * it. Called holding {@code lock}, the collection's.
	 */
	public static QueryResult start(Object lock, Source source, int batchSize, CursorRegistry cursors) {
		BatchedScan scan = new BatchedScan(cursors.generateCursorId(), lock, source);
		List<Document> first = scan.takeDocuments(batchSize);
		if (scan.isEmpty()) {
			return new QueryResult(first);
		}
		cursors.add(scan);
		return new QueryResult(first, scan);
	}

	@Override
	public boolean isEmpty() {
		synchronized (lock) {
			return next >= source.end();
		}
	}

	@Override
	public List<Document> takeDocuments(int asked) {
		synchronized (lock) {
			List<Document> batch = new ArrayList<>(asked > 0 ? Math.min(asked, 1_024) : 16);
			long bytes = 0;
			int end = source.end();
			while (next < end && (asked <= 0 || batch.size() < asked)) {
				Document found = source.matchingAt(next);
				if (found != null) {
					// Measured as handed out: a projection may leave most of a stored document behind.
					Document handedOut = source.handedOut(found);
					long size = BoundedReplies.estimatedSize(handedOut);
					if (!batch.isEmpty() && bytes + size > BoundedReplies.BATCH_BYTES) {
						break;
					}
					bytes += size;
					batch.add(handedOut);
				}
				next++;
			}
			// On to the next match, so that a scan with nothing more to hand out says so with this batch.
			while (next < end && source.matchingAt(next) == null) {
				next++;
			}
			return batch;
		}
	}

}
