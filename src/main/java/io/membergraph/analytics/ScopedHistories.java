package io.membergraph.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.membergraph.analytics.internal.ScopesShown;
import io.membergraph.customer.CustomerHistories;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.segment.SegmentMemberships;
import io.membergraph.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The customers' histories an analysis's scope admits: its saved segment, its store and its filters on the member;
 * for a caller shown aggregates only, once {@link ScopesShown} has let the scope through.
 */
@Component
public class ScopedHistories {

	private final CustomerHistories customers;

	private final SegmentMemberships segments;

	private final ScopesShown shown;

	ScopedHistories(CustomerHistories customers, SegmentMemberships segments, ScopesShown shown) {
		this.customers = customers;
		this.segments = segments;
		this.shown = shown;
	}

	/**
	 * The members the scope admits (in its saved segment, when it names one), with their orders (only those placed
	 * in the scope's store, when it names one). Unmodifiable: a scope that admits everyone is handed the join itself.
	 */
	public List<CustomerHistory> in(AnalysisScope scope) {
		List<CustomerHistory> admitted = admitted(scope);
		shown.refuseDifferingByAFew(scope, admitted);
		return admitted;
	}

	private List<CustomerHistory> admitted(AnalysisScope scope) {
		if (!scope.filtersMembers() && scope.storeId() == null) {
			return customers.all();
		}
		Set<String> inSegment = scope.segmentId() == null ? null : segmentMembers(scope.segmentId());
		List<CustomerHistory> histories = new ArrayList<>();
		for (CustomerHistory everyone : customers.all()) {
			if (inSegment != null && !inSegment.contains(everyone.memberId())) {
				continue;
			}
			CustomerHistory history = everyone;
			if (scope.storeId() != null) {
				history = new CustomerHistory(everyone.memberId(), everyone.joinedAt(), everyone.joinChannel(),
						everyone.tierCode(), everyone.province(), everyone.city(),
						everyone.orders().stream().filter(o -> scope.storeId().equals(o.storeId())).toList());
			}
			if (scope.admits(history)) {
				histories.add(history);
			}
		}
		return java.util.Collections.unmodifiableList(histories);
	}

	/**
	 * For analyses that select no member's history: refuses a scope whose members and orders are a few members from
	 * those of an answer the caller was shown ({@link ScopesShown}), as {@link #in} does when it selects.
	 */
	void refuseDifferingByAFew(AnalysisScope scope) {
		in(scope);
	}

	/**
	 * Whether the caller's answers are set against each other ({@link ScopesShown}): what they rest on is needed only
	 * then.
	 */
	boolean guardsCaller() {
		return shown.guardsCaller();
	}

	/** The same for records of another kind an analysis rests on (points movements, interactions), from a day. */
	void refuseDifferingByAFew(AnalysisScope scope, String analysis, LocalDate from, int members,
			Consumer<ScopesShown.Records> records) {
		shown.refuseDifferingByAFew(scope, analysis, from, members, records);
	}

	/** The same, for an analysis asked more than its scope and first day ({@code asked}: "from …, 90 days"). */
	void refuseDifferingByAFew(AnalysisScope scope, String analysis, String asked, int members,
			Consumer<ScopesShown.Records> records) {
		shown.refuseDifferingByAFew(scope, analysis, asked, members, records);
	}

	/**
	 * Refuses an analysis whose groups, cut by thresholds the caller chose, are a few members from groups of an answer
	 * cut otherwise ({@link ScopesShown#refuseGroupsDifferingByAFew}).
	 */
	public void refuseGroupsDifferingByAFew(AnalysisScope scope, String analysis, String cut,
			java.util.function.Supplier<java.util.Map<String, List<CustomerHistory>>> groups) {
		shown.refuseGroupsDifferingByAFew(scope, analysis, cut, groups);
	}

	/**
	 * Refuses a report whose periods are a few members from periods shown before, of another length or time zone
	 * ({@link ScopesShown#refusePeriodsDifferingByAFew}).
	 */
	void refusePeriodsDifferingByAFew(AnalysisScope scope, String analysis, List<ScopesShown.PeriodShown> periods) {
		shown.refusePeriodsDifferingByAFew(scope, analysis, periods);
	}

	/** The saved segment's members; an unknown segment is refused naming the scope's field. */
	private Set<String> segmentMembers(String segmentId) {
		try {
			return segments.memberIdsOf(segmentId);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("scope." + ex.field(), ex.reason());
		}
	}

	/**
	 * The ids of the members {@link #in} admits. A scope without filters on the member admits every live member (a
	 * store narrows orders, not members).
	 */
	Set<String> memberIds(AnalysisScope scope) {
		if (!scope.filtersMembers()) {
			shown.refuseDifferingByAFew(scope, customers.all());
			return customers.liveMemberIds();
		}
		Set<String> ids = new HashSet<>();
		in(scope).forEach(h -> ids.add(h.memberId()));
		return ids;
	}

	/** {@link #in} by member id, for analyses that look members up (interactions, referrals). */
	Map<String, CustomerHistory> byId(AnalysisScope scope) {
		return byId(in(scope));
	}

	/**
	 * Every member's history by id, in the scope's store, for members an answer reaches from its scope's own (the
	 * members its referrers brought in, wherever they live). Not a scope the caller asked about, so not set against
	 * the scopes it was shown: what the answer shows of those members rests on records the analysis sets against
	 * each other itself.
	 */
	Map<String, CustomerHistory> reachedById(AnalysisScope scope) {
		return byId(admitted(scope.allTime()));
	}

	private static Map<String, CustomerHistory> byId(List<CustomerHistory> histories) {
		Map<String, CustomerHistory> byId = new HashMap<>();
		histories.forEach(h -> byId.put(h.memberId(), h));
		return byId;
	}

}
