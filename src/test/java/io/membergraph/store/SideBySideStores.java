package io.membergraph.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Our embedded store and the stock one, each behind its own client: tests that take shortcuts of the stock store's
 * work apply the same writes to both and compare what each leaves. Registered as an extension
 * ({@code @RegisterExtension static}), both stop after the test class.
 */
final class SideBySideStores implements AfterAllCallback {

	private final MongoServer ours = new MongoServer(new SnapshotMemoryBackend());

	private final MongoServer stock = new MongoServer(new MemoryBackend());

	private final MongoClient oursClient = MongoClients.create(uriOf(ours));

	private final MongoClient stockClient = MongoClients.create(uriOf(stock));

	private static String uriOf(MongoServer server) {
		server.bind("127.0.0.1", 0);
		return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/?connectTimeoutMS=0";
	}

	MongoCollection<Document> ours(String collection) {
		return oursClient.getDatabase("t").getCollection(collection);
	}

	MongoCollection<Document> stock(String collection) {
		return stockClient.getDatabase("t").getCollection(collection);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		oursClient.close();
		stockClient.close();
		ours.shutdownNow();
		stock.shutdownNow();
	}

}
