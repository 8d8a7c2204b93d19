package io.membergraph.commerce;

import java.util.List;

import io.membergraph.member.MemberStatistics;
import io.membergraph.member.StatsChange;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Completes the stats changes an order marks as pending: applies each to the member (at most once, by its
 * key) and then clears the mark. Safe to run any number of times, from any node, at any moment.
 */
@Component
class PendingStats {

	private final MongoTemplate mongo;

	private final MemberStatistics statistics;

	PendingStats(MongoTemplate mongo, MemberStatistics statistics) {
		this.mongo = mongo;
		this.statistics = statistics;
	}

	/** Completes every pending change of the order and returns the order as stored afterwards. */
	Order complete(Order order) {
		if (order.pendingStatsUpdates() == null || order.pendingStatsUpdates().isEmpty()) {
			return order;
		}
		for (String key : order.pendingStatsUpdates()) {
			statistics.apply(order.memberId(), key, changeFor(order, key));
			mongo.updateFirst(Query.query(Criteria.where("_id").is(order.id())),
					new Update().pull("pendingStatsUpdates", key), Order.class);
		}
		return mongo.findById(order.id(), Order.class);
	}

	/** Orders a crash left with pending changes. */
	List<Order> leftPending() {
		return mongo.find(Query.query(Criteria.where("pendingStatsUpdates.0").exists(true)), Order.class);
	}

	/** What a pending key does to the member, computed from the order alone so a retry computes the same. */
	static StatsChange changeFor(Order order, String key) {
		StatsChange change = order.statsChanges().get(key);
		if (change == null) {
			throw new IllegalStateException("Order " + order.id() + " has no stats change for pending key " + key);
		}
		return change;
	}

}
