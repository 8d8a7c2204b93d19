package io.membergraph.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business's time zone: calendar days, months and "joined on" dates are counted in it.
 *
 * @param zone the zone, e.g. {@code Asia/Shanghai}
 */
@ConfigurationProperties("membergraph.calendar")
public record BusinessCalendar(@DefaultValue("Asia/Shanghai") ZoneId zone) {

	private static final int SECONDS_PER_DAY = 86_400;

	/** By zone: since when it keeps one offset for good. */
	private static final Map<ZoneId, Fixed> FIXED_SINCE = new ConcurrentHashMap<>();

	/** The zone asked last: there is one business zone, so this spares the map nearly every time. */
	private static volatile Fixed lastFixed = new Fixed(null, Long.MAX_VALUE, 0);

	/** Since when (epoch second) a zone keeps one offset for good, and that offset in seconds. */
	private record Fixed(ZoneId zone, long since, long offset) {
	}

	public Instant startOf(LocalDate day) {
		return startOf(day, zone);
	}

	/**
	 * The first instant of a day in any zone. A multiplication where the zone kept one offset for good since a
	 * day before (the day after a change of offset may begin in its overlap, where the zone's rules decide).
	 */
	public static Instant startOf(LocalDate day, ZoneId zone) {
		Fixed fixed = fixedOf(zone);
		long midnight = day.toEpochDay() * SECONDS_PER_DAY - fixed.offset();
		if (fixed.since() != Long.MAX_VALUE && midnight - SECONDS_PER_DAY >= fixed.since()) {
			return Instant.ofEpochSecond(midnight);
		}
		return day.atStartOfDay(zone).toInstant();
	}

	public LocalDate dayOf(Instant instant) {
		return LocalDate.ofEpochDay(epochDayOf(instant));
	}

	/**
	 * The day of an instant as days since 1970-01-01. Analyses ask it of every order, so where the zone keeps one
	 * offset for good (China since 1991, no summer time) it is a division rather than a time zone lookup.
	 */
	public long epochDayOf(Instant instant) {
		return epochDayOf(instant, zone);
	}

	/** {@link #epochDayOf(Instant)} in any zone. */
	public static long epochDayOf(Instant instant, ZoneId zone) {
		Fixed fixed = fixedOf(zone);
		long second = instant.getEpochSecond();
		if (second >= fixed.since()) {
			return Math.floorDiv(second + fixed.offset(), SECONDS_PER_DAY);
		}
		return instant.atZone(zone).toLocalDate().toEpochDay();
	}

	/** {@link #dayOf(Instant)} in any zone. */
	public static LocalDate dayOf(Instant instant, ZoneId zone) {
		return LocalDate.ofEpochDay(epochDayOf(instant, zone));
	}

	private static Fixed fixedOf(ZoneId zone) {
		Fixed fixed = lastFixed;
		if (fixed.zone() != zone) {
			fixed = FIXED_SINCE.computeIfAbsent(zone, BusinessCalendar::fixedSince);
			lastFixed = fixed;
		}
		return fixed;
	}

	private static Fixed fixedSince(ZoneId zone) {
		ZoneRules rules = zone.getRules();
		if (rules.isFixedOffset()) {
			return new Fixed(zone, Long.MIN_VALUE, rules.getOffset(Instant.EPOCH).getTotalSeconds());
		}
		List<ZoneOffsetTransition> transitions = rules.getTransitions();
		if (!rules.getTransitionRules().isEmpty() || transitions.isEmpty()) {
			return new Fixed(zone, Long.MAX_VALUE, 0);
		}
		ZoneOffsetTransition last = transitions.get(transitions.size() - 1);
		return new Fixed(zone, last.toEpochSecond(), last.getOffsetAfter().getTotalSeconds());
	}

}
