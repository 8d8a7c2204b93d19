package io.membergraph.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.membergraph.store.SnapshotMemoryBackend;
import org.bson.Document;

/**
 * The read an in-memory view makes of a whole collection at start-up (a find of every document with the view's
 * projection, in batches of 1,000, as {@code ChangeFeed} reads), on the stock embedded store and on ours, one after
 * the other in one run: interactions shaped as the demo's, inserted with {@code insertMany}, then read three times,
 * each with the collector's time during the read.
 * <p>
 * Run: {@code mvn -Pbenchmark test-compile exec:exec@store-scan} ({@code -Dbenchmark.scanDocuments=3000000} by
 * default).
 */
public final class StoreScanBenchmark {

	/** What {@code InteractionFacts} reads of each interaction. */
	private static final String[] FIELDS = { "memberId", "visitorId", "occurredAt", "type", "channel", "campaignId",
			"sku", "score", "properties.resolvedAt", "properties.storeId", "changedAt" };

	private static final String[] TYPES = { "VIEW", "ADD_TO_CART", "PURCHASE", "CLICK", "OPEN" };

	private StoreScanBenchmark() {
	}

	public static void main(String[] args) {
		int documents = Integer.parseInt(args[0]);
		System.out.printf("%n| store | insertMany of %,d interactions | read 1 (collector) | read 2 | read 3 |%n"
				+ "|---|---|---|---|---|%n", documents);
		measure("stock (MemoryBackend)", MemoryBackend::new, documents);
		measure("ours (SnapshotMemoryBackend)", SnapshotMemoryBackend::new, documents);
	}

	private static void measure(String name, Supplier<MongoBackend> backend, int documents) {
		MongoServer server = new MongoServer(backend.get());
		server.bind("127.0.0.1", 0);
		StringBuilder row = new StringBuilder("| " + name + " | ");
		try (MongoClient client = MongoClients.create(
				"mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/?connectTimeoutMS=0")) {
			MongoCollection<Document> interactions = client.getDatabase("scan").getCollection("interactions");
			long start = System.nanoTime();
			insert(interactions, documents);
			row.append(String.format("%.1f s |", seconds(start)));
			for (int read = 0; read < 3; read++) {
				System.gc();
				long collected = collectorMillis();
				start = System.nanoTime();
				long count = 0;
				try (MongoCursor<Document> cursor = interactions.find()
					.projection(Projections.include(FIELDS))
					.batchSize(1_000)
					.iterator()) {
					while (cursor.hasNext()) {
						cursor.next();
						count++;
					}
				}
				if (count != documents) {
					throw new IllegalStateException("read " + count + " of " + documents);
				}
				row.append(String.format(" %.1f s (%.1f s) |", seconds(start), (collectorMillis() - collected) / 1e3));
			}
		}
		finally {
			server.shutdownNow();
		}
		System.out.println(row);
	}

	private static void insert(MongoCollection<Document> interactions, int documents) {
		Random random = new Random(20261205);
		List<Document> batch = new ArrayList<>();
		for (int i = 0; i < documents; i++) {
			batch.add(new Document("_id", new UUID(random.nextLong(), random.nextLong()).toString())
				.append("memberId", "M" + random.nextInt(100_000))
				.append("occurredAt", new Date(1_600_000_000_000L + random.nextInt(1_000_000_000)))
				.append("type", TYPES[random.nextInt(TYPES.length)])
				.append("channel", "WEB")
				.append("sku", "SK-" + random.nextInt(2_000))
				.append("changedAt", new Date(1_700_000_000_000L + i))
				.append("properties", new Document("page", "/p/" + random.nextInt(1_000)).append("ref", "mail")));
			if (batch.size() == 10_000) {
				interactions.insertMany(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			interactions.insertMany(batch);
		}
	}

	private static long collectorMillis() {
		long millis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			millis += collector.getCollectionTime();
		}
		return millis;
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

}
