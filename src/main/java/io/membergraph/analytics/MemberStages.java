package io.membergraph.analytics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.membergraph.segment.MemberStageSource;
import io.membergraph.shared.BusinessCalendar;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Each member's lifecycle stage on a day (default thresholds, business time zone) and RFM segment from the
 * latest scoring run, for segments, which select members by them.
 */
@Component
class MemberStages implements MemberStageSource {

	private final MemberHistories histories;

	private final BusinessCalendar calendar;

	private final MongoTemplate mongo;

	MemberStages(MemberHistories histories, BusinessCalendar calendar, MongoTemplate mongo) {
		this.histories = histories;
		this.calendar = calendar;
		this.mongo = mongo;
	}

	/** The lifecycle stage of every live member registered by the end of {@code day}, by member id. */
	@Override
	public Map<String, String> lifecycleOn(LocalDate day) {
		AnalysisScope scope = new AnalysisScope(day, calendar.zone(), null, null, null, null, null);
		Map<String, String> stages = new HashMap<>();
		for (MemberHistory member : histories.in(scope)) {
			Lifecycle.Stage stage = Lifecycle.stageOf(member, scope, Lifecycle.Settings.DEFAULT);
			if (stage != Lifecycle.Stage.NOT_JOINED) {
				stages.put(member.memberId(), stage.name());
			}
		}
		return stages;
	}

	/** The RFM segment the latest scoring run gave each scored member, by member id. */
	@Override
	public Map<String, String> rfmSegments() {
		Query scored = new Query();
		scored.fields().include("rfm.segment");
		scored.cursorBatchSize(1_000);
		Map<String, String> segments = new HashMap<>();
		// Read as plain documents: the projection leaves out fields the score record needs.
		mongo.find(scored, Document.class, mongo.getCollectionName(MemberScores.class)).forEach(scores -> {
			Document rfm = scores.get("rfm", Document.class);
			if (rfm != null && rfm.getString("segment") != null) {
				segments.put(scores.getString("_id"), rfm.getString("segment"));
			}
		});
		return segments;
	}

}
