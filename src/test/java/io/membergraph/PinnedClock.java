package io.membergraph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of every test: time stands still at an instant the test chose, so that a test gives the same
 * answer on every day of the year. It moves only when a test moves it ({@link #set}, {@link #advance}).
 */
public final class PinnedClock extends Clock {

	/** The business zone of the tests, as in {@code application.yml}. */
	public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

	/**
	 * Where the suite lives unless a test chooses another moment: Wednesday 25 November 2026, 10:00 in
	 * Shanghai. Mid-week and mid-month on purpose, so that "this week" and "this month" hold the days
	 * around it; the hard days (month ends, new year, 29 February) are chosen by the tests that need them.
	 */
	public static final Instant DEFAULT = Instant.parse("2026-11-25T02:00:00Z");

	private volatile Instant now = DEFAULT;

	public void set(Instant instant) {
		now = instant;
	}

	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	public void reset() {
		now = DEFAULT;
	}

	/** Today in the business zone. */
	public LocalDate today() {
		return now.atZone(BUSINESS_ZONE).toLocalDate();
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(now, zone);
	}

}
