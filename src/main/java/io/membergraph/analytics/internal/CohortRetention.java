package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;

/**
 * The cohort triangle: members grouped by the month of their first counted order (or of their registration),
 * and for each later calendar month the share of the cohort with at least one counted order in it.
 */
public final class CohortRetention {

	public enum Basis {

		FIRST_ORDER, REGISTRATION

	}

	static final int MAX_MONTHS = 120;

	/**
	 * @param from the first cohort month
	 * @param to the last cohort month
	 * @param maxOffset the last month offset reported (the triangle stops at the as-of month anyway)
	 */
	public record Settings(Basis basis, YearMonth from, YearMonth to, int maxOffset, boolean byChannel) {

		public Settings {
			basis = basis == null ? Basis.FIRST_ORDER : basis;
			InvalidInputException.require("from", from);
			InvalidInputException.require("to", to);
			if (to.isBefore(from)) {
				throw new InvalidInputException("to", "must not be before from");
			}
			if (from.until(to, ChronoUnit.MONTHS) >= MAX_MONTHS) {
				throw new InvalidInputException("to", "at most " + MAX_MONTHS + " cohorts at once");
			}
			if (maxOffset < 0 || maxOffset > MAX_MONTHS) {
				throw new InvalidInputException("maxOffset", "must be between 0 and " + MAX_MONTHS);
			}
		}

	}

	/**
	 * One cohort: its size and, per month offset from 0, the members who bought in that month and their
	 * share of the cohort.
	 *
	 * @param channel the members' acquisition channel, or null when not split by channel
	 */
	public record Cohort(YearMonth month, Channel channel, int size, List<Integer> retained, List<Double> rates) {
	}

	public record Result(AnalysisScope scope, Settings settings, List<Cohort> cohorts) {
	}

	private CohortRetention() {
	}

	public static Result of(List<CustomerHistory> histories, AnalysisScope scope, Settings settings) {
		YearMonth asOfMonth = YearMonth.from(scope.asOf());
		Map<String, CohortSums> cohorts = new TreeMap<>();
		for (CustomerHistory member : histories) {
			YearMonth cohort = cohortOf(member, scope, settings, asOfMonth);
			if (cohort == null) {
				continue;
			}
			Channel channel = settings.byChannel() ? member.joinChannel() : null;
			int offsets = (int) Math.min(settings.maxOffset(), cohort.until(asOfMonth, ChronoUnit.MONTHS));
			CohortSums sums = cohorts.computeIfAbsent(cohort + "|" + (channel == null ? "" : channel.name()),
					k -> new CohortSums(cohort, channel, offsets));
			sums.size++;
			Set<Integer> boughtAt = monthsBought(member, cohort, scope);
			for (int offset = 0; offset <= offsets; offset++) {
				if (boughtAt.contains(offset)) {
					sums.retained[offset]++;
				}
			}
		}
		List<Cohort> rows = new ArrayList<>();
		for (CohortSums sums : cohorts.values()) {
			List<Integer> retained = new ArrayList<>();
			List<Double> rates = new ArrayList<>();
			for (int count : sums.retained) {
				retained.add(count);
				rates.add((double) count / sums.size);
			}
			rows.add(new Cohort(sums.month, sums.channel, sums.size, retained, rates));
		}
		return new Result(scope, settings, rows);
	}

	/**
	 * What each cohort of {@link #of} rests on, as the periods of a report by month, by basis and channel: its
	 * members, each with the months of the triangle it bought in. A month's cohort in UTC against the same month's in
	 * Beijing's time is the members of the hours between, with the months they bought in. A pass of its own, so that
	 * the counting pass runs the same code for every caller.
	 */
	public static List<ScopesShown.PeriodShown> restingOn(List<CustomerHistory> histories, AnalysisScope scope,
			Settings settings) {
		YearMonth asOfMonth = YearMonth.from(scope.asOf());
		LocalDate first = settings.from().atDay(1);
		Map<String, PeriodRecords> cohorts = new TreeMap<>();
		for (CustomerHistory member : histories) {
			YearMonth cohort = cohortOf(member, scope, settings, asOfMonth);
			if (cohort == null) {
				continue;
			}
			Channel channel = settings.byChannel() ? member.joinChannel() : null;
			String group = (settings.basis() == Basis.FIRST_ORDER ? "first order" : "registration")
					+ (channel == null ? "" : " " + channel.name());
			PeriodRecords records = cohorts.computeIfAbsent(group,
					g -> new PeriodRecords(scope, Period.MONTH, first, first, g));
			Instant at = scope.startOf(cohort.atDay(1));
			records.add(at, member.memberId(), -1, 0);
			int offsets = (int) Math.min(settings.maxOffset(), cohort.until(asOfMonth, ChronoUnit.MONTHS));
			for (int offset : monthsBought(member, cohort, scope)) {
				if (offset <= offsets) {
					records.add(at, member.memberId(), offset, 0);
				}
			}
		}
		return PeriodRecords.shown(cohorts.values(), scope);
	}

	/** The member's cohort month, or null when it has none among those asked for. */
	private static YearMonth cohortOf(CustomerHistory member, AnalysisScope scope, Settings settings,
			YearMonth asOfMonth) {
		YearMonth cohort = settings.basis() == Basis.FIRST_ORDER ? member.firstOrderMonth(scope)
				: member.joinMonth(scope.zone());
		return cohort == null || cohort.isBefore(settings.from()) || cohort.isAfter(settings.to())
				|| cohort.isAfter(asOfMonth) ? null : cohort;
	}

	/** The months from its cohort's (offset 0) in which the member placed a counted order. */
	private static Set<Integer> monthsBought(CustomerHistory member, YearMonth cohort, AnalysisScope scope) {
		Instant end = scope.end();
		Set<Integer> boughtAt = new HashSet<>();
		member.orders().stream()
			.filter(o -> o.placedAt().isBefore(end) && o.countsAt(end))
			.map(o -> YearMonth.from(scope.dayOf(o.placedAt())))
			.filter(m -> !m.isBefore(cohort))
			.forEach(m -> boughtAt.add((int) cohort.until(m, ChronoUnit.MONTHS)));
		return boughtAt;
	}

	private static final class CohortSums {

		final YearMonth month;

		final Channel channel;

		final int[] retained;

		int size;

		CohortSums(YearMonth month, Channel channel, int offsets) {
			this.month = month;
			this.channel = channel;
			this.retained = new int[offsets + 1];
		}

	}

}
