package io.membergraph.commerce;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.store.RecordDocuments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes catalogue data and already-settled orders in bulk, for demo data and imports. The caller vouches
 * for the rows and for the member stats that go with the orders.
 */
@Service
public class CommerceBulkLoad {

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final PurchaseRollups purchases;

	private final Clock clock;

	CommerceBulkLoad(MongoTemplate mongo, PurchaseRollups purchases, Clock clock, RecordDocuments documents) {
		this.mongo = mongo;
		this.documents = documents;
		this.purchases = purchases;
		this.clock = clock;
	}

	public void saveProducts(List<Product> products) {
		products.forEach(mongo::save);
	}

	public void saveStores(List<Store> stores) {
		stores.forEach(mongo::save);
	}

	/**
	 * Inserts orders whose stats changes are already applied to their members, and adds them to their
	 * members' purchase rollups.
	 */
	public void insertSettledOrders(List<Order> orders) {
		Instant now = clock.instant();
		documents.insert(orders.stream()
			.map(o -> o.withBookkeeping(List.of(), OrderRules.fingerprint(o)).changedAt(now))
			.toList(), Order.class);
		purchases.writeFor(orders);
	}

}
