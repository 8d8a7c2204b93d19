package io.membergraph.analytics.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.security.ShownGroups;

/**
 * What each period of a report by period rests on (the points movements of its members, say), for the guard against
 * setting periods cut otherwise against each other ({@link ScopesShown#refusePeriodsDifferingByAFew}): each period's
 * records with their members, who are the group its figures describe.
 */
public final class PeriodRecords {

	private final PeriodStarts starts;

	private final Period period;

	private final java.time.LocalDate firstDay;

	private final String group;

	private final List<ShownGroups.Sketch> records = new ArrayList<>();

	private final List<Set<String>> owners = new ArrayList<>();

	/**
	 * @param from the day the report's periods are asked from: its periods start at that day's
	 * @param firstDay the first day the report reads: the first period's start, or a day of it (a report from the 10th
	 * by month reads its first month from the 10th)
	 */
	public PeriodRecords(AnalysisScope scope, Period period, java.time.LocalDate from, java.time.LocalDate firstDay) {
		this(scope, period, from, firstDay, "");
	}

	/**
	 * The same, for one of the kinds of records a report's periods rest on (new members, customers), each set
	 * against the periods of its kind only.
	 *
	 * @param group the kind, as the periods are named by
	 */
	public PeriodRecords(AnalysisScope scope, Period period, java.time.LocalDate from, java.time.LocalDate firstDay,
			String group) {
		this.group = group;
		this.starts = new PeriodStarts(scope, period, from);
		this.period = period;
		this.firstDay = firstDay;
		for (int i = 0; i < starts.size(); i++) {
			records.add(new ShownGroups.Sketch());
			owners.add(new HashSet<>());
		}
	}

	/** Adds a points movement to the period it falls in, if any (one before the first day is the caller's to leave out). */
	public void add(LoyaltyFacts.Movement movement) {
		add(movement.occurredAt(), movement.memberId(),
				movement.occurredAt().toEpochMilli() * 8 + movement.flow().ordinal(), movement.points());
	}

	/**
	 * Adds a member's record to the period it falls in, if any.
	 *
	 * @param identity what tells it from the member's other records
	 * @param state what of it can change later (zero for a record that does not change)
	 */
	public void add(Instant at, String memberId, long identity, long state) {
		int index = starts.indexOf(at.toEpochMilli());
		if (index < 0 || memberId == null) {
			return;
		}
		owners.get(index).add(memberId);
		records.get(index).record(ShownGroups.Sketch.owner(memberId), identity, state);
	}

	/** The periods of each kind of records, kind after kind, as {@link #shown(AnalysisScope)} gives them. */
	public static List<ScopesShown.PeriodShown> shown(Collection<PeriodRecords> kinds, AnalysisScope scope) {
		List<ScopesShown.PeriodShown> shown = new ArrayList<>();
		kinds.forEach(kind -> shown.addAll(kind.shown(scope)));
		return shown;
	}

	/** Each period as shown, to the scope's end for the last. */
	public List<ScopesShown.PeriodShown> shown(AnalysisScope scope) {
		List<ScopesShown.PeriodShown> shown = new ArrayList<>();
		for (int i = 0; i < starts.size(); i++) {
			java.time.LocalDate start = i == 0 && firstDay.isAfter(starts.start(0)) ? firstDay : starts.start(i);
			java.time.LocalDate last = period.next(starts.start(i)).minusDays(1);
			if (last.isAfter(scope.asOf())) {
				last = scope.asOf();
			}
			Instant end = scope.startOf(last.plusDays(1));
			shown.add(new ScopesShown.PeriodShown(group, start, last, scope.startOf(start), end, owners.get(i).size(),
					records.get(i)));
		}
		return shown;
	}

}
