package io.membergraph.store.internal;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.BsonReader;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.CollectibleCodec;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Encodes a document's plain values (text, numbers, booleans, dates, object ids, decimals, and documents and lists of
 * them) straight to BSON, and hands every other value to the codec its registry has for it; everything else (decoding,
 * ids) is the registry's own document codec. The driver's document codec looks each value's codec up in the registry
 * again, through a registry made for each nested document: in an import's batch writes, most of the encoding's time
 * and a twelfth of all it allocates. The bytes are the ones the driver's codec writes ({@code PlainDocumentCodecTests}
 * compares them).
 */
public final class PlainDocumentCodec implements CollectibleCodec<Document> {

	private static final String ID = "_id";

	private final CodecRegistry registry;

	private final CollectibleCodec<Document> standard;

	private PlainDocumentCodec(CodecRegistry registry) {
		this.registry = registry;
		this.standard = (CollectibleCodec<Document>) registry.get(Document.class);
	}

	/** The registry with this codec for documents, and the registry's codecs for everything else. */
	public static CodecRegistry over(CodecRegistry registry) {
		return CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(new PlainDocumentCodec(registry)), registry);
	}

	@Override
	public void encode(BsonWriter writer, Document document, EncoderContext context) {
		// As the driver's codec: a document stored on its own (not nested) has its id first.
		boolean idFirst = context.isEncodingCollectibleDocument() && document.containsKey(ID);
		writer.writeStartDocument();
		if (idFirst) {
			writer.writeName(ID);
			writeValue(writer, document.get(ID), context);
		}
		for (Map.Entry<String, Object> field : document.entrySet()) {
			if (idFirst && field.getKey().equals(ID)) {
				continue;
			}
			writer.writeName(field.getKey());
			writeValue(writer, field.getValue(), context);
		}
		writer.writeEndDocument();
	}

	private void writeValue(BsonWriter writer, Object value, EncoderContext context) {
		if (value == null) {
			writer.writeNull();
		}
		else if (value instanceof String text) {
			writer.writeString(text);
		}
		else if (value instanceof Integer number) {
			writer.writeInt32(number);
		}
		else if (value instanceof Long number) {
			writer.writeInt64(number);
		}
		else if (value instanceof Double number) {
			writer.writeDouble(number);
		}
		else if (value instanceof Boolean flag) {
			writer.writeBoolean(flag);
		}
		else if (value.getClass() == Date.class) {
			writer.writeDateTime(((Date) value).getTime());
		}
		else if (value instanceof ObjectId id) {
			writer.writeObjectId(id);
		}
		else if (value instanceof Decimal128 decimal) {
			writer.writeDecimal128(decimal);
		}
		else if (value.getClass() == Document.class) {
			encode(writer, (Document) value, EncoderContext.builder().build());
		}
		else if (value instanceof List<?> values) {
			writer.writeStartArray();
			for (Object each : values) {
				writeValue(writer, each, context);
			}
			writer.writeEndArray();
		}
		else {
			encodeByRegistry(writer, value, context);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> void encodeByRegistry(BsonWriter writer, T value, EncoderContext context) {
		context.encodeWithChildContext((Codec<T>) registry.get(value.getClass()), writer, value);
	}

	@Override
	public Document decode(BsonReader reader, DecoderContext context) {
		return standard.decode(reader, context);
	}

	@Override
	public Class<Document> getEncoderClass() {
		return Document.class;
	}

	@Override
	public Document generateIdIfAbsentFromDocument(Document document) {
		return standard.generateIdIfAbsentFromDocument(document);
	}

	@Override
	public boolean documentHasId(Document document) {
		return standard.documentHasId(document);
	}

	@Override
	public BsonValue getDocumentId(Document document) {
		return standard.getDocumentId(document);
	}

}
