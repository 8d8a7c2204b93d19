package io.membergraph.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.membergraph.shared.BusinessCalendar;

/**
 * The stretch of a customer's history a question looks at: the orders placed before the end of an as-of day,
 * from the start of a look-back window when there is one, days counted in a business time zone. Analyses pass
 * their scope; the read side passes a plain window ({@link #through}).
 */
public interface HistoryWindow {

	/** The last day counted (inclusive). */
	LocalDate asOf();

	/** The first instant of the look-back window, or null without one. */
	Instant start();

	/** The business time zone the window's days are counted in. */
	ZoneId zone();

	/** The first instant after the as-of day: orders placed before it count. */
	default Instant end() {
		return BusinessCalendar.startOf(asOf().plusDays(1), zone());
	}

	/** The calendar day of an instant in the window's zone (called for every order: no ZonedDateTime in between). */
	default LocalDate dayOf(Instant instant) {
		return BusinessCalendar.dayOf(instant, zone());
	}

	/** {@link #dayOf} as days since 1970-01-01. */
	default long epochDayOf(Instant instant) {
		return BusinessCalendar.epochDayOf(instant, zone());
	}

	/** The same as-of day without a look-back window. */
	HistoryWindow allTime();

	/** All of history up to the end of {@code asOf}, days in {@code zone}. */
	static HistoryWindow through(LocalDate asOf, ZoneId zone) {
		return new Through(asOf, zone);
	}

	/** A window without a look-back. */
	record Through(LocalDate asOf, ZoneId zone) implements HistoryWindow {

		@Override
		public Instant start() {
			return null;
		}

		@Override
		public HistoryWindow allTime() {
			return this;
		}

	}

}
