package io.membergraph.member;

import java.util.Map;

/**
 * A feature holding data that belongs to a member (orders, the points ledger, interactions) and moves to the
 * survivor when two members are merged. {@link MemberMerge} calls every participant, in their
 * {@link org.springframework.core.annotation.Order}, after the merged member has become a tombstone (so no
 * new data arrives for it). Both steps must be idempotent: a merge interrupted by a crash runs them again.
 */
public interface MergeParticipant {

	/** A short name for the merge log, e.g. {@code orders}. */
	String name();

	/** Finishes any work a crash left half-done for the merged member, so what moves is final. */
	void prepare(String mergedId);

	/**
	 * Moves the merged member's data to the survivor and brings the survivor's derived state up to date.
	 *
	 * @return what moved, for the merge log (counts, points)
	 */
	Map<String, Object> move(String mergedId, String survivorId);

}
