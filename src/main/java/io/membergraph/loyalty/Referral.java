package io.membergraph.loyalty;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * "Old brings new": the member who brought a new member in. Keyed by the new member, who can have been
 * referred only once. The referrer is rewarded when the new member's first order is paid.
 *
 * @param originallyReferredId the member the referral was recorded for; differs from {@code referredId} once
 * that member was merged into another. The reward is keyed by it, so a merge cannot earn it twice.
 */
@Document("referrals")
public record Referral(@Id String referredId, String referrerId, Instant at, String recordedBy,
		String originallyReferredId) {

	private static final String REWARD = "referral:";

	public String rewardKey() {
		return REWARD + (originallyReferredId == null ? referredId : originallyReferredId);
	}

	/** Whether a ledger key is a referral reward's: its grant, a grant again or a take-back. */
	public static boolean isRewardKey(String key) {
		return key.startsWith(REWARD);
	}

}
