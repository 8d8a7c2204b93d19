package io.membergraph.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.member.Member;
import io.membergraph.member.MemberBulkLoad;
import io.membergraph.member.MemberStats;
import io.membergraph.member.MemberStatus;
import io.membergraph.shared.Channel;

/** Plain members for benchmarks, with phones 139 + eight digits of their index. */
final class BenchmarkMembers {

	private static final Instant JOINED = Instant.parse("2024-01-01T00:00:00Z");

	private BenchmarkMembers() {
	}

	static List<Member> generate(int count) {
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long number = MemberBulkLoad.firstMemberNumber() + i;
			members.add(new Member(MemberBulkLoad.idFor(number), Long.toString(number), "Bench " + i, null, null,
					phone(i), null, null, null, null, JOINED, Channel.WEB, List.of(), Map.of(), Set.of(), Map.of(),
					MemberStatus.ACTIVE, null, MemberStats.NONE, List.of(), JOINED));
		}
		return members;
	}

	static String phone(int index) {
		return "139" + String.format("%08d", index);
	}

}
