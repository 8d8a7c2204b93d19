package io.membergraph.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.shared.InvalidInputException;

/**
 * Lifecycle stages as of a day, their distribution, and the transitions between two days.
 */
final class Lifecycle {

	/** NOT_JOINED only appears as the "from" stage of a member who registered between the two days. */
	enum Stage {

		NOT_JOINED, PROSPECT, NEW, ACTIVE, AT_RISK, LAPSED, CHURNED

	}

	/**
	 * Thresholds in days since the last counted order, or, with {@code rhythm}, in multiples of the member's
	 * own median interval between purchase days for members with at least three of them.
	 *
	 * @param newDays a member whose first counted order is at most this many days old is NEW
	 */
	record Settings(int newDays, int activeDays, int atRiskDays, int lapsedDays, boolean rhythm, double activeFactor,
			double atRiskFactor, double lapsedFactor) {

		static final Settings DEFAULT = new Settings(30, 90, 180, 365, false, 1.5, 3, 6);

		Settings {
			if (newDays < 0) {
				throw new InvalidInputException("newDays", "must not be negative");
			}
			if (!(activeDays < atRiskDays && atRiskDays < lapsedDays) || activeDays < 0) {
				throw new InvalidInputException("activeDays", "activeDays < atRiskDays < lapsedDays is required");
			}
			if (!(activeFactor > 0 && activeFactor < atRiskFactor && atRiskFactor < lapsedFactor)) {
				throw new InvalidInputException("activeFactor", "0 < activeFactor < atRiskFactor < lapsedFactor is required");
			}
		}

	}

	record StageCount(Stage stage, int members, double share) {
	}

	record Distribution(AnalysisScope scope, Settings settings, int members, List<StageCount> stages) {
	}

	record Transition(Stage from, Stage to, int members) {
	}

	record Transitions(AnalysisScope from, AnalysisScope to, Settings settings, int members, List<Transition> cells) {
	}

	private Lifecycle() {
	}

	/** The member's stage as of the scope's day, or NOT_JOINED before it registered. */
	static Stage stageOf(MemberHistory member, AnalysisScope scope, Settings settings) {
		if (!member.joinedAt().isBefore(scope.end())) {
			return Stage.NOT_JOINED;
		}
		// Every member on every run: days as numbers, straight from the orders (oldest first).
		List<PaidOrder> orders = member.ordersCounting(scope.allTime());
		if (orders.isEmpty()) {
			return Stage.PROSPECT;
		}
		long asOf = scope.asOf().toEpochDay();
		if (asOf - scope.epochDayOf(orders.get(0).placedAt()) < settings.newDays()) {
			return Stage.NEW;
		}
		long recency = asOf - scope.epochDayOf(orders.get(orders.size() - 1).placedAt());
		if (settings.rhythm() && orders.size() >= 3) {
			long[] days = distinctDays(orders, scope);
			if (days.length >= 3) {
				double interval = medianInterval(days);
				return recency <= settings.activeFactor() * interval ? Stage.ACTIVE
						: recency <= settings.atRiskFactor() * interval ? Stage.AT_RISK
								: recency <= settings.lapsedFactor() * interval ? Stage.LAPSED : Stage.CHURNED;
			}
		}
		return recency <= settings.activeDays() ? Stage.ACTIVE
				: recency <= settings.atRiskDays() ? Stage.AT_RISK
						: recency <= settings.lapsedDays() ? Stage.LAPSED : Stage.CHURNED;
	}

	static Distribution distribution(List<MemberHistory> histories, AnalysisScope scope, Settings settings) {
		Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
		int members = 0;
		for (MemberHistory member : histories) {
			Stage stage = stageOf(member, scope, settings);
			if (stage != Stage.NOT_JOINED) {
				counts.merge(stage, 1, Integer::sum);
				members++;
			}
		}
		List<StageCount> stages = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			if (stage != Stage.NOT_JOINED) {
				int count = counts.getOrDefault(stage, 0);
				stages.add(new StageCount(stage, count, members == 0 ? 0 : (double) count / members));
			}
		}
		return new Distribution(scope, settings, members, stages);
	}

	/** Members registered by the later day, counted by their stage on each day. */
	static Transitions transitions(List<MemberHistory> histories, AnalysisScope from, AnalysisScope to, Settings settings) {
		if (!from.asOf().isBefore(to.asOf())) {
			throw new InvalidInputException("fromDate", "must be before the as-of day");
		}
		int[][] cells = new int[Stage.values().length][Stage.values().length];
		int members = 0;
		for (MemberHistory member : histories) {
			Stage later = stageOf(member, to, settings);
			if (later == Stage.NOT_JOINED) {
				continue;
			}
			cells[stageOf(member, from, settings).ordinal()][later.ordinal()]++;
			members++;
		}
		List<Transition> transitions = new ArrayList<>();
		for (Stage a : Stage.values()) {
			for (Stage b : Stage.values()) {
				if (cells[a.ordinal()][b.ordinal()] > 0) {
					transitions.add(new Transition(a, b, cells[a.ordinal()][b.ordinal()]));
				}
			}
		}
		return new Transitions(from, to, settings, members, transitions);
	}

	/** The days the orders were placed on, each once, in order. */
	private static long[] distinctDays(List<PaidOrder> orders, AnalysisScope scope) {
		long[] days = new long[orders.size()];
		int distinct = 0;
		for (PaidOrder order : orders) {
			long day = scope.epochDayOf(order.placedAt());
			if (distinct == 0 || days[distinct - 1] != day) {
				days[distinct++] = day;
			}
		}
		return Arrays.copyOf(days, distinct);
	}

	/** The median number of days between consecutive purchase days. */
	private static double medianInterval(long[] days) {
		long[] gaps = new long[days.length - 1];
		for (int i = 1; i < days.length; i++) {
			gaps[i - 1] = days[i] - days[i - 1];
		}
		Arrays.sort(gaps);
		int middle = gaps.length / 2;
		return gaps.length % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2.0;
	}

}
