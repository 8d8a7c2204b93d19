package io.membergraph.member;

import org.springframework.stereotype.Service;

/**
 * Keeps the stats block on each member as orders are paid and refunded. Each change carries a key (the
 * order or refund it comes from) and is applied at most once, in one atomic update of the member.
 */
@Service
public class MemberStatistics {

	private final MemberRepository members;

	MemberStatistics(MemberRepository members) {
		this.members = members;
	}

	/** Applies the change unless the member already has it; false when it had it (or the member is unknown). */
	public boolean apply(String memberId, String operationKey, StatsChange change) {
		return members.applyStatsChange(memberId, operationKey, change);
	}

}
