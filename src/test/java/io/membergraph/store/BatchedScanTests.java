package io.membergraph.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A find that asks for batches is scanned batch by batch as the client reads it ({@code BatchedScan}), not found
 * whole up front: what it hands out must be what the stock store hands out, in the same order, whatever the filter,
 * projection and batch size; while it runs it sees the writes made before it reaches a document, as MongoDB's
 * cursors do; and no batch grows past what the driver takes.
 */
class BatchedScanTests {

	@RegisterExtension
	static final SideBySideStores stores = new SideBySideStores();

	@Test
	void aScanInBatchesHandsOutWhatTheStockStoreFindsWhole() {
		MongoCollection<Document> mine = stores.ours("scanned");
		MongoCollection<Document> theirs = stores.stock("scanned");
		Random random = new Random(20261205);
		for (int i = 0; i < 2_000; i++) {
			Document document = new Document("_id", i).append("n", random.nextInt(10) == 0 ? null : random.nextInt(100))
				.append("tag", random.nextBoolean() ? "a" : "b")
				.append("properties", properties(random, i));
			if (random.nextInt(10) == 0) {
				document.remove("n");
			}
			mine.insertOne(document);
			theirs.insertOne(document);
		}
		// Holes where documents were removed, some of them filled again by later inserts.
		Bson removed = Filters.mod("_id", 7, 3);
		mine.deleteMany(removed);
		theirs.deleteMany(removed);
		for (int i = 2_000; i < 2_200; i++) {
			mine.insertOne(new Document("_id", i).append("n", i % 100).append("tag", "c"));
			theirs.insertOne(new Document("_id", i).append("n", i % 100).append("tag", "c"));
		}

		List<Bson> filters = List.of(new Document(), Filters.gte("n", 50), Filters.eq("tag", "c"),
				Filters.and(Filters.eq("tag", "a"), Filters.lt("n", 10)), Filters.eq("properties.store", "S3"),
				Filters.eq("tag", "none"));
		List<Bson> projections = List.of(new Document(), Projections.include("n", "properties.store"),
				Projections.include("properties.store", "properties.page"),
				Projections.include("properties.address.city", "tag"), Projections.include("_id", "n"),
				new Document("tag", true).append("properties.store", 1), Projections.exclude("properties"),
				Projections.include("tag", "missing.field"),
				Projections.fields(Projections.include("n"), Projections.excludeId()));
		int compared = 0;
		for (Bson filter : filters) {
			for (Bson projection : projections) {
				for (int batchSize : new int[] { 3, 1_000, 5_000 }) {
					List<Document> expected = read(theirs.find(filter).projection(projection).batchSize(batchSize));
					assertThat(read(mine.find(filter).projection(projection).batchSize(batchSize)))
						.as("%s, %s, batches of %d", filter, projection, batchSize)
						.isEqualTo(expected);
					compared += expected.size();
				}
			}
		}
		assertThat(compared).as("documents compared").isGreaterThan(50_000);
	}

	/**
	 * What a projection may meet on its path: an embedded document (with or without the path's end, one level
	 * deeper), a list of documents, a plain value, null, or nothing.
	 */
	private static Object properties(Random random, int i) {
		return switch (random.nextInt(6)) {
			case 0, 1 -> new Document("store", "S" + random.nextInt(5)).append("page", "/p/" + i);
			case 2 -> new Document("page", "/p/" + i).append("address", random.nextBoolean()
					? new Document("city", "C" + random.nextInt(3)) : List.of(new Document("city", "C1"), "C2"));
			case 3 -> List.of(new Document("store", "S1"), new Document("page", "/p/" + i), "plain");
			case 4 -> random.nextBoolean() ? "plain" : null;
			default -> new Document();
		};
	}

	@Test
	void aScanSeesTheWritesMadeBeforeItReachesADocumentAndHandsOutEachOnce() {
		MongoCollection<Document> collection = stores.ours("changing");
		for (int i = 0; i < 10; i++) {
			collection.insertOne(new Document("_id", i).append("state", "before"));
		}
		List<Document> read = new ArrayList<>();
		try (MongoCursor<Document> cursor = collection.find().batchSize(2).iterator()) {
			for (int i = 0; i < 3; i++) {
				read.add(cursor.next());
			}
			collection.updateOne(Filters.eq("_id", 0), new Document("$set", new Document("state", "after")));
			collection.updateOne(Filters.eq("_id", 8), new Document("$set", new Document("state", "after")));
			collection.replaceOne(Filters.eq("_id", 7), new Document("state", "replaced"));
			collection.deleteOne(Filters.eq("_id", 9));
			collection.insertOne(new Document("_id", 10).append("state", "added"));
			cursor.forEachRemaining(read::add);
		}

		assertThat(read).extracting(document -> document.get("_id")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 10);
		assertThat(read.get(0).getString("state")).as("read before its update").isEqualTo("before");
		assertThat(read.get(7).getString("state")).isEqualTo("replaced");
		assertThat(read.get(8).getString("state")).isEqualTo("after");
		assertThat(read.get(9).getString("state")).isEqualTo("added");
	}

	/**
	 * 60 documents of a megabyte each, asked for in batches of 1,000: one reply of all of them would pass the driver's
	 * 48 MB; MongoDB ends a batch at 16 MB, and so does the scan.
	 */
	@Test
	void aBatchEndsAtSixteenMegabytesWhateverTheBatchSizeAskedFor() {
		MongoCollection<Document> collection = stores.ours("large");
		String megabyte = "x".repeat(1024 * 1024);
		for (int i = 0; i < 60; i++) {
			collection.insertOne(new Document("_id", i).append("text", megabyte));
		}

		List<Document> read = read(collection.find().batchSize(1_000));

		assertThat(read).extracting(document -> document.get("_id")).hasSize(60).doesNotHaveDuplicates();
		assertThat(read).allSatisfy(document -> assertThat(document.getString("text")).hasSize(megabyte.length()));
	}

	private static List<Document> read(FindIterable<Document> find) {
		List<Document> documents = new ArrayList<>();
		find.forEach(documents::add);
		return documents;
	}

}
