package io.membergraph.customer.internal;

import java.time.Instant;

import io.membergraph.customer.RfmScore;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's scores from the latest scoring run, kept per member so segments and storefront personalisation read
 * them with one {@code _id} lookup.
 *
 * @param changedAt when a run last wrote or cleared the scores, so the in-memory view reloads only what changed
 */
@Document("member_scores")
public record MemberScores(@Id String memberId, RfmScore rfm, @Indexed Instant changedAt) {
}
