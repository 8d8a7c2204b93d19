package io.membergraph.store.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

/**
 * A unique index that sees an unchanged key without computing it, and works out the key of a document whose
 * indexed fields are plain (top-level, no list) from those fields alone. The stock update computes every
 * index's keys of the old and the new document twice, normalising each value, although most updates (a
 * member's stats, a points account, a batch mark) change no indexed field: a third of a bulk load's time in
 * the store. When the fields an index's keys start from are equal in both documents, so are the keys. And the
 * stock index finds each key through streams of its key paths, a map per document and a set of keys that can
 * hold several only where a field is a list: an eighth of what a bulk load allocates, for one key per document.
 */
final class UnchangedKeysIndex extends MemoryUniqueIndex {

	private final List<String> paths;

	private final Set<String> pathSet;

	private final List<String> topFields;

	private final boolean idIndex;

	/** Every key path names a top-level field and the index keeps every document: the plain key applies. */
	private final boolean plainPaths;

	UnchangedKeysIndex(String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.paths = keys.stream().map(IndexKey::getKey).toList();
		this.pathSet = Collections.unmodifiableSet(new LinkedHashSet<>(paths));
		this.topFields = paths.stream().map(path -> path.split("\\.", 2)[0]).distinct().toList();
		this.idIndex = topFields.equals(List.of(SnapshotCollection.ID));
		this.plainPaths = !sparse && topFields.equals(paths);
	}

	@Override
	protected List<String> keys() {
		return paths;
	}

	@Override
	protected Set<String> keySet() {
		return pathSet;
	}

	/**
	 * Where the stored document is, asked only by an update, of every index, to find one answer: the
	 * {@code _id} index gives it (every collection of ours has one), the others need not work out their keys
	 * to agree.
	 */
	@Override
	public Integer getPosition(Document document) {
		if (!idIndex) {
			return null;
		}
		KeyValue key = plainKey(document);
		return key == null ? super.getPosition(document) : getPosition(normalized(key));
	}

	/** The position of the document with this id, for an id the index keys as it is (not a list or a condition). */
	Integer positionOfId(Object id) {
		return getPosition(normalized(new KeyValue(id)));
	}

	@Override
	public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
		KeyValue key = plainKey(document);
		if (key == null) {
			super.checkAdd(document, collection);
		}
		else if (getPosition(normalized(key)) != null) {
			throw new DuplicateKeyError(this, collection, getKeys(), key);
		}
	}

	@Override
	public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
		KeyValue key = plainKey(document);
		if (key == null) {
			super.add(document, position, collection);
			return;
		}
		// The collection asked checkAdd of every index first; a key taken meanwhile is still refused, not replaced.
		if (!putKeyPosition(normalized(key), position)) {
			throw new DuplicateKeyError(this, collection, getKeys(), key);
		}
	}

	@Override
	public synchronized Integer remove(Document document) {
		KeyValue key = plainKey(document);
		return key == null ? super.remove(document) : removeDocument(normalized(key));
	}

	/**
	 * The document's one key as written (the stock index normalises it before use), or null where the stock
	 * computation is needed: a nested or sparse key, or a list, which gives a key per element.
	 */
	private KeyValue plainKey(Document document) {
		if (!plainPaths) {
			return null;
		}
		Object[] values = new Object[paths.size()];
		for (int i = 0; i < values.length; i++) {
			Object value = document.get(paths.get(i));
			if (value instanceof Collection<?>) {
				return null;
			}
			values[i] = value;
		}
		return new KeyValue(values);
	}

	/**
	 * The key as the stock index keeps it. Text, object ids, booleans and dates are kept as they are, so a key
	 * of those alone is its own normal form; the stock normalisation (numbers as doubles, null for missing,
	 * documents and lists value by value) streams every key into a new list, a tenth of the store's time in
	 * a member import, where every key is text.
	 */
	private static KeyValue normalized(KeyValue key) {
		for (Object value : key) {
			if (!(value instanceof String || value instanceof ObjectId || value instanceof Boolean
					|| value instanceof Instant)) {
				return key.normalized();
			}
		}
		return key;
	}

	@Override
	protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
		for (String field : topFields) {
			// A field missing and a field null are one key, except to a sparse index, which keeps only the latter.
			if (!Objects.equals(oldDocument.get(field), newDocument.get(field))
					|| oldDocument.containsKey(field) != newDocument.containsKey(field)) {
				return super.nullAwareEqualsKeys(oldDocument, newDocument);
			}
		}
		return true;
	}

}
