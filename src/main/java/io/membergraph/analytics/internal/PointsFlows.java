package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.DistinctMembers;
import io.membergraph.customer.LoyaltyFacts.Flow;
import io.membergraph.customer.LoyaltyFacts;

/** Points issued, redeemed, expired, adjusted and reversed per period, from the ledger. */
public final class PointsFlows {

	/**
	 * Each figure is the points moved: issued positive, the others as magnitudes of what was taken (adjusted keeps its
	 * sign). {@code members}: those whose points moved in the period, the group the figures describe.
	 */
	public record PeriodPoints(LocalDate start, int members, long issued, long redeemed, long expired, long adjusted,
			long reversed) {
	}

	private PointsFlows() {
	}

	/** Per period, the points moved for the given members. */
	public static List<PeriodPoints> of(LoyaltyFacts loyalty, Set<String> members, AnalysisScope scope, Period period,
			LocalDate from) {
		period.count(from, scope.asOf());
		PeriodStarts periods = new PeriodStarts(scope, period, from);
		long[][] sums = new long[periods.size()][Flow.values().length];
		List<DistinctMembers> moved = new ArrayList<>();
		for (int i = 0; i < periods.size(); i++) {
			moved.add(new DistinctMembers());
		}
		loyalty.pointsMoved(members, scope.startOf(periods.start(0)), scope.end(), (at, flow, points) -> {
			int index = periods.indexOf(at);
			if (index < 0) {
				return null;
			}
			sums[index][flow.ordinal()] += flow == Flow.ISSUED || flow == Flow.ADJUSTED ? points : -points;
			return moved.get(index);
		});
		List<PeriodPoints> result = new ArrayList<>();
		for (int i = 0; i < sums.length; i++) {
			long[] s = sums[i];
			result.add(new PeriodPoints(periods.start(i), moved.get(i).count(), s[Flow.ISSUED.ordinal()],
					s[Flow.REDEEMED.ordinal()], s[Flow.EXPIRED.ordinal()], s[Flow.ADJUSTED.ordinal()],
					s[Flow.REVERSED.ordinal()]));
		}
		return result;
	}

}
