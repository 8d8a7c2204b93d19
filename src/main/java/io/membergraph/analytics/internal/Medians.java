package io.membergraph.analytics.internal;

import java.util.Arrays;
import java.util.List;

/** The median as analyses report it: the middle value, or the mean of the two middle values; null for none. */
public final class Medians {

	private Medians() {
	}

	static Double of(List<Long> values) {
		return of(values.stream().mapToLong(Long::longValue).toArray(), values.size());
	}

	/** The median of the first {@code count} values, which are left as they were. */
	static Double of(long[] values, int count) {
		if (count == 0) {
			return null;
		}
		long[] sorted = Arrays.copyOf(values, count);
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? (double) sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
	}

}
