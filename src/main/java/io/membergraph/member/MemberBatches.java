package io.membergraph.member;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For the modules that batch-load a nested field of a page of members ({@code @BatchMapping}). */
public final class MemberBatches {

	private MemberBatches() {
	}

	/**
	 * What each member of the page gets from values loaded by member id: {@code missing} for a member without one,
	 * and no entry (the field is null) when that is null too.
	 */
	public static <V> Map<Member, V> byMember(List<Member> members, Map<String, V> byId, V missing) {
		Map<Member, V> byMember = new LinkedHashMap<>();
		for (Member member : members) {
			V value = byId.getOrDefault(member.id(), missing);
			if (value != null) {
				byMember.put(member, value);
			}
		}
		return byMember;
	}

}
