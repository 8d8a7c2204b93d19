package io.membergraph.commerce;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The orders placed in a time window, streamed, for analyses whose definitions need order-level facts
 * (cycle times, stores, sales associates, lines) that no rollup keeps. The window is a range on the
 * placement time, indexed on MongoDB.
 */
@Service
public class OrderFacts {

	private final MongoTemplate mongo;

	OrderFacts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Hands each order placed in [{@code start}, {@code end}) to {@code each}, without bookkeeping fields. */
	public void placedBetween(Instant start, Instant end, Consumer<Order> each) {
		Query placed = Query.query(Criteria.where("placedAt").gte(start).lt(end));
		placed.fields().exclude("pendingMemberUpdates", "fingerprint");
		try (Stream<Order> orders = mongo.stream(placed, Order.class)) {
			orders.forEach(each);
		}
	}

}
