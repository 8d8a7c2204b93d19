package io.membergraph.analytics;

import java.util.Arrays;
import java.util.List;

/** The median as analyses report it: the middle value, or the mean of the two middle values; null for none. */
final class Medians {

	private Medians() {
	}

	static Double of(List<Long> values) {
		if (values.isEmpty()) {
			return null;
		}
		long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? (double) sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
	}

}
