package io.membergraph.member;

import java.util.List;

import io.membergraph.shared.UserError;

/** The answer to a member mutation: the member as it is now, or why nothing changed. */
public record MemberPayload(Member member, List<UserError> errors) {

	static MemberPayload of(Member member) {
		return new MemberPayload(member, List.of());
	}

	public static MemberPayload failed(UserError error) {
		return new MemberPayload(null, List.of(error));
	}

	static MemberPayload unknownMember(String memberId) {
		return failed(new UserError("MEMBER_NOT_FOUND", "No member with id '" + memberId + "'", "memberId"));
	}

}
