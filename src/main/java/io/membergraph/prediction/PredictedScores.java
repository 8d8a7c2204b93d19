package io.membergraph.prediction;

import java.util.HashMap;
import java.util.Map;

import io.membergraph.segment.MemberPredictionSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Serves the stored scores to segments' {@code prediction.*} fields. */
@Component
class PredictedScores implements MemberPredictionSource {

	private final MongoTemplate mongo;

	PredictedScores(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Map<String, Scores> scores() {
		Map<String, Scores> scores = new HashMap<>();
		for (MemberPrediction p : mongo.findAll(MemberPrediction.class)) {
			scores.put(p.memberId(), new Scores(p.churnRisk(), p.churnBand().name(), p.clv(), p.expectedPurchases()));
		}
		return scores;
	}

}
