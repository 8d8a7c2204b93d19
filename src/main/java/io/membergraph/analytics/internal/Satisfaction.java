package io.membergraph.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.InteractionFacts.Event;

/**
 * How members feel: NPS and the average score of survey responses, complaints per 1,000 orders with their
 * resolution time, and detractors who have not bought since. Definitions: docs/interactions.md.
 */
public final class Satisfaction {

	public enum Dimension {

		NONE, CHANNEL, TIER

	}

	/** A survey answer's class: promoters 9–10, passives 7–8, detractors 0–6. */
	static boolean promoter(int score) {
		return score >= 9;
	}

	static boolean detractor(int score) {
		return score <= 6;
	}

	/**
	 * @param nps the share of promoters minus the share of detractors, times 100 (−100 to 100)
	 */
	record NpsRow(LocalDate period, String group, int responses, int promoters, int passives, int detractors,
			double nps, double averageScore) {
	}

	/**
	 * @param orders paid orders placed in the period (guests' too), not cancelled
	 * @param buyers the members who placed them: the group the order count describes, as in the sales KPIs
	 * @param medianResolutionHours over the complaints that recorded when they were resolved
	 */
	record ComplaintRow(LocalDate period, int complaints, int orders, int buyers, Double perThousandOrders,
			int resolved, Double medianResolutionHours) {
	}

	/** A paid order counted against complaints: when it was placed, and by which member (null for a guest). */
	public record Placed(Instant at, String memberId) {
	}

	/**
	 * What of the report a query reads, each resting on its own records: the survey answers (the NPS rows), the
	 * complaints and the orders (the complaint rows' figures).
	 */
	public enum Part {

		ANSWERS("nps"), COMPLAINTS("complaints/{complaints,perThousandOrders,resolved,medianResolutionHours}"),
		ORDERS("complaints/{orders,buyers,perThousandOrders}");

		private final String fields;

		Part(String fields) {
			this.fields = fields;
		}

		/** The fields of the result that show it, as a glob of the selection set. */
		public String fields() {
			return fields;
		}

	}

	public record Result(AnalysisScope scope, Period period, Dimension by, List<NpsRow> nps, List<ComplaintRow> complaints,
			int detractorsNotBoughtSince) {
	}

	/** A member whose latest survey answer was a detractor's and who has not bought since. */
	public record Detractor(String memberId, int score, Instant answeredAt, Instant lastOrderAt) {
	}

	private Satisfaction() {
	}

	/** NPS per period and group from the survey responses of the period. */
	public static List<NpsRow> nps(List<Event> surveys, AnalysisScope scope, Period period,
			Function<Event, String> groupOf) {
		Map<LocalDate, Map<String, int[]>> tallies = new TreeMap<>();
		for (Event survey : surveys) {
			int score = survey.score();
			int[] tally = tallies.computeIfAbsent(period.startOf(scope.dayOf(survey.occurredAt())), p -> new TreeMap<>())
				.computeIfAbsent(groupOf.apply(survey), g -> new int[4]);
			tally[promoter(score) ? 0 : detractor(score) ? 2 : 1]++;
			tally[3] += score;
		}
		List<NpsRow> rows = new ArrayList<>();
		tallies.forEach((start, groups) -> groups.forEach((group, t) -> {
			int responses = t[0] + t[1] + t[2];
			rows.add(new NpsRow(start, group, responses, t[0], t[1], t[2], 100.0 * (t[0] - t[2]) / responses,
					(double) t[3] / responses));
		}));
		return rows;
	}

	/** Complaints per period against the period's orders (placing times given). */
	public static List<ComplaintRow> complaints(List<Event> complaints, List<Placed> orders, AnalysisScope scope,
			Period period, LocalDate from) {
		Map<LocalDate, List<Event>> byPeriod = new TreeMap<>();
		Map<LocalDate, Integer> ordersByPeriod = new HashMap<>();
		Map<LocalDate, Set<String>> buyersByPeriod = new HashMap<>();
		for (LocalDate start = period.startOf(from); !start.isAfter(scope.asOf()); start = period.next(start)) {
			byPeriod.put(start, new ArrayList<>());
		}
		complaints.forEach(c -> byPeriod.get(period.startOf(scope.dayOf(c.occurredAt()))).add(c));
		for (Placed order : orders) {
			LocalDate start = period.startOf(scope.dayOf(order.at()));
			ordersByPeriod.merge(start, 1, Integer::sum);
			if (order.memberId() != null) {
				buyersByPeriod.computeIfAbsent(start, s -> new HashSet<>()).add(order.memberId());
			}
		}
		List<ComplaintRow> rows = new ArrayList<>();
		byPeriod.forEach((start, own) -> {
			int orderCount = ordersByPeriod.getOrDefault(start, 0);
			List<Long> hours = new ArrayList<>();
			own.stream()
				.filter(c -> c.resolvedAt() != null && !c.resolvedAt().isBefore(c.occurredAt()))
				.forEach(c -> hours.add(Duration.between(c.occurredAt(), c.resolvedAt()).toMinutes()));
			Double medianMinutes = Medians.of(hours);
			rows.add(new ComplaintRow(start, own.size(), orderCount, buyersByPeriod.getOrDefault(start, Set.of()).size(),
					orderCount == 0 ? null : 1000.0 * own.size() / orderCount, hours.size(),
					medianMinutes == null ? null : medianMinutes / 60));
		});
		return rows;
	}

	/**
	 * Members whose latest answer up to the as-of day was a detractor's, with no order counted since it.
	 *
	 * @param surveys every member survey response up to the end of the as-of day, oldest first
	 */
	public static List<Detractor> detractorsNotBoughtSince(List<Event> surveys, Map<String, CustomerHistory> members,
			AnalysisScope scope) {
		Map<String, Event> latest = new HashMap<>();
		for (Event survey : surveys) {
			if (survey.memberId() != null && members.containsKey(survey.memberId())) {
				latest.put(survey.memberId(), survey);
			}
		}
		Instant end = scope.end();
		List<Detractor> detractors = new ArrayList<>();
		latest.forEach((memberId, answer) -> {
			if (!detractor(answer.score())) {
				return;
			}
			Instant lastOrder = null;
			for (PaidOrder order : members.get(memberId).orders()) {
				if (order.placedAt().isBefore(end) && order.countsAt(end)) {
					lastOrder = order.placedAt();
				}
			}
			if (lastOrder == null || lastOrder.isBefore(answer.occurredAt())) {
				detractors.add(new Detractor(memberId, answer.score(), answer.occurredAt(), lastOrder));
			}
		});
		detractors.sort((a, b) -> a.memberId().compareTo(b.memberId()));
		return detractors;
	}

}
