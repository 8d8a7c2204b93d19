package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.membergraph.analytics.internal.Funnel;
import io.membergraph.analytics.internal.InteractionSummary;
import io.membergraph.analytics.internal.Period;
import io.membergraph.analytics.internal.PeriodRecords;
import io.membergraph.analytics.internal.ScopesShown;
import io.membergraph.analytics.internal.PeriodStarts;
import io.membergraph.analytics.internal.Satisfaction;
import io.membergraph.commerce.Order;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.DistinctMembers;
import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.customer.InteractionFacts;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.customer.OrderFacts;
import io.membergraph.engagement.InteractionType;
import io.membergraph.segment.SegmentMemberships;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Interaction analytics: funnels, interactions by channel and type, and satisfaction. Every figure is an aggregate,
 * so MARKETER reads them all; the members behind a number are for ADMIN and CRM_SPECIALIST.
 */
@Service
public class InteractionAnalytics {

	static final int DEFAULT_FUNNEL_DAYS = 30;

	static final int MAX_SEGMENTS = 10;

	private static final List<InteractionType> ALL_TYPES = List.of(InteractionType.values());

	private static final List<InteractionType> SURVEYS_AND_COMPLAINTS = List.of(InteractionType.SURVEY_RESPONSE,
			InteractionType.COMPLAINT);

	private final InteractionFacts interactions;

	private final ScopedHistories histories;

	private final OrderFacts orders;

	private final LoyaltyFacts loyalty;

	private final SegmentMemberships segments;

	InteractionAnalytics(InteractionFacts interactions, ScopedHistories histories, OrderFacts orders,
			LoyaltyFacts loyalty, SegmentMemberships segments) {
		this.interactions = interactions;
		this.histories = histories;
		this.orders = orders;
		this.loyalty = loyalty;
		this.segments = segments;
	}

	/**
	 * The funnel over the scope's look-back window (30 days when it has none): for everyone, then per entry channel
	 * or per segment. A scope that filters members leaves anonymous visitors out.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<Funnel.Result> funnel(AnalysisScope scope, Funnel.Settings settings, Funnel.Split split,
			List<String> segmentIds) {
		Function<String, List<String>> groupsOf = segmentGroups(split, segmentIds);
		Instant start = scope.start() != null ? scope.start()
				: scope.asOf().minusDays(DEFAULT_FUNNEL_DAYS - 1).atStartOfDay(scope.zone()).toInstant();
		// A visitor seen with a member id in the period, in any interaction, is that member throughout.
		Map<String, String> memberOfVisitor = new HashMap<>();
		interactions.steps(start, scope.end(), ALL_TYPES, (memberId, visitorId, millis, type, channel) -> {
			if (memberId != null && visitorId != null) {
				memberOfVisitor.putIfAbsent(visitorId, memberId);
			}
		});
		Set<String> admitted = scope.filtersMembers() ? histories.byId(scope).keySet() : null;
		histories.refuseDifferingByAFew(scope, "funnel", (LocalDate) null, admitted == null ? Integer.MAX_VALUE : admitted.size(),
				records -> interactions.steps(start, scope.end(), ALL_TYPES, (memberId, visitorId, millis, type, channel) -> {
					if (admitted == null || memberId != null && admitted.contains(memberId)) {
						records.add(memberId != null ? memberId : visitorId, identity(millis, type, channel), 0);
					}
				}));
		Funnel funnel = new Funnel(settings, memberOfVisitor, admitted);
		interactions.steps(start, scope.end(), settings.steps(), funnel::add);
		List<Funnel.Result> results = funnel.results(groupsOf, split == Funnel.Split.CHANNEL);
		if (split == Funnel.Split.SEGMENT) {
			// everyone first, then the segments in the order asked for
			results.subList(1, results.size()).sort(Comparator.comparing(result -> segmentIds.indexOf(result.group())));
		}
		return results;
	}

	private Function<String, List<String>> segmentGroups(Funnel.Split split, List<String> segmentIds) {
		if (split != Funnel.Split.SEGMENT) {
			return actor -> List.of();
		}
		if (segmentIds == null || segmentIds.isEmpty() || segmentIds.size() > MAX_SEGMENTS) {
			throw new InvalidInputException("segmentIds", "a split by segment names 1 to " + MAX_SEGMENTS + " saved segments");
		}
		Map<String, Set<String>> members = new LinkedHashMap<>();
		segmentIds.forEach(id -> members.put(id, segments.memberIdsOf(id)));
		return actor -> members.entrySet().stream().filter(s -> s.getValue().contains(actor)).map(Map.Entry::getKey)
			.toList();
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public InteractionSummary.Result summary(AnalysisScope scope, Period period, LocalDate from,
			InteractionSummary.Dimension by, int windowDays) {
		period.count(from, scope.asOf());
		if (windowDays < 1 || windowDays > Funnel.MAX_WINDOW_DAYS) {
			throw new InvalidInputException("conversionWindowDays", "must be between 1 and " + Funnel.MAX_WINDOW_DAYS);
		}
		Map<String, CustomerHistory> members = histories.byId(scope);
		Instant start = from.atStartOfDay(scope.zone()).toInstant();
		List<Event> events = new ArrayList<>();
		interactions.between(start, scope.end(), event -> {
			if (!scope.filtersMembers() || (event.memberId() != null && members.containsKey(event.memberId()))) {
				events.add(event);
			}
		});
		List<InteractionSummary.Row> rows = InteractionSummary.rows(events, members, scope, period, by, windowDays);
		Map<LocalDate, long[]> points = new LinkedHashMap<>();
		// Whose points moved each period: the group the period's points describe.
		Map<LocalDate, DistinctMembers> pointsOf = new HashMap<>();
		for (LocalDate p = period.startOf(from); !p.isAfter(scope.asOf()); p = period.next(p)) {
			points.put(p, new long[2]);
			pointsOf.put(p, new DistinctMembers());
		}
		loyalty.activityRewards(scope.filtersMembers() ? members.keySet() : null, start, scope.end(),
				(at, flow, earned) -> {
					LocalDate p = period.startOf(scope.dayOf(Instant.ofEpochMilli(at)));
					points.get(p)[0] += earned;
					return pointsOf.get(p);
				});
		PeriodStarts periods = new PeriodStarts(scope, period, from);
		loyalty.pointsMoved(members.keySet(), start, scope.end(), (at, flow, moved) -> {
			if (flow != LoyaltyFacts.Flow.REDEEMED) {
				return null;
			}
			LocalDate p = periods.start(periods.indexOf(at));
			points.get(p)[1] += Math.abs(moved);
			return pointsOf.get(p);
		});
		// The points rows sum activity rewards and redemptions per period: periods cut otherwise (a week against a
		// month) differ by the days between.
		PeriodRecords pointPeriods = histories.guardsCaller() ? new PeriodRecords(scope, period, from, from) : null;
		histories.refuseDifferingByAFew(scope, "interaction summary", from,
				scope.filtersMembers() ? members.size() : Integer.MAX_VALUE,
				records -> {
					events.forEach(event -> records.add(event.actor(), identity(event), 0));
					loyalty.movements(scope.filtersMembers() ? members.keySet() : null, start, scope.end(), movement -> {
						records.add(movement);
						if (movement.forActivity() || movement.flow() == LoyaltyFacts.Flow.REDEEMED) {
							pointPeriods.add(movement);
						}
					});
				});
		if (pointPeriods != null) {
			histories.refusePeriodsDifferingByAFew(scope, "interaction summary points", pointPeriods.shown(scope));
			histories.refusePeriodsDifferingByAFew(scope, "interaction summary",
					rowPeriods(events, scope, period, from, by));
		}
		List<InteractionSummary.PeriodPoints> pointRows = new ArrayList<>();
		points.forEach((p, moved) -> pointRows.add(
				new InteractionSummary.PeriodPoints(p, pointsOf.get(p).count(), moved[0], moved[1])));
		return new InteractionSummary.Result(scope, period, by, windowDays, rows, pointRows);
	}

	/**
	 * @param shown what of the report the caller reads: only those periods are set against those it was shown before
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Satisfaction.Result satisfaction(AnalysisScope scope, Period period, LocalDate from,
			Satisfaction.Dimension by, Set<Satisfaction.Part> shown) {
		period.count(from, scope.asOf());
		Map<String, CustomerHistory> members = histories.byId(scope);
		Instant start = from.atStartOfDay(scope.zone()).toInstant();
		List<Event> surveys = new ArrayList<>();
		List<Event> complaints = new ArrayList<>();
		interactions.between(Instant.EPOCH, scope.end(), SURVEYS_AND_COMPLAINTS, event -> {
			boolean counted = !scope.filtersMembers() || (event.memberId() != null && members.containsKey(event.memberId()));
			if (counted && event.type() == InteractionType.SURVEY_RESPONSE && event.score() != null) {
				surveys.add(event);
			}
			else if (counted && event.type() == InteractionType.COMPLAINT && !event.occurredAt().isBefore(start)) {
				complaints.add(event);
			}
		});
		histories.refuseDifferingByAFew(scope, "satisfaction", from,
				scope.filtersMembers() ? members.size() : Integer.MAX_VALUE,
				records -> {
					surveys.forEach(survey -> records.add(survey.actor(), identity(survey), survey.score()));
					complaints.forEach(complaint -> records.add(complaint.actor(), identity(complaint), 0));
				});
		List<Event> periodSurveys = surveys.stream().filter(s -> !s.occurredAt().isBefore(start)).toList();
		List<Order> paid = (scope.filtersMembers()
				? orders.placedBetween(start, scope.end(), m -> m != null && members.containsKey(m))
				: orders.placedBetween(start, scope.end()))
			.filter(o -> o.paidAt() != null && o.cancelledAt() == null)
			.toList();
		if (histories.guardsCaller()) {
			histories.refusePeriodsDifferingByAFew(scope, "satisfaction",
					satisfactionPeriods(shown.contains(Satisfaction.Part.ANSWERS) ? periodSurveys : List.of(),
							shown.contains(Satisfaction.Part.COMPLAINTS) ? complaints : List.of(),
							shown.contains(Satisfaction.Part.ORDERS) ? paid : List.of(), scope, period, from,
							groupOf(by, members)));
		}
		List<Satisfaction.Placed> placed = paid.stream().map(o -> new Satisfaction.Placed(o.placedAt(), o.memberId()))
			.toList();
		return new Satisfaction.Result(scope, period, by,
				Satisfaction.nps(periodSurveys, scope, period, groupOf(by, members)),
				Satisfaction.complaints(complaints, placed, scope, period, from),
				Satisfaction.detractorsNotBoughtSince(surveys, members, scope).size());
	}

	/** The members behind the detractor count: not for MARKETER. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<Satisfaction.Detractor> detractorsNotBoughtSince(AnalysisScope scope) {
		Map<String, CustomerHistory> members = histories.byId(scope);
		List<Event> surveys = new ArrayList<>();
		interactions.between(Instant.EPOCH, scope.end(), List.of(InteractionType.SURVEY_RESPONSE), event -> {
			if (event.type() == InteractionType.SURVEY_RESPONSE && event.score() != null && event.memberId() != null) {
				surveys.add(event);
			}
		});
		return Satisfaction.detractorsNotBoughtSince(surveys, members, scope);
	}

	/**
	 * The interactions of each row of the summary (a period, with its channel and type when the summary is by them), by
	 * who interacted: a week less this month to date counts the visits of the days between.
	 */
	private static List<ScopesShown.PeriodShown> rowPeriods(List<Event> events, AnalysisScope scope, Period period,
			LocalDate from, InteractionSummary.Dimension by) {
		Map<String, PeriodRecords> rows = new java.util.TreeMap<>();
		for (Event event : events) {
			String group = (by.byChannel() ? event.channel().name() : "") + (by.byChannel() && by.byType() ? " " : "")
					+ (by.byType() ? event.typeName() : "");
			rows.computeIfAbsent(group, g -> new PeriodRecords(scope, period, from, from, g))
				.add(event.occurredAt(), event.actor(), identity(event), 0);
		}
		return PeriodRecords.shown(rows.values(), scope);
	}

	/**
	 * The periods of the satisfaction report, each kind of record apart: the survey answers of each group with their
	 * scores, the complaints with when they were resolved, and the members' paid orders. A week less this month to
	 * date is the answers of the days between, and their average the score of one answer when one member answered.
	 */
	private static List<ScopesShown.PeriodShown> satisfactionPeriods(List<Event> surveys, List<Event> complaints,
			List<Order> paid, AnalysisScope scope, Period period, LocalDate from, Function<Event, String> groupOf) {
		Map<String, PeriodRecords> kinds = new java.util.TreeMap<>();
		for (Event survey : surveys) {
			kinds.computeIfAbsent("answers of " + groupOf.apply(survey),
					kind -> new PeriodRecords(scope, period, from, from, kind))
				.add(survey.occurredAt(), survey.actor(), identity(survey), survey.score());
		}
		PeriodRecords complained = new PeriodRecords(scope, period, from, from, "complaints");
		complaints.forEach(complaint -> complained.add(complaint.occurredAt(), complaint.actor(), identity(complaint),
				complaint.resolvedAt() == null ? 0 : complaint.resolvedAt().toEpochMilli()));
		PeriodRecords bought = new PeriodRecords(scope, period, from, from, "orders");
		paid.forEach(order -> bought.add(order.placedAt(), order.memberId(), ScopesShown.Records.identityOf(order), 0));
		List<PeriodRecords> all = new ArrayList<>(kinds.values());
		all.add(complained);
		all.add(bought);
		return PeriodRecords.shown(all, scope);
	}

	private static long identity(long millis, InteractionType type, Channel channel) {
		return (millis * 32 + type.ordinal()) * 8 + (channel == null ? 7 : channel.ordinal());
	}

	/** What tells an interaction from its actor's others, for the guard against differencing: when, what and where. */
	private static long identity(Event event) {
		return identity(event.occurredAt().toEpochMilli(), event.type(), event.channel());
	}

	private static Function<Event, String> groupOf(Satisfaction.Dimension by, Map<String, CustomerHistory> members) {
		return switch (by) {
			case NONE -> event -> "all";
			case CHANNEL -> event -> event.channel().name();
			case TIER -> event -> {
				CustomerHistory member = event.memberId() == null ? null : members.get(event.memberId());
				return member == null || member.tierCode() == null ? "none" : member.tierCode();
			};
		};
	}

}
