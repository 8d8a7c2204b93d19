package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.membergraph.shared.InvalidInputException;

/**
 * A sink that cleans each row as it is read and loads the clean ones in batches of {@code batchRows}: a row that
 * does not clean is rejected at once, the others settle with their batch, in the file's order. A preview loads
 * nothing and settles each row as its batch would.
 *
 * @param <P> a cleaned row waiting for its batch
 */
public abstract class InBatches<P extends InBatches.Cleaned> implements RowSink {

	/** A cleaned row: it remembers the row of the file it came from. */
	interface Cleaned {

		SourceRow row();

	}

	private final FieldMapping mapping;

	private final int batchRows;

	private final boolean dryRun;

	private final List<P> pending = new ArrayList<>();

	InBatches(FieldMapping mapping, int batchRows, boolean dryRun) {
		this.mapping = mapping;
		this.batchRows = batchRows;
		this.dryRun = dryRun;
	}

	/** The row cleaned; throws {@link InvalidInputException} to reject it. */
	abstract P clean(SourceRow row);

	/** What loading the row would do, writing nothing. */
	abstract Settled preview(P row);

	/** Loads the batch; one settled row for each, in the batch's order. */
	abstract List<Settled> load(List<P> batch);

	@Override
	public final List<Settled> accept(SourceRow row) {
		P cleaned;
		try {
			cleaned = clean(row);
		}
		catch (InvalidInputException ex) {
			return List.of(Settled.rejected(row, mapping, ex.field(), ex.reason()));
		}
		if (dryRun) {
			return List.of(preview(cleaned));
		}
		pending.add(cleaned);
		return pending.size() >= batchRows ? flush() : List.of();
	}

	@Override
	public final void finish(Consumer<List<Settled>> settled) {
		if (!pending.isEmpty()) {
			settled.accept(flush());
		}
	}

	@Override
	public final long heldFrom() {
		return pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).row().number();
	}

	private List<Settled> flush() {
		List<Settled> settled = load(List.copyOf(pending));
		pending.clear();
		return settled;
	}

}
