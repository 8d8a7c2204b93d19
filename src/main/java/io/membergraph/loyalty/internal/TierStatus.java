package io.membergraph.loyalty.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's tier as the programme keeps it: since when, when it is next reviewed, and any manual override.
 * The member document carries a copy of the tier code for filters and segments.
 *
 * @param anniversary when the tier is next reviewed for retention (one year after it was reached or kept)
 * @param override a tier set by hand, which wins until it expires
 * @param kept the tier the member holds until its next review whatever it returns: the entry tier, or the one its
 * last review gave it. Upgrades above it are undone when returns take the qualifying value below them; null for a
 * status written before this was kept, which no return moves down.
 */
@Document("member_tiers")
public record TierStatus(@Id String memberId, String tierCode, Instant since, Instant anniversary,
		Override override, long version, String kept) {

	/** A tier set by a CRM specialist or admin, with the reason and until when it holds. */
	public record Override(String tierCode, String reason, String actor, Instant expiresAt) {

		boolean activeAt(Instant time) {
			return expiresAt == null || time.isBefore(expiresAt);
		}

	}

	public String effectiveTier(Instant at) {
		return override != null && override.activeAt(at) ? override.tierCode() : tierCode;
	}

}
