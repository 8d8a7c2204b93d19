package io.membergraph.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.membergraph.commerce.MemberPurchases;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberDirectory.MemberFacts;
import org.springframework.stereotype.Component;

/**
 * Loads every member's history for an analysis from two read models: the member facts and the purchase
 * rollups, joined by member id. Two streamed reads, however many orders there are.
 */
@Component
class MemberHistories {

	private final MemberDirectory members;

	private final PurchaseRollups purchases;

	MemberHistories(MemberDirectory members, PurchaseRollups purchases) {
		this.members = members;
		this.purchases = purchases;
	}

	/** The members the scope admits, with their orders. */
	List<MemberHistory> in(AnalysisScope scope) {
		Map<String, List<PaidOrder>> orders = new HashMap<>();
		try (Stream<MemberPurchases> all = purchases.paidOrdersOfAll()) {
			all.forEach(p -> orders.put(p.memberId(), p.orders()));
		}
		List<MemberHistory> histories = new ArrayList<>();
		try (Stream<MemberFacts> facts = members.facts()) {
			facts.forEach(f -> {
				MemberHistory history = new MemberHistory(f.id(), f.joinedAt(), f.joinChannel(), f.tierCode(), f.province(),
						f.city(), orders.getOrDefault(f.id(), List.of()));
				if (scope.admits(history)) {
					histories.add(history);
				}
			});
		}
		return histories;
	}

}
