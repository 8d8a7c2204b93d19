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
		Map<String, List<PaidOrder>> orders = purchases.paidOrdersByMember();
		Set<String> inSegment = scope.segmentId() == null ? null : segments.memberIdsOf(scope.segmentId());
		List<MemberHistory> histories = new ArrayList<>();
		for (MemberFacts.Facts f : members.byMember().values()) {
			if (inSegment != null && !inSegment.contains(f.id())) {
				continue;
			}
			List<PaidOrder> own = orders.getOrDefault(f.id(), List.of());
			if (scope.storeId() != null) {
				own = own.stream().filter(o -> scope.storeId().equals(o.storeId())).toList();
			}
			MemberHistory history = new MemberHistory(f.id(), f.joinedAt(), f.joinChannel(), f.tierCode(), f.province(),
					f.city(), own);
			if (scope.admits(history)) {
				histories.add(history);
			}
		}
		return histories;
	}

	/** {@link #in} by member id, for analyses that look members up (interactions, referrals). */
	Map<String, MemberHistory> byId(AnalysisScope scope) {
		Map<String, MemberHistory> byId = new HashMap<>();
		in(scope).forEach(h -> byId.put(h.memberId(), h));
		return byId;
	}

}
