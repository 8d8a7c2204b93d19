package io.membergraph.prediction;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.customer.OrderFacts;
import io.membergraph.prediction.internal.Backtest;
import io.membergraph.prediction.internal.HoltWinters;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Forecasts GMV and orders per day, week or month with additive Holt-Winters over every complete period of the
 * history (days carry the weekly cycle, weeks and months the yearly one), with prediction intervals and a
 * rolling-origin backtest against the seasonal-naive baseline.
 */
@Service
public class SalesForecasting {

	static final int BACKTEST_ORIGINS = 4;

	static final double CONFIDENCE = 0.95;

	public enum Granularity {

		DAY(7, 366), WEEK(52, 104), MONTH(12, 24);

		final int season;

		final int maxHorizon;

		Granularity(int season, int maxHorizon) {
			this.season = season;
			this.maxHorizon = maxHorizon;
		}

		LocalDate startOf(LocalDate day) {
			return switch (this) {
				case DAY -> day;
				case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				case MONTH -> day.withDayOfMonth(1);
			};
		}

		LocalDate plus(LocalDate start, long periods) {
			return switch (this) {
				case DAY -> start.plusDays(periods);
				case WEEK -> start.plusWeeks(periods);
				case MONTH -> start.plusMonths(periods);
			};
		}

		long between(LocalDate from, LocalDate to) {
			return switch (this) {
				case DAY -> ChronoUnit.DAYS.between(from, to);
				case WEEK -> ChronoUnit.WEEKS.between(from, to);
				case MONTH -> ChronoUnit.MONTHS.between(from, to);
			};
		}

	}

	public record ForecastPoint(LocalDate period, double forecast, double lower, double upper) {
	}

	/**
	 * @param alpha the fitted level weight; {@code beta} trend, {@code gamma} season
	 */
	public record Series(List<ForecastPoint> points, Backtest backtest, double alpha, double beta, double gamma) {
	}

	/** @param historyFrom the first period of the history; {@code historyTo} its last complete period */
	public record SalesForecast(Granularity granularity, int horizon, double confidence, int season,
			LocalDate historyFrom, LocalDate historyTo, Series gmv, Series orders) {
	}

	private final OrderFacts orders;

	private final BusinessCalendar calendar;

	private final Clock clock;

	SalesForecasting(OrderFacts orders, BusinessCalendar calendar, Clock clock) {
		this.orders = orders;
		this.calendar = calendar;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public SalesForecast forecast(int horizon, Granularity granularity) {
		Granularity unit = granularity == null ? Granularity.DAY : granularity;
		if (horizon < 1 || horizon > unit.maxHorizon) {
			throw new InvalidInputException("horizon", "must be between 1 and " + unit.maxHorizon + " for " + unit);
		}
		LocalDate current = unit.startOf(calendar.dayOf(clock.instant()));
		List<Order> counted = orders.placedBetween(null, calendar.startOf(current))
			.filter(o -> o.paidAt() != null && o.cancelledAt() == null)
			.toList();
		LocalDate first = counted.stream().map(o -> unit.startOf(calendar.dayOf(o.placedAt()))).min(LocalDate::compareTo)
			.orElse(current);
		int periods = (int) unit.between(first, current);
		if (periods < 2 * unit.season + horizon) {
			throw new InvalidInputException("granularity", "the order history holds " + periods + " complete "
					+ unit.name().toLowerCase() + "s; a forecast needs two full cycles of " + unit.season
					+ " plus the horizon to be backtested");
		}
		double[] gmv = new double[periods];
		double[] count = new double[periods];
		for (Order order : counted) {
			int index = (int) unit.between(first, unit.startOf(calendar.dayOf(order.placedAt())));
			gmv[index] += order.paidAmount().minorUnits() / 100.0;
			count[index]++;
		}
		return new SalesForecast(unit, horizon, CONFIDENCE, unit.season, first, unit.plus(current, -1),
				series(gmv, unit, current, horizon), series(count, unit, current, horizon));
	}

	private static Series series(double[] history, Granularity unit, LocalDate next, int horizon) {
		HoltWinters.Fitted model = HoltWinters.fit(history, unit.season);
		List<ForecastPoint> points = new ArrayList<>();
		for (HoltWinters.Point point : HoltWinters.forecast(model, horizon, CONFIDENCE)) {
			points.add(new ForecastPoint(unit.plus(next, point.step() - 1L), point.forecast(), Math.max(0, point.lower()),
					point.upper()));
		}
		return new Series(points, Backtest.rollingOrigin(history, unit.season, horizon, BACKTEST_ORIGINS),
				model.alpha(), model.beta(), model.gamma());
	}

}
