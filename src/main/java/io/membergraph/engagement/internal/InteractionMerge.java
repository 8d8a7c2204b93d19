package io.membergraph.engagement.internal;

import java.time.Clock;
import java.util.Map;

import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionRollups;
import io.membergraph.member.MergeParticipant;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Moves a merged member's interactions to the survivor; each is one document, so there is nothing to finish first. */
@Component
@Order(30)
public class InteractionMerge implements MergeParticipant {

	private final MongoTemplate mongo;

	private final InteractionRollups rollups;

	private final Clock clock;

	InteractionMerge(MongoTemplate mongo, InteractionRollups rollups, Clock clock) {
		this.mongo = mongo;
		this.rollups = rollups;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "interactions";
	}

	@Override
	public void prepare(String mergedId) {
	}

	@Override
	public Map<String, Object> move(String mergedId, String survivorId) {
		long moved = mongo.updateMulti(Query.query(Criteria.where("memberId").is(mergedId)),
				Update.update("memberId", survivorId).set("changedAt", clock.instant()), Interaction.class).getModifiedCount();
		rollups.moveMonths(mergedId, survivorId);
		return Map.of("interactions", moved);
	}

}
