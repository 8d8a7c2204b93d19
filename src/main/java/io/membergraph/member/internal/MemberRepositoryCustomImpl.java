package io.membergraph.member.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import io.membergraph.member.Member;
import io.membergraph.member.MemberFilter;
import io.membergraph.member.MemberStatus;
import io.membergraph.member.StatsChange;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.PageRequest;
import io.membergraph.store.RecordDocuments;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

public class MemberRepositoryCustomImpl implements MemberRepositoryCustom {

	/** Member numbers start here so that every number has eight digits and ids sort as numbers do. */
	public static final long FIRST_MEMBER_NUMBER = 10_000_001L;

	private final MongoTemplate mongo;

	private final BusinessCalendar calendar;

	/** Names a member's id as the store holds it, for updates written as stored. */
	private final RecordDocuments documents;

	MemberRepositoryCustomImpl(MongoTemplate mongo, BusinessCalendar calendar, RecordDocuments documents) {
		this.documents = documents;
		this.mongo = mongo;
		this.calendar = calendar;
	}

	@Override
	public List<Member> search(MemberFilter filter, PageRequest page) {
		List<Criteria> criteria = new ArrayList<>();
		if (filter.name() != null) {
			criteria.add(Criteria.where("name").regex("^" + Pattern.quote(filter.name())));
		}
		if (filter.phone() != null) {
			criteria.add(Criteria.where("phone").is(filter.phone()));
		}
		if (filter.email() != null) {
			criteria.add(Criteria.where("email").is(filter.email()));
		}
		if (filter.tier() != null) {
			criteria.add(Criteria.where("tierCode").is(filter.tier()));
		}
		if (filter.tag() != null) {
			criteria.add(Criteria.where("tags").is(filter.tag()));
		}
		if (filter.province() != null) {
			criteria.add(Criteria.where("region.province").is(filter.province()));
		}
		if (filter.city() != null) {
			criteria.add(Criteria.where("region.city").is(filter.city()));
		}
		if (filter.status() != null) {
			criteria.add(Criteria.where("status").is(filter.status()));
		}
		else {
			// Tombstones of merged members are listed only when asked for by status.
			criteria.add(Criteria.where("status").ne(MemberStatus.MERGED));
		}
		if (filter.joinedFrom() != null) {
			criteria.add(Criteria.where("joinedAt").gte(calendar.startOf(filter.joinedFrom())));
		}
		if (filter.joinedTo() != null) {
			criteria.add(Criteria.where("joinedAt").lt(calendar.startOf(filter.joinedTo().plusDays(1))));
		}
		if (page.after() != null) {
			criteria.add(Criteria.where("_id").gt(page.after().key(0)));
		}
		Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
		return mongo.find(query.with(Sort.by("_id")).limit(page.fetchSize()), Member.class);
	}

	@Override
	public boolean applyStatsChange(String memberId, String operationKey, StatsChange change) {
		return mongo.execute(Member.class,
				members -> members.updateOne(notYetApplied(memberId, operationKey), statsUpdate(operationKey, change)))
			.getModifiedCount() == 1;
	}

	/**
	 * One write for all: the condition and the change are written as stored (ids, counts, dates), not mapped per
	 * member, which was a tenth of an order import's batch writer.
	 */
	@Override
	public int applyStatsChanges(String operationKey, Map<String, StatsChange> changes) {
		if (changes.isEmpty()) {
			return 0;
		}
		List<UpdateOneModel<Document>> updates = new ArrayList<>(changes.size());
		changes.forEach((memberId, change) -> updates
			.add(new UpdateOneModel<>(notYetApplied(memberId, operationKey), statsUpdate(operationKey, change))));
		return mongo.execute(Member.class, members -> RecordDocuments.plain(members)
			.bulkWrite(updates, new BulkWriteOptions().ordered(false))
			.getModifiedCount());
	}

	/**
	 * The member, unless it has the change already or is a tombstone: a merged member's stats are final from the moment
	 * it becomes one, so that the figures its merge hands to the survivor are all it ever counted.
	 */
	private Document notYetApplied(String memberId, String operationKey) {
		return new Document("_id", documents.storedId(memberId, Member.class))
			.append("appliedOperations", new Document("$ne", operationKey))
			.append("status", new Document("$ne", MemberStatus.MERGED.name()));
	}

	private static Document statsUpdate(String operationKey, StatsChange change) {
		Document update = new Document("$inc", new Document("stats.orderCount", change.orders())
			.append("stats.fullyRefundedOrderCount", change.fullyRefundedOrders())
			.append("stats.grossSpend", change.grossSpend().minorUnits())
			.append("stats.refundAmount", change.refundAmount().minorUnits())
			.append("stats.refundCount", change.refunds()));
		if (change.firstOrderAt() != null) {
			update.append("$min", new Document("stats.firstOrderAt", Date.from(change.firstOrderAt())))
				.append("$max", new Document("stats.lastOrderAt", Date.from(change.lastOrderAt())));
		}
		return update.append("$push", new Document("appliedOperations",
				new Document("$each", List.of(operationKey)).append("$slice", -Member.REMEMBERED_OPERATIONS)));
	}

	@Override
	public long nextMemberNumber() {
		return reserveMemberNumbers(1);
	}

	@Override
	public long reserveMemberNumbers(int count) {
		Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is("memberNumber")),
				new Update().inc("issued", (long) count), FindAndModifyOptions.options().upsert(true).returnNew(true),
				Document.class, "counters");
		return FIRST_MEMBER_NUMBER - count + ((Number) counter.get("issued")).longValue();
	}

}
