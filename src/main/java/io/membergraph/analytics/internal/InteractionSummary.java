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
import io.membergraph.customer.InteractionFacts.Event;

/**
 * Interactions by period, channel and type: how many, by how many members and visitors, and how many of the
 * interacting members bought within a window afterwards; plus points earned through rewarded activities and
 * points redeemed. Definitions: docs/interactions.md.
 */
public final class InteractionSummary {

	public enum Dimension {

		NONE, CHANNEL, TYPE, CHANNEL_AND_TYPE;

		/** Whether rows are split by the interaction's channel. */
		public boolean byChannel() {
			return this == CHANNEL || this == CHANNEL_AND_TYPE;
		}

		/** Whether rows are split by the interaction's type. */
		public boolean byType() {
			return this == TYPE || this == CHANNEL_AND_TYPE;
		}

	}

	/**
	 * @param actors distinct members and anonymous visitors
	 * @param perMember interactions of members per interacting member
	 * @param convertedMembers interacting members with a counted order within the window after their first
	 * interaction of the row
	 */
	public record Row(LocalDate period, String channel, String type, int interactions, int actors, int members,
			Double perMember, int convertedMembers, Double conversionRate) {
	}

	/**
	 * Points moved in a period: earned through rewarded activities (reviews, check-ins, referrals…) and redeemed, by
	 * {@code members} members.
	 */
	public record PeriodPoints(LocalDate period, int members, long earnedThroughActivities, long redeemed) {
	}

	public record Result(AnalysisScope scope, Period period, Dimension by, int conversionWindowDays, List<Row> rows,
			List<PeriodPoints> points) {
	}

	/** One row's tally. */
	private static final class Tally {

		int interactions;

		int memberInteractions;

		final Set<String> actors = new HashSet<>();

		final Map<String, Instant> firstOfMember = new HashMap<>();

	}

	private record Key(LocalDate period, String channel, String type) {
	}

	private InteractionSummary() {
	}

	public static List<Row> rows(List<Event> events, Map<String, CustomerHistory> members, AnalysisScope scope,
			Period period, Dimension by, int windowDays) {
		Map<Key, Tally> tallies = new HashMap<>();
		for (Event event : events) {
			Key key = new Key(period.startOf(scope.dayOf(event.occurredAt())),
					by.byChannel() ? event.channel().name() : null, by.byType() ? event.typeName() : null);
			Tally tally = tallies.computeIfAbsent(key, k -> new Tally());
			tally.interactions++;
			tally.actors.add(event.actor());
			if (event.memberId() != null) {
				tally.memberInteractions++;
				tally.firstOfMember.putIfAbsent(event.memberId(), event.occurredAt());
			}
		}
		Duration window = Duration.ofDays(windowDays);
		Instant end = scope.end();
		Map<Key, Tally> sorted = new TreeMap<>((a, b) -> {
			int byPeriod = a.period().compareTo(b.period());
			if (byPeriod != 0) {
				return byPeriod;
			}
			int byChannel = String.valueOf(a.channel()).compareTo(String.valueOf(b.channel()));
			return byChannel != 0 ? byChannel : String.valueOf(a.type()).compareTo(String.valueOf(b.type()));
		});
		sorted.putAll(tallies);
		List<Row> rows = new ArrayList<>();
		sorted.forEach((key, tally) -> {
			int converted = 0;
			for (Map.Entry<String, Instant> first : tally.firstOfMember.entrySet()) {
				CustomerHistory member = members.get(first.getKey());
				if (member != null && boughtWithin(member, first.getValue(), first.getValue().plus(window), end)) {
					converted++;
				}
			}
			int memberCount = tally.firstOfMember.size();
			rows.add(new Row(key.period(), key.channel(), key.type(), tally.interactions, tally.actors.size(), memberCount,
					memberCount == 0 ? null : (double) tally.memberInteractions / memberCount, converted,
					memberCount == 0 ? null : (double) converted / memberCount));
		});
		return rows;
	}

	/** Whether the member placed an order in [from, until] that counts at the end of the as-of day. */
	private static boolean boughtWithin(CustomerHistory member, Instant from, Instant until, Instant end) {
		for (PaidOrder order : member.orders()) {
			if (order.placedAt().isAfter(until) || !order.placedAt().isBefore(end)) {
				return false;
			}
			if (!order.placedAt().isBefore(from) && order.countsAt(end)) {
				return true;
			}
		}
		return false;
	}

}
