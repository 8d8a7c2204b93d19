package io.membergraph.commerce;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Every order of one member, by id and placement time, in one document keyed by the member id. Reading a
 * member's latest orders is then two {@code _id} lookups, on any store and however many orders there are.
 */
@Document("member_orders")
record MemberOrderList(@Id String memberId, List<Entry> orders) {

	record Entry(String orderId, Instant placedAt) {
	}

	/**
	 * Adds each member's entries to its list in one bulk write, creating the lists members do not have yet. An
	 * entry already there is not added again, so a batch that runs twice leaves each list as once.
	 */
	static void addAll(MongoTemplate mongo, Map<String, List<Entry>> byMember) {
		if (byMember.isEmpty()) {
			return;
		}
		BulkOperations lists = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MemberOrderList.class);
		byMember.forEach((memberId, entries) -> lists.upsert(Query.query(Criteria.where("_id").is(memberId)),
				new Update().addToSet("orders").each(entries.toArray())));
		lists.execute();
	}

}
