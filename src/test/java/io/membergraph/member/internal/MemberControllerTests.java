package io.membergraph.member.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.membergraph.graphql.GraphQlSliceSupport;
import io.membergraph.member.Consent;
import io.membergraph.member.ConsentChannel;
import io.membergraph.member.CustomAttributes;
import io.membergraph.member.DuplicateCandidates;
import io.membergraph.member.Gender;
import io.membergraph.member.Identity;
import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberPayload;
import io.membergraph.member.MemberProfiles;
import io.membergraph.member.MemberStats;
import io.membergraph.member.MemberStatus;
import io.membergraph.member.Region;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Money;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.UserError;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

@GraphQlTest(MemberController.class)
@Import(GraphQlSliceSupport.class)
class MemberControllerTests {

	@Autowired
	GraphQlTester graphQl;

	@MockitoBean
	MemberDirectory directory;

	@MockitoBean
	MemberProfiles profiles;

	@MockitoBean
	CustomAttributes customAttributes;

	@MockitoBean
	DuplicateCandidates duplicates;

	private static final Member MEMBER = new Member("M10000001", "10000001", "王静", Gender.FEMALE, null, "13812345678",
			null, new Region("上海", "上海"), null, null, Instant.parse("2025-01-01T00:00:00Z"), Channel.WECHAT,
			List.of(new Identity(Channel.WECHAT, "oOpen", "uUnion", Instant.parse("2025-01-01T00:00:00Z"))),
			Map.of(ConsentChannel.SMS, new Consent(true, Instant.parse("2025-01-02T00:00:00Z"))), Set.of("vip"),
			Map.of("shoeSize", 38.5), MemberStatus.ACTIVE, "GOLD",
			new MemberStats(3, 1, Money.of("900.00"), Money.of("300.00"), 1, Instant.parse("2025-02-01T00:00:00Z"),
					Instant.parse("2025-06-01T00:00:00Z")),
			List.of(), Instant.parse("2025-06-01T00:00:00Z"));

	@Test
	void memberMapsStatsConsentAndAttributesToTheSchema() {
		given(directory.findById("M10000001")).willReturn(Optional.of(MEMBER));
		graphQl.document("""
				{ member(id: "M10000001") { name consent { channel granted } attributes { key value }
				  stats { orderCount totalSpend averageOrderValue lastOrderAt } } }""")
			.execute()
			.path("member.name").entity(String.class).isEqualTo("王静")
			.path("member.consent[0].channel").entity(String.class).isEqualTo("SMS")
			.path("member.attributes[0].value").entity(String.class).isEqualTo("38.5")
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("600.00")
			.path("member.stats.averageOrderValue").entity(String.class).isEqualTo("300.00")
			.path("member.stats.lastOrderAt").entity(String.class).isEqualTo("2025-06-01T00:00:00Z");
	}

	@Test
	void anUnknownMemberIsNullNotAnError() {
		given(directory.findById("M404")).willReturn(Optional.empty());
		graphQl.document("{ member(id: \"M404\") { id } }").execute().path("member").valueIsNull();
	}

	@Test
	void membersReturnsAConnectionWithCursors() {
		given(directory.search(any(), any())).willReturn(
				Connection.of(List.of(MEMBER, MEMBER), PageRequest.of(1, null), m -> "cursor-" + m.id()));
		graphQl.document("{ members(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }")
			.execute()
			.path("members.edges[0].cursor").entity(String.class).isEqualTo("cursor-M10000001")
			.path("members.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void aBusinessFailureComesBackInThePayload() {
		given(profiles.register(any())).willReturn(MemberPayload.failed(new UserError("IDENTITY_CONFLICT", "taken", "phone")));
		graphQl.document("""
				mutation { registerMember(input: {name: "A", phone: "13812345678", joinChannel: WEB}) {
				  member { id } errors { code field } } }""")
			.execute()
			.path("registerMember.member").valueIsNull()
			.path("registerMember.errors[0].code").entity(String.class).isEqualTo("IDENTITY_CONFLICT");
	}

	@Test
	void aValueOfTheWrongShapeIsRefusedBeforeAnyServiceIsCalled() {
		graphQl.document("{ members(filter: {joinedFrom: \"last tuesday\"}) { edges { cursor } } }")
			.execute()
			.errors().satisfy(errors -> {
				assertThat(errors.get(0).getMessage()).contains("is not an ISO-8601 date");
				assertThat(errors.get(0).getErrorType()).isNotEqualTo(ErrorType.INTERNAL_ERROR);
			});
	}

}
