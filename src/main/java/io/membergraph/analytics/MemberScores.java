package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;

import io.membergraph.shared.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's scores from the latest scoring run, kept per member so segments and storefront
 * personalisation read them with one {@code _id} lookup.
 *
 * @param changedAt when a run last wrote or cleared the scores, so the in-memory view of the segments reloads
 * only what changed
 */
@Document("member_scores")
record MemberScores(@Id String memberId, RfmScore rfm, @Indexed Instant changedAt) {

	/**
	 * The member's RFM as of the run's as-of day.
	 *
	 * @param run the scoring run that wrote it; a later run covering the member replaces or removes it
	 */
	record RfmScore(LocalDate asOf, Integer lookbackDays, int recencyDays, int frequency, Money monetary, int r, int f,
			int m, Rfm.Segment segment, Instant scoredAt, String run) {
	}

}
