package io.membergraph.member;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.membergraph.member.internal.MemberMergeRecord;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.store.Lookups;
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

	/** More merges than one change can meet on its way. */
	private static final int MAX_HOPS = 20;

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

	/**
	 * Applies the change unless the member already has it; false when it had it (or the member is unknown). A change
	 * that reaches a member merged away before it was applied there (an order recorded for it the moment the merge
	 * began) is applied to the member it lives in now: the tombstone takes no change, so its figures, which the merge
	 * hands to the survivor, hold each change once.
	 */
	public boolean apply(String memberId, String operationKey, StatsChange change) {
		String target = memberId;
		for (int hop = 0; hop <= MAX_HOPS; hop++) {
			if (members.applyStatsChange(target, operationKey, change)) {
				return true;
			}
			target = survivorOwing(target, operationKey);
			if (target == null) {
				return false;
			}
		}
		throw new IllegalStateException("The stats change " + operationKey + " of " + memberId + " followed more than "
				+ MAX_HOPS + " merges");
	}

	/**
	 * Applies one change per member under one key (a batch of orders), in one bulk write: each member's update
	 * is guarded by the key, so running it again changes nothing. The change of a member merged away meanwhile goes to
	 * the member it lives in now under a key of its own ({@code <key>@<member id>}): that member may have the batch's
	 * key already, for its own orders. Returns how many members it changed.
	 */
	public int applyAll(String operationKey, Map<String, StatsChange> changes) {
		int applied = members.applyStatsChanges(operationKey, changes);
		if (applied < changes.size()) {
			for (String merged : mergedWithout(changes.keySet(), operationKey)) {
				if (apply(merged, operationKey + "@" + merged, changes.get(merged))) {
					applied++;
				}
			}
		}
		return applied;
	}

	/**
	 * Where a change the member refused is owed: the member it was merged into, if it is a tombstone that never took
	 * the change; else nowhere (null): it has the change, or is unknown. One merge at a time: a survivor merged away in
	 * turn may have taken the change before it was, and handed it on in its figures. A member not merged that refused
	 * it had it, and may have forgotten it since among its newest keys: applying it again would count it twice.
	 */
	private String survivorOwing(String memberId, String operationKey) {
		Query member = Query.query(Criteria.where("_id").is(memberId));
		member.fields().include("status", "appliedOperations");
		Member found = mongo.findOne(member, Member.class);
		if (found == null || found.status() != MemberStatus.MERGED
				|| found.appliedOperations() != null && found.appliedOperations().contains(operationKey)) {
			return null;
		}
		MemberMergeRecord merge = mongo.findById(memberId, MemberMergeRecord.class);
		return merge == null ? null : merge.survivorId();
	}

	/** Of these members, the tombstones without the change: they refused it. */
	private List<String> mergedWithout(Collection<String> memberIds, String operationKey) {
		Query merged = Lookups.byIds(memberIds, "status", MemberStatus.MERGED)
			.addCriteria(Criteria.where("appliedOperations").ne(operationKey));
		merged.fields().include("_id");
		return mongo.find(merged, Member.class).stream().map(Member::id).toList();
	}

}
