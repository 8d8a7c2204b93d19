package io.membergraph.commerce;

import java.time.Instant;
import java.util.stream.Stream;

import io.membergraph.shared.Money;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Sales to guests (orders without a member), which no member's rollup holds, for the member vs guest share
 * of sales. Counted as member orders are: paid, not cancelled, not refunded in full by the end.
 */
@Service
public class GuestSales {

	private final MongoTemplate mongo;

	GuestSales(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Guest orders and their net spend placed in [{@code start}, {@code end}); {@code start} may be null. */
	public record Totals(int orders, Money netSpend) {
	}

	public Totals between(Instant start, Instant end) {
		Criteria placed = Criteria.where("placedAt").lt(end);
		if (start != null) {
			placed = placed.gte(start);
		}
		Query guests = Query.query(Criteria.where("memberId").is(null).and("paidAt").ne(null).and("cancelledAt").is(null)
			.andOperator(placed));
		guests.fields().include("paidAmount", "refunds");
		int orders = 0;
		long net = 0;
		try (Stream<Order> found = mongo.stream(guests, Order.class)) {
			for (Order order : (Iterable<Order>) found::iterator) {
				long refunded = order.refunds().stream().filter(r -> r.refundedAt().isBefore(end))
					.mapToLong(r -> r.amount().minorUnits()).sum();
				long paid = order.paidAmount().minorUnits();
				if (paid == 0 || refunded < paid) {
					orders++;
					net += paid - refunded;
				}
			}
		}
		return new Totals(orders, new Money(net));
	}

}
