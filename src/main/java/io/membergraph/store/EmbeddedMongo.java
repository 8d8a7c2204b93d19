package io.membergraph.store;

import java.net.InetSocketAddress;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the store before any bean exists: {@code spring.mongodb.uri} (or {@code MONGODB_URI}) means real
 * MongoDB; neither means the embedded default, an in-process mongo-java-server with a memory backend.
 * <p>
 * One embedded server serves the whole JVM, so every Spring context a test run builds shares it.
 */
public class EmbeddedMongo implements EnvironmentPostProcessor {

	/** Set to true when the embedded store is in use; demo data and demo accounts follow it. */
	public static final String EMBEDDED_PROPERTY = "membergraph.store.embedded";

	/**
	 * The database of the embedded server an application uses; an application that wants its own data beside
	 * others in the same JVM (a test of the demo data) names another.
	 */
	static final String DATABASE_PROPERTY = "membergraph.store.embedded-database";

	static final String DATABASE = "membergraph";

	private static final Log log = LogFactory.getLog(EmbeddedMongo.class);

	private static MongoServer server;

	private static SnapshotMemoryBackend backend;

	private static String uri;

	/** Applications started on the embedded server and not failed; tests share one server between contexts. */
	private static int users;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.mongodb.uri"))) {
			return;
		}
		String fromEnvironment = environment.getProperty("MONGODB_URI");
		if (StringUtils.hasText(fromEnvironment)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("mongodbUriVariable", Map.of("spring.mongodb.uri", fromEnvironment)));
			return;
		}
		String database = environment.getProperty(DATABASE_PROPERTY, DATABASE);
		// The server runs in this process and answers a query whole before the next message on its connection
		// thread: loading millions of documents, or a long collection pause, keeps the driver's heartbeat waiting.
		// Its read time-out is the connect time-out (10 s by default); past it the driver takes the server for
		// dead and fails every running operation. A server in the same process cannot be unreachable: no time-out.
		environment.getPropertySources()
			.addLast(new MapPropertySource("embeddedMongo", Map.of("spring.mongodb.uri",
					startOnce() + database + "?connectTimeoutMS=0", EMBEDDED_PROPERTY, "true")));
	}

	private static synchronized String startOnce() {
		users++;
		if (server == null) {
			backend = new SnapshotMemoryBackend();
			server = new MongoServer(backend);
			server.bind("127.0.0.1", 0);
			InetSocketAddress address = server.getLocalAddress();
			uri = "mongodb://127.0.0.1:" + address.getPort() + "/";
			// After every application on it has closed: a JVM shutdown hook of its own would run beside theirs and stop
			// the server under a closing application's last writes (its audit trail's flush), which then waited out
			// the driver's 30 s server selection before failing.
			SpringApplication.getShutdownHandlers().add(EmbeddedMongo::shutDown);
			log.info("No spring.mongodb.uri or MONGODB_URI set: started the embedded in-memory MongoDB at " + uri
					+ DATABASE + " (data is lost on exit)");
		}
		return uri;
	}

	private static synchronized void shutDown() {
		if (server != null) {
			server.shutdownNow();
			server = null;
		}
	}

	/** Writes to a collection of the embedded store so far; -1 when this JVM runs no embedded store. */
	static synchronized long writesTo(String database, String collection) {
		return backend == null ? -1 : backend.writesTo(database, collection);
	}

	/**
	 * An application failed to start: when no other one uses the server, stop it, because its threads would
	 * otherwise keep the JVM alive after the failure.
	 */
	static synchronized void failed() {
		users = Math.max(0, users - 1);
		if (users == 0) {
			shutDown();
		}
	}

	/** Stops the embedded server when the application that started it fails to start. */
	public static class StopOnFailure implements ApplicationListener<ApplicationFailedEvent> {

		@Override
		public void onApplicationEvent(ApplicationFailedEvent event) {
			if ("true".equals(event.getApplicationContext() == null ? null
					: event.getApplicationContext().getEnvironment().getProperty(EMBEDDED_PROPERTY))) {
				failed();
			}
		}

	}

}
