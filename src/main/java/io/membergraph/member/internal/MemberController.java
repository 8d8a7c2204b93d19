package io.membergraph.member.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.member.AttributeDefinition;
import io.membergraph.member.Consent;
import io.membergraph.member.ConsentChannel;
import io.membergraph.member.CustomAttributes.AttributeValue;
import io.membergraph.member.CustomAttributes.DefineAttributeInput;
import io.membergraph.member.CustomAttributes;
import io.membergraph.member.DuplicateCandidates;
import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberFilter;
import io.membergraph.member.MemberInputs.LinkIdentityInput;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberInputs.SetConsentInput;
import io.membergraph.member.MemberInputs.UpdateMemberProfileInput;
import io.membergraph.member.MemberPayload;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
public class MemberController {

	private final MemberDirectory directory;

	private final MemberProfiles profiles;

	private final CustomAttributes customAttributes;

	private final DuplicateCandidates duplicates;

	MemberController(MemberDirectory directory, MemberProfiles profiles, CustomAttributes customAttributes,
			DuplicateCandidates duplicates) {
		this.directory = directory;
		this.profiles = profiles;
		this.customAttributes = customAttributes;
		this.duplicates = duplicates;
	}

	@QueryMapping
	List<DuplicateCandidates.Candidate> duplicateCandidates(@Argument Integer first) {
		return duplicates.find(InvalidInputException.between("first", first, 50, 1, 500));
	}

	@QueryMapping
	Member member(@Argument String id) {
		return directory.findById(id).orElse(null);
	}

	@QueryMapping
	Member memberByIdentity(@Argument Channel channel, @Argument String externalId) {
		return directory.findByIdentity(channel, externalId).orElse(null);
	}

	@QueryMapping
	Member memberByContact(@Argument String phone, @Argument String email, @Argument String wechatUnionId) {
		return directory.findByContact(phone, email, wechatUnionId).orElse(null);
	}

	@QueryMapping
	Connection<Member> members(@Argument MemberFilter filter, @Argument Integer first, @Argument String after) {
		return directory.search(filter, PageRequest.of(first, after));
	}

	@QueryMapping
	List<AttributeDefinition> attributeDefinitions() {
		return customAttributes.definitions();
	}

	@MutationMapping
	MemberPayload registerMember(@Argument RegisterMemberInput input) {
		return profiles.register(input);
	}

	@MutationMapping
	MemberPayload updateMemberProfile(@Argument UpdateMemberProfileInput input) {
		return profiles.updateProfile(input);
	}

	@MutationMapping
	MemberPayload linkIdentity(@Argument LinkIdentityInput input) {
		return profiles.linkIdentity(input);
	}

	@MutationMapping
	MemberPayload setConsent(@Argument SetConsentInput input) {
		return profiles.setConsent(input);
	}

	@MutationMapping
	DefineAttributePayload defineAttribute(@Argument DefineAttributeInput input) {
		return Payloads.attempt(() -> customAttributes.define(input), DefineAttributePayload::new);
	}

	record DefineAttributePayload(AttributeDefinition attribute, List<UserError> errors) {
	}

	@SchemaMapping
	List<AttributeValue> attributes(Member member) {
		return CustomAttributes.asValues(member.attributes());
	}

	@SchemaMapping
	List<ConsentView> consent(Member member) {
		return ConsentView.of(member.consent());
	}

	/** Consent as a list for the API: one entry per contact channel the member has answered for. */
	record ConsentView(ConsentChannel channel, boolean granted, Instant updatedAt) {

		static List<ConsentView> of(Map<ConsentChannel, Consent> consent) {
			if (consent == null) {
				return List.of();
			}
			return consent.entrySet().stream()
				.sorted(Map.Entry.comparingByKey())
				.map(e -> new ConsentView(e.getKey(), e.getValue().granted(), e.getValue().updatedAt()))
				.toList();
		}

	}

}
