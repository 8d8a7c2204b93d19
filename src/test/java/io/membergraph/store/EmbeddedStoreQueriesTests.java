package io.membergraph.store;

import java.util.List;

import io.membergraph.ApplicationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads by a list of ids, as batches make them, and updates under unique indexes answer as MongoDB answers them. */
class EmbeddedStoreQueriesTests extends ApplicationTest {

	private static final String COLLECTION = "store_query_test";

	private MongoTemplate mongo;

	@BeforeEach
	void tenDocuments() {
		mongo = bean(MongoTemplate.class);
		mongo.dropCollection(COLLECTION);
		for (int i = 0; i < 10; i++) {
			mongo.insert(new Document("_id", "d" + i).append("even", i % 2 == 0), COLLECTION);
		}
	}

	/**
	 * A full scan larger than the driver takes in one reply (48 MB) comes in batches, as MongoDB sends it: a read of
	 * every order of about 60,000 (the read-model check) failed. The store's own reads (an aggregation's, a count's)
	 * still see every document.
	 */
	@Test
	void aScanLargerThanOneReplyReadsEveryDocument() {
		String big = "store_big_reply_test";
		String megabyte = "x".repeat(1024 * 1024);
		try {
			for (int i = 0; i < 60; i++) {
				mongo.insert(new Document("_id", i).append("filler", megabyte), big);
			}

			assertThat(mongo.findAll(Document.class, big)).hasSize(60);
			try (java.util.stream.Stream<Document> all = mongo.stream(new Query(), Document.class, big)) {
				assertThat(all.map(d -> d.getInteger("_id"))).containsExactlyElementsOf(
						java.util.stream.IntStream.range(0, 60).boxed().toList());
			}
			assertThat(mongo.find(new Query().limit(30), Document.class, big)).hasSize(30);
			// The store's own reads are not cut to a reply's size.
			assertThat(mongo.aggregate(org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation(
					org.springframework.data.mongodb.core.aggregation.Aggregation.match(Criteria.where("filler").exists(true)),
					org.springframework.data.mongodb.core.aggregation.Aggregation.group().count().as("n")), big, Document.class)
				.getUniqueMappedResult()
				.getInteger("n")).isEqualTo(60);
			assertThat(mongo.count(new Query(Criteria.where("filler").exists(true)), big)).isEqualTo(60);
		}
		finally {
			mongo.dropCollection(big);
		}
	}

	/**
	 * Reads by member go to the documents of that member through the store's own index of {@code memberId} (a merge
	 * read whole collections by member before), reads by source through its index of {@code source}, and a read
	 * naming both through the index of fewer documents: through inserts, updates that move documents to another
	 * member or source or away from any, replacements, deletions and positions used again, such a read (one value, or
	 * a list) finds what a scan finds, in the same order, with the same sort, skip, limit and further conditions.
	 */
	@Test
	void readsByMemberOrSourceFindWhatAScanFindsThroughEveryKindOfWrite() {
		String collection = "store_member_index_test";
		mongo.dropCollection(collection);
		java.util.Random random = new java.util.Random(7);
		List<String> members = List.of("M1", "M2", "M3", "M4");
		List<String> sources = List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8");
		for (int round = 0; round < 400; round++) {
			String member = members.get(random.nextInt(members.size()));
			String source = sources.get(random.nextInt(sources.size()));
			int id = random.nextInt(120);
			switch (random.nextInt(7)) {
				case 0, 1 -> mongo.upsert(Query.query(Criteria.where("_id").is(id)),
						Update.update("memberId", member).set("n", round).set("source", source), collection);
				case 2 -> mongo.updateMulti(Query.query(Criteria.where("memberId").is(member).and("n").lt(round / 2)),
						Update.update("memberId", members.get(random.nextInt(members.size()))), collection);
				case 3 -> mongo.remove(Query.query(Criteria.where("_id").is(id)), collection);
				case 4 -> mongo.save(new Document("_id", id).append("n", round)
					.append("memberId", random.nextBoolean() ? List.of(member, "M9") : null)
					.append("source", random.nextBoolean() ? source : null), collection);
				case 5 -> mongo.updateMulti(Query.query(Criteria.where("source").is(source)),
						new Update().set("source", sources.get(random.nextInt(sources.size()))), collection);
				default -> mongo.findAndModify(Query.query(Criteria.where("memberId").is(member)),
						Update.update("memberId", members.get(random.nextInt(members.size()))), Document.class, collection);
			}
			for (String asked : List.of("M1", "M9")) {
				assertThat(ids(Query.query(Criteria.where("memberId").is(asked)), collection))
					.containsExactlyElementsOf(ids(scan(asked), collection));
				assertThat(ids(Query.query(Criteria.where("memberId").is(asked).and("n").gte(round / 3))
					.with(Sort.by(Sort.Direction.DESC, "n")).skip(1).limit(5), collection))
					.containsExactlyElementsOf(ids(new Query(new Criteria().andOperator(Criteria.where("memberId").is(asked),
							Criteria.where("n").gte(round / 3))).with(Sort.by(Sort.Direction.DESC, "n")).skip(1).limit(5),
							collection));
			}
			assertThat(ids(Query.query(Criteria.where("memberId").in("M2", "M3")), collection)).containsExactlyElementsOf(
					ids(new Query(new Criteria().orOperator(Criteria.where("memberId").is("M2"),
							Criteria.where("memberId").is("M3"))), collection));
			assertThat(ids(Query.query(Criteria.where("source").is(source)), collection)).containsExactlyElementsOf(
					ids(new Query(new Criteria().andOperator(Criteria.where("source").is(source))), collection));
			assertThat(ids(Query.query(Criteria.where("memberId").is(member).and("source").in(source, "S1"))
				.with(Sort.by("n")), collection))
				.containsExactlyElementsOf(ids(new Query(new Criteria().andOperator(Criteria.where("memberId").is(member),
						Criteria.where("source").in(source, "S1"))).with(Sort.by("n")), collection));
		}
		assertThat(mongo.count(Query.query(Criteria.where("memberId").is("M1")), collection)).isEqualTo(
				mongo.count(scan("M1"), collection));
	}

	/** The same condition as a scan sees it: inside an {@code $and}, which the index does not read. */
	private static Query scan(String memberId) {
		return new Query(new Criteria().andOperator(Criteria.where("memberId").is(memberId)));
	}

	private List<Object> ids(Query query, String collection) {
		return mongo.find(query, Document.class, collection).stream().map(d -> d.get("_id")).toList();
	}

	/**
	 * The store keeps an inserted document as a copy whose field names and short values are shared with other
	 * documents: it reads back as written (nested documents, lists of values and of documents, long values, the order
	 * of its fields), and its indexes find it and refuse a copy of its key.
	 */
	@Test
	void anInsertedDocumentReadsBackAsWrittenAndItsIndexesHoldIt() {
		String collection = "store_shared_names_test";
		mongo.dropCollection(collection);
		mongo.indexOps(collection).createIndex(new Index().on("account.code", Sort.Direction.ASC).unique());
		Document written = new Document("_id", "a").append("zeta", 1)
			.append("account", new Document("code", "GOLD").append("since", 2024))
			.append("tags", List.of("vip", "new"))
			.append("lines", List.of(new Document("sku", "SK-1").append("quantity", 2),
					new Document("sku", "SK-2").append("quantity", 1)))
			.append("note", "x".repeat(40));
		try {
			mongo.insert(written, collection);
			mongo.insert(new Document("_id", "b").append("account", new Document("code", "SILVER")).append("zeta", 2),
					collection);

			Document read = mongo.findById("a", Document.class, collection);
			assertThat(read).isEqualTo(written);
			assertThat(read.keySet()).containsExactly("_id", "zeta", "account", "tags", "lines", "note");
			assertThat(mongo.find(Query.query(Criteria.where("account.code").is("GOLD")), Document.class, collection))
				.extracting(d -> d.getString("_id"))
				.containsExactly("a");
			assertThatThrownBy(() -> mongo.insert(new Document("_id", "c").append("account", new Document("code", "GOLD")),
					collection))
				.isInstanceOf(DuplicateKeyException.class);
			assertThat(mongo.findById("b", Document.class, collection).get("account", Document.class).getString("code"))
				.isEqualTo("SILVER");
		}
		finally {
			mongo.dropCollection(collection);
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

	@Test
	void anUpdateThatMovesAUniqueKeyOntoAnothersIsRefusedAndChangesNothing() {
		uniqueCodes();

		assertThatThrownBy(() -> mongo.updateFirst(Query.query(Criteria.where("_id").is("d1")),
				new Update().set("code.value", "c2").inc("count", 1), COLLECTION))
			.isInstanceOf(DuplicateKeyException.class);

		Document d1 = mongo.findById("d1", Document.class, COLLECTION);
		assertThat(d1.get("code", Document.class).getString("value")).isEqualTo("c1");
		assertThat(d1.get("count")).isNull();
	}

	@Test
	void aUniqueKeyStaysFindableThroughUpdatesOfOtherFieldsAndMovesWithItsOwn() {
		uniqueCodes();

		mongo.updateFirst(Query.query(Criteria.where("_id").is("d3")), new Update().inc("count", 5), COLLECTION);
		mongo.updateFirst(Query.query(Criteria.where("_id").is("d4")), new Update().set("code.value", "renamed"),
				COLLECTION);

		assertThat(ids(Query.query(Criteria.where("code.value").is("c3")))).containsExactly("d3");
		assertThat(ids(Query.query(Criteria.where("code.value").is("c4")))).isEmpty();
		assertThat(ids(Query.query(Criteria.where("code.value").is("renamed")))).containsExactly("d4");
		mongo.updateFirst(Query.query(Criteria.where("_id").is("d5")), new Update().set("code.value", "c4"), COLLECTION);
		assertThat(ids(Query.query(Criteria.where("code.value").is("c4")))).containsExactly("d5");
	}

	/**
	 * A replacement of a whole document (how guarded writes of rollups and accounts go) answers as MongoDB answers:
	 * the counts matched and modified, an identical replacement modifying nothing, a filter that no longer matches
	 * changing nothing, a changed {@code _id} and a unique key another document holds refused with the stored
	 * document as it was, and unique keys and nested values following the replacement.
	 */
	@Test
	void aReplacementAnswersAsMongoDbDoes() {
		uniqueCodes();
		Document read = mongo.findById("d3", Document.class, COLLECTION);
		Document next = new Document("code", new Document("value", "c3x")).append("version", 2)
			.append("lots", List.of(new Document("lot", "a").append("left", 5), new Document("lot", "b").append("left", 0)));

		var replaced = mongo.getCollection(COLLECTION).replaceOne(new Document("_id", "d3"), new Document(next));
		assertThat(replaced.getMatchedCount()).isEqualTo(1);
		assertThat(replaced.getModifiedCount()).isEqualTo(1);
		assertThat(mongo.findById("d3", Document.class, COLLECTION)).isEqualTo(new Document("_id", "d3").append("code",
				new Document("value", "c3x")).append("version", 2).append("lots", next.get("lots")));
		assertThat(read).as("a document read before").isEqualTo(new Document("_id", "d3").append("even", false)
			.append("code", new Document("value", "c3")));
		assertThat(ids(Query.query(Criteria.where("code.value").is("c3x")))).containsExactly("d3");
		assertThat(ids(Query.query(Criteria.where("code.value").is("c3")))).isEmpty();

		var again = mongo.getCollection(COLLECTION).replaceOne(new Document("_id", "d3"), new Document(next));
		assertThat(again.getMatchedCount()).isEqualTo(1);
		assertThat(again.getModifiedCount()).as("the same document again").isZero();
		var stale = mongo.getCollection(COLLECTION).replaceOne(new Document("_id", "d3").append("version", 1),
				new Document("version", 3));
		assertThat(stale.getMatchedCount()).as("a guard that no longer holds").isZero();

		assertThatThrownBy(() -> mongo.getCollection(COLLECTION).replaceOne(new Document("_id", "d3"),
				new Document("_id", "other").append("version", 3)))
			.isInstanceOf(com.mongodb.MongoWriteException.class);
		assertThatThrownBy(() -> mongo.getCollection(COLLECTION).replaceOne(new Document("_id", "d3"),
				new Document("code", new Document("value", "c4")).append("version", 3)))
			.isInstanceOf(com.mongodb.MongoWriteException.class)
			.hasMessageContaining("duplicate key");
		assertThat(mongo.findById("d3", Document.class, COLLECTION).get("version")).isEqualTo(2);
		assertThat(ids(Query.query(Criteria.where("code.value").is("c3x")))).containsExactly("d3");
		assertThat(ids(Query.query(Criteria.where("code.value").is("c4")))).containsExactly("d4");
	}

	/**
	 * Taking values out of a list by a list of ids (how a batch clears its mark from the orders it wrote) answers as
	 * MongoDB answers: only the values named leave, from each document named, others' marks and other values stay, a
	 * document without the list or without the values counts as matched and unmodified, a document read before keeps
	 * its list, and a field that is not a list is refused with the documents as they were.
	 */
	@Test
	void valuesPulledFromAListByAListOfIdsLeaveOnlyThoseDocumentsAndOnlyThoseValues() {
		var orders = mongo.getCollection(COLLECTION);
		orders.updateOne(new Document("_id", "d1"), new Document("$set", new Document("marks", List.of("b1", "b2", "b1"))));
		orders.updateOne(new Document("_id", "d2"), new Document("$set", new Document("marks", List.of("b2"))));
		orders.updateOne(new Document("_id", "d3"), new Document("$set", new Document("marks", List.of("b1", 7))));
		orders.updateOne(new Document("_id", "d4"), new Document("$set", new Document("marks", List.of("b1"))));
		Document readBefore = mongo.findById("d1", Document.class, COLLECTION);

		var pulled = orders.updateMany(new Document("_id", new Document("$in", List.of("d1", "d2", "d3", "d5", "nope"))),
				new Document("$pullAll", new Document("marks", List.of("b1"))));

		assertThat(pulled.getMatchedCount()).isEqualTo(4);
		assertThat(pulled.getModifiedCount()).isEqualTo(2);
		assertThat(mongo.findById("d1", Document.class, COLLECTION).get("marks")).isEqualTo(List.of("b2"));
		assertThat(mongo.findById("d2", Document.class, COLLECTION).get("marks")).isEqualTo(List.of("b2"));
		assertThat(mongo.findById("d3", Document.class, COLLECTION).get("marks")).isEqualTo(List.of(7));
		assertThat(mongo.findById("d4", Document.class, COLLECTION).get("marks")).as("not named").isEqualTo(List.of("b1"));
		assertThat(mongo.findById("d5", Document.class, COLLECTION)).doesNotContainKey("marks");
		assertThat(readBefore.get("marks")).as("a document read before").isEqualTo(List.of("b1", "b2", "b1"));

		orders.updateOne(new Document("_id", "d6"), new Document("$set", new Document("marks", "b1")));
		assertThatThrownBy(() -> orders.updateMany(new Document("_id", new Document("$in", List.of("d6", "d4"))),
				new Document("$pullAll", new Document("marks", List.of("b1")))))
			.isInstanceOf(com.mongodb.MongoWriteException.class);
		assertThat(mongo.findById("d6", Document.class, COLLECTION).get("marks")).isEqualTo("b1");
	}

	private void uniqueCodes() {
		for (int i = 0; i < 10; i++) {
			mongo.updateFirst(Query.query(Criteria.where("_id").is("d" + i)),
					new Update().set("code", new Document("value", "c" + i)), COLLECTION);
		}
		mongo.indexOps(COLLECTION).createIndex(new Index().on("code.value", Sort.Direction.ASC).unique());
	}

	private List<String> ids(Query query) {
		return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
	}

}
