package io.membergraph.commerce;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes catalogue data and already-settled orders in bulk, for demo data and imports. The caller vouches
 * for the rows and for the member stats that go with the orders.
 */
@Service
public class CommerceBulkLoad {

	private final MongoTemplate mongo;

	CommerceBulkLoad(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public void saveProducts(List<Product> products) {
		products.forEach(mongo::save);
	}

	public void saveStores(List<Store> stores) {
		stores.forEach(mongo::save);
	}

	/** Inserts orders whose stats changes are already applied to their members. */
	public void insertSettledOrders(List<Order> orders) {
		mongo.insert(orders.stream().map(o -> o.withBookkeeping(List.of(), OrderRules.fingerprint(o))).toList(),
				Order.class);
	}

}
