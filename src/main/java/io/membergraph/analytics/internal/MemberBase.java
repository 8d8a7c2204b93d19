package io.membergraph.analytics.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.GuestSales;
import io.membergraph.shared.Money;

/**
 * Who the members are and what they bring: by tier (on the as-of day) and by region, members against guests,
 * and how members moved between tiers.
 */
public final class MemberBase {

	/** Members without a tier on the as-of day (not yet welcomed) are counted under this name. */
	static final String NO_TIER = "(none)";

	private static final String UNKNOWN = "(unknown)";

	/**
	 * @param province the city's province, for cities only: a province's members less those of its cities shown
	 * would tell a city withheld, so cities of one province are parts of one group
	 * @param buyers members with a counted order in the scope
	 */
	public record Share(String key, String province, int members, int buyers, int orders, Money spend,
			double memberShare, double spendShare) {
	}

	/** @param memberBuyers members with a counted order in the scope: the group the member figures describe */
	public record SalesSplit(int memberBuyers, int memberOrders, Money memberSpend, int guestOrders, Money guestSpend,
			double memberSpendShare) {
	}

	public record Result(AnalysisScope scope, int members, List<Share> tiers, List<Share> provinces, List<Share> cities,
			SalesSplit sales) {
	}

	public record Migration(String from, String to, int members) {
	}

	private MemberBase() {
	}

	/**
	 * @param tiers each member's tier on the as-of day
	 * @param guests guest sales in the scope's window
	 */
	public static Result of(List<CustomerHistory> histories, AnalysisScope scope, Map<String, String> tiers,
			GuestSales.Totals guests) {
		Map<String, long[]> byTier = new TreeMap<>();
		Map<String, long[]> byProvince = new TreeMap<>();
		Map<String, long[]> byCity = new TreeMap<>();
		Map<String, String> provinceOfCity = new HashMap<>();
		int members = 0;
		int buyers = 0;
		long orders = 0;
		long spend = 0;
		for (CustomerHistory member : histories) {
			if (!member.joinedAt().isBefore(scope.end())) {
				continue;
			}
			members++;
			CustomerHistory.CountedTotals counted = member.countedTotals(scope);
			long memberSpend = counted.netSpendMinor();
			long[] figures = { 1, counted.orders() == 0 ? 0 : 1, counted.orders(), memberSpend };
			add(byTier, tiers.getOrDefault(member.memberId(), NO_TIER), figures);
			String province = member.province() == null ? UNKNOWN : member.province();
			String city = province + " " + (member.city() == null ? UNKNOWN : member.city());
			add(byProvince, province, figures);
			add(byCity, city, figures);
			provinceOfCity.putIfAbsent(city, province);
			buyers += counted.orders() == 0 ? 0 : 1;
			orders += counted.orders();
			spend += memberSpend;
		}
		long total = spend + guests.netSpend().minorUnits();
		SalesSplit sales = new SalesSplit(buyers, (int) orders, new Money(spend), guests.orders(), guests.netSpend(),
				total == 0 ? 0 : (double) spend / total);
		return new Result(scope, members, shares(byTier, Map.of(), members, spend),
				shares(byProvince, Map.of(), members, spend), shares(byCity, provinceOfCity, members, spend), sales);
	}

	/** Members (those the scope admits, registered by the later day) by their tier on each of two days. */
	public static List<Migration> migration(List<CustomerHistory> histories, Map<String, String> before, Map<String, String> after) {
		Map<String, Integer> cells = new TreeMap<>();
		for (CustomerHistory member : histories) {
			String to = after.get(member.memberId());
			if (to == null) {
				continue;
			}
			cells.merge(before.getOrDefault(member.memberId(), NO_TIER) + "\u0000" + to, 1, Integer::sum);
		}
		List<Migration> migrations = new ArrayList<>();
		cells.forEach((key, count) -> {
			String[] pair = key.split("\u0000");
			migrations.add(new Migration(pair[0], pair[1], count));
		});
		return migrations;
	}

	private static void add(Map<String, long[]> sums, String key, long[] figures) {
		long[] s = sums.computeIfAbsent(key, k -> new long[4]);
		for (int i = 0; i < figures.length; i++) {
			s[i] += figures[i];
		}
	}

	private static List<Share> shares(Map<String, long[]> sums, Map<String, String> provinces, int members, long spend) {
		List<Share> shares = new ArrayList<>();
		sums.forEach((key, s) -> shares.add(new Share(key, provinces.get(key), (int) s[0], (int) s[1], (int) s[2], new Money(s[3]),
				members == 0 ? 0 : (double) s[0] / members, spend == 0 ? 0 : (double) s[3] / spend)));
		shares.sort(Comparator.comparingInt(Share::members).reversed().thenComparing(Share::key));
		return shares;
	}

}
