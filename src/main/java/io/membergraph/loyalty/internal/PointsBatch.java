package io.membergraph.loyalty.internal;

import java.util.List;

import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.TierChange;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a batch of orders writes for its members' loyalty besides their accounts, written before the accounts so a
 * crash cannot lose it: ledger entries, tier changes, tier statuses and the tier each member shows. Only the
 * writes of members whose account took the batch are carried out; the document goes once they are. A batch's
 * writes may span several documents ({@code part}), each well below MongoDB's document size limit.
 */
// Postings, merges and later batches look for the journals a member's account took: by member.
@CompoundIndex(name = "member", def = "{'members.memberId': 1}")
@Document("points_batches")
public record PointsBatch(@Id String id, @Indexed String batch, int part, List<MemberWrites> members) {

	/** What an account remembers of a batch it took, before the batch's id. */
	private static final String BATCH_DECISION = "batch:";

	/** The decision an account remembers when it took the batch. */
	public static String decisionKey(String batch) {
		return BATCH_DECISION + batch;
	}

	/** The batch an account's decision is on; null when the decision is on a single entry. */
	static String batchOf(AppliedEntry decision) {
		return decision.entryId().startsWith(BATCH_DECISION) ? decision.entryId().substring(BATCH_DECISION.length()) : null;
	}

	/**
	 * One member's writes.
	 *
	 * @param status the tier status after the batch, or null when the batch left it as it was
	 * @param statusVersion the version of the tier status the batch read (which the new one replaces); -1 when
	 * the member had none
	 * @param shownTier the tier the member shows after the batch, or null when unchanged
	 */
	public record MemberWrites(String memberId, List<PointsEntry> entries, List<TierChange> tierChanges, TierStatus status,
			long statusVersion, String shownTier) {

		int size() {
			return entries.size() + tierChanges.size() + 1;
		}

	}

}
