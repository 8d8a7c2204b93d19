package io.membergraph.ingest.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.InvalidInputException.Problem;

/**
 * The file an import reads and its lookup files, if any: each lookup file adds its columns to the file's rows by
 * the key {@code joinOn} names for it, so orders and their lines exported apart load as one (see
 * {@link LookupTable}). Rows are the file's: its row numbers, its text in the reject report.
 */
public record ImportFiles(Path file, List<LookupTable.File> lookups) {

	public ImportFiles {
		lookups = List.copyOf(lookups);
	}

	static ImportFiles of(Path file) {
		return new ImportFiles(file, List.of());
	}

	/**
	 * The columns of the file and its lookup files together, from their headers, after checking that each lookup
	 * file has its key and that the rows it is joined to have it too. Null when the file's columns cannot be known
	 * before reading (an NDJSON file whose first line is broken).
	 */
	public List<String> columns(ImportSpec spec, ImportSettings limits) {
		checkCount(spec);
		List<String> own;
		try (ExportFile export = ExportFile.open(file, spec, limits)) {
			own = export.columns();
		}
		if (lookups.isEmpty() || own == null) {
			return own;
		}
		List<Problem> problems = new ArrayList<>();
		List<List<String>> theirs = new ArrayList<>();
		for (int i = 0; i < lookups.size(); i++) {
			LookupTable.File lookup = lookups.get(i);
			String key = spec.joinOn().get(i);
			List<String> columns = LookupTable.columns(lookup, spec, limits);
			List<String> before = LookupTable.together(own, theirs);
			if (!columns.contains(key)) {
				problems.add(new Problem("joinOn", lookup.name() + " has no column '" + key + "'; its columns are "
						+ FieldMapping.listed(columns)));
			}
			if (!before.contains(key)) {
				problems.add(new Problem("joinOn", "the rows to look up in " + lookup.name() + " have no column '" + key
						+ "'; their columns are " + FieldMapping.listed(before)));
			}
			theirs.add(columns);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return LookupTable.together(own, theirs);
	}

	/**
	 * The file's rows with the lookup files' columns added. The lookup files are read first, keeping only the
	 * columns the import reads and the keys of the lookups after them.
	 */
	public ExportFile open(ImportSpec spec, ImportSettings limits) {
		checkCount(spec);
		List<LookupTable> tables = new ArrayList<>();
		Set<String> read = spec.mapping().columnsRead(ImportFields.of(spec.entity()));
		for (int i = 0; i < lookups.size(); i++) {
			Set<String> wanted = new HashSet<>(read);
			wanted.addAll(spec.joinOn().subList(i + 1, lookups.size()));
			tables.add(LookupTable.read(lookups.get(i), spec.joinOn().get(i), wanted, spec, limits));
		}
		ExportFile rows = ExportFile.open(file, spec, limits);
		if (tables.isEmpty()) {
			return rows;
		}
		List<List<String>> columns = tables.stream().map(LookupTable::kept).toList();
		return rows.joined(row -> {
			SourceRow joined = row;
			for (LookupTable table : tables) {
				joined = table.join(joined);
			}
			return joined;
		}, rows.columns() == null ? null : LookupTable.together(rows.columns(), columns));
	}

	private void checkCount(ImportSpec spec) {
		if (spec.joinOn().size() != lookups.size()) {
			throw new InvalidInputException("joinOn", "names " + spec.joinOn().size() + " key columns and " + lookups.size()
					+ " lookup files came; give one key column for each lookup file, in the order the files come"
					+ (lookups.isEmpty() ? " (send each as a part named lookup: curl -F file=@lines.csv -F "
							+ "lookup=@orders.csv)" : ""));
		}
	}

}
