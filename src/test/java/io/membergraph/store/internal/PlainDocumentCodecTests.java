package io.membergraph.store.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.mongodb.MongoClientSettings;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents encoded by {@link PlainDocumentCodec} are byte for byte what the driver's document codec writes: random
 * documents of every value type the registry knows (and some it does not), nested in documents and lists, stored on
 * their own (the id first) or not, under both UUID representations an application may configure.
 */
class PlainDocumentCodecTests {

	@Test
	void randomDocumentsEncodeToTheDriversBytes() {
		for (UuidRepresentation uuids : List.of(UuidRepresentation.STANDARD, UuidRepresentation.JAVA_LEGACY)) {
			CodecRegistry registry = CodecRegistries.withUuidRepresentation(MongoClientSettings.getDefaultCodecRegistry(),
					uuids);
			Codec<Document> drivers = registry.get(Document.class);
			Codec<Document> plain = PlainDocumentCodec.over(registry).get(Document.class);
			assertThat(plain).isInstanceOf(PlainDocumentCodec.class);
			Random random = new Random(20261205);
			int refused = 0;
			for (int i = 0; i < 2_000; i++) {
				Document document = document(random, 0);
				for (boolean stored : List.of(true, false)) {
					EncoderContext context = EncoderContext.builder().isEncodingCollectibleDocument(stored).build();
					Object expected = bytes(drivers, document, context);
					assertThat(bytes(plain, document, context)).as("%s", document).isEqualTo(expected);
					refused += expected instanceof String ? 1 : 0;
				}
			}
			assertThat(refused).as("documents with a value no codec writes, refused alike").isBetween(1, 1_000);
		}
	}

	@Test
	void decodingAndIdsAreTheDriversOwn() {
		CodecRegistry registry = MongoClientSettings.getDefaultCodecRegistry();
		PlainDocumentCodec plain = (PlainDocumentCodec) PlainDocumentCodec.over(registry).get(Document.class);
		Document without = new Document("name", "王伟");

		assertThat(plain.documentHasId(without)).isFalse();
		assertThat(plain.generateIdIfAbsentFromDocument(without).get("_id")).isInstanceOf(ObjectId.class);
		assertThat(plain.getDocumentId(new Document("_id", "M1")).asString().getValue()).isEqualTo("M1");
		Document stored = new Document("_id", 7).append("at", new Date(1_000L))
			.append("lines", List.of(new Document("n", 2L)));
		byte[] encoded = (byte[]) bytes(plain, stored, EncoderContext.builder().build());
		try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(encoded))) {
			assertThat(plain.decode(reader, DecoderContext.builder().build())).isEqualTo(stored);
		}
	}

	/** The encoded bytes, or the refusal's type when a value has no codec. */
	private static Object bytes(Codec<Document> codec, Document document, EncoderContext context) {
		BasicOutputBuffer buffer = new BasicOutputBuffer();
		try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
			codec.encode(writer, document, context);
			return buffer.toByteArray();
		}
		catch (RuntimeException refused) {
			return refused.getClass().getName();
		}
	}

	private static Document document(Random random, int depth) {
		Document document = new Document();
		if (random.nextInt(3) > 0) {
			document.append(random.nextBoolean() ? "_id" : "id", value(random, depth));
		}
		for (int i = random.nextInt(6); i > 0; i--) {
			document.append("f" + random.nextInt(8), value(random, depth));
		}
		if (random.nextInt(4) == 0) {
			document.append("_id", value(random, depth));
		}
		return document;
	}

	private static Object value(Random random, int depth) {
		int kinds = depth < 3 ? 24 : 20;
		return switch (random.nextInt(kinds)) {
			case 0 -> null;
			case 1 -> "text " + random.nextInt(10) + (random.nextBoolean() ? " 王伟" : "");
			case 2 -> random.nextInt();
			case 3 -> random.nextLong();
			case 4 -> random.nextBoolean() ? random.nextDouble() : List.of(Double.NaN, -0.0, 1e300).get(random.nextInt(3));
			case 5 -> random.nextBoolean();
			case 6 -> new Date(random.nextInt(1_000_000) * 1_000L);
			case 7 -> new ObjectId(new Date(random.nextInt(1_000_000) * 1_000L), random.nextInt(1 << 24));
			case 8 -> Decimal128.parse(random.nextInt(100_000) + ".0" + random.nextInt(100));
			case 9 -> new UUID(random.nextLong(), random.nextLong());
			case 10 -> Instant.ofEpochMilli(random.nextInt(1_000_000) * 1_000L);
			case 11 -> BigDecimal.valueOf(random.nextInt(100_000), 2);
			case 12 -> UuidRepresentation.values()[random.nextInt(3)];
			case 13 -> new byte[] {1, 2, (byte) random.nextInt(256)};
			case 14 -> random.nextBoolean() ? new BsonString("bson") : new BsonInt32(random.nextInt(9));
			case 15 -> new java.sql.Timestamp(random.nextInt(1_000_000) * 1_000L);
			case 16 -> (short) random.nextInt(100);
			case 17 -> new Object();
			case 18 -> 'c';
			case 19 -> (float) random.nextInt(100) / 8;
			case 20 -> document(random, depth + 1);
			case 21 -> list(random, depth, new ArrayList<>());
			case 22 -> list(random, depth, new LinkedHashSet<>());
			default -> new LinkedHashMap<>(document(random, depth + 1));
		};
	}

	private static <C extends java.util.Collection<Object>> C list(Random random, int depth, C values) {
		for (int i = random.nextInt(4); i > 0; i--) {
			values.add(value(random, depth + 1));
		}
		return values;
	}

}
