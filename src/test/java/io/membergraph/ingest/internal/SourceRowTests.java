package io.membergraph.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows are held until their order or batch settles (up to the order window, 100,000 rows): what they hold is kept
 * to what the import reads, so a wide or padded export costs the memory of a narrow one.
 */
class SourceRowTests {

	@Test
	void aHeldRowKeepsTheColumnsReadValuesNoLongerThanAnyFieldAndTheTextTheReportShows() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("姓名", "x".repeat(100_000));
		values.put("手机号", "13812345678");
		for (int i = 0; i < 500; i++) {
			values.put("unused " + i, "padding");
		}
		SourceRow row = new SourceRow(7, values, "y".repeat(1_000_000), null);

		SourceRow held = row.within(new RowValues.Columns(Set.of("姓名", "手机号", "name")));

		assertThat(held.values()).containsOnlyKeys("姓名", "手机号").containsEntry("手机号", "13812345678");
		assertThat(held.values().get("姓名")).hasSize(SourceRow.MAX_VALUE + 1).endsWith("…");
		assertThat(held.raw()).hasSize(ImportReject.MAX_KEPT + 1);
		assertThat(held.number()).isEqualTo(7);
	}

	/** The held values read as the row's map did: a column without a value in the row is absent, not null. */
	@Test
	void heldValuesReadAsTheRowsOwnMap() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("sku", "SK-1");
		values.put("quantity", "");
		values.put("note", "not read");
		SourceRow row = new SourceRow(1, values, "SK-1,,not read", null);

		Map<String, String> held = row.within(new RowValues.Columns(new java.util.LinkedHashSet<>(
				java.util.List.of("sku", "unitPrice", "quantity")))).values();

		assertThat(held).isEqualTo(Map.of("sku", "SK-1", "quantity", "")).hasSameHashCodeAs(Map.of("sku", "SK-1", "quantity", ""));
		assertThat(held.containsKey("unitPrice")).isFalse();
		assertThat(held.get("unitPrice")).isNull();
		assertThat(held.get("note")).isNull();
		assertThat(held.keySet()).containsExactly("sku", "quantity");
		assertThat(held.entrySet()).hasSize(2);
	}

}
