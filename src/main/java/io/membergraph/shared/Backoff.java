package io.membergraph.shared;

import java.util.function.BooleanSupplier;

/**
 * Waits a moment for what another writer is finishing (a registration between its two writes, another instance's
 * journal): looks after 10, 20, 40... ms, the last pause at most {@code longestPauseMillis}. Without multi-document
 * transactions, the one who comes second sees the first one's work half done for that moment.
 */
public final class Backoff {

	private Backoff() {
	}

	/** True as soon as {@code done} is; false when the pauses ran out, or the thread was interrupted. */
	public static boolean until(BooleanSupplier done, long longestPauseMillis) {
		for (long pause = 10; !done.getAsBoolean(); pause *= 2) {
			if (pause > longestPauseMillis) {
				return false;
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}
