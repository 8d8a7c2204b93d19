package io.membergraph.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.customer.LoyaltyFacts.Flow;

/** Points issued, redeemed, expired, adjusted and reversed per period, from the ledger. */
final class PointsFlows {

	/** Each figure is the points moved: issued positive, the others as magnitudes of what was taken (adjusted keeps its sign). */
	record PeriodPoints(LocalDate start, long issued, long redeemed, long expired, long adjusted, long reversed) {
	}

	private PointsFlows() {
	}

	/** Per period, the points moved for the given members. */
	static List<PeriodPoints> of(LoyaltyFacts loyalty, Set<String> members, AnalysisScope scope, Period period,
			LocalDate from) {
		period.count(from, scope.asOf());
		LocalDate first = period.startOf(from);
		Map<LocalDate, long[]> sums = new TreeMap<>();
		for (LocalDate start = first; !start.isAfter(scope.asOf()); start = period.next(start)) {
			sums.put(start, new long[Flow.values().length]);
		}
		loyalty.pointsMoved(members, first.atStartOfDay(scope.zone()).toInstant(), scope.end(), (at, moved) -> {
			long[] s = sums.get(period.startOf(scope.dayOf(at)));
			if (s != null) {
				s[moved.getKey().ordinal()] += moved.getKey() == Flow.ISSUED || moved.getKey() == Flow.ADJUSTED
						? moved.getValue() : -moved.getValue();
			}
		});
		List<PeriodPoints> periods = new ArrayList<>();
		sums.forEach((start, s) -> periods.add(new PeriodPoints(start, s[Flow.ISSUED.ordinal()], s[Flow.REDEEMED.ordinal()],
				s[Flow.EXPIRED.ordinal()], s[Flow.ADJUSTED.ordinal()], s[Flow.REVERSED.ordinal()])));
		return periods;
	}

}
