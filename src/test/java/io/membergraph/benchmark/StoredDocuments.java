package io.membergraph.benchmark;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How many documents each collection holds, to print what an import left per row it read: the documents a row
 * leaves set a ceiling on the rows a second an import can reach, whatever else it does (the import benchmark
 * measures it for the member rows by inserting what they left again).
 */
record StoredDocuments(Map<String, Long> counts) {

	static StoredDocuments of(MongoTemplate mongo) {
		Map<String, Long> counts = new TreeMap<>();
		for (String collection : mongo.getCollectionNames()) {
			counts.put(collection, mongo.getCollection(collection).countDocuments());
		}
		return new StoredDocuments(counts);
	}

	/** The collections that hold more documents than {@code before}; plain_ collections left out. */
	List<String> grownSince(StoredDocuments before) {
		return counts.entrySet()
			.stream()
			.filter(c -> !c.getKey().startsWith("plain_") && c.getValue() > before.counts().getOrDefault(c.getKey(), 0L))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** The documents added since {@code before}, per row read, by collection, as a table; plain_ collections left out. */
	String perRow(StoredDocuments before, int rows, String what) {
		StringBuilder table = new StringBuilder(String.format("%n| documents left per %s | per row |%n|---|---|%n", what));
		long all = 0;
		for (Map.Entry<String, Long> collection : counts.entrySet()) {
			long added = collection.getValue() - before.counts().getOrDefault(collection.getKey(), 0L);
			if (added != 0 && !collection.getKey().startsWith("plain_")) {
				table.append(String.format("| %s | %.2f |%n", collection.getKey(), (double) added / rows));
				all += added;
			}
		}
		return table.append(String.format("| all | %.2f |%n", (double) all / rows)).toString();
	}

}
