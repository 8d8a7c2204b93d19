package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.StringJoiner;

import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.HistoryWindow;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;

/**
 * What every analysis takes: the as-of day, the business time zone its days and months are computed in, an
 * optional look-back window, and filters on the member. Results carry their scope, so a number can be
 * traced to the parameters that produced it.
 *
 * @param asOf the last day counted (inclusive)
 * @param lookbackDays when given, only orders in the last so many days up to {@code asOf} count
 * @param channel only members who joined through this channel
 * @param storeId only orders placed in this store count (the members are not filtered: one without an order
 * there is a prospect of the store)
 * @param segmentId only the members of this saved segment's latest evaluation
 */
public record AnalysisScope(LocalDate asOf, ZoneId zone, Integer lookbackDays, Channel channel, String tier,
		String province, String city, String storeId, String segmentId) implements HistoryWindow {

	public AnalysisScope {
		InvalidInputException.require("asOf", asOf);
		InvalidInputException.require("zone", zone);
		if (lookbackDays != null && (lookbackDays < 1 || lookbackDays > TimeBounds.MAX_DAYS_BACK)) {
			throw new InvalidInputException("lookbackDays", "must be between 1 and " + TimeBounds.MAX_DAYS_BACK);
		}
	}

	/** A scope without a store. */
	public AnalysisScope(LocalDate asOf, ZoneId zone, Integer lookbackDays, Channel channel, String tier, String province,
			String city) {
		this(asOf, zone, lookbackDays, channel, tier, province, city, null, null);
	}

	/** The same day and zone without a look-back window or member filters, keeping the store. */
	@Override
	public AnalysisScope allTime() {
		return new AnalysisScope(asOf, zone, null, null, null, null, null, storeId, null);
	}

	/** Whether the scope keeps some members out (a filter on the member or a segment). */
	boolean filtersMembers() {
		return channel != null || tier != null || province != null || city != null || segmentId != null;
	}

	/** The scope's filters on the member in words ("province 上海, channel WEB"), or "all members" without any. */
	String memberFilters() {
		StringJoiner filters = new StringJoiner(", ");
		if (segmentId != null) {
			filters.add("segment " + segmentId);
		}
		if (channel != null) {
			filters.add("channel " + channel);
		}
		if (tier != null) {
			filters.add("tier " + tier);
		}
		if (province != null) {
			filters.add("province " + province);
		}
		if (city != null) {
			filters.add("city " + city);
		}
		return filters.length() == 0 ? "all members" : filters.toString();
	}

	/**
	 * The scope in words, as a question its answers are remembered by: its filters, its day, its look-back window, its
	 * store and its time zone ("province 上海, as of 2026-11-30, last 30 days, Asia/Shanghai").
	 */
	public String question() {
		return memberFilters() + ", as of " + asOf + (lookbackDays == null ? "" : ", last " + lookbackDays + " days")
				+ (storeId == null ? "" : ", store " + storeId) + (zone == null ? "" : ", " + zone);
	}

	/**
	 * The scope in words but for its day: what answers on several days have in common ("province 上海, last 30 days,
	 * Asia/Shanghai"), for answers remembered by the stretch of time they cover rather than by the as-of day.
	 */
	public String questionOnAnyDay() {
		return memberFilters() + (lookbackDays == null ? "" : ", last " + lookbackDays + " days")
				+ (storeId == null ? "" : ", store " + storeId) + (zone == null ? "" : ", " + zone);
	}

	/** The first instant of the look-back window, or null without one. */
	@Override
	public Instant start() {
		return lookbackDays == null ? null : startOf(asOf.plusDays(1).minusDays(lookbackDays));
	}

	/** The first instant of a day in the scope's zone. */
	public Instant startOf(LocalDate day) {
		return BusinessCalendar.startOf(day, zone);
	}

	boolean admits(CustomerHistory member) {
		return (channel == null || channel == member.joinChannel()) && (tier == null || tier.equals(member.tierCode()))
				&& (province == null || province.equals(member.province())) && (city == null || city.equals(member.city()));
	}

}
