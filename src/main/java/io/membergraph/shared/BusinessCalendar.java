package io.membergraph.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business's time zone: calendar days, months and "joined on" dates are counted in it.
 *
 * @param zone the zone, e.g. {@code Asia/Shanghai}
 */
@ConfigurationProperties("membergraph.calendar")
public record BusinessCalendar(@DefaultValue("Asia/Shanghai") ZoneId zone) {

	public Instant startOf(LocalDate day) {
		return day.atStartOfDay(zone).toInstant();
	}

	public LocalDate dayOf(Instant instant) {
		return instant.atZone(zone).toLocalDate();
	}

}
