package io.membergraph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the queries the application sends to the store, and the documents they return, by collection, so a test
 * can say how many reads a request costs (a page of members must not cost one read per member) and how much it reads
 * (a new order must not read every earlier order of its member).
 */
public final class StoreReads implements CommandListener {

	private final Map<String, AtomicLong> finds = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> documents = new ConcurrentHashMap<>();

	/** The collection each read in flight (a find, or a getMore of its cursor) reads, by request. */
	private final Map<Integer, String> reading = new ConcurrentHashMap<>();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		if (event.getCommandName().equals("find")) {
			String collection = event.getCommand().getString("find").getValue();
			finds.computeIfAbsent(collection, c -> new AtomicLong()).incrementAndGet();
			reading.put(event.getRequestId(), collection);
		}
		else if (event.getCommandName().equals("getMore")) {
			reading.put(event.getRequestId(), event.getCommand().getString("collection").getValue());
		}
	}

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		String collection = reading.remove(event.getRequestId());
		BsonDocument cursor = event.getResponse().getDocument("cursor", null);
		if (collection != null && cursor != null) {
			BsonArray batch = cursor.getArray("firstBatch", cursor.getArray("nextBatch", new BsonArray()));
			documents.computeIfAbsent(collection, c -> new AtomicLong()).addAndGet(batch.size());
		}
	}

	@Override
	public void commandFailed(CommandFailedEvent event) {
		reading.remove(event.getRequestId());
	}

	/** Documents the collection's queries returned so far. */
	public long documentsOf(String collection) {
		AtomicLong count = documents.get(collection);
		return count == null ? 0 : count.get();
	}

	/** Queries of the collection so far. */
	public long of(String collection) {
		AtomicLong count = finds.get(collection);
		return count == null ? 0 : count.get();
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Listening {

		@Bean
		StoreReads storeReads() {
			return new StoreReads();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer countStoreReads(StoreReads reads) {
			return settings -> settings.addCommandListener(reads);
		}

	}

}
