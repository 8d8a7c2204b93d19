package io.membergraph.store.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.bson.Document;
import org.springframework.core.convert.ConversionService;
import org.springframework.data.convert.CustomConversions;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.InstanceCreatorMetadata;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.Parameter;
import org.springframework.data.mapping.PreferredConstructor;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.util.ClassUtils;

/**
 * Reads documents into records as the store's converter reads them, for the views that load a million orders at
 * start-up: the converter looks each property's conversions up again for every document (a third of the order
 * view's load on the demo data). Each record type is read once into a plan of field names and value readers, in
 * the order of its canonical constructor; a value is taken as stored when it already has the declared type, and
 * converted by the converter's own conversions otherwise (money, dates, enums, object ids).
 * <p>
 * A record the plan cannot read the same way (a property with its own value converter, a reference, a constructor
 * of its own choosing, a free-form value that is not a plain one) and a document holding what the plan does not
 * expect (a nested document with a type key, a value of a type no conversion reads) are read by the converter.
 * {@code RecordDocumentsTests} holds the two readings equal for every mapped record.
 */
public final class RecordReaders {

	/** The key under which the converter writes a document's type. */
	private static final String TYPE_KEY = "_class";

	private final MappingMongoConverter converter;

	private final CustomConversions customConversions;

	private final ConversionService conversions;

	private final ClassValue<Plan> plans = new ClassValue<>() {

		@Override
		protected Plan computeValue(Class<?> type) {
			return planOf(type);
		}

	};

	public RecordReaders(MappingMongoConverter converter) {
		this.converter = converter;
		this.customConversions = converter.getCustomConversions();
		this.conversions = converter.getConversionService();
	}

	public <T> T read(Document document, Class<T> type) {
		Plan plan = plans.get(type);
		if (plan.readable()) {
			try {
				return type.cast(plan.read(document));
			}
			catch (NotPlain storedOtherwise) {
				// A value stored as the plan does not expect it: the converter's way.
			}
		}
		return converter.read(type, document);
	}

	/** Whether documents of the type are read by their plan here rather than by the converter. */
	public boolean readsWithoutTheConverter(Class<?> type) {
		return plans.get(type).readable();
	}

	private Plan planOf(Class<?> type) {
		if (!type.isRecord()) {
			return Plan.CONVERTER;
		}
		try {
			MongoPersistentEntity<?> entity = converter.getMappingContext().getRequiredPersistentEntity(type);
			Constructor<?> canonical = canonicalConstructor(type);
			InstanceCreatorMetadata<?> creator = entity.getInstanceCreatorMetadata();
			if (!(creator instanceof PreferredConstructor<?, ?> preferred) || !preferred.getConstructor().equals(canonical)) {
				return Plan.CONVERTER;
			}
			List<Component> components = new ArrayList<>();
			for (Parameter<?, ?> parameter : preferred.getParameters()) {
				MongoPersistentProperty property = parameter.getName() == null ? null
						: entity.getPersistentProperty(parameter.getName());
				if (property == null || parameter.hasValueExpression() || property.isAssociation()
						|| property.isUnwrapped() || property.isDbReference() || property.isDocumentReference()
						|| customConversions.hasValueConverter(property)) {
					return Plan.CONVERTER;
				}
				components.add(new Component(property.getFieldName(), readerOf(property.getTypeInformation()),
						parameter.getRawType().isPrimitive()));
			}
			canonical.setAccessible(true);
			return new Plan(canonical, components.toArray(Component[]::new));
		}
		catch (NotPlain | MappingException | IllegalStateException | ReflectiveOperationException
				| InaccessibleObjectException unusual) {
			// IllegalStateException: a collection or map whose element type is not declared.
			return Plan.CONVERTER;
		}
	}

	private static Constructor<?> canonicalConstructor(Class<?> type) throws NoSuchMethodException {
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
		}
		return type.getDeclaredConstructor(types);
	}

	/** How a stored value of the declared type is read, as the converter reads it. */
	private ValueReader readerOf(TypeInformation<?> declared) {
		Class<?> type = declared.getType();
		if (type == Object.class) {
			return RecordReaders::plainValue;
		}
		if (Collection.class.isAssignableFrom(type)) {
			Supplier<Collection<Object>> collection = collectionOf(type);
			ValueReader element = readerOf(declared.getRequiredComponentType());
			return stored -> {
				if (!(stored instanceof List<?> values)) {
					throw NotPlain.INSTANCE;
				}
				Collection<Object> read = collection.get();
				for (Object each : values) {
					read.add(each == null ? null : element.read(each));
				}
				return read;
			};
		}
		if (Map.class.isAssignableFrom(type)) {
			Supplier<Map<Object, Object>> map = mapOf(type);
			ValueReader key = simple(declared.getRequiredComponentType().getType());
			ValueReader value = readerOf(declared.getRequiredMapValueType());
			return stored -> {
				if (!(stored instanceof Document entries) || entries.containsKey(TYPE_KEY)) {
					throw NotPlain.INSTANCE;
				}
				Map<Object, Object> read = map.get();
				for (Map.Entry<String, Object> entry : entries.entrySet()) {
					read.put(key.read(entry.getKey()), entry.getValue() == null ? null : value.read(entry.getValue()));
				}
				return read;
			};
		}
		if (type.isRecord() && !customConversions.isSimpleType(type)) {
			Plan nested = plans.get(type);
			if (!nested.readable()) {
				throw NotPlain.INSTANCE;
			}
			return stored -> {
				if (!(stored instanceof Document document) || document.containsKey(TYPE_KEY)) {
					throw NotPlain.INSTANCE;
				}
				return nested.read(document);
			};
		}
		if (!customConversions.isSimpleType(type)) {
			throw NotPlain.INSTANCE;
		}
		return simple(type);
	}

	/**
	 * A simple value as the converter reads it: as stored when it is of the type already, else by the conversion
	 * registered from what is stored to the type (a date to an instant, a number to money), an enum by its name, or
	 * by the converter's conversion service.
	 */
	private ValueReader simple(Class<?> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (type == Instant.class) {
			// The conversion registered from a date, without looking it up for every value.
			return stored -> stored instanceof Date date ? date.toInstant() : convertedSimple(stored, Instant.class, boxed);
		}
		return stored -> convertedSimple(stored, type, boxed);
	}

	private Object convertedSimple(Object stored, Class<?> type, Class<?> boxed) {
		if (boxed.isInstance(stored)) {
			return stored;
		}
		if (stored instanceof Document || stored instanceof List<?>) {
			throw NotPlain.INSTANCE;
		}
		if (customConversions.hasCustomReadTarget(stored.getClass(), type)) {
			return conversions.convert(stored, type);
		}
		if (type.isEnum()) {
			return enumValue(type, stored.toString());
		}
		if (conversions.canConvert(stored.getClass(), type)) {
			return conversions.convert(stored, type);
		}
		throw NotPlain.INSTANCE;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumValue(Class<?> type, String name) {
		return Enum.valueOf((Class) type, name);
	}

	/** A value declared only as an object: read here when it is a plain value, else by the converter. */
	private static Object plainValue(Object stored) {
		if (stored instanceof String || stored instanceof Long || stored instanceof Integer || stored instanceof Boolean
				|| stored instanceof Double || stored instanceof Date) {
			return stored;
		}
		throw NotPlain.INSTANCE;
	}

	/** The collection the converter makes for a declared type: a list, an ordered set, a sorted set. */
	private static Supplier<Collection<Object>> collectionOf(Class<?> type) {
		if (type == List.class || type == Collection.class || type == ArrayList.class) {
			return ArrayList::new;
		}
		if (type == Set.class || type == LinkedHashSet.class) {
			return LinkedHashSet::new;
		}
		if (type == SortedSet.class || type == TreeSet.class) {
			return TreeSet::new;
		}
		throw NotPlain.INSTANCE;
	}

	/** The map the converter makes for a declared type: an ordered map, or a sorted one. */
	private static Supplier<Map<Object, Object>> mapOf(Class<?> type) {
		if (type == Map.class || type == LinkedHashMap.class) {
			return LinkedHashMap::new;
		}
		if (type == SortedMap.class || type == TreeMap.class) {
			return TreeMap::new;
		}
		throw NotPlain.INSTANCE;
	}

	@FunctionalInterface
	private interface ValueReader {

		Object read(Object stored);

	}

	/**
	 * A constructor parameter: the field it is read from and how. An absent value is null; for a primitive the
	 * converter refuses the document, and is left to refuse it.
	 */
	private record Component(String field, ValueReader reader, boolean primitive) {

		Object readFrom(Document document) {
			Object stored = document.get(field);
			if (stored == null) {
				if (primitive) {
					throw NotPlain.INSTANCE;
				}
				return null;
			}
			return reader.read(stored);
		}

	}

	/** A record type's canonical constructor and its parameters; {@link #CONVERTER} for a type the converter reads. */
	private record Plan(Constructor<?> constructor, Component[] components) {

		static final Plan CONVERTER = new Plan(null, null);

		boolean readable() {
			return constructor != null;
		}

		Object read(Document document) {
			Object[] arguments = new Object[components.length];
			for (int i = 0; i < arguments.length; i++) {
				arguments[i] = components[i].readFrom(document);
			}
			try {
				return constructor.newInstance(arguments);
			}
			catch (InvocationTargetException refused) {
				// The record's own checks refused the values: as they would refuse the converter's.
				throw refused.getCause() instanceof RuntimeException runtime ? runtime
						: new MappingException("Could not read a " + constructor.getDeclaringClass().getSimpleName(),
								refused.getCause());
			}
			catch (ReflectiveOperationException unexpected) {
				throw new IllegalStateException(unexpected);
			}
		}

	}

	/** A value stored as the plan does not read it as the converter would. */
	private static final class NotPlain extends RuntimeException {

		static final NotPlain INSTANCE = new NotPlain();

		private NotPlain() {
			super(null, null, false, false);
		}

	}

}
