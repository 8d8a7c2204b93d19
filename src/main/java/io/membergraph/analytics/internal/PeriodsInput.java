package io.membergraph.analytics.internal;

import java.time.LocalDate;

import io.membergraph.analytics.ScopeInput;
import io.membergraph.shared.InvalidInputException;

/** The input of a report per period from a first day to the scope's as-of day ({@code AcquisitionInput}, {@code PointsFlowsInput}). */
public record PeriodsInput(ScopeInput scope, Period period, LocalDate from) {

	Period periodOr(Period otherwise) {
		return period == null ? otherwise : period;
	}

	LocalDate requiredFrom() {
		return InvalidInputException.require("from", from);
	}

}
