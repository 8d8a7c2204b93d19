package io.membergraph.segment;

import java.util.Map;

/**
 * The scores of the latest prediction run, for the {@code prediction.*} fields; implemented by the prediction
 * feature, which itself reads segments, so segments depend on this interface rather than on it.
 */
public interface MemberPredictionSource {

	/** One member's stored scores. */
	record Scores(double churnRisk, String churnBand, double clv, double expectedPurchases) {
	}

	/** The stored scores by member id; members never scored are absent. */
	Map<String, Scores> scores();

}
