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

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.loyalty.Referral;
import io.membergraph.shared.Money;

/**
 * "Old brings new": referrals per period, how many referred members bought and what they spent, and whether
 * referring changed what the referrers themselves spend. Definitions: docs/interactions.md.
 */
public final class ReferralEffect {

	/**
	 * @param referrers distinct members who referred someone in the period
	 * @param referred members referred (registered through a referral) in the period
	 * @param referredBuyers referred members with a counted order by the as-of day
	 * @param referredSpend their spend net of refunds, by the as-of day
	 */
	record Row(LocalDate period, int referrers, int referred, int referredBuyers, Money referredSpend) {
	}

	/**
	 * What referrers spent in the {@code days} before their first referral and in the {@code days} after it, counted
	 * only for referrers whose "after" window has ended by the as-of day.
	 */
	record ReferrerSpend(int days, int referrers, Money spendBefore, Money spendAfter, Money averageBefore,
			Money averageAfter) {
	}

	public record Result(AnalysisScope scope, Period period, List<Row> rows, ReferrerSpend referrerSpend) {
	}

	private ReferralEffect() {
	}

	/**
	 * @param restedOn takes what the figures rest on, each of its member: the referrals counted, the referred members'
	 * orders and the referrers' orders in their windows (a MARKETER's answers are set against each other by them)
	 */
	public static Result of(List<Referral> referrals, Map<String, CustomerHistory> members, AnalysisScope scope,
			Period period, LocalDate from, int days, ScopesShown.Records restedOn) {
		Instant start = scope.asOf().isBefore(from) ? scope.end() : scope.startOf(from);
		Instant end = scope.end();
		Map<LocalDate, Set<String>> referrers = new TreeMap<>();
		Map<LocalDate, List<String>> referred = new TreeMap<>();
		for (LocalDate p = period.startOf(from); !p.isAfter(scope.asOf()); p = period.next(p)) {
			referrers.put(p, new HashSet<>());
			referred.put(p, new ArrayList<>());
		}
		Map<String, Instant> firstReferral = new HashMap<>();
		for (Referral referral : referrals) {
			if (!members.containsKey(referral.referrerId()) || !referral.at().isBefore(end)) {
				continue;
			}
			firstReferral.merge(referral.referrerId(), referral.at(), (a, b) -> a.isBefore(b) ? a : b);
			if (!referral.at().isBefore(start)) {
				restedOn.add(referral.referrerId(), identityOf(referral), 0);
				LocalDate p = period.startOf(scope.dayOf(referral.at()));
				referrers.get(p).add(referral.referrerId());
				referred.get(p).add(referral.referredId());
			}
		}
		List<Row> rows = new ArrayList<>();
		referred.forEach((p, ids) -> {
			int buyers = 0;
			long spend = 0;
			for (String id : ids) {
				long own = spend(members.get(id), Instant.MIN, end, end, (order, net) -> restedOn.add(id,
						ScopesShown.Records.identityOf(order), net));
				buyers += own > 0 ? 1 : 0;
				spend += own;
			}
			rows.add(new Row(p, referrers.get(p).size(), ids.size(), buyers, new Money(spend)));
		});
		return new Result(scope, period, rows, referrerSpend(firstReferral, members, end, days, restedOn));
	}

	/**
	 * What each row of {@link #of} rests on, as the periods of the report: the row's referrals, and the orders of the
	 * members they brought in, whenever placed (the row's spend holds them). A week in UTC against the same week in
	 * Beijing's time is the referrals of the hours between, with the spend of the members they brought. A pass of its
	 * own, so that the figures are worked out by the same code for every caller.
	 */
	public static List<ScopesShown.PeriodShown> rowsRestingOn(List<Referral> referrals,
			Map<String, CustomerHistory> members, AnalysisScope scope, Period period, LocalDate from) {
		Instant start = scope.asOf().isBefore(from) ? scope.end() : scope.startOf(from);
		Instant end = scope.end();
		PeriodRecords rows = new PeriodRecords(scope, period, from, from);
		for (Referral referral : referrals) {
			if (!members.containsKey(referral.referrerId()) || !referral.at().isBefore(end)
					|| referral.at().isBefore(start)) {
				continue;
			}
			rows.add(referral.at(), referral.referrerId(), identityOf(referral), 0);
			String id = referral.referredId();
			spend(members.get(id), Instant.MIN, end, end,
					(order, net) -> rows.add(referral.at(), id, ScopesShown.Records.identityOf(order), net));
		}
		return rows.shown(scope);
	}

	/** What tells a referral from its referrer's others: when, and whom it brought in. */
	private static long identityOf(Referral referral) {
		return referral.at().toEpochMilli() * 31 + referral.referredId().hashCode();
	}

	private static ReferrerSpend referrerSpend(Map<String, Instant> firstReferral, Map<String, CustomerHistory> members,
			Instant end, int days, ScopesShown.Records restedOn) {
		Duration window = Duration.ofDays(days);
		int counted = 0;
		long before = 0;
		long after = 0;
		for (Map.Entry<String, Instant> first : firstReferral.entrySet()) {
			Instant at = first.getValue();
			if (at.plus(window).isAfter(end)) {
				continue;
			}
			String id = first.getKey();
			CustomerHistory referrer = members.get(id);
			counted++;
			// Counted (its window over by the as-of day), whether or not it bought: the count tells it too.
			restedOn.add(id, -at.toEpochMilli(), 0);
			// Which side of the first referral an order fell on is part of what it tells.
			before += spend(referrer, at.minus(window), at, end,
					(order, net) -> restedOn.add(id, ScopesShown.Records.identityOf(order) * 2, net));
			after += spend(referrer, at, at.plus(window), end,
					(order, net) -> restedOn.add(id, ScopesShown.Records.identityOf(order) * 2 + 1, net));
		}
		return new ReferrerSpend(days, counted, new Money(before), new Money(after),
				counted == 0 ? null : new Money(before).dividedBy(counted), counted == 0 ? null : new Money(after).dividedBy(counted));
	}

	/**
	 * The member's spend net of refunds by {@code end} on orders placed in [from, until); 0 for unknown members. Each
	 * order counted goes to {@code counted} with its net amount.
	 */
	static long spend(CustomerHistory member, Instant from, Instant until, Instant end,
			java.util.function.ObjLongConsumer<PaidOrder> counted) {
		if (member == null) {
			return 0;
		}
		long spend = 0;
		for (PaidOrder order : member.orders()) {
			if (!order.placedAt().isBefore(from) && order.placedAt().isBefore(until) && order.placedAt().isBefore(end)
					&& order.countsAt(end)) {
				long net = order.paidAmount().minus(order.refundedBefore(end)).minorUnits();
				counted.accept(order, net);
				spend += net;
			}
		}
		return spend;
	}

}
