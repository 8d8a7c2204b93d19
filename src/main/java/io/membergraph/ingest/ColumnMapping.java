package io.membergraph.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.membergraph.shared.InvalidInputException;

/**
 * Which source column feeds which field, so a third party's export loads without code changes: for example
 * {@code {"phone": "手机号", "name": "会员姓名"}}. A field without a mapping is read from a column of its own name.
 */
public record ColumnMapping(Map<String, String> columns) {

	public static final ColumnMapping IDENTITY = new ColumnMapping(Map.of());

	/** A mapping checked against the fields an import knows, so a typo is refused before any row is read. */
	public static ColumnMapping of(Map<String, String> columns, Set<String> knownFields) {
		Map<String, String> checked = new LinkedHashMap<>();
		if (columns != null) {
			columns.forEach((field, column) -> {
				if (!knownFields.contains(field)) {
					throw new InvalidInputException("mapping." + field, "is not a field of this import; known fields: "
							+ knownFields.stream().sorted().toList());
				}
				checked.put(field, InvalidInputException.requireText("mapping." + field, column));
			});
		}
		return new ColumnMapping(Map.copyOf(checked));
	}

	/** The raw value of a field in a row, through the mapping. */
	public String value(SourceRow row, String field) {
		return row.values().get(columns.getOrDefault(field, field));
	}

	/** The source column a field is read from, for reject reasons. */
	public String columnOf(String field) {
		return columns.getOrDefault(field, field);
	}

}
