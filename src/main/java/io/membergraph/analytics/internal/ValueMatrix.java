package io.membergraph.analytics.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;

/**
 * The value matrix: average order value against frequency, split at the means (or given thresholds) into
 * four types of buyer.
 */
public final class ValueMatrix {

	/** High AOV and high frequency: premium; low AOV, high frequency: frequent; and so on. */
	public enum Type {

		PREMIUM, FREQUENT, BIG_TICKET, UNCERTAIN;

		public static Type of(boolean highValue, boolean frequent) {
			return highValue ? (frequent ? PREMIUM : BIG_TICKET) : (frequent ? FREQUENT : UNCERTAIN);
		}

	}

	/**
	 * @param aovThreshold an order value at or above which AOV is high; the mean AOV when null
	 * @param frequencyThreshold an order count at or above which frequency is high; the mean when null
	 */
	public record Settings(Money aovThreshold, Double frequencyThreshold) {

		public Settings {
			if (aovThreshold != null && aovThreshold.isNegative()) {
				throw new InvalidInputException("aovThreshold", "must not be negative");
			}
			InvalidInputException.within("frequencyThreshold", frequencyThreshold, 0, Rfm.MAX_ORDERS);
		}

	}

	public record Quadrant(Type type, int members, int orders, Money spend, double memberShare, double spendShare) {
	}

	/**
	 * @param aovReference the AOV dividing high from low (in minor units, possibly fractional)
	 */
	public record Result(AnalysisScope scope, Settings settings, double aovReference, double frequencyReference,
			int members, Money spend, List<Quadrant> quadrants) {
	}

	private ValueMatrix() {
	}

	public static Result of(List<CustomerHistory> histories, AnalysisScope scope, Settings settings) {
		List<long[]> buyers = new ArrayList<>();
		for (CustomerHistory history : histories) {
			CustomerHistory.CountedTotals counted = history.countedTotals(scope);
			if (counted.orders() > 0) {
				buyers.add(new long[] { counted.orders(), counted.netSpendMinor() });
			}
		}
		int n = buyers.size();
		double aovReference = settings.aovThreshold() != null ? settings.aovThreshold().minorUnits()
				: buyers.stream().mapToDouble(b -> (double) b[1] / b[0]).average().orElse(0);
		double frequencyReference = settings.frequencyThreshold() != null ? settings.frequencyThreshold()
				: buyers.stream().mapToLong(b -> b[0]).average().orElse(0);
		Map<Type, long[]> sums = new EnumMap<>(Type.class);
		long total = 0;
		for (long[] buyer : buyers) {
			Type type = Type.of((double) buyer[1] / buyer[0] >= aovReference, buyer[0] >= frequencyReference);
			long[] s = sums.computeIfAbsent(type, t -> new long[3]);
			s[0]++;
			s[1] += buyer[0];
			s[2] += buyer[1];
			total += buyer[1];
		}
		List<Quadrant> quadrants = new ArrayList<>();
		for (Type type : Type.values()) {
			long[] s = sums.getOrDefault(type, new long[3]);
			quadrants.add(new Quadrant(type, (int) s[0], (int) s[1], new Money(s[2]), n == 0 ? 0 : (double) s[0] / n,
					total == 0 ? 0 : (double) s[2] / total));
		}
		return new Result(scope, settings, aovReference, frequencyReference, n, new Money(total), quadrants);
	}

	/** The buyers of each type as the result placed them, by the type's name: what its quadrants rest on. */
	public static Map<String, List<CustomerHistory>> buyersByType(List<CustomerHistory> histories, AnalysisScope scope,
			Result result) {
		Map<String, List<CustomerHistory>> byType = new java.util.TreeMap<>();
		for (CustomerHistory history : histories) {
			CustomerHistory.CountedTotals counted = history.countedTotals(scope);
			if (counted.orders() > 0) {
				Type type = Type.of((double) counted.netSpendMinor() / counted.orders() >= result.aovReference(),
						counted.orders() >= result.frequencyReference());
				byType.computeIfAbsent(type.name(), t -> new ArrayList<>()).add(history);
			}
		}
		return byType;
	}

}
