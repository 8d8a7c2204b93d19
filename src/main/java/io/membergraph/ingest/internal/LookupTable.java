package io.membergraph.ingest.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.shared.InvalidInputException;

/**
 * A file whose rows add their columns to the import's rows that share its key, as shops export orders and their
 * lines apart (Olist's items, orders and customers; Taobao's 宝贝报表 and 订单报表): the lines are the import's file,
 * and the order's customer and dates come from the orders file by the order number. The table is held in memory,
 * only the columns the import reads, at most {@code membergraph.import.max-lookup-rows} rows; a key the table does
 * not have, or has on rows that differ, rejects the rows that name it with the reason.
 */
public final class LookupTable {

	/**
	 * What a lookup row may hold on average, its key and the columns read: a real export's few ids, dates and codes
	 * take a tenth of it; a file of long texts in those columns would otherwise fill memory within the row limit.
	 */
	static final long CHARACTERS_A_ROW = 200;

	/** A lookup file as uploaded: where it is stored and the name it came with. */
	public record File(Path path, String name) {
	}

	private final String name;

	private final String key;

	private final List<String> kept;

	private final Map<String, String[]> rows;

	/** Keys on rows that differ in a column kept: which row belongs is unknown. */
	private final Set<String> ambiguous;

	private LookupTable(String name, String key, List<String> kept, Map<String, String[]> rows, Set<String> ambiguous) {
		this.name = name;
		this.key = key;
		this.kept = kept;
		this.rows = rows;
		this.ambiguous = ambiguous;
	}

	/** The lookup file's columns, from its header; for checking a mapping before any row is read. */
	static List<String> columns(File file, ImportSpec spec, ImportSettings limits) {
		try (ExportFile export = ExportFile.open(file.path(), spec.forLookup(file.name()), limits)) {
			return export.columns() == null ? List.of() : export.columns();
		}
		catch (ImportFailure unreadable) {
			throw new InvalidInputException("lookup", file.name() + ": " + unreadable.getMessage());
		}
	}

	/**
	 * Reads the file's rows by {@code key}, keeping the {@code wanted} columns. A row that cannot be read fails the
	 * import, as a file does: the rows naming its key would otherwise be refused for the wrong reason.
	 */
	public static LookupTable read(File file, String key, Set<String> wanted, ImportSpec spec, ImportSettings limits) {
		try (ExportFile export = ExportFile.open(file.path(), spec.forLookup(file.name()), limits)) {
			if (export.columns() == null) {
				throw new ImportFailure(file.name() + ": its first line cannot be read, so neither can its columns");
			}
			List<String> kept = export.columns().stream().filter(wanted::contains).filter(c -> !c.equals(key)).toList();
			Map<String, String[]> rows = new HashMap<>();
			Set<String> ambiguous = new HashSet<>();
			long budget = limits.maxLookupRows() * CHARACTERS_A_ROW;
			long held = 0;
			while (export.hasNext()) {
				SourceRow row = export.next();
				if (row.unreadable() != null) {
					throw new ImportFailure(file.name() + ": row " + row.number() + " " + row.unreadable()
							+ "; a lookup file must be readable throughout");
				}
				if (row.number() > limits.maxLookupRows()) {
					throw new ImportFailure(file.name() + " has more than " + limits.maxLookupRows() + " rows, which a "
							+ "lookup file may not (it is held in memory; membergraph.import.max-lookup-rows): join the "
							+ "files before importing");
				}
				String id = keyOf(row.values().get(key));
				if (id == null) {
					continue;
				}
				String[] values = kept.stream().map(row.values()::get).map(LookupTable::bounded).toArray(String[]::new);
				held += id.length() + Arrays.stream(values).mapToLong(value -> value == null ? 0 : value.length()).sum();
				if (held > budget) {
					throw new ImportFailure(file.name() + " holds more than " + budget + " characters in the columns the "
							+ "import reads, which a lookup file may not (it is held in memory; " + CHARACTERS_A_ROW
							+ " a row on average, membergraph.import.max-lookup-rows): join the files before importing");
				}
				String[] before = rows.putIfAbsent(id, values);
				if (before != null && !Arrays.equals(before, values)) {
					ambiguous.add(id);
				}
			}
			return new LookupTable(file.name(), key, kept, rows, ambiguous);
		}
		catch (ImportFailure unreadable) {
			throw unreadable.getMessage().startsWith(file.name()) ? unreadable
					: new ImportFailure(file.name() + ": " + unreadable.getMessage(), unreadable);
		}
	}

	/** The columns this table adds to a row. */
	public List<String> kept() {
		return kept;
	}

	/**
	 * The key as the import reads ids: {@code 13085.0} and {@code '13085} find {@code 13085}, as two files a
	 * spreadsheet or pandas wrote differently write one id. Null when blank, or saved in scientific notation: such a
	 * key has lost its digits and finds nothing.
	 */
	private static String keyOf(String value) {
		try {
			return bounded(Cleaning.identifier("joinOn", value));
		}
		catch (InvalidInputException spoilt) {
			return null;
		}
	}

	/** Longer than any field may be: held cut, as the import's own rows are, and refused as too long all the same. */
	private static String bounded(String value) {
		return value == null || value.length() <= SourceRow.MAX_VALUE ? value
				: value.substring(0, SourceRow.MAX_VALUE) + "…";
	}

	/**
	 * The row with this table's columns added (the import's file keeps its own value where both have a column),
	 * or the row unreadable, saying why, when its key finds no single row.
	 */
	SourceRow join(SourceRow row) {
		if (row.unreadable() != null) {
			return row;
		}
		String written = row.values().get(key);
		String id = keyOf(written);
		String[] found = id == null ? null : rows.get(id);
		if (found == null || ambiguous.contains(id)) {
			return new SourceRow(row.number(), row.values(), row.raw(), whyNotFound(written, id, found));
		}
		Map<String, String> values = new LinkedHashMap<>(row.values());
		for (int i = 0; i < kept.size(); i++) {
			if (found[i] != null) {
				values.putIfAbsent(kept.get(i), found[i]);
			}
		}
		return new SourceRow(row.number(), values, row.raw(), null);
	}

	/** Why a row's key finds no single row of this table, as the reject report says it after "row". */
	private String whyNotFound(String written, String id, String[] found) {
		if (id == null && Cleaning.text(written) != null) {
			return "has " + key + " '" + abbreviated(written.strip()) + "', a number a spreadsheet saved in scientific "
					+ "notation: its digits are lost, so it finds nothing in " + name + "; format the column as text and "
					+ "export again";
		}
		if (id == null) {
			return "has no " + key + " to look up in " + name;
		}
		return found == null ? "has " + key + " '" + abbreviated(id) + "', which " + name + " does not have"
				: "has " + key + " '" + abbreviated(id) + "', which " + name + " has on rows that differ: keep one of them";
	}

	private static String abbreviated(String text) {
		return text.length() <= 60 ? text : text.substring(0, 60) + "…";
	}

	/** The columns a set of files gives together, the import's file first, each name once. */
	static List<String> together(List<String> file, List<List<String>> lookups) {
		Set<String> all = new LinkedHashSet<>(file);
		lookups.forEach(all::addAll);
		return List.copyOf(all);
	}

}
