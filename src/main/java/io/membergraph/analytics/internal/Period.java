package io.membergraph.analytics.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import io.membergraph.shared.InvalidInputException;

/** Calendar periods an analysis reports by: days, weeks (Monday to Sunday) or months. */
public enum Period {

	DAY, WEEK, MONTH;

	/** How many periods one report may cover. */
	static final int MAX_PERIODS = 400;

	/** The first day of the period the day falls in. */
	public LocalDate startOf(LocalDate day) {
		return switch (this) {
			case DAY -> day;
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> day.withDayOfMonth(1);
		};
	}

	public LocalDate next(LocalDate start) {
		return switch (this) {
			case DAY -> start.plusDays(1);
			case WEEK -> start.plusWeeks(1);
			case MONTH -> start.plusMonths(1);
		};
	}

	LocalDate previous(LocalDate start) {
		return switch (this) {
			case DAY -> start.minusDays(1);
			case WEEK -> start.minusWeeks(1);
			case MONTH -> start.minusMonths(1);
		};
	}

	/**
	 * The number of periods from the one holding {@code from} to the one holding {@code asOf}, refused when too many.
	 * Every analysis by period takes its end from the scope's as-of day, so {@code from} is the field to correct.
	 */
	public int count(LocalDate from, LocalDate asOf) {
		if (asOf.isBefore(from)) {
			throw new InvalidInputException("from", "must not be after the scope's as-of day " + asOf);
		}
		long count = switch (this) {
			case DAY -> ChronoUnit.DAYS.between(startOf(from), startOf(asOf)) + 1;
			case WEEK -> ChronoUnit.WEEKS.between(startOf(from), startOf(asOf)) + 1;
			case MONTH -> ChronoUnit.MONTHS.between(startOf(from), startOf(asOf)) + 1;
		};
		if (count > MAX_PERIODS) {
			throw new InvalidInputException("from", "spans " + count + " " + name().toLowerCase(java.util.Locale.ROOT)
					+ "s to the as-of day; at most " + MAX_PERIODS + " periods at once");
		}
		return (int) count;
	}

}
