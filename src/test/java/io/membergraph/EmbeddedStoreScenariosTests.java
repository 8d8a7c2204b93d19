package io.membergraph;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StoreScenarios} on the embedded store, in a database of their own: written for real MongoDB, they would
 * otherwise go unrun (and wrong) on every machine without Docker.
 */
@TestPropertySource(properties = "membergraph.store.embedded-database=store-scenarios")
class EmbeddedStoreScenariosTests extends StoreScenarios {

}
