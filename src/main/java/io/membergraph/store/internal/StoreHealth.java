package io.membergraph.store.internal;

import io.membergraph.store.EmbeddedMongo;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the store answers, for {@code /actuator/health}. Replaces Spring Boot's MongoDB indicator, whose
 * {@code hello} command the embedded store does not know; {@code ping} works on both stores.
 */
@Component("mongoHealthIndicator")
public class StoreHealth extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	private final boolean embedded;

	StoreHealth(MongoTemplate mongo, @Value("${" + EmbeddedMongo.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
		super("MongoDB health check failed");
		this.mongo = mongo;
		this.embedded = embedded;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		mongo.executeCommand(new Document("ping", 1));
		builder.up().withDetail("database", mongo.getDb().getName()).withDetail("embedded", embedded);
	}

}
