package io.membergraph.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.membergraph.customer.internal.MemberScores;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The RFM scores the latest scoring runs stored on each member ({@code member_scores}). The analyses compute a run
 * and the callers' roles are checked there; this service keeps what the run decided and serves it to segments (the
 * {@code rfm.segment} field, from memory) and to member profiles.
 */
@Service
public class RfmScores implements WarmUp {

	private static final int WRITE_BATCH = 1_000;

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	/** Each scored member's RFM segment, kept in memory and refreshed from the scores written since. */
	private final ChangeStampedView<MemberScores, RfmSegment> segments;

	RfmScores(MongoTemplate mongo, RecordDocuments documents, ChangeStampedViews views) {
		this.mongo = mongo;
		this.documents = documents;
		this.segments = views.of(MemberScores.class, "changedAt", new String[] { "rfm", "changedAt" },
				MemberScores::memberId, RfmScores::segmentOf);
	}

	/**
	 * Stores a run's scores: each scored member's score replaces its earlier one, and a member the run covered but
	 * did not score (no counted order) loses an earlier score, so a stored score is always from the latest run that
	 * covered the member. Returns how many earlier scores were cleared.
	 */
	public int storeRun(Map<String, RfmScore> scored, Collection<String> covered, Instant now) {
		List<Map.Entry<String, RfmScore>> entries = List.copyOf(scored.entrySet());
		Date changedAt = Date.from(now);
		for (int from = 0; from < entries.size(); from += WRITE_BATCH) {
			// Written as stored, not mapped per member: mapping 100,000 upserts was most of a run's writing, and its
			// code was still being compiled when the next request came (BENCHMARKS.md, 2026-12-05 evening).
			List<UpdateOneModel<Document>> upserts = new ArrayList<>(WRITE_BATCH);
			for (Map.Entry<String, RfmScore> score : entries.subList(from, Math.min(entries.size(), from + WRITE_BATCH))) {
				upserts.add(new UpdateOneModel<>(new Document("_id", documents.storedId(score.getKey(), MemberScores.class)),
						new Document("$set", new Document("rfm", documents.writeNested(score.getValue())).append("changedAt",
								changedAt)),
						new UpdateOptions().upsert(true)));
			}
			mongo.execute(MemberScores.class,
					scores -> scores.bulkWrite(upserts, new BulkWriteOptions().ordered(false)));
		}
		List<String> unscored = covered.stream().filter(id -> !scored.containsKey(id)).toList();
		long cleared = 0;
		for (int from = 0; from < unscored.size(); from += WRITE_BATCH) {
			List<String> ids = unscored.subList(from, Math.min(unscored.size(), from + WRITE_BATCH));
			cleared += mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("rfm").exists(true)),
					new Update().unset("rfm").set("changedAt", now), MemberScores.class).getModifiedCount();
		}
		// The run rewrote up to every member's scores: read them into the view now, as part of the run, so that the
		// next segment on rfm.segment does not pay for it.
		segments.current();
		return (int) cleared;
	}

	/** The member's stored RFM, or null before a scoring run has scored it. */
	public RfmScore of(String memberId) {
		MemberScores scores = mongo.findById(memberId, MemberScores.class);
		return scores == null ? null : scores.rfm();
	}

	/** {@link #of} for many members in one read, by member id; members never scored are absent. */
	public Map<String, RfmScore> ofAll(Collection<String> memberIds) {
		Map<String, RfmScore> byMember = new HashMap<>();
		mongo.find(Lookups.byIds(memberIds), MemberScores.class)
			.stream()
			.filter(scores -> scores.rfm() != null)
			.forEach(scores -> byMember.put(scores.memberId(), scores.rfm()));
		return byMember;
	}

	/** The RFM segment the latest scoring run gave each scored member, by member id. */
	public Map<String, RfmSegment> segments() {
		return segments.current();
	}

	@Override
	public void warm() {
		segments.current();
	}

	/** Null for a member whose scores a later run cleared: the view drops it. */
	private static RfmSegment segmentOf(MemberScores scores) {
		return scores.rfm() == null ? null : scores.rfm().segment();
	}

}
