package io.membergraph.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The day of an instant, however it is worked out, is the day a clock in the zone shows. */
class BusinessCalendarTests {

	@ParameterizedTest
	@ValueSource(strings = { "Asia/Shanghai", "Asia/Kolkata", "UTC", "Europe/Berlin", "America/New_York",
			"Australia/Lord_Howe", "Pacific/Apia" })
	void theDayOfAnInstantIsTheDayOnTheZonesClock(String zoneName) {
		ZoneId zone = ZoneId.of(zoneName);
		BusinessCalendar calendar = new BusinessCalendar(zone);
		Random random = new Random(20261201);
		for (int i = 0; i < 200_000; i++) {
			// 1875 to 2128: before, across and after every change of offset the zone had.
			Instant instant = Instant.ofEpochSecond(random.nextLong(-3_000_000_000L, 5_000_000_000L));
			LocalDate onTheClock = instant.atZone(zone).toLocalDate();
			assertThat(calendar.dayOf(instant)).as("%s in %s", instant, zone).isEqualTo(onTheClock);
			assertThat(calendar.epochDayOf(instant)).isEqualTo(onTheClock.toEpochDay());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "Asia/Shanghai", "Asia/Kolkata", "UTC", "Europe/Berlin", "America/New_York",
			"Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo" })
	void aDayStartsWhenTheZonesRulesSayItDoes(String zoneName) {
		ZoneId zone = ZoneId.of(zoneName);
		BusinessCalendar calendar = new BusinessCalendar(zone);
		for (LocalDate day = LocalDate.of(1875, 1, 1); day.isBefore(LocalDate.of(2130, 1, 1)); day = day.plusDays(1)) {
			assertThat(calendar.startOf(day)).as("%s in %s", day, zone).isEqualTo(day.atStartOfDay(zone).toInstant());
		}
	}

}
