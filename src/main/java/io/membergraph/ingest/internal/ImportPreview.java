package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.ingest.ImportJob;
import io.membergraph.shared.InvalidInputException;

/**
 * The first rows of a file as an import would load them, with nothing written: for each row, every field the
 * mapping provides (the column, the value as written, the value cleaned, or why it cannot be cleaned) and what
 * loading would do with the row (load, link, skip as a duplicate, reject and why). Orders are checked as whole
 * orders, so an order whose lines run past the rows previewed is checked with the lines previewed.
 *
 * @param columns the file's columns
 * @param unusedColumns columns no field reads
 */
public record ImportPreview(List<String> columns, List<String> unusedColumns, List<Row> rows) {

	/** One row: its fields and its fate; for a rejected row, the field, column, value and reason. */
	public record Row(long row, String outcome, List<Field> fields, String field, String column, String value,
			String reason) {
	}

	/**
	 * One field of a row. A value beyond {@link #SHOWN} characters is shown by its start and end: a preview shows
	 * what a cell holds, and a cell of 100,000 characters (shown as written and as cleaned) would make the answer
	 * several times the file.
	 */
	public record Field(String field, String column, String value, String cleaned, String problem) {

		public Field {
			value = InvalidInputException.cut(value, SHOWN);
			cleaned = InvalidInputException.cut(cleaned, SHOWN);
		}

	}

	/** The most of a value a preview shows whole; the import itself reads the value whole. */
	static final int SHOWN = 1_000;

	public static ImportPreview of(ImportFiles files, ImportSpec spec, ImportSettings settings, ImportSinks sinks,
			int limit) {
		List<SourceRow> read = new ArrayList<>();
		List<String> columns;
		try {
			columns = files.columns(spec, settings);
			spec.checkColumns(columns);
		}
		catch (ImportFailure unreadable) {
			throw new InvalidInputException("file", unreadable.getMessage());
		}
		try (ExportFile export = files.open(spec, settings)) {
			while (export.hasNext() && read.size() < limit) {
				read.add(export.next());
			}
		}
		catch (ImportFailure unreadable) {
			throw new InvalidInputException("file", unreadable.getMessage());
		}
		RowSink sink = sinks.sinkFor(spec, ImportSinks.ForJob.NONE, true);
		Map<Long, RowSink.Settled> settled = new HashMap<>();
		for (SourceRow row : read) {
			if (row.unreadable() != null) {
				settled.put(row.number(), new RowSink.Settled(row, RowOutcome.REJECTED, "(row)", null, null,
						"row " + row.unreadable()));
			}
			else {
				sink.accept(row).forEach(s -> settled.put(s.row().number(), s));
			}
		}
		sink.finish(batch -> batch.forEach(s -> settled.put(s.row().number(), s)));
		ImportFields fields = ImportFields.of(spec.entity());
		List<String> provided = fields.all().stream()
			.filter(f -> spec.mapping().mappedFields().contains(f) || columns != null && columns.contains(f))
			.toList();
		List<Row> rows = read.stream().map(row -> row(row, settled.get(row.number()), provided, spec)).toList();
		List<String> used = provided.stream().map(spec.mapping()::columnOf).toList();
		List<String> unused = columns == null ? List.of() : columns.stream().filter(c -> !used.contains(c)).toList();
		return new ImportPreview(columns, unused, rows);
	}

	private static Row row(SourceRow row, RowSink.Settled settled, List<String> provided, ImportSpec spec) {
		RowOutcome outcome = settled == null ? RowOutcome.REJECTED : settled.outcome();
		// A row refused for a field whose value cleans well (an order number joined from columns, an order's rule)
		// marks that field too: the field list says where the reason lies, as for a value that does not clean.
		String refusedField = outcome == RowOutcome.REJECTED && settled != null ? settled.field() : null;
		List<Field> fields = new ArrayList<>();
		Reading reading = new Reading(spec.cleaning(), spec.amounts(),
				spec.entity() == ImportJob.ImportEntity.ORDERS ? spec.mapping().value(row, "currency") : null);
		for (String field : provided) {
			String value = spec.mapping().written(row, field);
			String cleaned = null;
			String problem = null;
			try {
				cleaned = clean(field, spec.mapping().value(row, field), reading);
			}
			catch (InvalidInputException ex) {
				problem = ex.reason();
			}
			if (problem == null && field.equals(refusedField)) {
				problem = settled.reason();
			}
			fields.add(new Field(field, spec.mapping().columnOf(field), value, cleaned, problem));
		}
		return new Row(row.number(), outcome.name(), fields, settled == null ? null : settled.field(),
				settled == null ? null : settled.column(), settled == null ? null : InvalidInputException.cut(settled.value(), SHOWN),
				settled == null ? "not settled within the rows previewed" : settled.reason());
	}

	/** How one row's values are read: the file's cleaning and numbers, and the currency the row's amounts are in. */
	private record Reading(Cleaning cleaning, Amounts amounts, String rowCurrency) {
	}

	/** How each kind of field is cleaned, to show the value as it would be stored. */
	private static final Map<String, BiFunction<Reading, String, Object>> CLEANERS = cleaners();

	private static String clean(String field, String value, Reading reading) {
		BiFunction<Reading, String, Object> cleaner = CLEANERS.get(field);
		Object cleaned = cleaner == null ? Cleaning.text(value) : cleaner.apply(reading, value);
		return cleaned == null ? null : cleaned.toString();
	}

	private static Map<String, BiFunction<Reading, String, Object>> cleaners() {
		Map<String, BiFunction<Reading, String, Object>> cleaners = new LinkedHashMap<>();
		for (String field : List.of("placedAt", "paidAt", "shippedAt", "deliveredAt", "completedAt", "cancelledAt",
				"joinedAt", "occurredAt")) {
			cleaners.put(field, (r, v) -> r.cleaning().dateTime(field, v));
		}
		cleaners.put("birthDate", (r, v) -> r.cleaning().date("birthDate", v));
		for (String field : List.of("lineAmount", "discount", "paidAmount", "listPrice")) {
			cleaners.put(field, (r, v) -> r.amounts().amount(field, v, r.rowCurrency()));
		}
		cleaners.put("unitPrice", (r, v) -> {
			java.math.BigDecimal price = r.amounts().unitPrice("unitPrice", v, r.rowCurrency());
			return price == null ? null : price.toPlainString();
		});
		cleaners.put("quantity", (r, v) -> r.amounts().integer("quantity", v));
		cleaners.put("score", (r, v) -> r.amounts().integer("score", v));
		cleaners.put("type", (r, v) -> Cleaning.text(v) == null ? null : InteractionRows.type(v));
		for (String field : List.of("phone", "memberPhone")) {
			cleaners.put(field, (r, v) -> r.cleaning().phone(field, v));
		}
		cleaners.put("email", (r, v) -> Cleaning.email("email", v));
		for (String field : MemberImport.CONSENT_FIELDS.keySet()) {
			cleaners.put(field, (r, v) -> Cleaning.yesOrNo(field, v, MemberImport.SUBSCRIBED, MemberImport.UNSUBSCRIBED));
		}
		for (String field : List.of("orderNumber", "originalOrderNumber", "sku", "externalId", "unionId",
				"memberExternalId", "eventId", "visitorId")) {
			cleaners.put(field, (r, v) -> Cleaning.identifier(field, v));
		}
		cleaners.put("gender", (r, v) -> Cleaning.gender("gender", v));
		cleaners.put("province", (r, v) -> Cleaning.text(v) == null ? null : Cleaning.region(v, null).province());
		cleaners.put("city", (r, v) -> Cleaning.text(v) == null ? null : Cleaning.region(null, v).city());
		for (String field : List.of("channel", "joinChannel")) {
			cleaners.put(field, (r, v) -> Cleaning.text(v) == null ? null : Cleaning.channel(field, v));
		}
		return cleaners;
	}

}
