package io.membergraph.segment.internal;

import java.time.Clock;

import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.WarmUp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Segments on stored scores, run once at start-up as if every member were scored
 * ({@link SegmentPopulation#runAsIfScored}): a store without a scoring run yet otherwise warms that code on members
 * without scores only. Before the console's warm-up, whose rounds then run on code that has seen both.
 */
@Component
@Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
public class ScoredSegmentsWarmUp implements WarmUp {

	private final SegmentPopulation population;

	private final BusinessCalendar calendar;

	private final Clock clock;

	ScoredSegmentsWarmUp(SegmentPopulation population, BusinessCalendar calendar, Clock clock) {
		this.population = population;
		this.calendar = calendar;
		this.clock = clock;
	}

	@Override
	public void warm() {
		population.runAsIfScored(calendar.dayOf(clock.instant()));
	}

}
