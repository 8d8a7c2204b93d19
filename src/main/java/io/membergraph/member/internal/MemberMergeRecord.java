package io.membergraph.member.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.member.Member;
import io.membergraph.member.MemberStats;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The merge log: one entry per merged member (a member can be merged away only once, so the merged id is
 * the key). It is written before anything moves and says which steps are done, so an interrupted merge is
 * resumed from it, and afterwards it records who merged whom, when, why and what moved.
 *
 * @param merged the merged member as it was when the merge started
 * @param mergedStats the merged member's stats once its pending work was finished: what the survivor gains
 * @param moved per step, what moved
 */
@Document("member_merges")
public record MemberMergeRecord(@Id String mergedId, @Indexed String survivorId, String reason, String mergedBy,
		Instant startedAt, @Indexed Instant completedAt, Status status, Member merged, MemberStats mergedStats,
		List<String> stepsDone, Map<String, Map<String, Object>> moved) {

	public enum Status {

		IN_PROGRESS, COMPLETED

	}

	public boolean done(String step) {
		return stepsDone != null && stepsDone.contains(step);
	}

}
