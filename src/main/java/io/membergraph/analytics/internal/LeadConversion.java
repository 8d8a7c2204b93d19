package io.membergraph.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;

/**
 * Leads by source: members who registered in a period, by where they came from, and how many made a first
 * purchase within a window of registering, with the time it took. Definitions: docs/interactions.md.
 */
public final class LeadConversion {

	public enum Source {

		/** The channel the member joined through. */
		JOIN_CHANNEL,
		/** "referral" when another member referred them, else "direct". */
		REFERRAL,
		/** The campaign named on the member's registration, else "none". */
		CAMPAIGN,
		/** The store recorded on the member's registration (its {@code storeId} property), else "none". */
		STORE

	}

	/**
	 * @param leads members who registered in the period from this source
	 * @param converted leads whose first counted order came within the window of registering
	 * @param prospects leads without any counted order by the as-of day
	 * @param medianDaysToFirstPurchase over the converted leads
	 */
	record Row(LocalDate period, String source, int leads, int converted, Double conversionRate, int prospects,
			Double medianDaysToFirstPurchase) {
	}

	public record Result(AnalysisScope scope, Period period, Source by, int windowDays, List<Row> rows) {
	}

	private LeadConversion() {
	}

	public static List<Row> rows(List<CustomerHistory> members, AnalysisScope scope, Period period, LocalDate from,
			int windowDays, Function<CustomerHistory, String> sourceOf) {
		Instant start = from.atStartOfDay(scope.zone()).toInstant();
		Instant end = scope.end();
		Duration window = Duration.ofDays(windowDays);
		Map<LocalDate, Map<String, List<Long>>> cells = new TreeMap<>();
		Map<LocalDate, Map<String, int[]>> counts = new TreeMap<>();
		for (CustomerHistory member : members) {
			if (member.joinedAt() == null || member.joinedAt().isBefore(start) || !member.joinedAt().isBefore(end)) {
				continue;
			}
			LocalDate p = period.startOf(scope.dayOf(member.joinedAt()));
			String source = sourceOf.apply(member);
			int[] count = counts.computeIfAbsent(p, k -> new TreeMap<>()).computeIfAbsent(source, s -> new int[3]);
			List<Long> minutes = cells.computeIfAbsent(p, k -> new TreeMap<>()).computeIfAbsent(source, s -> new ArrayList<>());
			count[0]++;
			Instant first = firstOrder(member, end);
			if (first == null) {
				count[2]++;
			}
			else if (!first.isAfter(member.joinedAt().plus(window))) {
				count[1]++;
				minutes.add(Duration.between(member.joinedAt(), first).toMinutes());
			}
		}
		List<Row> rows = new ArrayList<>();
		counts.forEach((p, sources) -> sources.forEach((source, c) -> {
			Double medianMinutes = Medians.of(cells.get(p).get(source));
			rows.add(new Row(p, source, c[0], c[1], (double) c[1] / c[0], c[2],
					medianMinutes == null ? null : medianMinutes / (24 * 60)));
		}));
		return rows;
	}

	private static Instant firstOrder(CustomerHistory member, Instant end) {
		for (PaidOrder order : member.orders()) {
			if (!order.placedAt().isBefore(end)) {
				return null;
			}
			if (order.countsAt(end)) {
				return order.placedAt();
			}
		}
		return null;
	}

}
