package io.membergraph.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * The window a date given from outside may fall in. Something that happened (an order, a refund, points earned)
 * lies between 1990 (web shops' histories reach back into the 1990s; the public CDNOW log starts in 1997) and a day
 * ahead (clocks differ); something planned (a campaign's end, a tier override's expiry, an earning rule's validity)
 * at most ten years ahead. A 1970 or year-99999 date is a broken client, and stored it would skew every interval.
 */
public final class TimeBounds {

	public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

	/**
	 * The years any date or instant may fall in, whatever it is for and however it comes (the API's scalars, an
	 * import's columns): 1900 still takes the oldest birth dates, 2200 any end date a programme may plan. Each
	 * feature narrows it further (orders from 1990, not in the future).
	 */
	public static final int FIRST_YEAR = 1900;

	public static final int LAST_YEAR = 2200;

	/** Whether the year is within {@link #FIRST_YEAR} and {@link #LAST_YEAR}. */
	public static boolean inYears(int year) {
		return year >= FIRST_YEAR && year <= LAST_YEAR;
	}

	/**
	 * The most days anything looks back from its day (an analysis's look-back, a stage's or a score's threshold, a
	 * relative day of a segment): a hundred years. Further is a typo, and would reach before {@link #FIRST_YEAR}.
	 */
	public static final int MAX_DAYS_BACK = 36_600;

	public static final Duration CLOCK_SLACK = Duration.ofDays(1);

	public static final Duration PLAN_AHEAD = Duration.ofDays(3653);

	private TimeBounds() {
	}

	/** A moment that has happened; null passes through. */
	public static Instant happened(String field, Instant time, Instant now) {
		return within(field, time, now.plus(CLOCK_SLACK), "more than a day in the future");
	}

	/**
	 * A moment a job runs as of, now or before (catching up); null passes through. Later would act on the future:
	 * an expiry as of next year takes points members still have today.
	 */
	public static Instant upToNow(String field, Instant time, Instant now) {
		return within(field, time, now, "in the future; a run may be as of now or earlier");
	}

	/** A moment planned ahead; null passes through. */
	public static Instant planned(String field, Instant time, Instant now) {
		return within(field, time, now.plus(PLAN_AHEAD), "more than ten years ahead");
	}

	private static Instant within(String field, Instant time, Instant latest, String tooLate) {
		if (time == null) {
			return null;
		}
		if (time.isBefore(EARLIEST)) {
			throw new InvalidInputException(field, "is before " + EARLIEST + ", the earliest date kept");
		}
		if (time.isAfter(latest)) {
			throw new InvalidInputException(field, "is " + tooLate);
		}
		return time;
	}

}
