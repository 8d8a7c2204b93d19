package io.membergraph.ingest;

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

		SourceRow held = row.within(Set.of("姓名", "手机号", "name"));

		assertThat(held.values()).containsOnlyKeys("姓名", "手机号").containsEntry("手机号", "13812345678");
		assertThat(held.values().get("姓名")).hasSize(SourceRow.MAX_VALUE + 1).endsWith("…");
		assertThat(held.raw()).hasSize(ImportReject.MAX_KEPT + 1);
		assertThat(held.number()).isEqualTo(7);
	}

	@Test
	void aRowThatHoldsOnlyWhatIsReadIsKeptAsItIs() {
		SourceRow row = new SourceRow(1, Map.of("sku", "SK-1", "quantity", "2"), "SK-1,2", null);

		assertThat(row.within(Set.of("sku", "quantity", "unitPrice"))).isSameAs(row);
	}

}
