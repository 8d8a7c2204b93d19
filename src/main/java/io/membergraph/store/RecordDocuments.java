package io.membergraph.store;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import io.membergraph.store.internal.PlainDocumentCodec;
import io.membergraph.store.internal.RecordReaders;
import org.bson.Document;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.data.convert.CustomConversions;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Writes records as documents exactly as the store's converter writes them, for the bulk paths that write
 * thousands a second. The converter looks each property's conversions up again for every document and reads
 * records' fields through adapted method handles: measured at about a third of a member import's CPU (BENCHMARKS.md,
 * 2026-12-05 morning). Here each record type's properties are read once into a plan of field names and value
 * writers, which take their conversions from the converter itself (money, dates, unit prices), so a document written
 * here is the document the converter writes ({@code RecordDocumentsTests} compares the two for every mapped record).
 * <p>
 * A record this plan cannot write the same way (a property with its own value converter, a reference, a value of a
 * type known only when written that is not a plain value) is written by the converter.
 */
@Component
public class RecordDocuments {

	/** MongoDB's code for a write refused by a unique index. */
	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	private final MappingMongoConverter converter;

	private final CustomConversions customConversions;

	private final ConversionService conversions;

	private final RecordReaders readers;

	private final QueryMapper queries;

	private final ClassValue<Plan> plans = new ClassValue<>() {

		@Override
		protected Plan computeValue(Class<?> type) {
			return planOf(type);
		}

	};

	RecordDocuments(MongoTemplate mongo) {
		this.mongo = mongo;
		this.converter = (MappingMongoConverter) mongo.getConverter();
		this.customConversions = converter.getCustomConversions();
		this.conversions = converter.getConversionService();
		this.readers = new RecordReaders(converter);
		this.queries = new QueryMapper(converter);
	}

	/**
	 * The record stored under the id, read as {@link MongoTemplate#findById} reads it, or null: for a document of
	 * thousands of nested values (a wholesale buyer's purchase rollup) read and written again with every order, the
	 * converter's reading was most of the order's time.
	 */
	public <T> T findById(Object id, Class<T> type) {
		Document filter = queries.getMappedObject(new Document("_id", id),
				converter.getMappingContext().getPersistentEntity(type));
		Document stored = mongo.execute(type, collection -> collection.find(filter).first());
		return stored == null ? null : readers.read(stored, type);
	}

	/**
	 * Replaces the document the query finds by the record, as {@link MongoTemplate#replace(Query, Object)} does;
	 * true when one was replaced.
	 */
	public boolean replace(Query query, Object record) {
		Document filter = queries.getMappedObject(query.getQueryObject(),
				converter.getMappingContext().getPersistentEntity(record.getClass()));
		Document replacement = write(record);
		return mongo.execute(record.getClass(), collection -> plain(collection).replaceOne(filter, replacement))
			.getModifiedCount() == 1;
	}

	/**
	 * The records the query finds, read as {@link MongoTemplate#find(Query, Class)} reads them: a batch of an import
	 * reads thousands of accounts, statuses, ledger entries and orders, and the converter's reading of them was a
	 * tenth of the batch writer's time. Takes the query's filter, sort, skip, limit and batch size; a query that picks
	 * fields or a collation is refused, since the records read would not be the template's.
	 */
	public <T> List<T> find(Query query, Class<T> type) {
		if (!query.getFieldsObject().isEmpty() || query.getCollation().isPresent()) {
			throw new IllegalArgumentException("A query that picks fields or a collation is read through MongoTemplate");
		}
		MongoPersistentEntity<?> entity = converter.getMappingContext().getPersistentEntity(type);
		Document filter = queries.getMappedObject(query.getQueryObject(), entity);
		Document sort = query.isSorted() ? queries.getMappedSort(query.getSortObject(), entity) : null;
		Integer batchSize = query.getMeta().getCursorBatchSize();
		return mongo.execute(type, collection -> {
			FindIterable<Document> found = collection.find(filter);
			if (sort != null) {
				found = found.sort(sort);
			}
			if (query.getSkip() > 0) {
				found = found.skip(Math.toIntExact(query.getSkip()));
			}
			if (query.isLimited()) {
				found = found.limit(query.getLimit());
			}
			if (batchSize != null) {
				found = found.batchSize(batchSize);
			}
			List<T> records = new ArrayList<>();
			for (Document stored : found) {
				records.add(readers.read(stored, type));
			}
			return records;
		});
	}

	/** A record to store in place of the document of its id, if that document's version is still the one read. */
	public record Replacement(Object record, long readVersion) {
	}

	/**
	 * Replaces each record's document unless its {@code versionField} no longer holds the version the record was read
	 * at, in one unordered write, as a bulk of {@code replaceOne}s through {@link MongoTemplate#bulkOps} does; returns
	 * how many were replaced (fewer: someone else changed the others meanwhile). The condition names the id as the
	 * record's own document holds it, so nothing is mapped per record: mapping each condition was a fifth of the
	 * batch writer's time.
	 */
	public long replaceUnchanged(Class<?> type, String versionField, List<Replacement> replacements) {
		if (replacements.isEmpty()) {
			return 0;
		}
		List<ReplaceOneModel<Document>> models = new ArrayList<>(replacements.size());
		for (Replacement replacement : replacements) {
			Document document = write(replacement.record());
			Object id = document.get("_id");
			if (id == null) {
				throw new IllegalArgumentException(type.getSimpleName() + " has no id to replace by");
			}
			models.add(new ReplaceOneModel<>(new Document("_id", id).append(versionField, replacement.readVersion()),
					document));
		}
		return mongo.execute(type, collection -> plain(collection).bulkWrite(models, new BulkWriteOptions().ordered(false))
			.getModifiedCount());
	}

	/**
	 * Inserts the records into the type's collection in one write, as {@link MongoTemplate#insert(Collection, Class)}
	 * does: a record whose id is there already fails it with a {@code DuplicateKeyException}.
	 */
	public void insert(Collection<?> records, Class<?> type) {
		if (!records.isEmpty()) {
			// Straight to the collection: the template would copy each document once more on its way.
			List<Document> documents = write(records);
			mongo.execute(type, collection -> plain(collection).insertMany(documents));
		}
	}

	/**
	 * Inserts records whose ids say what they are (an event, a ledger entry, a contact) in one unordered bulk write,
	 * where one already there is one another writer (or a crashed attempt) wrote first, not a failure. Returns the
	 * positions of those already there (every other one went in); any other refusal is thrown.
	 */
	public Set<Integer> insertNew(List<?> records, Class<?> type) {
		if (records.isEmpty()) {
			return Set.of();
		}
		// Straight to the collection: the template's bulk would map each document written here once more.
		List<InsertOneModel<Document>> inserts = new ArrayList<>(records.size());
		records.forEach(record -> inserts.add(new InsertOneModel<>(write(record))));
		return mongo.execute(type, collection -> {
			try {
				plain(collection).bulkWrite(inserts, new BulkWriteOptions().ordered(false));
				return Set.of();
			}
			catch (MongoBulkWriteException refused) {
				Set<Integer> there = new HashSet<>();
				for (BulkWriteError error : refused.getWriteErrors()) {
					if (error.getCode() != DUPLICATE_KEY) {
						throw refused;
					}
					there.add(error.getIndex());
				}
				if (refused.getWriteConcernError() != null) {
					throw refused;
				}
				return there;
			}
		});
	}

	/**
	 * The collection encoding the documents written here, whose values are plain, without looking each value's codec
	 * up ({@link PlainDocumentCodec}): the same bytes.
	 */
	public static MongoCollection<Document> plain(MongoCollection<Document> collection) {
		return collection.withCodecRegistry(PlainDocumentCodec.over(collection.getCodecRegistry()));
	}

	/** The records as the documents the converter would write for them, in their order. */
	public List<Document> write(Collection<?> records) {
		List<Document> documents = new ArrayList<>(records.size());
		records.forEach(record -> documents.add(write(record)));
		return documents;
	}

	/** The record (or any mapped object) as the document the converter would write for it. */
	public Document write(Object record) {
		Plan plan = plans.get(record.getClass());
		if (plan.writable()) {
			try {
				Document document = plan.write(record);
				document.putAll(plan.typeKey());
				return document;
			}
			catch (NotPlain valueOfOtherType) {
				// A free-form value (a member's attribute) of a type the plan does not write: the converter's way.
			}
		}
		Document document = new Document();
		converter.write(record, document);
		return document;
	}

	/**
	 * The record as the converter writes it nested in a document, under a property that declares the record's own type
	 * (so without the type key): a value to set in an update written as stored.
	 */
	public Document writeNested(Object record) {
		Document document = write(record);
		document.keySet().removeIf(converter.getTypeMapper()::isTypeKey);
		return document;
	}

	/** The id as a query of the template names it for the type: one that reads as an object id is stored as one. */
	public Object storedId(Object id, Class<?> type) {
		MongoPersistentProperty idProperty = converter.getMappingContext().getRequiredPersistentEntity(type)
			.getRequiredIdProperty();
		return converter.convertId(id, idProperty.getFieldType());
	}

	/** Whether records of the type are written by their plan here rather than by the converter. */
	boolean writesWithoutTheConverter(Class<?> type) {
		return plans.get(type).writable();
	}

	private Plan planOf(Class<?> type) {
		if (!type.isRecord()) {
			return Plan.CONVERTER;
		}
		try {
			MongoPersistentEntity<?> entity = converter.getMappingContext().getRequiredPersistentEntity(type);
			List<Property> properties = new ArrayList<>();
			MongoPersistentProperty id = entity.getIdProperty();
			if (id != null) {
				properties.add(property(type, id, value -> converter.convertId(value, id.getFieldType())));
			}
			for (MongoPersistentProperty property : entity) {
				if (property.equals(id) || !property.isWritable()) {
					continue;
				}
				if (property.isAssociation() || property.isUnwrapped() || property.hasExplicitWriteTarget()
						|| property.isDbReference() || property.isDocumentReference()
						|| customConversions.hasValueConverter(property)) {
					return Plan.CONVERTER;
				}
				properties.add(property(type, property, writerOf(property.getTypeInformation())));
			}
			// The type key the converter adds to a record written as a document of its own (not when nested).
			Document typeKey = new Document();
			converter.getTypeMapper().writeType(type, typeKey);
			return new Plan(properties, typeKey);
		}
		catch (NotPlain | MappingException | IllegalStateException | ReflectiveOperationException
				| InaccessibleObjectException unusual) {
			// IllegalStateException: a collection or map whose element type is not declared.
			return Plan.CONVERTER;
		}
	}

	private Property property(Class<?> type, MongoPersistentProperty property, ValueWriter writer)
			throws ReflectiveOperationException {
		// The field, as the converter reads it: a record may answer something else from its accessor.
		Field field = type.getDeclaredField(property.getName());
		field.setAccessible(true);
		return new Property(property.getFieldName(), field, writer, property.writeNullValues());
	}

	/** How a value of the declared type is written, as the converter writes it. */
	private ValueWriter writerOf(TypeInformation<?> declared) {
		Class<?> type = declared.getType();
		if (type == Object.class) {
			return this::plainValue;
		}
		Optional<Class<?>> target = customConversions.getCustomWriteTarget(type);
		if (target.isPresent()) {
			if (type == Instant.class && target.get() == Date.class) {
				return value -> Date.from((Instant) value);
			}
			TypeDescriptor from = TypeDescriptor.valueOf(type);
			TypeDescriptor to = TypeDescriptor.valueOf(target.get());
			return value -> conversions.convert(value, from, to);
		}
		if (customConversions.isSimpleType(type)) {
			return type.isEnum() ? value -> ((Enum<?>) value).name() : value -> value;
		}
		if (Collection.class.isAssignableFrom(type)) {
			ValueWriter element = writerOf(declared.getRequiredComponentType());
			return value -> {
				Collection<?> values = (Collection<?>) value;
				List<Object> written = new ArrayList<>(values.size());
				for (Object each : values) {
					written.add(each == null ? null : element.write(each));
				}
				return written;
			};
		}
		if (Map.class.isAssignableFrom(type)) {
			ValueWriter value = writerOf(declared.getRequiredMapValueType());
			return map -> {
				Document written = new Document();
				for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
					written.put(mapKey(entry.getKey()), entry.getValue() == null ? null
							: value.write(entry.getValue()));
				}
				return written;
			};
		}
		if (type.isRecord()) {
			// Records are final: the converter adds no type key to a nested record.
			Plan nested = plans.get(type);
			if (!nested.writable()) {
				throw new NotPlain();
			}
			return nested::write;
		}
		throw new NotPlain();
	}

	/** A map's key as the converter writes it: a string, with no dot in it. */
	private String mapKey(Object key) {
		String written = key instanceof String text ? text
				: customConversions.hasCustomWriteTarget(key.getClass(), String.class)
						? conversions.convert(key, String.class) : key.toString();
		if (written.contains(".")) {
			// As the converter refuses it (no replacement for dots in map keys is configured).
			throw new MappingException("Map key " + written + " contains dots but no replacement was configured");
		}
		return written;
	}

	/** A value declared only as an object: written here when it is a plain value, else by the converter. */
	private Object plainValue(Object value) {
		if (value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Boolean
				|| value instanceof Double) {
			return value;
		}
		throw new NotPlain();
	}

	@FunctionalInterface
	private interface ValueWriter {

		Object write(Object value);

	}

	private record Property(String name, Field field, ValueWriter writer, boolean writeNulls) {

		void writeTo(Document document, Object record) {
			Object value;
			try {
				value = field.get(record);
			}
			catch (IllegalAccessException unexpected) {
				throw new IllegalStateException(unexpected);
			}
			if (value != null) {
				document.put(name, writer.write(value));
			}
			else if (writeNulls) {
				document.put(name, null);
			}
		}

	}

	/** A record type's properties in the converter's order; {@link #CONVERTER} for a type the converter writes. */
	private record Plan(List<Property> properties, Document typeKey) {

		static final Plan CONVERTER = new Plan(null, null);

		boolean writable() {
			return properties != null;
		}

		Document write(Object record) {
			Document document = new Document();
			for (Property property : properties) {
				property.writeTo(document, record);
			}
			return document;
		}

	}

	/** A value the plan does not write as the converter would. */
	private static final class NotPlain extends RuntimeException {

		NotPlain() {
			super(null, null, false, false);
		}

	}

}
