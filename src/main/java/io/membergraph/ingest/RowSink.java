package io.membergraph.ingest;

import java.util.List;
import java.util.Set;

import io.membergraph.ingest.ImportCounts.RowOutcome;

/**
 * Where one import job's rows go. A sink may hold rows back (the lines of an order until the order is
 * complete, a return until its order has been read) and settle them later; every row is settled exactly once,
 * at the latest by {@link #finish}.
 */
interface RowSink {

	/** A row's fate: its outcome, and for a rejected row the field, column and reason. */
	record Settled(SourceRow row, RowOutcome outcome, String field, String column, String reason) {

		static Settled as(SourceRow row, RowOutcome outcome) {
			return new Settled(row, outcome, null, null, null);
		}

	}

	/** Takes a readable, non-duplicate row; returns the rows settled by it (possibly earlier ones). */
	List<Settled> accept(SourceRow row);

	/** Settles whatever is still held at the end of the file. */
	List<Settled> finish();

	/** The fields a mapping may name for this import. */
	Set<String> fields();

}
