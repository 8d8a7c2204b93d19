package io.membergraph.prediction.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns purchases into the per-customer summaries the models read: purchases of one customer on one day merged,
 * time in weeks, only what happened up to the end of the calibration period.
 */
public final class PurchaseSummaries {

	/** One purchase: a customer, its day, what it spent. */
	public record Purchase(String customerId, LocalDate day, double amount) {
	}

	private PurchaseSummaries() {
	}

	/** Summaries of every customer whose first purchase was on or before {@code calibrationEnd}, by customer id. */
	public static List<PurchaseSummary> of(List<Purchase> purchases, LocalDate calibrationEnd) {
		Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
		for (Purchase purchase : purchases) {
			if (!purchase.day().isAfter(calibrationEnd)) {
				days.computeIfAbsent(purchase.customerId(), c -> new TreeMap<>()).merge(purchase.day(), purchase.amount(),
						Double::sum);
			}
		}
		List<PurchaseSummary> summaries = new ArrayList<>(days.size());
		days.forEach((customer, spendByDay) -> {
			LocalDate first = spendByDay.firstKey();
			LocalDate last = spendByDay.lastKey();
			int x = spendByDay.size() - 1;
			double repeatSpend = spendByDay.tailMap(first, false).values().stream().mapToDouble(Double::doubleValue).sum();
			summaries.add(new PurchaseSummary(customer, x, weeks(first, last), weeks(first, calibrationEnd),
					x == 0 ? 0 : repeatSpend / x));
		});
		return summaries;
	}

	/** Repeat purchase days of each customer after {@code from} up to and including {@code until}. */
	static Map<String, Integer> repeatDaysBetween(List<Purchase> purchases, LocalDate from, LocalDate until) {
		Map<String, Set<LocalDate>> days = new TreeMap<>();
		for (Purchase purchase : purchases) {
			if (purchase.day().isAfter(from) && !purchase.day().isAfter(until)) {
				days.computeIfAbsent(purchase.customerId(), c -> new TreeSet<>()).add(purchase.day());
			}
		}
		Map<String, Integer> counts = new TreeMap<>();
		days.forEach((customer, own) -> counts.put(customer, own.size()));
		return counts;
	}

	private static double weeks(LocalDate from, LocalDate to) {
		return ChronoUnit.DAYS.between(from, to) / 7.0;
	}

}
