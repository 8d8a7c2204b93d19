package io.membergraph.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * A collection of the embedded store with its repairs (see {@code SnapshotMemoryBackend}): finds hand out copies
 * ({@link #handleQuery}), scans that ask for batches go batch by batch ({@link #matchDocuments}), reads by id, by a
 * list of ids, by member or by source go through an index ({@link #queryDocuments}), the common updates skip the
 * stock update's deep copies ({@link #updateDocuments}), and stored documents share their names and short strings
 * ({@link #addDocumentInternal}).
 */
final class SnapshotCollection extends MemoryCollection {

	static final String ID = "_id";

	private static final String ID_INDEX = "_id_";

	private static final int SHARED_STRING_LENGTH = 16;

	/**
	 * Field names: a few hundred across every collection, and the keys of free-form properties (interactions),
	 * which may be many: room for both, so that a run of new keys rarely pushes a common name out.
	 */
	private static final SharedStrings NAMES = new SharedStrings(14);

	/** Short values: the recurring ones stay, the unique ones (phones, order numbers) pass through. */
	private static final SharedStrings VALUES = new SharedStrings(17);

	/**
	 * True while a write of this collection queries it: the write must change the stored documents, not
	 * copies. Only touched under the collection's lock.
	 */
	private boolean writing;

	/**
	 * True while a client's find is answered that a scan may answer batch by batch ({@link #matchDocuments}): one
	 * with a batch size, and no skip, limit or sort. Only touched under the collection's lock.
	 */
	private boolean scanInBatches;

	/** True when the client's find being answered was answered by a scan in batches. Under the lock. */
	private boolean scanned;

	/** One past the highest position a document was ever stored at: where a scan ends (removals leave holes). */
	private int positionsUsed;

	private final AtomicLong writes;

	/**
	 * The documents by member, and by source. Every collection of ours that holds a member's data names it
	 * {@code memberId}, and a merge, a recount or a member's page reads them by it; a points entry names the order
	 * or entry it stems from as its {@code source}, and a correction reads an order's entries by it. The stock store
	 * keeps no index but a unique one, so each such read scanned the collection (200,000 interactions in the demo,
	 * several times per merge), and a read by member scanned all of a member's entries (a correction of 3,000 orders
	 * of one buyer checked some 18 million).
	 */
	private final List<PositionsByValue> lookups = List.of(new PositionsByValue("memberId"),
			new PositionsByValue("source"));

	SnapshotCollection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
			AtomicLong writes) {
		super(database, name, options, cursors);
		this.writes = writes;
	}

	/**
	 * The stock collection encodes every document it adds or changes once more to keep a data size, which only
	 * {@code collStats} reports and nothing here reads: a sixth of a bulk load's time.
	 */
	@Override
	protected boolean tracksDataSize() {
		return false;
	}

	@Override
	public synchronized List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
		try {
			return super.insertDocuments(documents, isOrdered);
		}
		finally {
			writes.incrementAndGet();
		}
	}

	@Override
	public synchronized void addDocument(Document document) {
		try {
			super.addDocument(document);
		}
		finally {
			writes.incrementAndGet();
		}
	}

	/**
	 * An update of a list of ids ({@code _id: {$in: [...]}}, how batches clear their marks) runs as one update per
	 * id: the stock update checks each document it changes against the whole list again, which made clearing
	 * 10,000 orders take seconds.
	 */
	@Override
	public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
			boolean isMulti, boolean isUpsert, Oplog oplog) {
		try {
			if (!isUpsert && selector.get(ID) instanceof Document condition && condition.size() == 1
					&& condition.get("$in") instanceof Collection<?> ids && ids.stream().noneMatch(Document.class::isInstance)) {
				return updateEach(selector, ids, update, arrayFilters, isMulti, oplog);
			}
			if (!isUpsert && !isMulti && isReplacement(update) && idIndex() != null) {
				return replaceOne(selector, update, oplog);
			}
			if (!isUpsert && !isMulti && idIndex() != null && FieldOperators.handles(update)) {
				return updateOne(selector, update, arrayFilters, oplog);
			}
			if (isUpsert && !isMulti && idIndex() != null && byIdAlone(selector) && FieldOperators.handles(update)) {
				return upsertOne(selector, update, arrayFilters, oplog);
			}
			return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
		}
		finally {
			writes.incrementAndGet();
		}
	}

	private static boolean isReplacement(Document update) {
		for (String key : update.keySet()) {
			if (key.startsWith("$")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A replacement (a document without update operators) of the one document the filter finds. The stock update
	 * copies the stored document deeply to keep what it was, copies the replacement deeply again, and compares old
	 * and new twice, normalising every value on the way: for a document of thousands of nested values (a wholesale
	 * buyer's purchase rollup or points account, replaced with each of its orders) that was most of the order's
	 * time in the store. Here the replacement's values become the stored document's fields, so a copy of its first
	 * level keeps what it was whole, and a difference is looked for first among the plain fields, where a version
	 * or a time usually shows it. What the stock update refuses (a changed {@code _id}) goes its way.
	 */
	private Document replaceOne(Document selector, Document replacement, Oplog oplog) {
		return changeOne(selector, replacement, ArrayFilters.empty(), oplog, stored -> {
			Object id = stored.get(ID);
			if (replacement.containsKey(ID) && !Objects.equals(replacement.get(ID), id)) {
				return null;
			}
			Document next = new Document(ID, id);
			replacement.forEach((field, value) -> {
				if (!ID.equals(field)) {
					next.put(field, value);
				}
			});
			Utils.validateFieldNames(next);
			return next;
		});
	}

	/**
	 * Changes the one document the filter finds to what {@code change} makes of it (a new document, the stored one
	 * left as it is until it takes the new one's fields; or the stored one itself when nothing changes), answering
	 * and noting the update as the stock update does; {@code change} answers null to leave the update to the stock
	 * way.
	 */
	private Document changeOne(Document selector, Document update, ArrayFilters arrayFilters, Oplog oplog,
			UnaryOperator<Document> change) {
		return changeOne(selector, update, arrayFilters, oplog, change, () -> {
			oplog.handleUpdate(getFullName(), selector, update, List.of());
			return new Document("n", 0).append("nModified", 0);
		});
	}

	/** {@link #changeOne}, answering with {@code nothingFound} when the filter finds no document. */
	private Document changeOne(Document selector, Document update, ArrayFilters arrayFilters, Oplog oplog,
			UnaryOperator<Document> change, Supplier<Document> nothingFound) {
		Iterator<Document> found = queryDocuments(selector, null, 0, 0, 0, null).iterator();
		if (!found.hasNext()) {
			return nothingFound.get();
		}
		Document stored = found.next();
		Document next = change.apply(stored);
		if (next == null) {
			return super.updateDocuments(selector, update, arrayFilters, false, false, oplog);
		}
		if (next == stored || sameDocument(stored, next)) {
			oplog.handleUpdate(getFullName(), selector, update, List.of());
			return new Document("n", 1).append("nModified", 0);
		}
		store(stored, next);
		oplog.handleUpdate(getFullName(), selector, update, List.of(stored.get(ID)));
		return new Document("n", 1).append("nModified", 1);
	}

	/**
	 * The stored document takes the next one's fields, its indexes and lookups following; a unique key another
	 * document holds is refused first, with the stored document as it was.
	 */
	private void store(Document stored, Document next) {
		Document old = stored.clone();
		Integer position = idIndex().getPosition(old);
		for (Index<Integer> index : getIndexes()) {
			index.checkUpdate(old, next, this);
		}
		for (Index<Integer> index : getIndexes()) {
			index.updateInPlace(old, next, position, this);
		}
		stored.clear();
		stored.putAll(next);
		handleUpdate(position, old, stored);
	}

	/** Whether the documents are equal as {@link Document#equals} sees them, plain fields compared first. */
	private static boolean sameDocument(Document stored, Document next) {
		if (!new ArrayList<>(stored.keySet()).equals(new ArrayList<>(next.keySet()))) {
			return false;
		}
		for (String field : next.keySet()) {
			Object value = next.get(field);
			if (!(value instanceof Document || value instanceof Collection<?>) && !Objects.equals(stored.get(field), value)) {
				return false;
			}
		}
		return stored.equals(next);
	}

	private Document updateEach(Document selector, Collection<?> ids, Document update, ArrayFilters arrayFilters,
			boolean isMulti, Oplog oplog) {
		int matched = 0;
		int modified = 0;
		String pulledFrom = idIndex() == null ? null : pulledFrom(update);
		boolean operators = idIndex() != null && FieldOperators.handles(update);
		for (Object id : new LinkedHashSet<>(ids)) {
			Document one = selector.clone();
			one.put(ID, id);
			Document result = pulledFrom != null ? pullAll(one, pulledFrom, update, oplog)
					: operators ? updateOne(one, update, arrayFilters, oplog)
							: super.updateDocuments(one, update, arrayFilters, false, false, oplog);
			matched += ((Number) result.get("n")).intValue();
			modified += ((Number) result.get("nModified")).intValue();
			if (!isMulti && matched > 0) {
				break;
			}
		}
		return new Document("n", matched).append("nModified", modified);
	}

	/**
	 * An update by operators of the one document the filter finds. Counters, bounds and plain fields
	 * ({@link FieldOperators}: a member's stats change or tier, for each member of each batch of an import) are
	 * worked out on a copy of only the documents on their paths: the stock update copies the whole stored document
	 * deeply and parses each path with a regular expression, which was most of its time. Every other update goes
	 * the stock way.
	 */
	private Document updateOne(Document selector, Document update, ArrayFilters arrayFilters, Oplog oplog) {
		return changeOne(selector, update, arrayFilters, oplog, stored -> operatorsApplied(stored, update));
	}

	private static Document operatorsApplied(Document stored, Document update) {
		Document next = FieldOperators.apply(stored, update);
		if (next != null) {
			Utils.validateFieldNames(next);
		}
		return next;
	}

	/** A filter on one plain {@code _id} and nothing else: what an upsert of a member's month names. */
	private static boolean byIdAlone(Document selector) {
		Object id = selector.get(ID);
		return selector.size() == 1 && id != null && !(id instanceof Document) && !(id instanceof Collection<?>);
	}

	/**
	 * An upsert by operators of the document with the filter's id ({@link FieldOperators}: a member's month of
	 * interactions, {@code $setOnInsert} of its member and month and {@code $addToSet} of the events): updated as
	 * {@link #updateOne} updates when it exists, else inserted as the stock upsert would insert it, without its
	 * deep copies and path parsing.
	 */
	private Document upsertOne(Document selector, Document update, ArrayFilters arrayFilters, Oplog oplog) {
		return changeOne(selector, update, arrayFilters, oplog, stored -> operatorsApplied(stored, update),
				() -> insertOne(selector, update, arrayFilters, oplog));
	}

	/** What the upsert inserts when nothing matched, as the stock upsert would insert it. */
	private Document insertOne(Document selector, Document update, ArrayFilters arrayFilters, Oplog oplog) {
		Document inserted = FieldOperators.inserted(new Document(ID, selector.get(ID)), update);
		if (inserted == null) {
			return super.updateDocuments(selector, update, arrayFilters, false, true, oplog);
		}
		Utils.validateFieldNames(inserted);
		addDocument(inserted);
		oplog.handleInsert(getFullName(), List.of(inserted));
		return new Document("upserted", inserted.get(ID)).append("n", 0).append("nModified", 0);
	}

	/**
	 * The list a {@code $pullAll} of text values takes them from, when that is all the update does and the list is a
	 * field of the document itself: how a batch clears its mark from the 10,000 orders it wrote. Null otherwise.
	 */
	private static String pulledFrom(Document update) {
		if (update.size() != 1 || !(update.get("$pullAll") instanceof Document pulls) || pulls.size() != 1) {
			return null;
		}
		String field = pulls.keySet().iterator().next();
		boolean plainField = !field.isEmpty() && !field.contains(".") && !field.startsWith("$") && !ID.equals(field);
		return plainField && pulls.get(field) instanceof List<?> values && values.stream().allMatch(String.class::isInstance)
				? field : null;
	}

	/**
	 * The {@code $pullAll} of text values from a list field, on the one document the filter finds. The stock update
	 * copies the whole stored document deeply to change one list (an order with all its lines, for each order a
	 * batch clears its mark from: a fifth of an order import's time in the store). Here the list is replaced by a
	 * new one without the values, as a replacement replaces fields, so a reader's copy of the document as it stood
	 * keeps the old list whole. A field that holds no list goes the stock way, which refuses it as MongoDB does.
	 */
	private Document pullAll(Document selector, String field, Document update, Oplog oplog) {
		return changeOne(selector, update, ArrayFilters.empty(), oplog, stored -> {
			Object value = stored.get(field);
			if (value != null && !(value instanceof List<?>)) {
				return null;
			}
			List<?> pulled = (List<?>) ((Document) update.get("$pullAll")).get(field);
			List<Object> kept = new ArrayList<>();
			if (value != null) {
				((List<?>) value).stream().filter(element -> !pulled.contains(element)).forEach(kept::add);
			}
			if (value == null || kept.size() == ((List<?>) value).size()) {
				return stored;
			}
			Document next = stored.clone();
			next.put(field, kept);
			return next;
		});
	}

	@Override
	public synchronized void removeDocument(Document document) {
		try {
			super.removeDocument(document);
		}
		finally {
			writes.incrementAndGet();
		}
	}

	@Override
	public void drop() {
		try {
			super.drop();
		}
		finally {
			synchronized (this) {
				lookups.forEach(PositionsByValue::clear);
			}
			writes.incrementAndGet();
		}
	}

	/** Every removal (a delete, a find-and-remove, a drop of one document) comes here with its position. */
	@Override
	protected void removeDocument(Integer position) {
		Document removed = getDocument(position);
		super.removeDocument(position);
		lookups.forEach(lookup -> lookup.removed(removed, position));
	}

	/** Every change of a stored document (an update, a replacement, a find-and-modify) comes here. */
	@Override
	protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
		super.handleUpdate(position, oldDocument, newDocument);
		for (PositionsByValue lookup : lookups) {
			if (!Objects.equals(oldDocument.get(lookup.field()), newDocument.get(lookup.field()))) {
				lookup.removed(oldDocument, position);
				lookup.added(newDocument, position);
			}
		}
	}

	/**
	 * The stock planner uses the {@code _id} index only for a filter on {@code _id} alone, and scans the
	 * whole collection for {@code _id} plus any other condition, which every guarded update is (the
	 * member's stats by operation key, the points account by version). Here such a filter looks the
	 * document up by its id and checks the other conditions on it, as MongoDB does. A list of ids
	 * ({@code _id: {$in: [...]}}, how batches read) is looked up id by id: the stock matcher checks every
	 * document against the whole list again, which made reading 5,000 members take two seconds. A filter on a
	 * member ({@code memberId} equal to one, or {@code $in} a list) reads that member's documents only
	 * ({@link #lookups}), checking the whole filter on each; so does a filter on a source, and where a filter names
	 * both, the one of fewer documents is read.
	 */
	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
			Document projection) {
		Object id = query.get(ID);
		Index<Integer> index = idIndex();
		if (id == null && !naturalOrder(orderBy)) {
			Collection<Integer> candidates = fewestCandidates(query);
			if (candidates != null) {
				return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, projection);
			}
		}
		if (id == null || index == null) {
			return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}
		Collection<Integer> positions = id instanceof Document condition ? positionsOfList(index, condition)
				: positionsOf(index, id);
		if (positions == null) {
			return query.size() > 1 && index.canHandle(new Document(ID, id))
					? matchDocuments(query, index.getPositions(new Document(ID, id)), orderBy, skip, limit, batchSize,
							projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}
		Document rest = query.clone();
		rest.remove(ID);
		return matchDocuments(rest, positions, orderBy, skip, limit, batchSize, projection);
	}

	/** The documents the query can match by the lookup of fewest of them; null when no lookup can say. */
	private Collection<Integer> fewestCandidates(Document query) {
		PositionsByValue fewest = null;
		int fewestCount = Integer.MAX_VALUE;
		for (PositionsByValue lookup : lookups) {
			int count = lookup.count(query.get(lookup.field()));
			if (count >= 0 && count < fewestCount) {
				fewest = lookup;
				fewestCount = count;
			}
		}
		return fewest == null ? null : fewest.candidates(query.get(fewest.field()));
	}

	/** A sort on {@code $natural}, which only a scan answers. */
	private static boolean naturalOrder(Document orderBy) {
		return orderBy != null && orderBy.containsKey("$natural");
	}

	private Index<Integer> idIndex() {
		for (Index<Integer> index : getIndexes()) {
			if (ID_INDEX.equals(index.getName())) {
				return index;
			}
		}
		return null;
	}

	/** The position of the document with this plain id (none or one), or null when the index cannot say. */
	private static Collection<Integer> positionsOf(Index<Integer> index, Object id) {
		if (index instanceof UnchangedKeysIndex ids && isPlainId(id)) {
			Integer position = ids.positionOfId(id);
			return position == null ? List.of() : List.of(position);
		}
		Document byId = new Document(ID, id);
		if (!index.canHandle(byId)) {
			return null;
		}
		List<Integer> found = new ArrayList<>(1);
		index.getPositions(byId).forEach(found::add);
		return found;
	}

	/** An id the index finds as it is: not a list, a condition or a pattern, which the stock lookup interprets. */
	private static boolean isPlainId(Object id) {
		return id instanceof String || id instanceof Number || id instanceof ObjectId;
	}

	/** The positions of {@code {$in: [ids]}} in natural order, or null for any other condition on the id. */
	private static Collection<Integer> positionsOfList(Index<Integer> index, Document condition) {
		if (condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> ids)) {
			return null;
		}
		TreeSet<Integer> positions = new TreeSet<>();
		for (Object id : ids) {
			Collection<Integer> one = id instanceof Document ? null : positionsOf(index, id);
			if (one == null) {
				return null;
			}
			positions.addAll(one);
		}
		return positions;
	}

	/**
	 * Stores the document with its field names, and string values of up to {@value #SHARED_STRING_LENGTH}
	 * characters (codes, statuses, SKUs), as shared instances ({@link SharedStrings}). The wire protocol decodes
	 * every field name of every document into a string of its own: at a million orders and three million
	 * interactions those copies took more than half of the heap.
	 */
	@Override
	protected Integer addDocumentInternal(Document document) {
		Document stored = (Document) shared(document);
		Integer position = super.addDocumentInternal(stored);
		lookups.forEach(lookup -> lookup.added(stored, position));
		positionsUsed = Math.max(positionsUsed, position + 1);
		return position;
	}

	private static Object shared(Object value) {
		if (value instanceof Document document) {
			Document copy = new Document();
			document.forEach((key, field) -> copy.put(NAMES.share(key), shared(field)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach(element -> copy.add(shared(element)));
			return copy;
		}
		if (value instanceof String text && text.length() <= SHARED_STRING_LENGTH) {
			return VALUES.share(text);
		}
		return value;
	}

	/**
	 * A scan of the whole collection: batch by batch ({@link BatchedScan}) for a client's find that asked for
	 * batches, as the stock store does for anything else.
	 */
	@Override
	protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
			Document projection) {
		if (!scanInBatches || orderBy != null && !orderBy.isEmpty()) {
			return super.matchDocuments(query, orderBy, skip, limit, batchSize, projection);
		}
		scanned = true;
		PlainProjection plain = PlainProjection.of(projection);
		return BatchedScan.start(this, new BatchedScan.Source() {

			@Override
			public int end() {
				return positionsUsed;
			}

			@Override
			public Document matchingAt(int position) {
				Document document = getDocument(position);
				return document != null && documentMatchesQuery(document, query) ? document : null;
			}

			@Override
			public Document handedOut(Document found) {
				// A copy of the first level, as for any find ({@link #query}), or the projection's new document.
				if (projection == null || projection.isEmpty()) {
					return found.clone();
				}
				Document projected = plain == null ? null : plain.project(found);
				return projected != null ? projected
						: matchDocumentsFromStream(new Document(), Stream.of(found), 0, 0, 0, null, projection)
							.collectDocuments()
							.get(0);
			}

		}, batchSize, cursorRegistry);
	}

	/** A query from a client (a find): its reply is bounded ({@link BoundedReplies}). */
	@Override
	public synchronized QueryResult handleQuery(QueryParameters parameters) {
		return query(parameters, true);
	}

	/** The store's own reads (an aggregation's, a count's) take every document found at once. */
	@Override
	public synchronized QueryResult handleQuery(Document query, int numberToSkip, int numberToReturn) {
		return query(new QueryParameters(query, numberToSkip, numberToReturn), false);
	}

	private QueryResult query(QueryParameters parameters, boolean reply) {
		scanInBatches = reply && !writing && parameters.getBatchSize() > 0 && parameters.getNumberToSkip() == 0
				&& parameters.getLimit() == 0;
		scanned = false;
		QueryResult live;
		try {
			live = super.handleQuery(parameters);
		}
		finally {
			scanInBatches = false;
		}
		if (writing || scanned) {
			// A write's own read changes the stored documents; a scan's batch is made of copies already.
			return live;
		}
		// A find's reply is only encoded for the client, and no write changes a stored document's nested values in
		// place (an update puts deep copies of them, a replacement and an insert fresh ones): a copy of the first
		// level is the document as it stood. The store's own reads feed stages that may change what they are
		// given ($addFields fills a nested document in place), so they get deep copies.
		List<Document> copies = live.collectDocuments().stream()
			.map(reply ? Document::clone : Document::cloneDeeply)
			.toList();
		if (reply && live.getCursorId() == 0 && parameters.getBatchSize() <= 0) {
			// Every document found, in one reply unless it is split.
			return BoundedReplies.of(copies, cursorRegistry);
		}
		return new QueryResult(copies, live.getCursorId());
	}

	@Override
	public synchronized Document findAndModify(Document command) {
		Document result;
		writing = true;
		try {
			result = super.findAndModify(command);
		}
		finally {
			writing = false;
			writes.incrementAndGet();
		}
		if (result.get("value") instanceof Document value) {
			result.put("value", value.cloneDeeply());
		}
		return result;
	}

	@Override
	public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
		writing = true;
		try {
			return super.deleteDocuments(selector, limit, oplog);
		}
		finally {
			writing = false;
			writes.incrementAndGet();
		}
	}

}
