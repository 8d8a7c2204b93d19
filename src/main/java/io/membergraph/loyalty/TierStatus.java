package io.membergraph.loyalty;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's tier as the programme keeps it: since when, when it is next reviewed, and any manual override.
 * The member document carries a copy of the tier code for filters and segments.
 *
 * @param anniversary when the tier is next reviewed for retention (one year after it was reached or kept)
 * @param override a tier set by hand, which wins until it expires
 */
@Document("member_tiers")
record TierStatus(@Id String memberId, String tierCode, Instant since, Instant anniversary,
		Override override, long version) {

	/** A tier set by a CRM specialist or admin, with the reason and until when it holds. */
	public record Override(String tierCode, String reason, String actor, Instant expiresAt) {

		boolean activeAt(Instant time) {
			return expiresAt == null || time.isBefore(expiresAt);
		}

	}

	String effectiveTier(Instant at) {
		return override != null && override.activeAt(at) ? override.tierCode() : tierCode;
	}

}
