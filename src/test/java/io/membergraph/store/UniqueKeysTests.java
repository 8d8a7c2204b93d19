package io.membergraph.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store works out the key of a document whose indexed fields are top-level and not lists itself, and
 * finds a document by a plain id without the stock lookup's planning; what it finds, keeps and refuses must be what the
 * stock store does. Random inserts, updates, replacements, deletes and reads (ids and keys of every type: text,
 * object ids, dates, booleans, equal numbers of different types, nulls, missing fields, lists, embedded documents) run
 * in both side by side.
 */
class UniqueKeysTests {

	@RegisterExtension
	static final SideBySideStores stores = new SideBySideStores();

	@Test
	void randomWritesAndReadsByUniqueKeysAnswerAsTheStockStoreDoes() {
		MongoCollection<Document> mine = indexed(stores.ours("keys"));
		MongoCollection<Document> theirs = indexed(stores.stock("keys"));
		Random random = new Random(20261205);
		int refused = 0;
		int found = 0;
		for (int i = 0; i < 4_000; i++) {
			Document byId = new Document("_id", id(random));
			Step step = switch (random.nextInt(7)) {
				case 0, 1 -> new Step(Kind.INSERT, document(random, byId.get("_id")));
				case 2 -> {
					String field = field(random);
					yield new Step(Kind.UPDATE, new Document("$set", new Document(field, key(random, field))));
				}
				case 3 -> new Step(Kind.REPLACE, document(random, random.nextInt(4) == 0 ? id(random) : byId.get("_id")));
				case 4 -> new Step(Kind.DELETE, null);
				case 5 -> new Step(Kind.FIND_BY_CODE, new Document("code", key(random)));
				default -> new Step(Kind.FIND_BY_ID, null);
			};
			Object expected = apply(theirs, byId, step);
			Object actual = apply(mine, byId, step);
			assertThat(actual).as("%s on %s", step, byId.toJson()).isEqualTo(expected);
			assertThat(apply(mine, byId, READ)).as("%s on %s", step, byId.toJson()).isEqualTo(apply(theirs, byId, READ));
			refused += expected.toString().startsWith("refused") ? 1 : 0;
			found += expected instanceof List<?> documents && !documents.isEmpty() ? 1 : 0;
		}
		assertThat(everything(mine)).isEqualTo(everything(theirs));
		assertThat(refused).as("writes refused for a taken key among the cases").isGreaterThan(300);
		assertThat(found).as("reads that found a document among the cases").isGreaterThan(200);
	}

	@Test
	void aListTakesAKeyPerElementInBothStores() {
		for (MongoCollection<Document> collection : List.of(stores.ours("lists"), stores.stock("lists"))) {
			collection.createIndex(new Document("code", 1), new IndexOptions().unique(true));
			collection.insertOne(new Document("_id", 1).append("code", List.of("a", "b")));

			assertThat(attempt(() -> collection.insertOne(new Document("_id", 2).append("code", "b")).getInsertedId()))
				.asString().startsWith("refused E11000");
			assertThat(collection.find(new Document("code", "a")).first()).isEqualTo(
					new Document("_id", 1).append("code", List.of("a", "b")));
			assertThat(collection.updateOne(new Document("_id", 1), new Document("$set", new Document("code", "c")))
				.getModifiedCount()).isOne();
			assertThat(collection.insertOne(new Document("_id", 2).append("code", "b")).getInsertedId()).isNotNull();
		}
	}

	/**
	 * The field of the sparse index: present or missing, never null. Both stores (ours takes sparse keys from the stock
	 * store) let a missing field become null without checking the null key, which MongoDB refuses where another
	 * document holds it; no sparse field of ours is ever written null.
	 */
	private static final String SPARSE = "tag";

	/** A plain key, a compound one, a nested one (the stock computation) and a sparse one. */
	private static MongoCollection<Document> indexed(MongoCollection<Document> collection) {
		IndexOptions unique = new IndexOptions().unique(true);
		collection.createIndex(new Document("code", 1), unique);
		collection.createIndex(new Document("memberId", 1).append("month", 1), unique);
		collection.createIndex(new Document("nested.code", 1), unique);
		collection.createIndex(new Document(SPARSE, 1), new IndexOptions().unique(true).sparse(true));
		return collection;
	}

	private enum Kind {
		INSERT, UPDATE, REPLACE, DELETE, FIND_BY_ID, FIND_BY_CODE
	}

	private record Step(Kind kind, Document argument) {
	}

	private static final Step READ = new Step(Kind.FIND_BY_ID, null);

	/**
	 * What the step answered: the documents it found (compared as MongoDB compares them, the order of their fields
	 * aside: the stock store's replacement moves fields that real MongoDB keeps in place, and ours keeps them), what it
	 * wrote, or why it was refused.
	 */
	private static Object apply(MongoCollection<Document> collection, Document byId, Step step) {
		return attempt(() -> switch (step.kind()) {
			case INSERT -> "inserted " + collection.insertOne(step.argument()).getInsertedId();
			case UPDATE -> "updated " + collection.updateOne(byId, step.argument()).getModifiedCount();
			case REPLACE -> "replaced " + collection.replaceOne(byId, step.argument()).getModifiedCount();
			case DELETE -> "deleted " + collection.deleteOne(byId).getDeletedCount();
			case FIND_BY_ID -> collection.find(byId).into(new ArrayList<>());
			case FIND_BY_CODE -> collection.find(step.argument()).into(new ArrayList<>());
		});
	}

	private static Object attempt(Supplier<Object> write) {
		try {
			return write.get();
		}
		catch (MongoWriteException refused) {
			return refusal(refused.getError().getMessage());
		}
		catch (MongoCommandException refused) {
			return refusal(refused.getErrorMessage());
		}
	}

	private static String refusal(String message) {
		return "refused " + message;
	}

	private static List<Document> everything(MongoCollection<Document> collection) {
		return collection.find().into(new ArrayList<>()).stream()
			.sorted(Comparator.comparing(document -> document.get("_id").toString()))
			.toList();
	}

	private static Document document(Random random, Object id) {
		Document document = new Document("_id", id);
		for (String field : List.of("code", "memberId", "month", "tag")) {
			if (random.nextInt(5) > 0) {
				document.append(field, key(random, field));
			}
		}
		if (random.nextBoolean()) {
			document.append("nested", random.nextInt(4) == 0 ? key(random) : new Document("code", key(random)));
		}
		return document;
	}

	private static String field(Random random) {
		return List.of("code", "memberId", "month", "tag", "nested.code", "other").get(random.nextInt(6));
	}

	/**
	 * Ids of the types a client sends: numbers of three types that MongoDB takes as equal, text, object ids and dates
	 * (the last three the embedded store keys as they are, without the stock normalisation).
	 */
	private static Object id(Random random) {
		int n = random.nextInt(30);
		return switch (random.nextInt(6)) {
			case 0 -> n;
			case 1 -> (long) n;
			case 2 -> n / 2.0;
			case 3 -> objectId(n);
			case 4 -> new Date(n * 1_000L);
			default -> "m" + n;
		};
	}

	private static ObjectId objectId(int n) {
		return new ObjectId(String.format("%024x", n));
	}

	/**
	 * Keys of every type but lists, which no unique key of ours holds: the stock store indexes an empty one under no
	 * key and then fails to find it again, and keeps stale positions of longer ones through updates (what it then
	 * refuses is a bug of its own, not MongoDB's answer). A list's keys are the stock store's work in both, see
	 * {@link #aListTakesAKeyPerElementInBothStores}.
	 */
	private static Object key(Random random, String field) {
		Object key = key(random);
		return key == null && field.equals(SPARSE) ? "c0" : key;
	}

	private static Object key(Random random) {
		int n = random.nextInt(25);
		return switch (random.nextInt(13)) {
			case 0 -> null;
			case 1 -> (long) n;
			case 2 -> n / 2.0;
			case 3 -> new Document("n", n % 3);
			case 4 -> objectId(n);
			case 5 -> new Date(n * 1_000L);
			case 6 -> n % 2 == 0;
			default -> random.nextBoolean() ? n : "c" + n;
		};
	}

}
