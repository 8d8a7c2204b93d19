package io.membergraph.ingest;

import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;

/**
 * How an order or interaction row names its member: by member id, by phone, or by the member's account in
 * the row's channel, tried in that order. A row naming none is a guest's.
 */
final class MemberReference {

	private final MemberDirectory members;

	private final FieldMapping mapping;

	MemberReference(MemberDirectory members, FieldMapping mapping) {
		this.members = members;
		this.mapping = mapping;
	}

	/** The id of the member the row names, or null for a guest; a named member that does not exist is an error. */
	String memberOf(SourceRow row, Channel channel) {
		String id = Cleaning.text(mapping.value(row, "memberId"));
		if (id != null) {
			return members.currentId(id)
				.orElseThrow(() -> new InvalidInputException("memberId", "no member has id " + id));
		}
		String phone = Cleaning.phone("memberPhone", mapping.value(row, "memberPhone"));
		if (phone != null) {
			return members.findByContact(phone, null, null).map(Member::id)
				.orElseThrow(() -> new InvalidInputException("memberPhone", "no member has phone " + phone));
		}
		String externalId = Cleaning.text(mapping.value(row, "memberExternalId"));
		if (externalId != null) {
			return members.findByIdentity(channel, externalId).map(Member::id)
				.orElseThrow(() -> new InvalidInputException("memberExternalId", "no member has " + channel + " account "
						+ externalId));
		}
		return null;
	}

}
