package io.membergraph.analytics.internal;

import java.time.Clock;
import java.time.LocalDate;

import io.membergraph.shared.BusinessCalendar;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The calendar analyses count in, so that a client (the console) defaults its scope to the business's today and
 * shows dates in the business's zone rather than its own.
 */
@Controller
public class BusinessCalendarController {

	private final BusinessCalendar calendar;

	private final Clock clock;

	BusinessCalendarController(BusinessCalendar calendar, Clock clock) {
		this.calendar = calendar;
		this.clock = clock;
	}

	record CalendarInfo(LocalDate today, String zone) {
	}

	@QueryMapping
	@PreAuthorize("isAuthenticated()")
	CalendarInfo businessCalendar() {
		return new CalendarInfo(calendar.dayOf(clock.instant()), calendar.zone().getId());
	}

}
