package io.membergraph.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.membergraph.member.CustomAttributes.AttributeValue;
import io.membergraph.shared.Channel;

/** The inputs of the member mutations, as the schema declares them. */
public final class MemberInputs {

	private MemberInputs() {
	}

	public record RegisterMemberInput(String name, Gender gender, LocalDate birthDate, String phone, String email,
			Region region, String occupation, IncomeBand incomeBand, Channel joinChannel, Instant joinedAt,
			List<IdentityInput> identities, List<ConsentInput> consents, List<String> tags,
			List<AttributeValue> attributes) {
	}

	/** Changes only the fields that are given; {@code tags} and {@code attributes} replace the whole set. */
	public record UpdateMemberProfileInput(String memberId, String name, Gender gender, LocalDate birthDate,
			String phone, String email, Region region, String occupation, IncomeBand incomeBand, List<String> tags,
			List<AttributeValue> attributes) {
	}

	public record IdentityInput(Channel channel, String externalId, String unionId) {
	}

	public record LinkIdentityInput(String memberId, Channel channel, String externalId, String unionId) {
	}

	public record ConsentInput(ConsentChannel channel, Boolean granted) {
	}

	public record SetConsentInput(String memberId, ConsentChannel channel, Boolean granted) {
	}

}
