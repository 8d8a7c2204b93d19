package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.InvalidInputException;

/**
 * Repurchase by product or category: the share of its buyers who bought it on two or more distinct days,
 * the intervals between consecutive purchase days of one member, and the members due to buy again.
 */
public final class Repurchase {

	public enum Dimension {

		PRODUCT, CATEGORY

	}

	/** Interval buckets in days: 0–7, 8–14, 15–30, 31–60, 61–90, 91–180, 181–365, more. */
	static final int[] BUCKET_ENDS = { 7, 14, 30, 60, 90, 180, 365 };

	public record Bucket(int fromDays, Integer toDays, int intervals) {
	}

	/**
	 * @param key the SKU or the category
	 * @param medianInterval the median of all intervals between consecutive purchase days of one member, null
	 * without a repeat buyer
	 */
	public record ItemRepurchase(String key, int buyers, int repeatBuyers, double rate, Double medianInterval,
			Double meanInterval, List<Bucket> histogram) {
	}

	public record Result(AnalysisScope scope, Dimension dimension, int items, List<ItemRepurchase> top) {
	}

	/**
	 * A member expected to buy the item again about the as-of day.
	 *
	 * @param typicalInterval the member's own median interval when it has at least two, else the item's
	 */
	public record DueMember(String memberId, LocalDate lastPurchase, double typicalInterval, LocalDate due) {
	}

	private Repurchase() {
	}

	/** Every item bought in the scope, most repeat buyers first, the first {@code top}. */
	public static Result of(List<CustomerHistory> histories, AnalysisScope scope, Dimension dimension, int top) {
		if (top < 1 || top > 1_000) {
			throw new InvalidInputException("top", "must be between 1 and 1000");
		}
		Map<String, List<List<LocalDate>>> byItem = purchaseDays(histories, scope, dimension);
		List<ItemRepurchase> items = new ArrayList<>();
		byItem.forEach((key, members) -> {
			int repeat = 0;
			List<Long> intervals = new ArrayList<>();
			for (List<LocalDate> days : members) {
				if (days.size() > 1) {
					repeat++;
				}
				intervals.addAll(gaps(days));
			}
			items.add(new ItemRepurchase(key, members.size(), repeat, (double) repeat / members.size(), Medians.of(intervals),
					intervals.isEmpty() ? null : intervals.stream().mapToLong(Long::longValue).average().orElse(0),
					histogram(intervals)));
		});
		items.sort(Comparator.comparingInt(ItemRepurchase::repeatBuyers).reversed()
			.thenComparing(Comparator.comparingDouble(ItemRepurchase::rate).reversed())
			.thenComparing(ItemRepurchase::key));
		return new Result(scope, dimension, items.size(), items.subList(0, Math.min(top, items.size())));
	}

	/** Members whose last purchase of the item plus their typical interval falls within {@code withinDays} of the as-of day. */
	public static List<DueMember> due(List<CustomerHistory> histories, AnalysisScope scope, Dimension dimension,
			String key, int withinDays) {
		InvalidInputException.requireText("key", key);
		if (withinDays < 0 || withinDays > 365) {
			throw new InvalidInputException("withinDays", "must be between 0 and 365");
		}
		List<Long> all = new ArrayList<>();
		Map<String, List<LocalDate>> byMember = new TreeMap<>();
		for (CustomerHistory member : histories) {
			List<LocalDate> days = daysOf(member, scope, dimension, key);
			if (!days.isEmpty()) {
				byMember.put(member.memberId(), days);
				all.addAll(gaps(days));
			}
		}
		Double itemMedian = Medians.of(all);
		List<DueMember> due = new ArrayList<>();
		byMember.forEach((memberId, days) -> {
			List<Long> own = gaps(days);
			Double typical = own.size() >= 2 ? Medians.of(own) : itemMedian;
			if (typical == null) {
				return;
			}
			LocalDate last = days.get(days.size() - 1);
			LocalDate expected = last.plusDays(Math.round(typical));
			if (Math.abs(ChronoUnit.DAYS.between(scope.asOf(), expected)) <= withinDays) {
				due.add(new DueMember(memberId, last, typical, expected));
			}
		});
		due.sort(Comparator.comparing(DueMember::due).thenComparing(DueMember::memberId));
		return due;
	}

	/** Per item, each buying member's distinct purchase days, ascending. */
	private static Map<String, List<List<LocalDate>>> purchaseDays(List<CustomerHistory> histories, AnalysisScope scope,
			Dimension dimension) {
		Map<String, List<List<LocalDate>>> byItem = new HashMap<>();
		for (CustomerHistory member : histories) {
			// Orders come oldest first, so each item's days arrive in order: a day is new when it differs from the last.
			Map<String, List<LocalDate>> own = new HashMap<>();
			for (PaidOrder order : member.ordersCounting(scope)) {
				LocalDate day = scope.dayOf(order.placedAt());
				for (String key : keys(order, dimension)) {
					List<LocalDate> days = own.computeIfAbsent(key, k -> new ArrayList<>(2));
					if (days.isEmpty() || !days.get(days.size() - 1).equals(day)) {
						days.add(day);
					}
				}
			}
			own.forEach((key, days) -> byItem.computeIfAbsent(key, k -> new ArrayList<>()).add(days));
		}
		return byItem;
	}

	private static List<LocalDate> daysOf(CustomerHistory member, AnalysisScope scope, Dimension dimension, String key) {
		TreeSet<LocalDate> days = new TreeSet<>();
		for (PaidOrder order : member.ordersCounting(scope)) {
			if (keys(order, dimension).contains(key)) {
				days.add(scope.dayOf(order.placedAt()));
			}
		}
		return List.copyOf(days);
	}

	private static List<String> keys(PaidOrder order, Dimension dimension) {
		List<String> keys = new ArrayList<>(order.items().size());
		for (Item item : order.items()) {
			String key = dimension == Dimension.PRODUCT ? item.sku() : item.category();
			if (key != null && !keys.contains(key)) {
				keys.add(key);
			}
		}
		return keys;
	}

	private static List<Long> gaps(List<LocalDate> days) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < days.size(); i++) {
			gaps.add(ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)));
		}
		return gaps;
	}

	private static List<Bucket> histogram(List<Long> intervals) {
		int[] counts = new int[BUCKET_ENDS.length + 1];
		for (long interval : intervals) {
			int bucket = 0;
			while (bucket < BUCKET_ENDS.length && interval > BUCKET_ENDS[bucket]) {
				bucket++;
			}
			counts[bucket]++;
		}
		List<Bucket> buckets = new ArrayList<>();
		for (int i = 0; i < counts.length; i++) {
			int from = i == 0 ? 0 : BUCKET_ENDS[i - 1] + 1;
			buckets.add(new Bucket(from, i < BUCKET_ENDS.length ? BUCKET_ENDS[i] : null, counts[i]));
		}
		return buckets;
	}

}
