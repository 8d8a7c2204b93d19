package io.membergraph.member;

import java.time.Instant;
import java.util.Map;

import io.membergraph.shared.ChangeStampedView;
import io.membergraph.shared.ChangeStampedViews;
import io.membergraph.shared.Channel;
import org.springframework.stereotype.Service;

/**
 * What analyses may know of every live member (merge tombstones left out): no personal data. Kept in memory
 * and refreshed from the members written since the previous read, so an analysis over all members does not
 * read them all every time.
 */
@Service
public class MemberFacts {

	/** One member's facts. */
	public record Facts(String id, Instant joinedAt, Channel joinChannel, String tierCode, String province,
			String city) {
	}

	private final ChangeStampedView<Member, Facts> view;

	MemberFacts(ChangeStampedViews views) {
		this.view = views.of(Member.class, "updatedAt",
				new String[] { "joinedAt", "joinChannel", "tierCode", "region", "status", "updatedAt" }, Member::id,
				MemberFacts::factsOf);
	}

	/** Every live member's facts by member id, as of now. */
	public Map<String, Facts> byMember() {
		return view.current();
	}

	private static Facts factsOf(Member member) {
		if (member.status() == MemberStatus.MERGED) {
			return null;
		}
		return new Facts(member.id(), member.joinedAt(), member.joinChannel(), member.tierCode(),
				member.region() == null ? null : member.region().province(),
				member.region() == null ? null : member.region().city());
	}

}
