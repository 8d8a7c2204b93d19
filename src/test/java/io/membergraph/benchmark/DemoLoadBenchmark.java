package io.membergraph.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.membergraph.MemberGraphApplication;
import org.bson.Document;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The demo start as {@code mvn spring-boot:run} makes it (embedded store, demo data, views warmed before ready),
 * next to the reference its load is held against: the documents the demo load left in the store, counted per
 * collection and then written again, as they are, by plain {@code insertMany} (1,000 per call) into a second
 * database of the same store, twice (the first with the insert path cold, the second warm). Prints the start's
 * phases as the application logs them, the launch-to-ready time, and a table for BENCHMARKS.md.
 *
 * <p>{@code mvn -Pbenchmark test-compile exec:exec@demo-load}
 */
public final class DemoLoadBenchmark {

	private static final List<String> PHASES = List.of("Started ", "Loaded demo data",
			"Read models warm in");

	private DemoLoadBenchmark() {
	}

	public static void main(String[] args) {
		ListAppender<ILoggingEvent> phases = new ListAppender<>();
		long launched = System.nanoTime();
		// Attached once Boot has set up logging (which would drop an appender attached before).
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.listeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) prepared -> {
				phases.start();
				((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(phases);
			})
			.run("--server.port=0");
		double ready = (System.nanoTime() - launched) / 1e9;
		try {
			System.out.printf("%nlaunch to ready: %.1f s%n", ready);
			phases.list.stream().map(ILoggingEvent::getFormattedMessage)
				.filter(message -> PHASES.stream().anyMatch(message::startsWith))
				.forEach(message -> System.out.println("  " + message));
			compare(context.getBean(MongoTemplate.class));
		}
		finally {
			context.close();
		}
		System.exit(0);
	}

	private static void compare(MongoTemplate mongo) {
		Map<String, List<Document>> stored = new TreeMap<>();
		for (String collection : mongo.getCollectionNames()) {
			stored.put(collection, mongo.getCollection(collection).find().into(new ArrayList<>()));
		}
		long documents = stored.values().stream().mapToLong(List::size).sum();
		System.out.printf("%n| collection | documents |%n|---|---|%n");
		stored.forEach((collection, found) -> {
			if (!found.isEmpty()) {
				System.out.printf("| %s | %,d |%n", collection, found.size());
			}
		});
		System.out.printf("| all | %,d |%n%n| plain insertMany of the same documents | seconds | documents/s |%n|---|---|---|%n",
				documents);
		var copies = mongo.getMongoDatabaseFactory().getMongoDatabase("demo_load_reference");
		for (String round : List.of("first (cold)", "second")) {
			copies.drop();
			long started = System.nanoTime();
			stored.forEach((collection, found) -> {
				for (int from = 0; from < found.size(); from += 1_000) {
					copies.getCollection(collection).insertMany(found.subList(from, Math.min(found.size(), from + 1_000)));
				}
			});
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("| %s | %.2f | %,.0f |%n", round, seconds, documents / seconds);
		}
		copies.drop();
	}

}
