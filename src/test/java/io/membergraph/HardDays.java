package io.membergraph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

/**
 * Moments where "today" is easy to get wrong: the business day (Shanghai, UTC+8) differs from the UTC day, a
 * month, a year or a week turns, or the year is a leap year. Tests that depend on today run on each of them.
 */
public final class HardDays {

	/** A moment and what makes it hard. */
	public record HardDay(String name, Instant instant) {

		@Override
		public String toString() {
			return name;
		}

	}

	private HardDays() {
	}

	public static Stream<HardDay> all() {
		return Stream.of(
				day("first of a month, 01:30 in Shanghai, still the last of February in UTC", "2027-03-01T01:30:00+08:00"),
				day("last of a month, 07:00 in Shanghai, still the day before in UTC", "2027-04-30T07:00:00+08:00"),
				day("31 December, 23:30 in Shanghai", "2026-12-31T23:30:00+08:00"),
				day("1 January, 00:30 in Shanghai, still the old year in UTC", "2027-01-01T00:30:00+08:00"),
				day("29 February of a leap year, 07:00 in Shanghai, the 28th in UTC", "2028-02-29T07:00:00+08:00"),
				day("a Monday, 00:30 in Shanghai, still Sunday in UTC", "2026-11-30T00:30:00+08:00"));
	}

	private static HardDay day(String name, String at) {
		return new HardDay(name, OffsetDateTime.parse(at).toInstant());
	}

}
