package io.membergraph.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.membergraph.analytics.internal.Acquisition;
import io.membergraph.analytics.internal.CohortRetention;
import io.membergraph.analytics.internal.Lifecycle;
import io.membergraph.analytics.internal.MemberBase;
import io.membergraph.analytics.internal.Period;
import io.membergraph.analytics.internal.PeriodRecords;
import io.membergraph.analytics.internal.PointsFlows;
import io.membergraph.analytics.internal.Repurchase;
import io.membergraph.analytics.internal.Rfm;
import io.membergraph.analytics.internal.SalesKpis;
import io.membergraph.analytics.internal.ScopesShown;
import io.membergraph.analytics.internal.ValueMatrix;
import io.membergraph.commerce.Order;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.GuestSales;
import io.membergraph.customer.LifecycleThresholds;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.customer.OrderFacts;
import io.membergraph.customer.RfmScore;
import io.membergraph.customer.RfmScores;
import io.membergraph.shared.InvalidInputException;
import org.bson.types.ObjectId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The customer analyses, for the roles that may run them. Every analysis reads the members' histories once
 * from the read models and computes in Java.
 */
@Service
public class CustomerAnalytics {

	private final ScopedHistories histories;

	private final RfmScores rfmScores;

	private final Clock clock;

	private final LoyaltyFacts loyalty;

	private final GuestSales guestSales;

	private final OrderFacts orderFacts;

	CustomerAnalytics(ScopedHistories histories, LoyaltyFacts loyalty, GuestSales guestSales, OrderFacts orderFacts,
			RfmScores rfmScores, Clock clock) {
		this.histories = histories;
		this.loyalty = loyalty;
		this.guestSales = guestSales;
		this.orderFacts = orderFacts;
		this.rfmScores = rfmScores;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Rfm.Result rfm(AnalysisScope scope, Rfm.Settings settings) {
		List<CustomerHistory> admitted = histories.in(scope);
		Rfm.Result rfm = Rfm.of(admitted, scope, settings);
		histories.refuseGroupsDifferingByAFew(scope, "RFM", settings.cut(), () -> {
			Map<String, CustomerHistory> byId = new HashMap<>();
			admitted.forEach(member -> byId.put(member.memberId(), member));
			Map<String, List<CustomerHistory>> segments = new java.util.TreeMap<>();
			rfm.scored().forEach(scored -> segments.computeIfAbsent(scored.segment().name(), s -> new ArrayList<>())
				.add(byId.get(scored.memberId())));
			return segments;
		});
		return rfm;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public CohortRetention.Result cohorts(AnalysisScope scope, CohortRetention.Settings settings) {
		List<CustomerHistory> members = histories.in(scope);
		if (histories.guardsCaller()) {
			// Each cohort is set against the cohorts shown before as a period: months in two time zones differ by
			// the members of the hours between.
			histories.refusePeriodsDifferingByAFew(scope, "cohort retention",
					CohortRetention.restingOn(members, scope, settings));
		}
		return CohortRetention.of(members, scope, settings);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public ValueMatrix.Result valueMatrix(AnalysisScope scope, ValueMatrix.Settings settings) {
		List<CustomerHistory> admitted = histories.in(scope);
		ValueMatrix.Result matrix = ValueMatrix.of(admitted, scope, settings);
		histories.refuseGroupsDifferingByAFew(scope, "value matrix", "AOV " + (settings.aovThreshold() == null ? "mean"
				: settings.aovThreshold()) + ", frequency " + (settings.frequencyThreshold() == null ? "mean"
						: settings.frequencyThreshold()), () -> ValueMatrix.buyersByType(admitted, scope, matrix));
		return matrix;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Lifecycle.Distribution lifecycle(AnalysisScope scope, LifecycleThresholds settings) {
		return Lifecycle.distribution(histories.in(scope), scope, settings);
	}

	/** Transitions between the stages on {@code from}'s day and on {@code to}'s; the filters are {@code to}'s. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Lifecycle.Transitions lifecycleTransitions(AnalysisScope from, AnalysisScope to, LifecycleThresholds settings) {
		// The stages on the first day rest on the members and orders up to it: two first days a day apart differ by
		// that day's, like two as-of days.
		histories.refuseDifferingByAFew(new AnalysisScope(from.asOf(), to.zone(), null, to.channel(), to.tier(),
				to.province(), to.city(), to.storeId(), to.segmentId()));
		return Lifecycle.transitions(histories.in(to), from, to, settings);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Repurchase.Result repurchase(AnalysisScope scope, Repurchase.Dimension dimension, int top) {
		return Repurchase.of(histories.in(scope), scope, dimension, top);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Acquisition.Result acquisition(AnalysisScope scope, Period period, LocalDate from) {
		List<CustomerHistory> members = histories.in(scope);
		Acquisition.Result result = Acquisition.of(members, scope, period, from);
		if (histories.guardsCaller()) {
			// Who joined and who bought in each period: a week less this month to date counts the days between.
			PeriodRecords joins = new PeriodRecords(scope, period, from, period.startOf(from), "new members");
			PeriodRecords buyers = new PeriodRecords(scope, period, from, period.startOf(from), "customers");
			for (CustomerHistory member : members) {
				if (member.joinedAt() != null && member.joinedAt().isBefore(scope.end())) {
					joins.add(member.joinedAt(), member.memberId(), member.joinedAt().toEpochMilli(), 0);
				}
				for (io.membergraph.commerce.MemberPurchases.PaidOrder order : member.orders()) {
					if (order.placedAt().isBefore(scope.end()) && order.countsAt(scope.end())) {
						buyers.add(order.placedAt(), member.memberId(), ScopesShown.Records.identityOf(order), 0);
					}
				}
			}
			List<ScopesShown.PeriodShown> periods = new ArrayList<>(joins.shown(scope));
			periods.addAll(buyers.shown(scope));
			histories.refusePeriodsDifferingByAFew(scope, "acquisition", periods);
		}
		return result;
	}

	/** Tier distribution and contribution on the as-of day, regions, and members against guests. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public MemberBase.Result memberBase(AnalysisScope scope) {
		List<CustomerHistory> members = histories.in(scope);
		Map<String, String> tiers = loyalty.tiersBefore(scope.end());
		histories.refuseDifferingByAFew(scope, "member base", (LocalDate) null, members.size(),
				records -> tierRecords(records, members, 0, tiers));
		return MemberBase.of(members, scope, tiers, guestSales.between(scope.start(), scope.end(), scope.storeId()));
	}

	/** Members by their tier at the end of {@code fromDay} and on the as-of day, from the recorded tier changes. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<MemberBase.Migration> tierMigration(AnalysisScope scope, LocalDate fromDay) {
		if (!fromDay.isBefore(scope.asOf())) {
			throw new InvalidInputException("fromDate", "must be before the as-of day");
		}
		Instant fromEnd = scope.startOf(fromDay.plusDays(1));
		List<CustomerHistory> members = histories.in(scope);
		Map<String, String> before = loyalty.tiersBefore(fromEnd);
		Map<String, String> after = loyalty.tiersBefore(scope.end());
		histories.refuseDifferingByAFew(scope, "tier migration", fromDay, members.size(), records -> {
			tierRecords(records, members, 0, before);
			tierRecords(records, members, 1, after);
		});
		return MemberBase.migration(members, before, after);
	}

	/**
	 * Each member's tier on a day as a record of the member, for the guard against differencing: two days a day apart
	 * differ by the members whose tier changed in between (a downgrade at a review follows no order).
	 */
	private static void tierRecords(ScopesShown.Records records, List<CustomerHistory> members, int day,
			Map<String, String> tiers) {
		for (CustomerHistory member : members) {
			String tier = tiers.get(member.memberId());
			records.add(member.memberId(), day * 0x100000000L + (tier == null ? 0 : tier.hashCode() & 0xFFFFFFFFL), 0);
		}
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<PointsFlows.PeriodPoints> pointsFlows(AnalysisScope scope, Period period, LocalDate from) {
		Set<String> members = histories.memberIds(scope);
		// The movements the flows sum: two as-of days of one scope differ by that day's movements, and two periods cut
		// otherwise (a week against a month) by the days between.
		PeriodRecords periods = histories.guardsCaller() ? new PeriodRecords(scope, period, from, period.startOf(from)) : null;
		histories.refuseDifferingByAFew(scope, "points flows", period.startOf(from), members.size(), records -> loyalty.movements(
				scope.filtersMembers() ? members : null, scope.startOf(period.startOf(from)), scope.end(), movement -> {
					records.add(movement);
					periods.add(movement);
				}));
		if (periods != null) {
			histories.refusePeriodsDifferingByAFew(scope, "points flows", periods.shown(scope));
		}
		return PointsFlows.of(loyalty, members, scope, period, from);
	}

	/**
	 * Sales KPIs per period from the orders placed since a year before the first period. With a member filter in
	 * the scope only the admitted members' orders count (and no guest's).
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public SalesKpis.Result salesKpis(AnalysisScope scope, Period period, LocalDate from,
			SalesKpis.Dimension dimension) {
		return salesKpis(scope, period, from, dimension, java.util.EnumSet.allOf(SalesKpis.Column.class));
	}

	/**
	 * The same, of which the caller reads the figures of {@code shown} only: the periods of the others are not set
	 * against those the caller was shown.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public SalesKpis.Result salesKpis(AnalysisScope scope, Period period, LocalDate from,
			SalesKpis.Dimension dimension, Set<SalesKpis.Column> shown) {
		period.count(from, scope.asOf());
		List<CustomerHistory> members = histories.in(scope);
		Map<String, String> provinces = new HashMap<>();
		Map<String, LocalDate> firstDays = new HashMap<>();
		for (CustomerHistory member : members) {
			provinces.put(member.memberId(), member.province() == null ? "(unknown)" : member.province());
			LocalDate first = member.firstOrderDay(scope);
			if (first != null) {
				firstDays.put(member.memberId(), first);
			}
		}
		boolean filtered = scope.filtersMembers();
		java.util.function.Predicate<String> inScope = m -> m != null && provinces.containsKey(m);
		List<Order> orders = new ArrayList<>();
		for (LocalDate[] days : SalesKpis.daysRead(period, from, scope.asOf())) {
			Instant start = scope.startOf(days[0]);
			Instant end = scope.startOf(days[1]);
			if (end.isAfter(scope.end())) {
				end = scope.end();
			}
			// Credit notes refund on their own: their money back counts in refunds and the refund rate.
			java.util.stream.Stream
				.concat(filtered ? orderFacts.placedBetween(start, end, inScope) : orderFacts.placedBetween(start, end),
						orderFacts.creditsBetween(start, end))
				.filter(order -> !filtered || inScope.test(order.memberId()))
				.filter(order -> scope.storeId() == null || scope.storeId().equals(order.storeId()))
				.forEach(orders::add);
		}
		SalesKpis.Computed kpis = SalesKpis.compute(orders, new SalesKpis.Members(provinces, firstDays), scope, period,
				from, dimension, histories.guardsCaller() ? shown : Set.of());
		// Each period shown, set against those shown before: rows of another length or time zone are days apart.
		histories.refusePeriodsDifferingByAFew(scope, "sales KPIs", kpis.periods());
		return kpis.result();
	}

	/** The members behind a number: not for MARKETER. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<Repurchase.DueMember> dueForRepurchase(AnalysisScope scope, Repurchase.Dimension dimension, String key,
			int withinDays) {
		return Repurchase.due(histories.in(scope), scope, dimension, key, withinDays);
	}

	/** The outcome of a scoring run. */
	public record Scoring(String run, Rfm.Result result, int cleared) {
	}

	/**
	 * Scores every member the scope admits and stores each one's RFM on its scores; a member the scope admits
	 * but the run does not score (no counted order) loses an earlier score, so a member's stored score is
	 * always from the latest run that covered it.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Scoring scoreRfm(AnalysisScope scope, Rfm.Settings settings) {
		List<CustomerHistory> members = histories.in(scope);
		Rfm.Result result = Rfm.of(members, scope, settings);
		String run = new ObjectId().toHexString();
		Instant now = clock.instant();
		Map<String, RfmScore> scored = new LinkedHashMap<>();
		for (Rfm.MemberRfm member : result.scored()) {
			scored.put(member.memberId(), new RfmScore(scope.asOf(), scope.lookbackDays(), member.recencyDays(),
					member.frequency(), member.monetary(), member.r(), member.f(), member.m(), member.segment(), now, run));
		}
		int cleared = rfmScores.storeRun(scored, members.stream().map(CustomerHistory::memberId).toList(), now);
		return new Scoring(run, result, cleared);
	}

	/** The member's stored RFM, or null before a scoring run has scored it. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT') or @caller.isMember(#memberId)")
	public RfmScore storedRfm(String memberId) {
		return rfmScores.of(memberId);
	}

	/** {@link #storedRfm} for a page of members in one read, by member id; a member reads only its own. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT') "
			+ "or (#memberIds.size() == 1 and @caller.isMember(#memberIds.iterator().next()))")
	public Map<String, RfmScore> storedRfms(java.util.Collection<String> memberIds) {
		return rfmScores.ofAll(memberIds);
	}

}
