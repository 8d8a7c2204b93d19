package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.graphql.GraphQlSliceSupport;
import io.membergraph.loyalty.Tier;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.member.Member;
import io.membergraph.member.MemberStats;
import io.membergraph.member.MemberStatus;
import io.membergraph.shared.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

@GraphQlTest(TierController.class)
@Import(GraphQlSliceSupport.class)
class TierControllerTests {

	@Autowired
	GraphQlTester graphQl;

	@Autowired
	TierController controller;

	@MockitoBean
	TierCatalog catalog;

	@MockitoBean
	TierQualification qualification;

	@Test
	void tiersAreListedLowestRankFirst() {
		given(catalog.tiers()).willReturn(List.of(new Tier("BASIC", "普卡", 1, 0, List.of()), new Tier("GOLD", "金卡", 3, 8000, List.of())));
		graphQl.document("{ tiers { code name rank } }").execute()
			.path("tiers[*].code").entityList(String.class).containsExactly("BASIC", "GOLD");
	}

	@Test
	void theTiersOfAPageOfMembersComeFromOneReadOfTheCatalogue() {
		given(catalog.all()).willReturn(List.of(new Tier("BASIC", "普卡", 1, 0, List.of()), new Tier("GOLD", "金卡", 3, 8000, List.of())));
		Member gold = member("M1", "GOLD");
		Member basic = member("M2", "BASIC");
		Member none = member("M3", null);

		Map<Member, Tier> tiers = controller.tier(List.of(gold, basic, none));

		assertThat(tiers.get(gold).code()).isEqualTo("GOLD");
		assertThat(tiers.get(basic).code()).isEqualTo("BASIC");
		assertThat(tiers).doesNotContainKey(none);
		verify(catalog, times(1)).all();
	}

	private static Member member(String id, String tier) {
		return new Member(id, id, "N", null, null, null, null, null, null, null, Instant.EPOCH, Channel.WEB, List.of(),
				null, null, null, MemberStatus.ACTIVE, tier, MemberStats.NONE, List.of(), null);
	}

}
