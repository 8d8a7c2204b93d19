package io.membergraph.ingest.internal;

import java.util.List;
import java.util.function.Consumer;

import io.membergraph.ingest.internal.ImportCounts.RowOutcome;

/**
 * Where one import job's rows go. A sink may hold rows back (the lines of an order until the order is
 * complete, a batch until it is full, a return until its order has been read) and settle them later; every row
 * is settled exactly once, at the latest by {@link #finish}.
 */
public interface RowSink {

	/**
	 * A row's fate: its outcome, and for a rejected row the field, the column it was read from, the value as the
	 * file wrote it and the reason.
	 */
	record Settled(SourceRow row, RowOutcome outcome, String field, String column, String value, String reason) {

		static Settled as(SourceRow row, RowOutcome outcome) {
			return new Settled(row, outcome, null, null, null, null);
		}

		static Settled rejected(SourceRow row, FieldMapping mapping, String field, String reason) {
			return new Settled(row, RowOutcome.REJECTED, field, field == null ? null : mapping.columnOf(field),
					field == null ? null : mapping.written(row, field), reason);
		}

	}

	/** Takes a readable row; returns the rows settled by it (possibly earlier ones). */
	List<Settled> accept(SourceRow row);

	/**
	 * Settles whatever is still held at the end of the file, handing over each batch's rows as it settles: the last
	 * order window of a large file, or the whole of a small one, is most of the work, and the job reports its
	 * progress and moves its resume point as it goes.
	 */
	void finish(Consumer<List<Settled>> settled);

	/**
	 * Whether a resumed job gives it the rows settled before the crash too: an order's lines may lie on both sides
	 * of the resume point, and only the whole order can be recognised as recorded. Other sinks take each row alone
	 * and are given the rows from the resume point on.
	 */
	default boolean readsSettledRows() {
		return false;
	}

	/** The first row still held (read, not settled); every row before it is settled. */
	default long heldFrom() {
		return Long.MAX_VALUE;
	}

}
