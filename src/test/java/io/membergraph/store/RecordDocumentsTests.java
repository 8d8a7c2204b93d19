package io.membergraph.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.membergraph.ApplicationTest;
import io.membergraph.store.internal.RecordReaders;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk paths write records without the converter: each mapped record, with every kind of value its properties
 * can hold (absent ones too), must come out as the very document the converter writes, field for field and type for
 * type, so that what the bulk paths store reads back as what the API stores.
 */
class RecordDocumentsTests extends ApplicationTest {

	private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

	@Autowired
	RecordDocuments documents;

	@Autowired
	MongoTemplate mongo;

	@Test
	void everyMappedRecordIsWrittenAsTheConverterWritesIt() throws Exception {
		List<Class<?>> records = mappedRecords();
		assertThat(records).hasSizeGreaterThan(20);
		for (Class<?> type : records) {
			Samples samples = new Samples(new Random(type.getName().hashCode()));
			for (int i = 0; i < 40; i++) {
				Object record = samples.record(type);
				Document expected = new Document();
				mongo.getConverter().write(record, expected);
				assertThat(documents.write(record).toJson(EXACT)).as("%s: %s", type.getSimpleName(), record)
					.isEqualTo(expected.toJson(EXACT));
			}
		}
	}

	@Test
	void everyMappedRecordIsReadAsTheConverterReadsIt() throws Exception {
		for (Class<?> type : mappedRecords()) {
			Samples samples = new Samples(new Random(~type.getName().hashCode()));
			Random fields = new Random(type.getName().hashCode());
			for (int i = 0; i < 40; i++) {
				Document written = new Document();
				mongo.getConverter().write(samples.record(type), written);
				// As the driver hands it back: its types are those of the stored values (dates, longs, object ids).
				Document stored = Document.parse(written.toJson(EXACT));
				assertReadAlike(stored, type);
				// As a projection leaves it: a field absent.
				List<String> keys = new ArrayList<>(stored.keySet());
				stored.remove(keys.get(fields.nextInt(keys.size())));
				assertReadAlike(stored, type);
			}
		}
	}

	@Test
	void aValueStoredOtherwiseIsReadAsTheConverterReadsIt() {
		record Counted(String id, long count, Integer small, java.util.Set<String> tags, Map<String, Long> byDay) {
		}
		// Numbers another writer stored in other widths, a set stored as a list, a nested document with a type key.
		assertReadAlike(new Document("_id", new org.bson.types.ObjectId()).append("count", 7).append("small", 3L)
			.append("tags", List.of("b", "a", "b")).append("byDay", new Document("d1", 2)), Counted.class);
		assertReadAlike(new Document("_id", "c").append("byDay", new Document("_class", "java.util.HashMap")), Counted.class);
		assertReadAlike(new Document("_id", "c"), Counted.class);
		assertThat(readers().readsWithoutTheConverter(Counted.class)).isTrue();
	}

	@Test
	void theRecordsTheViewsLoadAreReadWithoutTheConverter() throws Exception {
		for (String name : List.of("io.membergraph.commerce.Order", "io.membergraph.member.Member",
				"io.membergraph.loyalty.PointsAccount", "io.membergraph.commerce.MemberPurchases",
				"io.membergraph.customer.internal.MemberScores")) {
			assertThat(readers().readsWithoutTheConverter(Class.forName(name))).as(name).isTrue();
		}
	}

	/** The readers the views use, over the application's converter. */
	private RecordReaders readers() {
		return new RecordReaders((MappingMongoConverter) mongo.getConverter());
	}

	/** The plan's reading and the converter's give equal records, of the same types all through, or both refuse. */
	private void assertReadAlike(Document stored, Class<?> type) {
		Object expected;
		try {
			expected = mongo.getConverter().read(type, stored);
		}
		catch (RuntimeException refused) {
			Object read;
			try {
				read = readers().read(stored, type);
			}
			catch (RuntimeException alsoRefused) {
				read = alsoRefused;
			}
			assertThat(read).as("%s: %s, which the converter refuses: %s", type.getSimpleName(), stored.toJson(), refused)
				.isInstanceOf(refused.getClass());
			return;
		}
		assertThat(readers().read(stored, type)).as("%s: %s", type.getSimpleName(), stored.toJson())
			.usingRecursiveComparison().withStrictTypeChecking().isEqualTo(expected);
	}

	@Test
	void theRecordsTheImportWritesAreWrittenWithoutTheConverter() throws Exception {
		for (String name : List.of("io.membergraph.loyalty.PointsEntry", "io.membergraph.loyalty.internal.PointsBatch",
				"io.membergraph.loyalty.PointsAccount", "io.membergraph.loyalty.internal.TierStatus",
				"io.membergraph.loyalty.TierChange", "io.membergraph.member.Member", "io.membergraph.member.internal.IdentityClaim",
				"io.membergraph.commerce.Order", "io.membergraph.commerce.MemberPurchases",
				"io.membergraph.engagement.Interaction")) {
			assertThat(documents.writesWithoutTheConverter(Class.forName(name))).as(name).isTrue();
		}
	}

	@Test
	void aRecordWrittenTwiceIsRefusedAsTheTemplateRefusesIt() {
		record Claim(String id, String memberId) {
		}
		Claim claim = new Claim("record-documents-twice", "M1");
		documents.insert(List.of(claim), Claim.class);
		assertThatThrownBy(() -> documents.insert(List.of(claim), Claim.class))
			.isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
		assertThat(documents.insertNew(List.of(new Claim("record-documents-new", "M1"), claim), Claim.class))
			.containsExactly(1);
		assertThat(mongo.findById("record-documents-new", Claim.class)).isEqualTo(new Claim("record-documents-new", "M1"));
	}

	/**
	 * A record found by id and replaced under a condition by plan reads and stores what the template would: ids the
	 * template stores as object ids included, and a replacement whose condition no longer holds changes nothing.
	 */
	@Test
	void aRecordIsFoundByIdAndReplacedUnderAConditionAsTheTemplateDoes() {
		record Lot(String lotId, long remaining, Instant expiresAt) {
		}
		record Rollup(String id, long version, List<Lot> lots, Map<String, Long> byMonth, Instant changedAt) {
		}
		Instant at = Instant.parse("2026-03-01T02:00:00Z");
		for (String id : List.of("record-documents-rollup", "65f1c2a4b7e8d90123456789")) {
			Rollup first = new Rollup(id, 1, List.of(new Lot("a", 5, at), new Lot("b", 0, null)), Map.of("2026-03", 12L), at);
			mongo.insert(first);
			assertThat(documents.findById(id, Rollup.class)).isEqualTo(mongo.findById(id, Rollup.class)).isEqualTo(first);

			Rollup next = new Rollup(id, 2, List.of(new Lot("a", 3, at)), Map.of("2026-03", 12L, "2026-04", 1L), at);
			Query stale = Query.query(Criteria.where("_id").is(id).and("version").is(0));
			assertThat(documents.replace(stale, next)).as("a condition that no longer holds").isFalse();
			assertThat(mongo.findById(id, Rollup.class)).isEqualTo(first);
			Query current = Query.query(Criteria.where("_id").is(id).and("version").is(1));
			assertThat(documents.replace(current, next)).isTrue();
			assertThat(mongo.findById(id, Rollup.class)).isEqualTo(next);
			assertThat(documents.findById(id, Rollup.class)).isEqualTo(next);
		}
		assertThat(documents.findById("record-documents-none", Rollup.class)).isNull();
	}

	/** Records found by a query by plan are the template's records, in the template's order, ids like object ids too. */
	@Test
	void recordsFoundByAQueryAreTheRecordsTheTemplateFinds() {
		record Stamp(String id, String memberId, long points, Instant at) {
		}
		Instant at = Instant.parse("2026-03-01T02:00:00Z");
		List<Stamp> stamps = List.of(new Stamp("record-documents-find-b", "M1", 5, at),
				new Stamp("65f1c2a4b7e8d9012345678a", "M1", 7, null), new Stamp("record-documents-find-a", "M2", -3, at));
		mongo.insert(stamps, Stamp.class);
		List<String> ids = List.of("record-documents-find-a", "record-documents-find-b", "65f1c2a4b7e8d9012345678a",
				"record-documents-find-none");
		assertThat(documents.find(Lookups.byIds(ids), Stamp.class)).containsExactlyInAnyOrderElementsOf(stamps)
			.containsExactlyElementsOf(mongo.find(Lookups.byIds(ids), Stamp.class));
		Query sorted = Query.query(Criteria.where("memberId").is("M1")).with(Sort.by(Sort.Direction.DESC, "points"))
			.limit(1);
		assertThat(documents.find(sorted, Stamp.class)).containsExactly(stamps.get(1))
			.isEqualTo(mongo.find(sorted, Stamp.class));

		Query picking = Query.query(Criteria.where("memberId").is("M1"));
		picking.fields().include("points");
		assertThatThrownBy(() -> documents.find(picking, Stamp.class)).isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * Replacements guarded by the version they were read at land where that version is still stored and nowhere
	 * else, and the count says how many landed: what a bulk of the template's conditional replacements does.
	 */
	@Test
	void replacementsLandOnlyWhereTheVersionReadIsStillStored() {
		record Tally(String id, long count, long version) {
		}
		List<Tally> first = List.of(new Tally("record-documents-tally-1", 1, 1), new Tally("65f1c2a4b7e8d9012345678b", 1, 4),
				new Tally("record-documents-tally-3", 1, 2));
		mongo.insert(first, Tally.class);
		List<RecordDocuments.Replacement> replacements = List.of(
				new RecordDocuments.Replacement(new Tally("record-documents-tally-1", 2, 2), 1),
				new RecordDocuments.Replacement(new Tally("65f1c2a4b7e8d9012345678b", 2, 5), 4),
				new RecordDocuments.Replacement(new Tally("record-documents-tally-3", 2, 3), 1));
		assertThat(documents.replaceUnchanged(Tally.class, "version", replacements)).isEqualTo(2);
		assertThat(mongo.findAll(Tally.class)).containsExactlyInAnyOrder(new Tally("record-documents-tally-1", 2, 2),
				new Tally("65f1c2a4b7e8d9012345678b", 2, 5), new Tally("record-documents-tally-3", 1, 2));
		assertThat(documents.replaceUnchanged(Tally.class, "version", List.of())).isZero();
	}

	/**
	 * A record set in an update written as stored (how a scoring run stores each member's RFM) is stored as the
	 * template's update stores it, for every kind of value the record holds; so is an id that reads as an object id.
	 */
	@Test
	void aRecordSetInAnUpdateWrittenAsStoredIsStoredAsTheTemplateSetsIt() throws Exception {
		Samples samples = new Samples(new Random(7));
		Instant at = Instant.parse("2026-03-01T02:00:00Z");
		String collection = mongo.getCollectionName(io.membergraph.customer.internal.MemberScores.class);
		for (int i = 0; i < 40; i++) {
			Object score = samples.record(io.membergraph.customer.RfmScore.class);
			String byTemplate = i % 2 == 0 ? "record-documents-set-" + i : "65f1c2a4b7e8d901234567" + (10 + i);
			mongo.upsert(Query.query(Criteria.where("_id").is(byTemplate)),
					org.springframework.data.mongodb.core.query.Update.update("rfm", score).set("changedAt", at),
					io.membergraph.customer.internal.MemberScores.class);
			Object asStored = documents.storedId("record-documents-raw-" + i, io.membergraph.customer.internal.MemberScores.class);
			mongo.getCollection(collection).updateOne(new Document("_id", asStored),
					new Document("$set", new Document("rfm", documents.writeNested(score)).append("changedAt",
							java.util.Date.from(at))),
					new com.mongodb.client.model.UpdateOptions().upsert(true));
			Document expected = mongo.getCollection(collection).find(new Document("_id",
					documents.storedId(byTemplate, io.membergraph.customer.internal.MemberScores.class))).first();
			assertThat(expected).as("stored by the template under %s", byTemplate).isNotNull();
			Document actual = mongo.getCollection(collection).find(new Document("_id", asStored)).first();
			expected.remove("_id");
			actual.remove("_id");
			assertThat(actual.toJson(EXACT)).as("%s", score).isEqualTo(expected.toJson(EXACT));
		}
		assertThat(documents.storedId("65f1c2a4b7e8d90123456789", io.membergraph.customer.internal.MemberScores.class))
			.isEqualTo(new org.bson.types.ObjectId("65f1c2a4b7e8d90123456789"));
		assertThat(documents.storedId("M10000001", io.membergraph.customer.internal.MemberScores.class)).isEqualTo("M10000001");
	}

	@Test
	void aMapKeyWithADotIsRefusedAsTheConverterRefusesIt() {
		record Tagged(String id, Map<String, Long> counts) {
		}
		Tagged tagged = new Tagged("t", Map.of("a.b", 1L));
		assertThatThrownBy(() -> mongo.getConverter().write(tagged, new Document()))
			.isInstanceOf(org.springframework.data.mapping.MappingException.class);
		assertThatThrownBy(() -> documents.write(tagged))
			.isInstanceOf(org.springframework.data.mapping.MappingException.class);
	}

	@Test
	void aFreeFormValueThePlanDoesNotKnowIsWrittenByTheConverter() {
		record Attributes(String id, Map<String, Object> values) {
		}
		Attributes nested = new Attributes("a", Map.of("sizes", List.of(Map.of("eu", 38)), "vip", true));
		Document expected = new Document();
		mongo.getConverter().write(nested, expected);
		assertThat(documents.write(nested).toJson(EXACT)).isEqualTo(expected.toJson(EXACT));
	}

	private static List<Class<?>> mappedRecords() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
		scan.addIncludeFilter(new AnnotationTypeFilter(org.springframework.data.mongodb.core.mapping.Document.class));
		List<Class<?>> records = new ArrayList<>();
		for (var candidate : scan.findCandidateComponents("io.membergraph")) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			if (type.isRecord()) {
				records.add(type);
			}
		}
		return records;
	}

	/** Values of every kind a record's property may hold: absent, empty, odd text, ids that look like object ids. */
	private record Samples(Random random) {

		private static final List<String> TEXTS = List.of("", "x", "m-0001|welcome", "5f1b2c3d4e5f6a7b8c9d0e1f",
				"会员 12", "a$b", "line\nbreak");

		/** A record of the type; some of its values absent, never all of it. */
		Object record(Class<?> type) throws ReflectiveOperationException {
			for (int attempt = 0; attempt < 100; attempt++) {
				Object record = of(type, type, 0);
				if (record != null) {
					return record;
				}
			}
			throw new AssertionError("No sample of " + type + " could be made");
		}

		Object of(Class<?> type, Type generic, int depth) throws ReflectiveOperationException {
			if (type == long.class) {
				return random.nextLong();
			}
			if (type == int.class) {
				return random.nextInt();
			}
			if (type == double.class) {
				return random.nextDouble() * 1000;
			}
			if (type == boolean.class) {
				return random.nextBoolean();
			}
			if (random.nextInt(5) == 0 || depth > 3) {
				return null;
			}
			if (type == String.class) {
				return TEXTS.get(random.nextInt(TEXTS.size()));
			}
			if (type == Long.class) {
				return random.nextLong();
			}
			if (type == Integer.class) {
				return random.nextInt(1000);
			}
			if (type == Double.class) {
				return random.nextDouble();
			}
			if (type == Boolean.class) {
				return random.nextBoolean();
			}
			if (type == BigDecimal.class) {
				return new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(5));
			}
			if (type == Instant.class) {
				return Instant.ofEpochMilli(1_500_000_000_000L + random.nextInt(Integer.MAX_VALUE) * 100L);
			}
			if (type == LocalDate.class) {
				return LocalDate.of(1950 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28));
			}
			if (type.isEnum()) {
				Object[] constants = type.getEnumConstants();
				return constants[random.nextInt(constants.length)];
			}
			if (type == Object.class) {
				return List.of("text", 12L, 7, true, 2.5, List.of("a"), Map.of("k", 1)).get(random.nextInt(7));
			}
			if (Collection.class.isAssignableFrom(type)) {
				Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
				Collection<Object> values = Set.class.isAssignableFrom(type) ? new LinkedHashSet<>() : new ArrayList<>();
				for (int i = random.nextInt(3); i > 0; i--) {
					Object value = of(raw(element), element, depth + 1);
					if (value != null) {
						values.add(value);
					}
				}
				return Set.class.isAssignableFrom(type) ? values : List.copyOf(values);
			}
			if (Map.class.isAssignableFrom(type)) {
				Type[] arguments = ((ParameterizedType) generic).getActualTypeArguments();
				Map<Object, Object> values = new LinkedHashMap<>();
				for (int i = random.nextInt(3); i > 0; i--) {
					Object key = raw(arguments[0]) == String.class ? "k" + i : of(raw(arguments[0]), arguments[0], 0);
					Object value = of(raw(arguments[1]), arguments[1], depth + 1);
					if (key != null) {
						values.put(key, value);
					}
				}
				return values;
			}
			if (type.isRecord()) {
				RecordComponent[] components = type.getRecordComponents();
				Object[] values = new Object[components.length];
				Class<?>[] types = new Class<?>[components.length];
				for (int i = 0; i < components.length; i++) {
					types[i] = components[i].getType();
					values[i] = of(types[i], components[i].getGenericType(), depth + 1);
				}
				Constructor<?> constructor = type.getDeclaredConstructor(types);
				constructor.setAccessible(true);
				try {
					return constructor.newInstance(values);
				}
				catch (InvocationTargetException refused) {
					// A record that checks its values (a unit price's scale): absent then, as its owner allows.
					return null;
				}
			}
			throw new AssertionError("No sample for " + type + ": add one, so that its documents are compared");
		}

		private static Class<?> raw(Type type) {
			return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
		}

	}

}
