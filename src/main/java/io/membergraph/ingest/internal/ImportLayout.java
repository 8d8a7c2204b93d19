package io.membergraph.ingest.internal;

import java.util.List;

import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.InvalidInputException.Problem;

/**
 * What a file holds and what its import needs, read from the header before any row: the file's columns, each field
 * of the import (required or not, and why), the column that looks like it, and what the mapping given so far still
 * lacks. The console's column mapping is built from it; nothing is written.
 *
 * @param columns the file's columns as its header writes them; empty for a format without a header
 * @param fields every field of the import, in the order of {@link ImportFields}; for members, then each custom
 * attribute the brand defined ({@code attributes.<key>}, its label as {@code why})
 * @param problems what the mapping given with the file still lacks (each names {@code mapping.<field>}); empty when
 * the file can be imported as mapped
 */
public record ImportLayout(List<String> columns, List<Field> fields, List<Problem> problems) {

	/**
	 * One field of the import.
	 *
	 * @param field the field's name, as the mapping names it
	 * @param required whether the import needs it (or one of {@code anyOf})
	 * @param anyOf the fields of which one is required, this one among them; empty when not required
	 * @param why what the field is needed for, when it is required
	 * @param column the file's column the mapping gives the field, else the one that looks like it (the field's own name,
	 * or a name shop systems' exports give it); null when none does
	 * @param split where no one column looks like the field, the columns that give it joined (Shopify's {@code First
	 * Name} and {@code Last Name} for {@code name}), as the mapping's {@code {"columns": [...], "separator": " "}}
	 * takes them; null otherwise
	 */
	public record Field(String field, boolean required, List<String> anyOf, String why, String column,
			UsualColumns.Split split) {
	}

	/**
	 * The layout of the files; {@code attributes} are the brand's custom attributes (key to label) a member import may
	 * map, empty for other imports.
	 */
	public static ImportLayout of(ImportFiles files, ImportSpec spec, ImportSettings settings,
			java.util.Map<String, String> attributes) {
		List<String> columns;
		try {
			List<String> read = files.columns(spec, settings);
			columns = read == null ? List.of() : read;
		}
		catch (ImportFailure unreadable) {
			throw new InvalidInputException("file", unreadable.getMessage());
		}
		ImportFields fields = ImportFields.of(spec.entity());
		java.util.Map<String, String> likely = fields.likelyColumns(columns, spec.mapping());
		java.util.Map<String, UsualColumns.Split> splits = fields.likelySplit(columns, spec.mapping(), likely);
		List<Field> described = fields.all().stream().map(field -> {
			ImportFields.Requirement requirement = fields.required().stream()
				.filter(r -> r.anyOf().contains(field))
				.filter(r -> r.when() == null || spec.mapping().mappedFields().contains(r.when()) || columns.contains(r.when()))
				// One that applies because of another field says more (channel alone, for an externalId).
				.min(java.util.Comparator.comparing(r -> r.when() == null))
				.orElse(null);
			return new Field(field, requirement != null, requirement == null ? List.of() : requirement.anyOf(),
					requirement == null ? null : requirement.why(), columnFor(field, spec.mapping(), columns, likely),
					splits.get(field));
		}).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
		// A column goes to one field: not one mapped already, suggested for a field above or for another attribute.
		java.util.Set<String> taken = new java.util.HashSet<>(spec.mapping().mappedColumns());
		described.forEach(field -> taken.add(field.column()));
		attributes.forEach((key, label) -> {
			String field = ImportFields.ATTRIBUTE + key;
			String column = spec.mapping().mappedFields().contains(field) ? columnFor(field, spec.mapping(), columns, likely)
					: namedLike(columns, key, label, taken);
			taken.add(column);
			described.add(new Field(field, false, List.of(), label, column, null));
		});
		return new ImportLayout(columns, List.copyOf(described),
				spec.mapping().check(fields, columns.isEmpty() ? null : columns));
	}

	/** The column, not taken yet, named as the attribute's key or label is (case, spaces and _ aside); else null. */
	private static String namedLike(List<String> columns, String key, String label, java.util.Set<String> taken) {
		java.util.function.Function<String, String> plain = name -> name.replaceAll("[\\s_-]", "")
			.toLowerCase(java.util.Locale.ROOT);
		return columns.stream()
			.filter(column -> !taken.contains(column))
			.filter(column -> plain.apply(column).equals(plain.apply(key)) || label != null
					&& plain.apply(column).equals(plain.apply(label)))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The column mapped to the field, else the one that looks like it: its own name (case, spaces and _ aside) or a
	 * name exports give it ({@link UsualColumns}).
	 */
	private static String columnFor(String field, FieldMapping mapping, List<String> columns,
			java.util.Map<String, String> likely) {
		if (mapping.mappedFields().contains(field)) {
			String mapped = mapping.columnOf(field);
			return columns.contains(mapped) ? mapped : null;
		}
		return likely.get(field);
	}

}
