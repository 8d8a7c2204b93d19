package io.membergraph.ingest.internal;

import java.util.List;
import java.util.function.Consumer;

import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.shared.InvalidInputException;

/**
 * A sink whose rows settle one by one, each loaded at once: a row the load refuses is rejected with the field,
 * its source column, the value and the reason, and nothing is held back for the end of the file.
 */
public abstract class RowByRow implements RowSink {

	private final FieldMapping mapping;

	RowByRow(FieldMapping mapping) {
		this.mapping = mapping;
	}

	/** Loads the row; throws {@link InvalidInputException} to reject it. */
	abstract RowOutcome load(SourceRow row);

	@Override
	public final List<Settled> accept(SourceRow row) {
		try {
			return List.of(Settled.as(row, load(row)));
		}
		catch (InvalidInputException ex) {
			return List.of(Settled.rejected(row, mapping, ex.field(), ex.reason()));
		}
	}

	@Override
	public final void finish(Consumer<List<Settled>> settled) {
		// Every row settled as it was read.
	}

}
