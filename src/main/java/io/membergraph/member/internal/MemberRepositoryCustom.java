package io.membergraph.member.internal;

import java.util.List;

import io.membergraph.member.Member;
import io.membergraph.member.MemberFilter;
import io.membergraph.member.StatsChange;
import io.membergraph.shared.PageRequest;

public interface MemberRepositoryCustom {

	/** One page of members matching the filter, in id order, fetching one extra to detect a next page. */
	List<Member> search(MemberFilter filter, PageRequest page);

	/**
	 * Applies a stats change once: a change whose key the member already remembers is skipped, and so is every change
	 * to a member merged away.
	 */
	boolean applyStatsChange(String memberId, String operationKey, StatsChange change);

	int applyStatsChanges(String operationKey, java.util.Map<String, StatsChange> changes);

	/** The next member number, from an atomic counter document. */
	long nextMemberNumber();

	/** Reserves {@code count} consecutive member numbers at once; returns the first. */
	long reserveMemberNumbers(int count);

}
