package io.membergraph.commerce.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.member.MergeParticipant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Moves a merged member's orders to the survivor, and its purchase rollup with them. The orders' pending member
 * updates are completed first, against the merged member, so its stats are final when the merge adds them to the
 * survivor's; refunds recorded after the merge go to the survivor, who then owns the order.
 */
@Component
@org.springframework.core.annotation.Order(10)
public class OrderMerge implements MergeParticipant {

	private final MongoTemplate mongo;

	private final PendingMemberUpdates pendingUpdates;

	private final PurchaseRollups purchases;

	private final Clock clock;

	OrderMerge(MongoTemplate mongo, PendingMemberUpdates pendingUpdates, PurchaseRollups purchases, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		this.pendingUpdates = pendingUpdates;
		this.purchases = purchases;
	}

	@Override
	public String name() {
		return "orders";
	}

	@Override
	public void prepare(String mergedId) {
		pendingUpdates.completeAll(mongo.find(Query.query(Criteria.where("memberId").is(mergedId)
			.and("pendingMemberUpdates.0").exists(true)), Order.class));
	}

	@Override
	public Map<String, Object> move(String mergedId, String survivorId) {
		long orders = mongo.updateMulti(Query.query(Criteria.where("memberId").is(mergedId)),
				Update.update("memberId", survivorId).set("changedAt", clock.instant()), Order.class).getModifiedCount();
		purchases.recompute(survivorId);
		purchases.forget(mergedId);
		Map<String, Object> moved = new LinkedHashMap<>();
		moved.put("orders", orders);
		return moved;
	}

}
