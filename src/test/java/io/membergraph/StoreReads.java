package io.membergraph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the queries the application sends to the store, by collection, so a test can say how many reads a
 * request costs (a page of members must not cost one read per member).
 */
public final class StoreReads implements CommandListener {

	private final Map<String, AtomicLong> finds = new ConcurrentHashMap<>();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		if (event.getCommandName().equals("find")) {
			finds.computeIfAbsent(event.getCommand().getString("find").getValue(), c -> new AtomicLong()).incrementAndGet();
		}
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
