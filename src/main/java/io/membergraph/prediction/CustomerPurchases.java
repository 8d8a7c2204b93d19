package io.membergraph.prediction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.member.MemberFacts;
import io.membergraph.prediction.PurchaseSummaries.Purchase;
import io.membergraph.shared.BusinessCalendar;
import org.springframework.stereotype.Component;

/**
 * Live members' purchases as the models read them: each counted order (paid, not refunded in full) on its day in
 * the business time zone, at its paid amount net of the refunds made by then. Read from the in-memory purchase
 * rollups, so a fit never scans the orders.
 */
@Component
class CustomerPurchases {

	private final PurchaseRollups rollups;

	private final MemberFacts members;

	private final BusinessCalendar calendar;

	CustomerPurchases(PurchaseRollups rollups, MemberFacts members, BusinessCalendar calendar) {
		this.rollups = rollups;
		this.members = members;
		this.calendar = calendar;
	}

	/** Every live member's counted purchases placed before {@code end}, as known at {@code end}. */
	List<Purchase> before(Instant end) {
		Map<String, List<PaidOrder>> paid = rollups.paidOrdersByMember();
		List<Purchase> purchases = new ArrayList<>();
		for (String memberId : members.byMember().keySet()) {
			for (PaidOrder order : paid.getOrDefault(memberId, List.of())) {
				if (order.placedAt().isBefore(end) && order.countsAt(end)) {
					purchases.add(new Purchase(memberId, calendar.dayOf(order.placedAt()),
							order.paidAmount().minus(order.refundedBefore(end)).minorUnits() / 100.0));
				}
			}
		}
		return purchases;
	}

}
