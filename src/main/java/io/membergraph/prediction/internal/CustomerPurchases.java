package io.membergraph.prediction.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistories;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.prediction.internal.PurchaseSummaries.Purchase;
import io.membergraph.shared.BusinessCalendar;
import org.springframework.stereotype.Component;

/**
 * Live members' purchases as the models read them: each counted order (paid, not refunded in full) on its day in
 * the business time zone, at its paid amount net of the refunds made by then. Read from the customers' histories
 * (in memory), so a fit never scans the orders.
 */
@Component
public class CustomerPurchases {

	private final CustomerHistories customers;

	private final BusinessCalendar calendar;

	CustomerPurchases(CustomerHistories customers, BusinessCalendar calendar) {
		this.customers = customers;
		this.calendar = calendar;
	}

	/** Every live member's counted purchases placed before {@code end}, as known at {@code end}. */
	public List<Purchase> before(Instant end) {
		List<Purchase> purchases = new ArrayList<>();
		for (CustomerHistory customer : customers.all()) {
			for (PaidOrder order : customer.orders()) {
				if (order.placedAt().isBefore(end) && order.countsAt(end)) {
					purchases.add(new Purchase(customer.memberId(), calendar.dayOf(order.placedAt()),
							order.paidAmount().minus(order.refundedBefore(end)).minorUnits() / 100.0));
				}
			}
		}
		return purchases;
	}

}
