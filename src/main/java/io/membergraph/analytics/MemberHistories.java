package io.membergraph.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.member.MemberFacts;
import io.membergraph.segment.SegmentMemberships;
import org.springframework.stereotype.Component;

/**
 * Every member's history for an analysis, joined by member id from two read models that are kept in memory
 * and refreshed from what was written since the previous analysis: the member facts and the purchase rollups.
 */
@Component
class MemberHistories {

	private final MemberFacts members;

	private final PurchaseRollups purchases;

	private final SegmentMemberships segments;

	private volatile Join join;

	MemberHistories(MemberFacts members, PurchaseRollups purchases, SegmentMemberships segments) {
		this.members = members;
		this.purchases = purchases;
		this.segments = segments;
	}

	/**
	 * The members the scope admits (in its saved segment, when it names one), with their orders (only those placed
	 * in the scope's store, when it names one).
	 */
	List<MemberHistory> in(AnalysisScope scope) {
		Set<String> inSegment = scope.segmentId() == null ? null : segments.memberIdsOf(scope.segmentId());
		List<MemberHistory> histories = new ArrayList<>();
		for (MemberHistory everyone : joined()) {
			if (inSegment != null && !inSegment.contains(everyone.memberId())) {
				continue;
			}
			MemberHistory history = everyone;
			if (scope.storeId() != null) {
				history = new MemberHistory(everyone.memberId(), everyone.joinedAt(), everyone.joinChannel(),
						everyone.tierCode(), everyone.province(), everyone.city(),
						everyone.orders().stream().filter(o -> scope.storeId().equals(o.storeId())).toList());
			}
			if (scope.admits(history)) {
				histories.add(history);
			}
		}
		return histories;
	}

	/**
	 * Every member with its orders: the join of the two views, made again only when one of them changed (each
	 * hands out the same map while nothing was written), rather than by 100,000 lookups on every analysis.
	 */
	private List<MemberHistory> joined() {
		Map<String, MemberFacts.Facts> facts = members.byMember();
		Map<String, List<PaidOrder>> orders = purchases.paidOrdersByMember();
		Join join = this.join;
		if (join != null && join.facts() == facts && join.orders() == orders) {
			return join.histories();
		}
		List<MemberHistory> histories = new ArrayList<>(facts.size());
		for (MemberFacts.Facts f : facts.values()) {
			histories.add(new MemberHistory(f.id(), f.joinedAt(), f.joinChannel(), f.tierCode(), f.province(), f.city(),
					orders.getOrDefault(f.id(), List.of())));
		}
		this.join = new Join(facts, orders, List.copyOf(histories));
		return this.join.histories();
	}

	/** The views' maps a join was made from, and the join. */
	private record Join(Map<String, MemberFacts.Facts> facts, Map<String, List<PaidOrder>> orders,
			List<MemberHistory> histories) {
	}

	/** {@link #in} by member id, for analyses that look members up (interactions, referrals). */
	Map<String, MemberHistory> byId(AnalysisScope scope) {
		Map<String, MemberHistory> byId = new HashMap<>();
		in(scope).forEach(h -> byId.put(h.memberId(), h));
		return byId;
	}

}
