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

	/** By zone: since when (epoch second) it keeps one offset for good, and that offset in seconds. */
	private static final Map<ZoneId, long[]> FIXED_SINCE = new ConcurrentHashMap<>();

	public Instant startOf(LocalDate day) {
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
		long[] fixed = FIXED_SINCE.computeIfAbsent(zone, BusinessCalendar::fixedSince);
		long second = instant.getEpochSecond();
		if (second >= fixed[0]) {
			return Math.floorDiv(second + fixed[1], SECONDS_PER_DAY);
		}
		return instant.atZone(zone).toLocalDate().toEpochDay();
	}

	private static long[] fixedSince(ZoneId zone) {
		ZoneRules rules = zone.getRules();
		if (rules.isFixedOffset()) {
			return new long[] { Long.MIN_VALUE, rules.getOffset(Instant.EPOCH).getTotalSeconds() };
		}
		List<ZoneOffsetTransition> transitions = rules.getTransitions();
		if (!rules.getTransitionRules().isEmpty() || transitions.isEmpty()) {
			return new long[] { Long.MAX_VALUE, 0 };
		}
		ZoneOffsetTransition last = transitions.get(transitions.size() - 1);
		return new long[] { last.toEpochSecond(), last.getOffsetAfter().getTotalSeconds() };
	}

}
