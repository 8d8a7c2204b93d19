package io.membergraph.loyalty;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A recorded change of a member's tier, so tier migration can be analysed. The id is derived from what
 * caused the change, so recording it again is harmless.
 *
 * @param from null when the member entered the programme
 * @param at when the tier changed (business time, possibly in the past)
 * @param recordedAt when the change was written, so in-memory views of the changes reload only new ones
 */
@Document("tier_changes")
@CompoundIndex(name = "member_at", def = "{'memberId': 1, 'at': -1}")
public record TierChange(@Id String id, String memberId, String from, String to, Instant at, Reason reason,
		String actor, String note, @Indexed Instant recordedAt) {

	/** This change stamped as written at {@code at}. */
	public TierChange recordedAt(Instant at) {
		return new TierChange(id, memberId, from, to, this.at, reason, actor, note, at);
	}

	public enum Reason {

		/** The member joined and entered the lowest tier. */
		ENTRY,
		/** Qualifying points or spend crossed a higher tier's threshold. */
		UPGRADE,
		/** At the tier anniversary the member no longer qualified for the tier. */
		DOWNGRADE,
		/** Set by hand. */
		OVERRIDE,
		/** A manual override ran out and the earned tier applies again. */
		OVERRIDE_EXPIRED,
		/** The member absorbed a merged member that held a higher tier. */
		MERGE

	}

}
