package io.membergraph.loyalty;

import java.time.Instant;
import java.util.List;

import io.membergraph.loyalty.internal.EarnRule;
import io.membergraph.loyalty.internal.TierStatus;
import io.membergraph.shared.UserError;

/** The inputs and payloads of the loyalty mutations, as the schema declares them. */
public final class LoyaltyInputs {

	private LoyaltyInputs() {
	}

	public record EarnPointsInput(String memberId, Activity activity, String idempotencyKey, Instant occurredAt) {
	}

	public record RedeemPointsInput(String memberId, Long points, String idempotencyKey, String reason) {
	}

	public record AdjustPointsInput(String memberId, Long points, String idempotencyKey, String reason) {
	}

	public record RecordReferralInput(String referrerId, String referredId) {
	}

	public record OverrideTierInput(String memberId, String tierCode, String reason, Instant expiresAt) {
	}

	public record DefineTierInput(String code, String name, Integer rank, Long threshold, List<Tier.Benefit> benefits) {
	}

	public record DefineEarnRuleInput(String id, EarnRule.Type type, String tierCode, String category, String sku,
			String campaignPrefix, Activity activity, Double factor, Long points, Instant validFrom, Instant validTo,
			Integer dailyLimit) {
	}

	/** The answer to a points mutation: the ledger entry, whether it was a replay, or why nothing changed. */
	public record PointsPayload(PointsEntry entry, boolean replayed, List<UserError> errors) {

		public static PointsPayload failed(String code, String message, String field) {
			return new PointsPayload(null, false, List.of(new UserError(code, message, field)));
		}

	}

	public record TierPayload(TierStatusView tier, List<UserError> errors) {
	}

	/** A member's tier as the API shows it. */
	public record TierStatusView(String memberId, String tierCode, Instant since, Instant anniversary,
			TierStatus.Override override) {
	}

}
