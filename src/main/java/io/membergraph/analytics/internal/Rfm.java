package io.membergraph.analytics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.RfmSegment;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.TimeBounds;

/**
 * RFM: recency, frequency and monetary value per member, their 1–5 scores and the eight classic segments.
 * Pure arithmetic over member histories; see {@code docs/analytics.md} for the definitions it follows.
 */
public final class Rfm {

	/** The most orders of one member a setting may name. */
	static final int MAX_ORDERS = 1_000_000;

	/** What a member's R, F and M are compared with to call them high or low. */
	enum Reference {

		MEAN, MEDIAN, THRESHOLDS

	}

	/**
	 * How to score and segment.
	 *
	 * @param recencyThreshold with THRESHOLDS: at most this many days is recent
	 * @param frequencyThreshold with THRESHOLDS: at least this many orders is frequent
	 * @param monetaryThreshold with THRESHOLDS: at least this net spend is valuable
	 * @param recencyCuts four ascending day counts for scores instead of quintiles (null: quintiles)
	 * @param frequencyCuts four ascending order counts
	 * @param monetaryCuts four ascending amounts
	 */
	public record Settings(Reference reference, Double recencyThreshold, Double frequencyThreshold,
			Money monetaryThreshold, List<Integer> recencyCuts, List<Integer> frequencyCuts, List<Money> monetaryCuts) {

		public static final Settings DEFAULT = new Settings(Reference.MEAN, null, null, null, null, null, null);

		public Settings {
			reference = reference == null ? Reference.MEAN : reference;
			if (reference == Reference.THRESHOLDS) {
				InvalidInputException.require("recencyThreshold", recencyThreshold);
				InvalidInputException.require("frequencyThreshold", frequencyThreshold);
				InvalidInputException.require("monetaryThreshold", monetaryThreshold);
			}
			InvalidInputException.within("recencyThreshold", recencyThreshold, 0, TimeBounds.MAX_DAYS_BACK);
			InvalidInputException.within("frequencyThreshold", frequencyThreshold, 0, MAX_ORDERS);
			if (monetaryThreshold != null && monetaryThreshold.isNegative()) {
				throw new InvalidInputException("monetaryThreshold", "must not be negative");
			}
			checkCuts("recencyCuts", recencyCuts == null ? null : recencyCuts.stream().map(Integer::longValue).toList(),
					TimeBounds.MAX_DAYS_BACK);
			checkCuts("frequencyCuts", frequencyCuts == null ? null : frequencyCuts.stream().map(Integer::longValue).toList(),
					MAX_ORDERS);
			checkCuts("monetaryCuts", monetaryCuts == null ? null : monetaryCuts.stream().map(Money::minorUnits).toList(),
					Long.MAX_VALUE);
		}

		/** What the segments are cut by, as asked: the reference, and the thresholds with THRESHOLDS. */
		public String cut() {
			return reference == Reference.THRESHOLDS ? "recency " + recencyThreshold + " days, frequency "
					+ frequencyThreshold + ", spend " + monetaryThreshold : "reference " + reference;
		}

		boolean quintiles() {
			return recencyCuts == null && frequencyCuts == null && monetaryCuts == null;
		}

		/** Amounts are bounded by {@link Money}'s own input bounds; day and order counts by {@code max}. */
		private static void checkCuts(String field, List<Long> cuts, long max) {
			if (cuts == null) {
				return;
			}
			if (cuts.size() != 4) {
				throw new InvalidInputException(field, "must be 4 ascending values (the lower bounds of scores 2 to 5)");
			}
			if (max != Long.MAX_VALUE && cuts.stream().anyMatch(cut -> cut < 0 || cut > max)) {
				throw new InvalidInputException(field, "must be between 0 and " + max);
			}
			for (int i = 1; i < cuts.size(); i++) {
				if (cuts.get(i) <= cuts.get(i - 1)) {
					throw new InvalidInputException(field, "must be strictly ascending");
				}
			}
		}

	}

	public record MemberRfm(String memberId, int recencyDays, int frequency, Money monetary, int r, int f, int m,
			RfmSegment segment) {
	}

	record SegmentSummary(RfmSegment segment, int members, Money spend, double memberShare, double spendShare) {
	}

	/**
	 * @param recencyReference the days, orders and spend that divide high from low (the mean, the median or
	 * the given thresholds)
	 */
	public record Result(AnalysisScope scope, Settings settings, double recencyReference, double frequencyReference,
			Money monetaryReference, int members, Money spend, List<SegmentSummary> segments, List<MemberRfm> scored) {
	}

	private Rfm() {
	}

	/** RFM of the members with at least one counted order in the scope. */
	public static Result of(List<CustomerHistory> histories, AnalysisScope scope, Settings settings) {
		List<String> ids = new ArrayList<>();
		List<long[]> values = new ArrayList<>();
		for (CustomerHistory history : histories) {
			CustomerHistory.CountedTotals counted = history.countedTotals(scope);
			if (counted.orders() == 0) {
				continue;
			}
			long recency = scope.asOf().toEpochDay() - counted.lastEpochDay();
			ids.add(history.memberId());
			values.add(new long[] { recency, counted.orders(), counted.netSpendMinor() });
		}
		int n = values.size();
		long[] recencies = column(values, 0);
		long[] frequencies = column(values, 1);
		long[] monetaries = column(values, 2);
		double rRef = reference(recencies, settings.reference(), settings.recencyThreshold());
		double fRef = reference(frequencies, settings.reference(), settings.frequencyThreshold());
		double mRef = reference(monetaries, settings.reference(),
				settings.monetaryThreshold() == null ? null : (double) settings.monetaryThreshold().minorUnits());
		long[] sortedR = recencies.clone();
		long[] sortedF = frequencies.clone();
		long[] sortedM = monetaries.clone();
		Arrays.sort(sortedR);
		Arrays.sort(sortedF);
		Arrays.sort(sortedM);

		List<MemberRfm> scored = new ArrayList<>();
		Map<RfmSegment, long[]> bySegment = new EnumMap<>(RfmSegment.class);
		long total = 0;
		for (int i = 0; i < n; i++) {
			long[] v = values.get(i);
			int r = settings.recencyCuts() != null ? 1 + (int) settings.recencyCuts().stream().filter(c -> c >= v[0]).count()
					: 1 + (int) (5L * countAbove(sortedR, v[0]) / n);
			int f = settings.frequencyCuts() != null ? 1 + (int) settings.frequencyCuts().stream().filter(c -> c <= v[1]).count()
					: 1 + (int) (5L * countBelow(sortedF, v[1]) / n);
			int m = settings.monetaryCuts() != null
					? 1 + (int) settings.monetaryCuts().stream().filter(c -> c.minorUnits() <= v[2]).count()
					: 1 + (int) (5L * countBelow(sortedM, v[2]) / n);
			RfmSegment segment = RfmSegment.of(v[0] <= rRef, v[1] >= fRef, v[2] >= mRef);
			scored.add(new MemberRfm(ids.get(i), (int) v[0], (int) v[1], new Money(v[2]), r, f, m, segment));
			long[] sums = bySegment.computeIfAbsent(segment, s -> new long[2]);
			sums[0]++;
			sums[1] += v[2];
			total += v[2];
		}
		List<SegmentSummary> segments = new ArrayList<>();
		for (RfmSegment segment : RfmSegment.values()) {
			long[] sums = bySegment.getOrDefault(segment, new long[2]);
			segments.add(new SegmentSummary(segment, (int) sums[0], new Money(sums[1]), n == 0 ? 0 : (double) sums[0] / n,
					total == 0 ? 0 : (double) sums[1] / total));
		}
		return new Result(scope, settings, rRef, fRef, new Money(Math.round(mRef)), n, new Money(total), segments,
				scored);
	}

	private static long[] column(List<long[]> rows, int index) {
		return rows.stream().mapToLong(r -> r[index]).toArray();
	}

	private static double reference(long[] values, Reference reference, Double threshold) {
		if (reference == Reference.THRESHOLDS) {
			return threshold;
		}
		if (values.length == 0) {
			return 0;
		}
		if (reference == Reference.MEAN) {
			return Arrays.stream(values).average().orElse(0);
		}
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
	}

	/** How many of the sorted values are strictly below {@code value}. */
	private static int countBelow(long[] sorted, long value) {
		int low = 0;
		int high = sorted.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (sorted[mid] < value) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	/** How many of the sorted values are strictly above {@code value}. */
	private static int countAbove(long[] sorted, long value) {
		return sorted.length - countBelow(sorted, value + 1);
	}

}
