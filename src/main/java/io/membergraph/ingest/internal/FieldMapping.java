package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.membergraph.commerce.Order;
import io.membergraph.shared.InvalidInputException.Problem;

/**
 * Where each field of an import comes from, so a third party's export loads without code changes:
 * <ul>
 * <li>a column: {@code "phone": "手机号"} (or {@code {"column": "手机号"}});</li>
 * <li>a column whose codes the file writes its own way, translated: {@code "type": {"column": "event", "values":
 * {"view": "BROWSE", "transaction": "PAY"}}} (codes match whatever their case; a value the table does not name is
 * read as written);</li>
 * <li>columns joined, as exports split a name: {@code "name": {"columns": ["First Name", "Last Name"]}} (with a
 * space, or the {@code "separator"} given: {@code ""} for 姓 and 名; an order number's with {@code -});</li>
 * <li>the first of several columns that is not blank, as a shop leaves a gift card's SKU empty: {@code "sku":
 * {"firstOf": ["Lineitem sku", "Lineitem name"]}};</li>
 * <li>a constant for the whole file: {@code "channel": {"value": "WEB"}};</li>
 * <li>another field's value: {@code "paidAt": {"sameAs": "placedAt"}};</li>
 * <li>nothing said: a column of the field's own name, if the file has one.</li>
 * </ul>
 * Checked as a whole against the import's fields and the file's header before any row is read.
 */
public final class FieldMapping {

	/** Where one field comes from. */
	sealed interface Source permits Column, Joined, Constant, SameAs {
	}

	/**
	 * @param values the file's codes (in lower case: they match whatever the case) and what each means here; empty
	 * when the column is read as written
	 */
	record Column(String name, Map<String, String> values) implements Source {

		Column(String name) {
			this(name, Map.of());
		}

		String translated(String raw) {
			if (raw == null || values.isEmpty()) {
				return raw;
			}
			return values.getOrDefault(raw.strip().toLowerCase(Locale.ROOT), raw);
		}

	}

	/**
	 * Fields that hold an order's number, which may hold letters, digits and {@code _-./#} only: columns joined
	 * into one (a customer and a day, where a log has no order number) are joined with {@code -}, not a space.
	 */
	private static final Set<String> REFERENCES = Set.of("orderNumber", "originalOrderNumber");

	private static final Pattern REFERENCE_SEPARATOR = Pattern.compile("[" + Order.NUMBER_CHARACTERS + "]*");

	/** Enough for any code list (channels, statuses, event names); a longer table is a lookup, not a mapping. */
	static final int MAX_TRANSLATIONS = 1_000;

	static final int MAX_TRANSLATION_LENGTH = 200;

	/**
	 * Columns read together, blank ones left out: all of them joined, or only the first ({@code firstOnly}); null
	 * when every one is blank.
	 */
	record Joined(List<String> columns, String separator, boolean firstOnly) implements Source {

		String join(SourceRow row) {
			List<String> parts = columns.stream()
				.map(row.values()::get)
				.filter(part -> part != null && !part.isBlank())
				.map(String::strip)
				.toList();
			if (parts.isEmpty()) {
				return null;
			}
			return firstOnly ? parts.get(0) : String.join(separator, parts);
		}

	}

	static final int MAX_JOINED_COLUMNS = 5;

	/** A header of one or two names is most often a report's title above the real one. */
	private static final String TITLE_HINT = " (if the column names are on a later row, below a report's title, give "
			+ "headerRow)";

	/** Separators a file may use, with the name {@code delimiter} takes, the likeliest first. */
	private static final List<Map.Entry<Character, String>> SEPARATORS = List.of(Map.entry(';', "semicolon"),
			Map.entry('\t', "tab"), Map.entry('|', "pipe"), Map.entry(',', "comma"));

	/**
	 * Why a header may lack the columns a mapping names: one name holding a separator is a file read with another
	 * one; one or two names are most often a report's title.
	 */
	/** A file's columns for a message: all of a usual file's, the first of a very wide one's. */
	static String listed(Collection<String> columns) {
		int shown = 60;
		return columns.size() <= shown ? columns.toString()
				: columns.stream().limit(shown).toList().toString().replaceFirst("]$", ", ... (" + (columns.size() - shown)
						+ " more)]");
	}

	private static String hintFor(Collection<String> columns) {
		if (columns.size() == 1) {
			String only = columns.iterator().next();
			for (Map.Entry<Character, String> separator : SEPARATORS) {
				if (only.indexOf(separator.getKey()) >= 0) {
					return " (the header was read as one column; its names are separated by "
							+ (separator.getKey() == '\t' ? "tabs" : "'" + separator.getKey() + "'") + ": give delimiter="
							+ separator.getValue() + ")";
				}
			}
		}
		return columns.size() <= 2 ? TITLE_HINT : "";
	}

	record Constant(String value) implements Source {
	}

	record SameAs(String field) implements Source {
	}

	/** A mapping for tests and code that read files of our own field names. */
	public static final FieldMapping IDENTITY = new FieldMapping(Map.of());

	private final Map<String, Source> sources;

	private FieldMapping(Map<String, Source> sources) {
		this.sources = Map.copyOf(sources);
	}

	/**
	 * Reads a mapping as JSON gives it (field to a column name, or to an object with one of {@code column},
	 * {@code value}, {@code sameAs}), adding what is wrong to {@code problems}.
	 */
	static FieldMapping parse(Map<String, Object> given, ImportFields fields, List<Problem> problems) {
		Map<String, Source> sources = new LinkedHashMap<>();
		if (given == null) {
			return new FieldMapping(sources);
		}
		if (given.size() > fields.maxEntries()) {
			// More entries than fields: at least one is no field; say so once, not once for each of thousands.
			problems.add(new Problem("mapping", "has " + given.size() + " entries; this import has " + fields.all().size()
					+ " fields: " + fields.all() + attributesNote(fields)));
			return new FieldMapping(sources);
		}
		given.forEach((field, spec) -> {
			String at = "mapping." + field;
			if (!fields.accepts(field)) {
				problems.add(new Problem(at, "is not a field of this import; its fields: " + fields.all()
						+ attributesNote(fields)));
				return;
			}
			Source source = source(field, at, spec, problems);
			if (source instanceof SameAs same && !fields.accepts(same.field())) {
				problems.add(new Problem(at, "sameAs names '" + same.field() + "', which is not a field of this import"));
			}
			else if (source instanceof SameAs same && given.get(same.field()) instanceof Map<?, ?> other
					&& other.containsKey("sameAs")) {
				problems.add(new Problem(at, "sameAs must name a field read from a column or a value, not another sameAs"));
			}
			else if (source != null) {
				sources.put(field, source);
			}
		});
		return new FieldMapping(sources);
	}

	private static String attributesNote(ImportFields fields) {
		return fields.maxEntries() > fields.all().size() ? ", and attributes.<key> for each custom attribute the brand "
				+ "defined (at most " + ImportFields.MAX_ATTRIBUTES + ")" : "";
	}

	private static Source source(String field, String at, Object spec, List<Problem> problems) {
		if (spec instanceof String column) {
			return column.isBlank() ? blank(at, problems) : new Column(column.strip());
		}
		if (spec instanceof Map<?, ?> object && object.containsKey("columns")
				&& (object.size() == 1 || object.size() == 2 && object.containsKey("separator"))) {
			boolean reference = REFERENCES.contains(field);
			Object separator = object.containsKey("separator") ? object.get("separator") : reference ? "-" : " ";
			if (reference && separator instanceof String between && !REFERENCE_SEPARATOR.matcher(between).matches()) {
				problems.add(new Problem(at + ".separator", "'" + between + "' cannot stand in an order number, which "
						+ "holds letters, digits and _-./# only: give \"separator\": \"-\" (the default for it)"));
				return null;
			}
			return joined(at + ".columns", object.get("columns"), separator, false, problems);
		}
		if (spec instanceof Map<?, ?> object && object.size() == 1 && object.containsKey("firstOf")) {
			return joined(at + ".firstOf", object.get("firstOf"), "", true, problems);
		}
		if (spec instanceof Map<?, ?> object && object.size() == 2 && object.containsKey("column")
				&& object.containsKey("values")) {
			return translatedColumn(at, object.get("column"), object.get("values"), problems);
		}
		if (spec instanceof Map<?, ?> object && object.size() == 1) {
			Map.Entry<?, ?> entry = object.entrySet().iterator().next();
			if (entry.getValue() instanceof String text && !text.isBlank()) {
				switch (String.valueOf(entry.getKey())) {
					case "column" -> {
						return new Column(text.strip());
					}
					case "value" -> {
						return new Constant(text.strip());
					}
					case "sameAs" -> {
						return new SameAs(text.strip());
					}
					default -> {
						// Reported below with the shapes that work.
					}
				}
			}
		}
		problems.add(new Problem(at, "must be a column name, {\"column\": \"...\"}, {\"column\": \"...\", \"values\": "
				+ "{\"<as written>\": \"<as meant>\"}}, {\"columns\": [\"...\", \"...\"]}, {\"firstOf\": [\"...\", "
				+ "\"...\"]}, {\"value\": \"...\"} or {\"sameAs\": \"<field>\"}"));
		return null;
	}

	/** {@code at} names the list ({@code mapping.name.columns}, {@code mapping.sku.firstOf}). */
	private static Source joined(String at, Object columns, Object separator, boolean firstOnly, List<Problem> problems) {
		if (!(columns instanceof List<?> names) || names.size() < 2 || names.size() > MAX_JOINED_COLUMNS
				|| names.stream().anyMatch(name -> !(name instanceof String text) || text.isBlank())) {
			problems.add(new Problem(at, "must list 2 to " + MAX_JOINED_COLUMNS + " column names, e.g. "
					+ (firstOnly ? "[\"Lineitem sku\", \"Lineitem name\"]" : "[\"First Name\", \"Last Name\"]")));
			return null;
		}
		if (!(separator instanceof String between) || between.length() > 5) {
			problems.add(new Problem(at.replace(".columns", ".separator"), "must be a text of at most 5 characters, e.g. "
					+ "\" \" or \"\""));
			return null;
		}
		return new Joined(names.stream().map(name -> ((String) name).strip()).toList(), between, firstOnly);
	}

	private static Source translatedColumn(String at, Object column, Object values, List<Problem> problems) {
		if (!(column instanceof String name) || name.isBlank()) {
			problems.add(new Problem(at + ".column", "must name a column"));
			return null;
		}
		if (!(values instanceof Map<?, ?> table) || table.isEmpty() || table.size() > MAX_TRANSLATIONS) {
			problems.add(new Problem(at + ".values", "must be an object of 1 to " + MAX_TRANSLATIONS
					+ " values as the file writes them, each to the value it means, e.g. {\"view\": \"BROWSE\"}"));
			return null;
		}
		Map<String, String> translations = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : table.entrySet()) {
			String written = String.valueOf(entry.getKey()).strip();
			if (written.isEmpty() || written.length() > MAX_TRANSLATION_LENGTH || !(entry.getValue() instanceof String meant)
					|| meant.isBlank() || meant.length() > MAX_TRANSLATION_LENGTH) {
				problems.add(new Problem(at + ".values", "'" + abbreviated(written) + "' must translate to a text of 1 to "
						+ MAX_TRANSLATION_LENGTH + " characters, and be one itself"));
				return null;
			}
			if (translations.put(written.toLowerCase(Locale.ROOT), meant.strip()) != null) {
				problems.add(new Problem(at + ".values", "'" + abbreviated(written) + "' is given twice (codes match "
						+ "whatever their case)"));
				return null;
			}
		}
		return new Column(name.strip(), Map.copyOf(translations));
	}

	private static String abbreviated(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "…";
	}

	private static Source blank(String at, List<Problem> problems) {
		problems.add(new Problem(at, "names no column"));
		return null;
	}

	/**
	 * What is missing for reading a file with these columns: a mapped column the file lacks, a required field
	 * nothing provides. Null columns (a format without a header) skip the column check.
	 */
	List<Problem> check(ImportFields fields, Collection<String> columns) {
		List<Problem> problems = new ArrayList<>();
		if (columns != null) {
			sources.forEach((field, source) -> {
				List<String> read = source instanceof Column column ? List.of(column.name())
						: source instanceof Joined joined ? joined.columns() : List.of();
				for (String name : read) {
					if (!columns.contains(name)) {
						problems.add(new Problem("mapping." + field, "column '" + name + "' is not in the file; its "
								+ "columns are " + listed(columns) + hintFor(columns)));
					}
				}
			});
		}
		Map<String, String> likelyColumns = columns == null ? Map.of() : fields.likelyColumns(columns, this);
		Map<String, UsualColumns.Split> likelySplits = columns == null ? Map.of()
				: fields.likelySplit(columns, this, likelyColumns);
		for (ImportFields.Requirement requirement : fields.required()) {
			if (requirement.when() != null && !isGiven(requirement.when(), columns)) {
				continue;
			}
			boolean provided = requirement.anyOf().stream().anyMatch(field -> provides(field, columns));
			if (!provided) {
				String field = requirement.anyOf().get(0);
				String names = requirement.anyOf().size() == 1 ? "'" + field + "'" : String.join(" or ", requirement.anyOf());
				String likely = likelyColumns.get(field);
				UsualColumns.Split split = likelySplits.get(field);
				problems.add(new Problem("mapping." + field, names + " is required (" + requirement.why() + ")"
						+ (columns == null ? "" : "; the file's columns are " + listed(columns))
						+ (likely == null ? "" : "; its column '" + likely + "' looks like it: map it, {\"" + field
								+ "\": \"" + likely + "\"}")
						+ (split == null ? "" : "; its columns " + split.columns() + " look like it: map them joined, {\""
								+ field + "\": {\"columns\": [\"" + String.join("\", \"", split.columns()) + "\"], \"separator\": \""
								+ split.separator() + "\"}}")
						+ (likely == null && split == null ? orderPerCustomerAndDay(field, likelyColumns) : "")));
			}
		}
		return problems;
	}

	/**
	 * For an order number no column looks like, when the file has a customer and a day: how a purchase log without
	 * order numbers (CDNOW's, Ta-Feng's) makes one, else nothing.
	 */
	private String orderPerCustomerAndDay(String field, Map<String, String> likelyColumns) {
		if (!field.equals("orderNumber")) {
			return "";
		}
		String customer = Stream.of("memberExternalId", "memberId", "memberPhone", "memberEmail")
			.map(name -> columnFor(name, likelyColumns))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		String day = columnFor("placedAt", likelyColumns);
		return customer == null || day == null ? "" : "; a log without order numbers makes one order of each customer's "
				+ "day with the two joined, {\"orderNumber\": {\"columns\": [\"" + customer + "\", \"" + day + "\"]}}";
	}

	/** The one column the mapping reads the field from, else the column that looks like it, else null. */
	private String columnFor(String field, Map<String, String> likelyColumns) {
		return sources.get(field) instanceof Column column ? column.name() : likelyColumns.get(field);
	}

	/** Mapped, or a column of the file bears its name (a file without a header gives only what is mapped). */
	private boolean isGiven(String field, Collection<String> columns) {
		return sources.containsKey(field) || columns != null && columns.contains(field);
	}

	private boolean provides(String field, Collection<String> columns) {
		Source source = sources.get(field);
		if (source == null) {
			return columns == null || columns.contains(field);
		}
		return !(source instanceof SameAs same) || provides(same.field(), columns);
	}

	/** The raw value of a field in a row, as the file writes it. */
	public String value(SourceRow row, String field) {
		Source source = sources.get(field);
		if (source == null) {
			return row.values().get(field);
		}
		if (source instanceof Column column) {
			return column.translated(row.values().get(column.name()));
		}
		if (source instanceof Joined joined) {
			return joined.join(row);
		}
		return source instanceof Constant constant ? constant.value() : value(row, ((SameAs) source).field());
	}

	/** A field's value as the file writes it, before the mapping translates it: what rejects and previews show. */
	public String written(SourceRow row, String field) {
		Source source = sources.get(field);
		if (source instanceof Column column) {
			return row.values().get(column.name());
		}
		return source instanceof SameAs same ? written(row, same.field()) : value(row, field);
	}

	/** Where a field is read from, for reject reports: the column, or how the mapping gives it. */
	public String columnOf(String field) {
		Source source = sources.get(field);
		if (source == null) {
			return field;
		}
		if (source instanceof Column column) {
			return column.name();
		}
		if (source instanceof Joined joined) {
			return String.join(joined.firstOnly() ? " or " : " + ", joined.columns());
		}
		return source instanceof Constant constant ? "(value " + constant.value() + ")" : columnOf(((SameAs) source).field());
	}

	/**
	 * The columns the import reads: those the mapping names, and those named as one of the import's fields (read
	 * when the field is not mapped). The others are never looked at.
	 */
	public Set<String> columnsRead(ImportFields fields) {
		Set<String> read = new java.util.HashSet<>(fields.all());
		read.addAll(mappedColumns());
		return read;
	}

	/** The columns the mapping names. */
	Set<String> mappedColumns() {
		Set<String> read = new java.util.HashSet<>();
		sources.values().forEach(source -> {
			if (source instanceof Column column) {
				read.add(column.name());
			}
			else if (source instanceof Joined joined) {
				read.addAll(joined.columns());
			}
		});
		return read;
	}

	/** The fields mapped to something, for showing the mapping back. */
	Set<String> mappedFields() {
		return sources.keySet();
	}

}
