package io.membergraph.ingest.internal;

import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Fails the import once compressed data (a gzip file, a workbook's part) expands beyond
 * {@code membergraph.import.max-expanded}, or, past 8 MiB, beyond {@code max-ratio} times the stored bytes it came
 * from: a bomb, not an export. It never fills memory or keeps a thread busy for nothing.
 */
public final class ExpansionLimit extends CountingStream {

	private static final long RATIO_CHECKED_AFTER = 8L * 1024 * 1024;

	private final LongSupplier stored;

	private final long maxBytes;

	private final int maxRatio;

	private final String what;

	/**
	 * @param stored the stored bytes the data comes from so far (the gzip file read), or in all (a workbook's size)
	 * @param what what expands, for the reason: "the file", "the workbook"
	 */
	ExpansionLimit(InputStream in, LongSupplier stored, ImportSettings limits, String what) {
		super(in);
		this.stored = stored;
		this.maxBytes = limits.maxExpanded().toBytes();
		this.maxRatio = limits.maxRatio();
		this.what = what;
	}

	/** The bytes expanded so far. */
	long expanded() {
		return count();
	}

	@Override
	protected void counted(long bytes) {
		long expanded = count();
		if (expanded > maxBytes) {
			throw new ImportFailure(what + " expands beyond " + maxBytes + " bytes (membergraph.import.max-expanded)");
		}
		if (expanded > RATIO_CHECKED_AFTER && expanded > maxRatio * Math.max(1, stored.getAsLong())) {
			throw new ImportFailure(what + " expands more than " + maxRatio + " times its size: not an export "
					+ "(membergraph.import.max-ratio)");
		}
	}

}
