package io.membergraph.store;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A test of dictionary-coded values decided once per code, when a row first has it: a pass over a million rows of
 * a few thousand members decodes and tests each member once, not each row. Negative codes (no value) are decided
 * once too. It remembers what it decided: one instance for one pass over the rows, on one thread.
 */
public final class DecidedPerCode implements IntPredicate {

	private static final byte UNDECIDED = 0;

	private static final byte HOLDS = 1;

	private static final byte FAILS = 2;

	private final IntPredicate decide;

	private byte[] decided = new byte[0];

	private byte decidedForNone = UNDECIDED;

	/** @param decide whether the value of a code (a negative one for none) passes; asked once per code */
	public DecidedPerCode(IntPredicate decide) {
		this.decide = decide;
	}

	@Override
	public boolean test(int code) {
		if (code < 0) {
			if (decidedForNone == UNDECIDED) {
				decidedForNone = decide.test(code) ? HOLDS : FAILS;
			}
			return decidedForNone == HOLDS;
		}
		if (code >= decided.length) {
			decided = Arrays.copyOf(decided, Math.max(code + 1, 2 * decided.length));
		}
		if (decided[code] == UNDECIDED) {
			decided[code] = decide.test(code) ? HOLDS : FAILS;
		}
		return decided[code] == HOLDS;
	}

	/**
	 * Every code below {@code codes} decided now, as a table by code + 1 (index 0 for none) holding 1 where the
	 * test holds and 0 where it fails: for a pass that meets every row anyway, where a count can add the table's
	 * entries instead of branching on each row.
	 */
	public byte[] table(int codes) {
		byte[] table = new byte[codes + 1];
		table[0] = (byte) (test(-1) ? 1 : 0);
		for (int code = 0; code < codes; code++) {
			table[code + 1] = (byte) (test(code) ? 1 : 0);
		}
		return table;
	}

}
