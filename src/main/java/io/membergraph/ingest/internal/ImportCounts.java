package io.membergraph.ingest.internal;

/** Running counts of an import, as rows are read. */
public record ImportCounts(long read, long loaded, long linked, long duplicates, long rejected) {

	public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);

	public ImportCounts plus(ImportCounts other) {
		return new ImportCounts(read + other.read, loaded + other.loaded, linked + other.linked,
				duplicates + other.duplicates, rejected + other.rejected);
	}

	public ImportCounts plus(RowOutcome outcome) {
		return new ImportCounts(read + 1, loaded + (outcome == RowOutcome.LOADED ? 1 : 0),
				linked + (outcome == RowOutcome.LINKED ? 1 : 0), duplicates + (outcome == RowOutcome.DUPLICATE ? 1 : 0),
				rejected + (outcome == RowOutcome.REJECTED ? 1 : 0));
	}

	/** What became of one row. */
	public enum RowOutcome {

		LOADED, LINKED, DUPLICATE, REJECTED

	}

}
