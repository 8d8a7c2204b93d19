package io.membergraph;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * {@link StoreScenarios} against real MongoDB 8 (a single-node replica set). Skipped where no Docker engine runs;
 * {@link EmbeddedStoreScenariosTests} runs the same scenarios on the embedded store everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoDbTests extends StoreScenarios {

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

}
