package io.membergraph.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import io.membergraph.store.internal.BatchedScan;
import io.membergraph.store.internal.FieldOperators;
import io.membergraph.store.internal.SnapshotDatabase;

/**
 * The embedded store's in-memory backend with two repairs. First, a query hands out copies of the documents it found. The
 * stock backend hands out the stored documents themselves and serialises them after releasing the
 * collection's lock, while an update changes a stored document field by field in place: a read racing an
 * update could see half of each (the new {@code version} with the old {@code applied} list), and a
 * version-guarded update built on that torn read would wipe out the update it raced. Real MongoDB never
 * shows a half-written document; with the copies, neither does the embedded store.
 * <p>
 * Copies are made of the first batch of a query, where single-document reads (the ones guarded updates
 * build on) always fall, and of every batch of a scan that asked for batches, which is found batch by batch as the
 * client reads it ({@link BatchedScan}); later batches of other long reads are read as the stock backend reads them.
 * <p>
 * Second, a filter on {@code _id} and more is answered through the {@code _id} index, and a filter on a member
 * ({@code memberId}) or a points entry's source ({@code source}) through an index of that field the stock backend
 * would not keep (see
 * {@code SnapshotCollection.queryDocuments}). Third, stored documents share their field names and short
 * strings (see {@code SnapshotCollection.addDocumentInternal}), unique indexes skip working out keys an update
 * did not change ({@code UnchangedKeysIndex}), updates of counters and bounds copy only the documents on their paths
 * ({@link FieldOperators}), and the backend counts each collection's writes ({@link #writesTo}).
 */
public final class SnapshotMemoryBackend extends MemoryBackend {

	/** Writes per collection ("database.collection"), counted across drops and re-creations. */
	private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new SnapshotDatabase(databaseName, getCursorRegistry(), writes);
	}

	/**
	 * How many writes the collection has had: the same number twice means nothing was written in between, so a
	 * reader that keeps a copy of the collection can skip asking what changed.
	 */
	public long writesTo(String database, String collection) {
		AtomicLong count = writes.get(database + "." + collection);
		return count == null ? 0 : count.get();
	}

}
