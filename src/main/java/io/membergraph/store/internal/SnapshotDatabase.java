package io.membergraph.store.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * A database of the embedded store whose collections are {@link SnapshotCollection}s and whose unique indexes are
 * {@link UnchangedKeysIndex}es, each collection's writes counted in the backend's map (see
 * {@code SnapshotMemoryBackend}).
 */
public final class SnapshotDatabase extends MemoryDatabase {

	private final Map<String, AtomicLong> writes;

	public SnapshotDatabase(String name, CursorRegistry cursors, Map<String, AtomicLong> writes) {
		super(name, cursors);
		this.writes = writes;
	}

	@Override
	protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
		// The database's constructor opens its system collections before this class's fields are set.
		AtomicLong count = writes == null ? new AtomicLong()
				: writes.computeIfAbsent(getDatabaseName() + "." + collectionName, name -> new AtomicLong());
		return new SnapshotCollection(this, collectionName, options, cursorRegistry, count);
	}

	@Override
	protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		return new UnchangedKeysIndex(indexName, keys, sparse);
	}

}
