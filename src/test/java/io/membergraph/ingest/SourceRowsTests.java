package io.membergraph.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceRowsTests {

	@Test
	void csvRowsAreReadByHeaderWithQuotesCrlfAndAByteOrderMark() {
		String csv = "\uFEFF会员姓名,手机号,备注\r\n王静,+86 138-1234-5678,\"likes \"\"rose\"\", hates lilies\"\r\n\r\n李强,13900000000,\r\n";
		List<SourceRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), ImportFormat.CSV);
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).number()).isEqualTo(1);
		assertThat(rows.get(0).values()).containsEntry("会员姓名", "王静")
			.containsEntry("手机号", "+86 138-1234-5678")
			.containsEntry("备注", "likes \"rose\", hates lilies");
		assertThat(rows.get(1).number()).isEqualTo(2);
		assertThat(rows.get(1).unreadable()).isNull();
	}

	@Test
	void aCsvRowWithTheWrongNumberOfValuesIsUnreadableButTheNextRowsAreRead() {
		List<SourceRow> rows = read("a,b\n1,2,3\n4,5\n".getBytes(StandardCharsets.UTF_8), ImportFormat.CSV);
		assertThat(rows.get(0).unreadable()).isEqualTo("has 3 values where the header has 2");
		assertThat(rows.get(1).values()).containsEntry("a", "4").containsEntry("b", "5");
	}

	@Test
	void ndjsonRowsAreObjectsAndABrokenLineIsUnreadableWithItsNumber() {
		String ndjson = "{\"phone\":\"13812345678\",\"amount\":12.5,\"tags\":[\"vip\"]}\n\n{not json}\n[1,2]\n{\"phone\":null}\n";
		List<SourceRow> rows = read(ndjson.getBytes(StandardCharsets.UTF_8), ImportFormat.NDJSON);
		assertThat(rows).extracting(SourceRow::number).containsExactly(1L, 2L, 3L, 4L);
		assertThat(rows.get(0).values()).containsEntry("amount", "12.5").containsEntry("tags", "[\"vip\"]");
		assertThat(rows.get(1).unreadable()).startsWith("is not valid JSON");
		assertThat(rows.get(2).unreadable()).isEqualTo("is not a JSON object");
		assertThat(rows.get(3).values()).containsEntry("phone", null);
	}

	@Test
	void gzipIsRecognisedByItsContentNotItsName() throws IOException {
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write("sku,qty\nSK-1001,2\n".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(read(zipped.toByteArray(), ImportFormat.CSV)).singleElement()
			.satisfies(row -> assertThat(row.values()).containsEntry("qty", "2"));
	}

	@Test
	void theFormatComesFromTheRequestOrTheFileName() {
		assertThat(ImportFormat.of(null, "orders-2026.csv.gz")).isEqualTo(ImportFormat.CSV);
		assertThat(ImportFormat.of(null, "events.jsonl")).isEqualTo(ImportFormat.NDJSON);
		assertThat(ImportFormat.of("ndjson", "whatever.txt")).isEqualTo(ImportFormat.NDJSON);
		assertThatThrownBy(() -> ImportFormat.of(null, "members.xlsx")).hasMessageStartingWith("format:");
	}

	private static List<SourceRow> read(byte[] content, ImportFormat format) {
		try (var rows = SourceRows.read(new ByteArrayInputStream(content), format)) {
			return rows.toList();
		}
	}

}
