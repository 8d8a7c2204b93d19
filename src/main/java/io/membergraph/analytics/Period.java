package io.membergraph.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import io.membergraph.shared.InvalidInputException;

/** Calendar periods an analysis reports by: days, weeks (Monday to Sunday) or months. */
enum Period {

	DAY, WEEK, MONTH;

	/** How many periods one report may cover. */
	static final int MAX_PERIODS = 400;

	/** The first day of the period the day falls in. */
	LocalDate startOf(LocalDate day) {
		return switch (this) {
			case DAY -> day;
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> day.withDayOfMonth(1);
		};
	}

	LocalDate next(LocalDate start) {
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

	/** The number of periods from the one holding {@code from} to the one holding {@code to}, refused when too many. */
	int count(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "must not be before from");
		}
		long count = switch (this) {
			case DAY -> ChronoUnit.DAYS.between(startOf(from), startOf(to)) + 1;
			case WEEK -> ChronoUnit.WEEKS.between(startOf(from), startOf(to)) + 1;
			case MONTH -> ChronoUnit.MONTHS.between(startOf(from), startOf(to)) + 1;
		};
		if (count > MAX_PERIODS) {
			throw new InvalidInputException("to", "at most " + MAX_PERIODS + " periods at once");
		}
		return (int) count;
	}

}
