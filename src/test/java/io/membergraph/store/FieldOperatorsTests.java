package io.membergraph.store;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store works out updates of counters, bounds, sets and plain fields itself
 * ({@code io.membergraph.store.internal.FieldOperators}); whatever it leaves must be what the stock store leaves: the
 * same documents, the same counts, the same refusals.
 * Random documents (fields missing, null, of other types, nested or not) take random updates in both, side by side.
 */
class FieldOperatorsTests {

	@RegisterExtension
	static final SideBySideStores stores = new SideBySideStores();

	@Test
	void randomUpdatesLeaveWhatTheStockStoreLeaves() {
		MongoCollection<Document> mine = stores.ours("random");
		MongoCollection<Document> theirs = stores.stock("random");
		Random random = new Random(20261205);
		int refused = 0;
		int modified = 0;
		int upserted = 0;
		for (int i = 0; i < 1_000; i++) {
			Document document = document(random, i);
			mine.insertOne(new Document(document));
			theirs.insertOne(new Document(document));
			for (int step = 0; step < 3; step++) {
				// Now and then an upsert, of this document or of one not there yet.
				boolean upsert = random.nextInt(3) == 0;
				int id = upsert && random.nextBoolean() ? 100_000 + i * 10 + step : i;
				Document filter = new Document("_id", id);
				if (!upsert && random.nextInt(4) == 0) {
					filter.append("appliedOperations", new Document("$ne", "k" + random.nextInt(3)));
				}
				Document update = update(random);
				UpdateOptions options = new UpdateOptions().upsert(upsert);
				Outcome expected = outcome(() -> theirs.updateOne(filter, update, options));
				Outcome actual = outcome(() -> mine.updateOne(filter, update, options));
				assertThat(actual).as("%s then %s", document.toJson(), update.toJson()).isEqualTo(expected);
				assertThat(mine.find(new Document("_id", id)).first()).as("%s then %s", document.toJson(), update.toJson())
					.isEqualTo(theirs.find(new Document("_id", id)).first());
				upserted += expected.upserted() == null ? 0 : 1;
				refused += expected.refused() ? 1 : 0;
				modified += expected.modified();
			}
			if (i % 10 == 9) {
				// A batch's way: one update of a list of ids.
				Document some = new Document("_id", new Document("$in", List.of(i - 9, i - 4, i, -1)));
				Document update = update(random);
				assertThat(applyToMany(mine, some, update)).as("%s", update.toJson()).isEqualTo(applyToMany(theirs, some, update));
				assertThat(mine.find(some).into(new ArrayList<>())).as("%s", update.toJson())
					.isEqualTo(theirs.find(some).into(new ArrayList<>()));
			}
		}
		assertThat(refused).as("refused updates among the cases").isGreaterThan(30);
		assertThat(upserted).as("documents inserted by upserts among the cases").isGreaterThan(100);
		assertThat(modified).as("changed documents among the cases").isGreaterThan(600);
	}

	@Test
	void aMembersStatsChangeLeavesTheOtherFieldsAsTheyWere() {
		MongoCollection<Document> mine = stores.ours("members");
		Document member = new Document("_id", "M1").append("name", "王伟")
			.append("stats", new Document("orderCount", 2).append("grossSpend", 50_000L)
				.append("firstOrderAt", new Date(1_000L)).append("lastOrderAt", new Date(2_000L)))
			.append("appliedOperations", List.of("order:WEB:1", "order:WEB:2"))
			.append("tags", List.of("vip"));
		mine.insertOne(member);
		Document change = new Document("$inc", new Document("stats.orderCount", 1).append("stats.grossSpend", 12_345L))
			.append("$min", new Document("stats.firstOrderAt", new Date(500L)))
			.append("$max", new Document("stats.lastOrderAt", new Date(1_500L)))
			.append("$push", new Document("appliedOperations", new Document("$each", List.of("order:WEB:3")).append("$slice", -2)));

		UpdateResult result = mine.updateOne(new Document("_id", "M1").append("appliedOperations",
				new Document("$ne", "order:WEB:3")), change);

		assertThat(result.getModifiedCount()).isEqualTo(1);
		assertThat(mine.find(new Document("_id", "M1")).first()).isEqualTo(new Document("_id", "M1").append("name", "王伟")
			.append("stats", new Document("orderCount", 3).append("grossSpend", 62_345L)
				.append("firstOrderAt", new Date(500L)).append("lastOrderAt", new Date(2_000L)))
			.append("appliedOperations", List.of("order:WEB:2", "order:WEB:3"))
			.append("tags", List.of("vip")));
		assertThat(mine.updateOne(new Document("_id", "M1").append("appliedOperations", new Document("$ne", "order:WEB:3")),
				change).getMatchedCount()).as("the same change again").isZero();
	}

	@Test
	void setsOfEqualNumbersOfOtherTypesAndUnsetsOfAbsentPathsAnswerAsTheStockStoreDoes() {
		MongoCollection<Document> mine = stores.ours("edges");
		MongoCollection<Document> theirs = stores.stock("edges");
		Document stored = new Document("_id", 1).append("count", 1).append("big", 9_007_199_254_740_993L)
			.append("zero", 0.0).append("name", "a").append("stats", new Document("n", 2L));
		List<Document> updates = List.of(new Document("$set", new Document("count", 1.0)),
				new Document("$set", new Document("count", 1L)), new Document("$set", new Document("zero", -0.0)),
				new Document("$set", new Document("big", 9_007_199_254_740_992L)),
				new Document("$set", new Document("stats.n", 2)), new Document("$set", new Document("name.first", "b")),
				new Document("$set", new Document("fresh.made", true)), new Document("$unset", new Document("name.first", "")),
				new Document("$unset", new Document("absent.deeper", 1)), new Document("$unset", new Document("stats.n", 1)),
				new Document("$unset", new Document("stats", 1)).append("$set", new Document("count", 3)));
		for (Document update : updates) {
			mine.deleteMany(new Document());
			theirs.deleteMany(new Document());
			mine.insertOne(new Document(stored));
			theirs.insertOne(new Document(stored));
			Outcome expected = outcome(() -> theirs.updateOne(new Document("_id", 1), update));
			assertThat(outcome(() -> mine.updateOne(new Document("_id", 1), update))).as("%s", update.toJson())
				.isEqualTo(expected);
			assertThat(mine.find().first()).as("%s", update.toJson()).isEqualTo(theirs.find().first());
		}
	}

	/** What an update did: matched, changed and inserted, or refused with MongoDB's error code. */
	record Outcome(long matched, int modified, Object upserted, Integer refusedWith) {

		boolean refused() {
			return refusedWith != null;
		}

	}

	private static Outcome applyToMany(MongoCollection<Document> collection, Document filter, Document update) {
		return outcome(() -> collection.updateMany(filter, update));
	}

	private static Outcome outcome(java.util.function.Supplier<UpdateResult> update) {
		try {
			UpdateResult result = update.get();
			return new Outcome(result.getMatchedCount(), (int) result.getModifiedCount(), result.getUpsertedId(), null);
		}
		catch (MongoException refused) {
			return new Outcome(-1, 0, null, refused.getCode());
		}
	}

	private static Document document(Random random, int id) {
		Document document = new Document("_id", id);
		Object stats = switch (random.nextInt(6)) {
			case 0 -> null;
			case 1 -> "none";
			case 2 -> MISSING;
			default -> stats(random);
		};
		if (stats != MISSING) {
			document.append("stats", stats);
		}
		if (random.nextInt(5) > 0) {
			document.append("appliedOperations", random.nextInt(8) == 0 ? "k0" : keys(random));
		}
		document.append("name", "member " + id);
		if (random.nextBoolean()) {
			document.append("count", value(random));
		}
		return document;
	}

	private static final Object MISSING = new Object();

	private static Document stats(Random random) {
		Document stats = new Document();
		for (String field : List.of("orderCount", "grossSpend", "firstOrderAt", "lastOrderAt")) {
			if (random.nextInt(4) > 0) {
				stats.append(field, value(random));
			}
		}
		if (random.nextInt(6) == 0) {
			stats.append("inner", new Document("deep", value(random)));
		}
		return stats;
	}

	private static List<String> keys(Random random) {
		List<String> keys = new ArrayList<>();
		for (int i = random.nextInt(4); i > 0; i--) {
			keys.add("k" + random.nextInt(4));
		}
		return keys;
	}

	private static Object value(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> null;
			case 1 -> random.nextInt(100);
			case 2 -> (long) random.nextInt(100);
			case 3 -> random.nextInt(100) / 4.0;
			case 4 -> new Date(random.nextInt(5) * 1_000L);
			case 5 -> "text";
			case 6 -> Integer.MAX_VALUE - random.nextInt(2);
			case 7 -> List.of(random.nextInt(3));
			default -> new Document("n", random.nextInt(3));
		};
	}

	private static Document update(Random random) {
		Document update = new Document();
		List<String> paths = new ArrayList<>(List.of("stats.orderCount", "stats.grossSpend", "stats.firstOrderAt",
				"stats.lastOrderAt", "count", "stats.inner.deep", "fresh.made", "name", "appliedOperations", "stats.0",
				"_id", "stats"));
		for (String operator : List.of("$inc", "$min", "$max", "$push", "$addToSet", "$setOnInsert", "$set", "$unset")) {
			if (random.nextInt(operator.equals("$unset") ? 5 : 3) > 0) {
				continue;
			}
			Document fields = new Document();
			for (int i = 1 + random.nextInt(2); i > 0; i--) {
				String path = random.nextInt(10) == 0 ? paths.get(random.nextInt(paths.size()))
						: paths.get(random.nextInt(6));
				if (operator.equals("$push") || operator.equals("$addToSet")) {
					path = random.nextInt(5) == 0 ? paths.get(random.nextInt(paths.size())) : "appliedOperations";
				}
				fields.append(path, argument(random, operator));
			}
			update.append(operator, fields);
		}
		return update.isEmpty() ? new Document("$inc", new Document("stats.orderCount", 1)) : update;
	}

	private static Object argument(Random random, String operator) {
		if (operator.equals("$addToSet")) {
			return switch (random.nextInt(5)) {
				case 0 -> "k" + random.nextInt(4);
				case 1, 2 -> new Document("$each", keys(random));
				case 3 -> new Document("$each", keys(random)).append("$slice", 1);
				default -> random.nextBoolean() ? new Document() : new Document("n", 1).append("$each", List.of("k1"));
			};
		}
		if (!operator.equals("$push")) {
			return random.nextInt(12) == 0 ? "text" : random.nextBoolean() ? value(random) : random.nextInt(3);
		}
		return switch (random.nextInt(5)) {
			case 0 -> "k" + random.nextInt(4);
			case 1 -> new Document("$each", keys(random));
			case 2 -> new Document("$each", keys(random)).append("$slice", random.nextInt(7) - 3);
			case 3 -> new Document("$each", keys(random)).append("$sort", 1);
			default -> new Document("$each", List.of("k9")).append("$slice", -2);
		};
	}

}
