package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.analytics.AnalysisScope;

/**
 * The periods of a report from the period holding its first day to the scope's as-of day, with the instants they
 * start in the scope's zone: a moment finds its period by a search of a few epoch milliseconds instead of being
 * turned into a day of the zone, which a report over a million ledger rows did a million times.
 */
public final class PeriodStarts {

	private final List<LocalDate> starts = new ArrayList<>();

	private final long[] millis;

	public PeriodStarts(AnalysisScope scope, Period period, LocalDate from) {
		for (LocalDate start = period.startOf(from); !start.isAfter(scope.asOf()); start = period.next(start)) {
			starts.add(start);
		}
		millis = new long[starts.size()];
		for (int i = 0; i < millis.length; i++) {
			millis[i] = scope.startOf(starts.get(i)).toEpochMilli();
		}
	}

	int size() {
		return starts.size();
	}

	/** The first day of the {@code index}th period. */
	public LocalDate start(int index) {
		return starts.get(index);
	}

	/** The index of the period holding the moment, -1 before the first; the last period runs on. */
	public int indexOf(long epochMilli) {
		int low = 0;
		int high = millis.length - 1;
		int found = -1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (millis[middle] <= epochMilli) {
				found = middle;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return found;
	}

}
