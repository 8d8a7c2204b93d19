package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.LifecycleStage;
import io.membergraph.customer.LifecycleThresholds;
import io.membergraph.shared.InvalidInputException;

/**
 * How many members are in each lifecycle stage ({@link LifecycleStage}) as of a day, and the transitions between
 * two days.
 */
public final class Lifecycle {

	public record StageCount(LifecycleStage stage, int members, double share) {
	}

	public record Distribution(AnalysisScope scope, LifecycleThresholds settings, int members, List<StageCount> stages) {
	}

	public record Transition(LifecycleStage from, LifecycleStage to, int members) {
	}

	public record Transitions(AnalysisScope from, AnalysisScope to, LifecycleThresholds settings, int members, List<Transition> cells) {
	}

	private Lifecycle() {
	}

	public static Distribution distribution(List<CustomerHistory> histories, AnalysisScope scope,
			LifecycleThresholds settings) {
		Map<LifecycleStage, Integer> counts = new EnumMap<>(LifecycleStage.class);
		int members = 0;
		for (CustomerHistory member : histories) {
			LifecycleStage stage = LifecycleStage.of(member, scope, settings);
			if (stage != LifecycleStage.NOT_JOINED) {
				counts.merge(stage, 1, Integer::sum);
				members++;
			}
		}
		List<StageCount> stages = new ArrayList<>();
		for (LifecycleStage stage : LifecycleStage.values()) {
			if (stage != LifecycleStage.NOT_JOINED) {
				int count = counts.getOrDefault(stage, 0);
				stages.add(new StageCount(stage, count, members == 0 ? 0 : (double) count / members));
			}
		}
		return new Distribution(scope, settings, members, stages);
	}

	/** Members registered by the later day, counted by their stage on each day. */
	public static Transitions transitions(List<CustomerHistory> histories, AnalysisScope from, AnalysisScope to, LifecycleThresholds settings) {
		if (!from.asOf().isBefore(to.asOf())) {
			throw new InvalidInputException("fromDate", "must be before the as-of day");
		}
		int[][] cells = new int[LifecycleStage.values().length][LifecycleStage.values().length];
		int members = 0;
		for (CustomerHistory member : histories) {
			LifecycleStage later = LifecycleStage.of(member, to, settings);
			if (later == LifecycleStage.NOT_JOINED) {
				continue;
			}
			cells[LifecycleStage.of(member, from, settings).ordinal()][later.ordinal()]++;
			members++;
		}
		List<Transition> transitions = new ArrayList<>();
		for (LifecycleStage a : LifecycleStage.values()) {
			for (LifecycleStage b : LifecycleStage.values()) {
				if (cells[a.ordinal()][b.ordinal()] > 0) {
					transitions.add(new Transition(a, b, cells[a.ordinal()][b.ordinal()]));
				}
			}
		}
		return new Transitions(from, to, settings, members, transitions);
	}

}
