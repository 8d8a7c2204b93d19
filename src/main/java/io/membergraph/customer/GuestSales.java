package io.membergraph.customer;

import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.shared.Money;
import org.springframework.stereotype.Service;

/**
 * Sales to guests (orders without a member), which no member's rollup holds, for the member vs guest share
 * of sales. Counted as member orders are: paid, not cancelled, not refunded in full by the end.
 */
@Service
public class GuestSales {

	private final OrderFacts orderFacts;

	GuestSales(OrderFacts orderFacts) {
		this.orderFacts = orderFacts;
	}

	/** Guest orders and their net spend placed in [{@code start}, {@code end}); {@code start} may be null. */
	public record Totals(int orders, Money netSpend) {
	}

	/** Guest orders placed in [{@code start}, {@code end}), only those of one store when {@code storeId} is given. */
	public Totals between(Instant start, Instant end, String storeId) {
		int orders = 0;
		long net = 0;
		List<Order> guestOrders = orderFacts.placedBetween(start, end, java.util.Objects::isNull)
			.filter(o -> o.paidAt() != null && o.cancelledAt() == null)
			.filter(o -> storeId == null || storeId.equals(o.storeId()))
			.toList();
		for (Order order : guestOrders) {
			long refunded = order.refunds().stream().filter(r -> r.refundedAt().isBefore(end))
				.mapToLong(r -> r.amount().minorUnits()).sum();
			long paid = order.paidAmount().minorUnits();
			if (paid == 0 || refunded < paid) {
				orders++;
				net += paid - refunded;
			}
		}
		return new Totals(orders, new Money(net));
	}

}
