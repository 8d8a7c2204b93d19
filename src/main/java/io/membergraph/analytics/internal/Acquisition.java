package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.Channel;

/**
 * Per period: new members and first-time buyers by channel, and how many of the previous period's customers
 * bought again (retention) or did not (churn).
 */
public final class Acquisition {

	record ChannelCount(Channel channel, int members) {
	}

	/**
	 * @param previousCustomers members with a counted order in the previous period
	 * @param retained those of them with a counted order in this period too
	 */
	record PeriodFigures(LocalDate start, LocalDate end, int newMembers, List<ChannelCount> newMembersByChannel,
			int firstTimeBuyers, List<ChannelCount> firstTimeBuyersByChannel, int customers, int previousCustomers,
			int retained, Double retentionRate, Double churnRate) {
	}

	public record Result(AnalysisScope scope, Period period, List<PeriodFigures> periods) {
	}

	private Acquisition() {
	}

	/** The periods from the one holding {@code from} to the one holding the scope's as-of day. */
	public static Result of(List<CustomerHistory> histories, AnalysisScope scope, Period period, LocalDate from) {
		int count = period.count(from, scope.asOf());
		LocalDate first = period.startOf(from);
		List<LocalDate> starts = new ArrayList<>();
		for (LocalDate start = period.previous(first); starts.size() <= count; start = period.next(start)) {
			starts.add(start);
		}
		Instant end = scope.end();
		// index 0 is the period before the first reported, for its customers
		List<Set<String>> customers = new ArrayList<>();
		List<Map<Channel, Integer>> joined = new ArrayList<>();
		List<Map<Channel, Integer>> firstBuys = new ArrayList<>();
		for (int i = 0; i < starts.size(); i++) {
			customers.add(new HashSet<>());
			joined.add(new EnumMap<>(Channel.class));
			firstBuys.add(new EnumMap<>(Channel.class));
		}
		for (CustomerHistory member : histories) {
			int joinIndex = indexOf(starts, period, scope.dayOf(member.joinedAt()));
			if (joinIndex >= 0 && member.joinedAt().isBefore(end)) {
				joined.get(joinIndex).merge(member.joinChannel(), 1, Integer::sum);
			}
			boolean firstSeen = false;
			for (PaidOrder order : member.orders()) {
				if (!order.placedAt().isBefore(end) || !order.countsAt(end)) {
					continue;
				}
				int index = indexOf(starts, period, scope.dayOf(order.placedAt()));
				if (!firstSeen && index >= 0) {
					firstBuys.get(index).merge(order.channel(), 1, Integer::sum);
				}
				firstSeen = true;
				if (index >= 0) {
					customers.get(index).add(member.memberId());
				}
			}
		}
		List<PeriodFigures> periods = new ArrayList<>();
		for (int i = 1; i < starts.size(); i++) {
			Set<String> previous = customers.get(i - 1);
			int retained = (int) previous.stream().filter(customers.get(i)::contains).count();
			Double retention = previous.isEmpty() ? null : (double) retained / previous.size();
			LocalDate periodEnd = period.next(starts.get(i)).minusDays(1);
			periods.add(new PeriodFigures(starts.get(i), periodEnd.isAfter(scope.asOf()) ? scope.asOf() : periodEnd,
					sum(joined.get(i)), byChannel(joined.get(i)), sum(firstBuys.get(i)), byChannel(firstBuys.get(i)),
					customers.get(i).size(), previous.size(), retained, retention, retention == null ? null : 1 - retention));
		}
		return new Result(scope, period, periods);
	}

	/** The index of the period holding the day among the starts, or -1 outside them. */
	private static int indexOf(List<LocalDate> starts, Period period, LocalDate day) {
		LocalDate start = period.startOf(day);
		if (start.isBefore(starts.get(0)) || start.isAfter(starts.get(starts.size() - 1))) {
			return -1;
		}
		return switch (period) {
			case DAY -> (int) ChronoUnit.DAYS.between(starts.get(0), start);
			case WEEK -> (int) ChronoUnit.WEEKS.between(starts.get(0), start);
			case MONTH -> (int) ChronoUnit.MONTHS.between(starts.get(0), start);
		};
	}

	private static int sum(Map<Channel, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	private static List<ChannelCount> byChannel(Map<Channel, Integer> counts) {
		return counts.entrySet().stream().map(e -> new ChannelCount(e.getKey(), e.getValue())).toList();
	}

}
