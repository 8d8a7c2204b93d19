package io.membergraph.shared;

import java.util.List;

import io.membergraph.ApplicationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads by a list of ids, as batches make them, answer as MongoDB answers them. */
class EmbeddedStoreQueriesTests extends ApplicationTest {

	private static final String COLLECTION = "store_query_test";

	private MongoTemplate mongo;

	@BeforeEach
	void tenDocuments() {
		mongo = bean(MongoTemplate.class);
		mongo.remove(new Query(), COLLECTION);
		for (int i = 0; i < 10; i++) {
			mongo.insert(new Document("_id", "d" + i).append("even", i % 2 == 0), COLLECTION);
		}
	}

	@Test
	void aListOfIdsFindsEachOnceInStoredOrderAndIgnoresUnknownIds() {
		assertThat(ids(Query.query(Criteria.where("_id").in("d7", "d2", "nope", "d2", "d5"))))
			.containsExactly("d2", "d5", "d7");
	}

	@Test
	void aListOfIdsWithAnotherConditionChecksItOnEachDocument() {
		assertThat(ids(Query.query(Criteria.where("_id").in("d1", "d2", "d3", "d4").and("even").is(true))))
			.containsExactly("d2", "d4");
	}

	@Test
	void anUpdateByAListOfIdsChangesExactlyThose() {
		mongo.updateMulti(Query.query(Criteria.where("_id").in("d0", "d9")), new Update().set("touched", true), COLLECTION);

		assertThat(ids(Query.query(Criteria.where("touched").is(true)))).containsExactly("d0", "d9");
	}

	private List<String> ids(Query query) {
		return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
	}

}
