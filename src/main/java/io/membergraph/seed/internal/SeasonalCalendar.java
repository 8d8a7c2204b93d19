package io.membergraph.seed.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import io.membergraph.seed.internal.GeneratorSettings.SeasonalPeak;

/** Draws days between two dates, more often in sales peaks and on weekends, as shoppers buy. */
public final class SeasonalCalendar {

	private static final double WEEKEND_WEIGHT = 1.3;

	private final LocalDate first;

	/** cumulative[i] = total weight of the days up to and including first + i. */
	private final double[] cumulative;

	SeasonalCalendar(LocalDate first, LocalDate last, List<SeasonalPeak> peaks) {
		this.first = first;
		int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
		this.cumulative = new double[days];
		double total = 0;
		for (int i = 0; i < days; i++) {
			total += weightOf(first.plusDays(i), peaks);
			cumulative[i] = total;
		}
	}

	static double weightOf(LocalDate day, List<SeasonalPeak> peaks) {
		double weight = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
				? WEEKEND_WEIGHT : 1.0;
		for (SeasonalPeak peak : peaks) {
			if (day.getMonthValue() == peak.month() && day.getDayOfMonth() >= peak.fromDay()
					&& day.getDayOfMonth() <= peak.toDay()) {
				weight *= peak.weight();
			}
		}
		return weight;
	}

	/** A day in [from, to], both within the calendar, drawn by weight. */
	LocalDate draw(LocalDate from, LocalDate to, RandomGenerator random) {
		int low = index(from);
		int high = index(to);
		double base = low == 0 ? 0 : cumulative[low - 1];
		double target = base + random.nextDouble() * (cumulative[high] - base);
		int found = Arrays.binarySearch(cumulative, low, high + 1, target);
		int index = found >= 0 ? found : Math.min(-found - 1, high);
		return first.plusDays(index);
	}

	LocalDate first() {
		return first;
	}

	LocalDate last() {
		return first.plusDays(cumulative.length - 1);
	}

	private int index(LocalDate day) {
		return (int) Math.max(0, Math.min(cumulative.length - 1, day.toEpochDay() - first.toEpochDay()));
	}

}
