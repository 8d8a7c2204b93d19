package io.membergraph.commerce;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.membergraph.commerce.internal.MemberOrderList;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.commerce.internal.SetAdditions;
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
	 * members' order lists and purchase rollups.
	 */
	public void insertSettledOrders(List<Order> orders) {
		Instant now = clock.instant();
		documents.insert(orders.stream()
			.map(o -> o.withBookkeeping(List.of(), OrderRules.fingerprint(o)).changedAt(now))
			.toList(), Order.class);
		Map<String, List<MemberOrderList.Entry>> byMember = orders.stream()
			.filter(o -> o.memberId() != null)
			.collect(Collectors.groupingBy(Order::memberId, LinkedHashMap::new,
					Collectors.mapping(o -> new MemberOrderList.Entry(o.id(), o.placedAt()), Collectors.toList())));
		SetAdditions.addAll(mongo, MemberOrderList.class, "orders", byMember);
		purchases.writeFor(orders);
	}

}
