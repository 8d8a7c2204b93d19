package io.membergraph.member;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps the stats block on each member as orders are paid and refunded. Each change carries a key (the
 * order or refund it comes from) and is applied at most once, in one atomic update of the member.
 */
@Service
public class MemberStatistics {

	private final MemberRepository members;

	private final MongoTemplate mongo;

	MemberStatistics(MemberRepository members, MongoTemplate mongo) {
		this.members = members;
		this.mongo = mongo;
	}

	/** The stats each member has now, for checking them against the orders. */
	public Map<String, MemberStats> current() {
		Query all = new Query();
		all.fields().include("stats");
		return mongo.find(all, Member.class).stream().collect(Collectors.toMap(Member::id, Member::stats));
	}

	/** Sets a member's stats outright: the repair of a rebuild, not a business event. */
	public void replace(String memberId, MemberStats stats) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)), new Update().set("stats", stats), Member.class);
	}

	/** Applies the change unless the member already has it; false when it had it (or the member is unknown). */
	public boolean apply(String memberId, String operationKey, StatsChange change) {
		return members.applyStatsChange(memberId, operationKey, change);
	}

	/**
	 * Applies one change per member under one key (a batch of orders), in one bulk write: each member's update
	 * is guarded by the key, so running it again changes nothing. Returns how many members it changed.
	 */
	public int applyAll(String operationKey, Map<String, StatsChange> changes) {
		return members.applyStatsChanges(operationKey, changes);
	}

}
