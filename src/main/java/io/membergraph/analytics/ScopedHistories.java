package io.membergraph.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.customer.CustomerHistories;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.security.Caller;
import io.membergraph.security.ShownGroups;
import io.membergraph.segment.SegmentMemberships;
import io.membergraph.shared.DurationSetting;
import io.membergraph.shared.ForbiddenFieldException;
import io.membergraph.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The customers' histories an analysis's scope admits: its saved segment, its store and its filters on the member.
 * <p>
 * For a caller shown aggregates only (MARKETER), two scopes whose members differ by a group too small to show are
 * not both answered: the answers set against each other (a province against the same province's members who joined
 * online) would describe those few members, whom no single answer shows. The later scope is refused, naming the
 * earlier one.
 */
@Component
public class ScopedHistories {

	private final CustomerHistories customers;

	private final SegmentMemberships segments;

	private final Caller caller;

	private final int minGroupSize;

	private final ShownGroups shown;

	/**
	 * @param minGroupSize the fewest members whose figures are shown to a caller shown aggregates only
	 * @param memory how long the scopes such a caller was shown are remembered
	 */
	ScopedHistories(CustomerHistories customers, SegmentMemberships segments, Caller caller, Clock clock,
			@Value("${membergraph.privacy.min-group-size:5}") int minGroupSize,
			@Value("${membergraph.privacy.preview-memory:PT24H}") Duration memory) {
		this.customers = customers;
		this.segments = segments;
		this.caller = caller;
		this.minGroupSize = minGroupSize;
		this.shown = new ShownGroups(minGroupSize, DurationSetting.within("membergraph.privacy.preview-memory", memory,
				Duration.ofHours(1), Duration.ofDays(366)), clock);
	}

	/**
	 * The members the scope admits (in its saved segment, when it names one), with their orders (only those placed
	 * in the scope's store, when it names one). Unmodifiable: a scope that admits everyone is handed the join itself.
	 */
	public List<CustomerHistory> in(AnalysisScope scope) {
		if (!scope.filtersMembers() && scope.storeId() == null) {
			List<CustomerHistory> everyone = customers.all();
			if (caller.seesOnlyAggregates()) {
				refuseDifferingByAFew(scope, everyone);
			}
			return everyone;
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
		if (caller.seesOnlyAggregates()) {
			refuseDifferingByAFew(scope, histories);
		}
		return java.util.Collections.unmodifiableList(histories);
	}

	/**
	 * Refuses a scope whose members, and their orders that count in its window, differ from those of another scope
	 * the caller was shown by those of 1 to 4 members. A scope of 1 to 4 members is let through: the small-group rule
	 * withholds its figures, so it is no side of a difference either.
	 */
	private void refuseDifferingByAFew(AnalysisScope scope, List<CustomerHistory> admitted) {
		ShownGroups.Sketch records = new ShownGroups.Sketch();
		Instant start = scope.start();
		Instant end = scope.end();
		int members = 0;
		for (CustomerHistory member : admitted) {
			if (member.joinedAt() != null && !member.joinedAt().isBefore(end)) {
				continue;
			}
			members++;
			records.member(member.memberId());
			for (PaidOrder order : member.orders()) {
				if (!order.placedAt().isBefore(end)) {
					break;
				}
				if ((start == null || !order.placedAt().isBefore(start)) && order.countsAt(end)) {
					// The view keeps no order id: the time, amount and channel tell a member's orders apart.
					long identity = order.placedAt().toEpochMilli() * 1_000_003L + order.paidAmount().minorUnits() * 7
							+ (order.channel() == null ? 0 : order.channel().ordinal());
					records.record(member.memberId(), identity,
							order.refunds().isEmpty() ? 0 : order.refundedBefore(end).minorUnits());
				}
			}
		}
		if (members < minGroupSize) {
			return;
		}
		shown.differingQuestion(caller.name(), scope.question(), records).ifPresent(earlier -> {
			throw new ForbiddenFieldException("scope", "differs by fewer than " + minGroupSize + " members from a scope "
					+ "you were shown recently (" + earlier + "), so the two answers set against each other would describe "
					+ "those few members; choose filters or days that differ from it by more");
		});
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
			Set<String> everyone = customers.liveMemberIds();
			if (caller.seesOnlyAggregates()) {
				refuseDifferingByAFew(scope, customers.all());
			}
			return everyone;
		}
		Set<String> ids = new HashSet<>();
		in(scope).forEach(h -> ids.add(h.memberId()));
		return ids;
	}

	/** {@link #in} by member id, for analyses that look members up (interactions, referrals). */
	Map<String, CustomerHistory> byId(AnalysisScope scope) {
		Map<String, CustomerHistory> byId = new HashMap<>();
		in(scope).forEach(h -> byId.put(h.memberId(), h));
		return byId;
	}

}
