package io.membergraph.customer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.store.Lookups;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The predictions the latest scoring run stored on each member ({@code member_predictions}). The prediction module
 * fits the models, scores the members and checks the callers' roles; this service keeps what a run decided and
 * serves it to segments (the {@code prediction.*} fields) and to the prediction module's own reads.
 */
@Service
public class StoredPredictions {

	private final MongoTemplate mongo;

	StoredPredictions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Stores a batch of one run's predictions, each replacing the member's earlier one. */
	public void store(List<MemberPrediction> batch) {
		if (batch.isEmpty()) {
			return;
		}
		BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MemberPrediction.class);
		for (MemberPrediction prediction : batch) {
			bulk.replaceOne(Query.query(Criteria.where("_id").is(prediction.memberId())), prediction,
					FindAndReplaceOptions.options().upsert());
		}
		bulk.execute();
	}

	/**
	 * Removes every prediction a run other than {@code run} stored: the members it no longer scores (no purchase by
	 * its day, or merged away). Returns how many were removed.
	 */
	public int removeAllBut(String run) {
		return (int) mongo.remove(Query.query(Criteria.where("run").ne(run)), MemberPrediction.class).getDeletedCount();
	}

	/** The member's prediction, or null when no run scored it. */
	public MemberPrediction of(String memberId) {
		return mongo.findById(memberId, MemberPrediction.class);
	}

	/** {@link #of} for many members in one read, by member id; members never scored are absent. */
	public Map<String, MemberPrediction> ofAll(Collection<String> memberIds) {
		Map<String, MemberPrediction> byMember = new HashMap<>();
		mongo.find(Lookups.byIds(memberIds), MemberPrediction.class).forEach(p -> byMember.put(p.memberId(), p));
		return byMember;
	}

	/** Every stored prediction. */
	public List<MemberPrediction> all() {
		return mongo.findAll(MemberPrediction.class);
	}

	/** Every stored prediction by member id. */
	public Map<String, MemberPrediction> byMember() {
		Map<String, MemberPrediction> byMember = new HashMap<>();
		all().forEach(p -> byMember.put(p.memberId(), p));
		return byMember;
	}

}
