package io.membergraph.campaign.internal;

import java.time.Instant;
import java.util.List;

import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.CampaignContacts;
import io.membergraph.campaign.internal.CampaignInputs.CampaignPayload;
import io.membergraph.campaign.CampaignLaunch;
import io.membergraph.campaign.CampaignPlanner;
import io.membergraph.campaign.CampaignResponses;
import io.membergraph.campaign.CampaignStatus;
import io.membergraph.graphql.GraphQlSliceSupport;
import io.membergraph.segment.SavedSegments;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;

@GraphQlTest(CampaignController.class)
@Import(GraphQlSliceSupport.class)
class CampaignControllerTests {

	private static final Campaign SALE = new Campaign("C1", "Winter Sale", Channel.WECHAT,
			Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-24T00:00:00Z"), "S1", 0.1, 7,
			CampaignStatus.DRAFT, "marketer", Instant.parse("2026-11-20T00:00:00Z"));

	@Autowired
	GraphQlTester graphQl;

	@MockitoBean
	CampaignPlanner planner;

	@MockitoBean
	SavedSegments segments;

	@MockitoBean
	CampaignLaunch launch;

	@MockitoBean
	CampaignContacts contacts;

	@MockitoBean
	CampaignResponses responses;

	@Test
	void campaignsAreAConnection() {
		given(planner.list(any(), isNull())).willReturn(Connection.of(List.of(SALE), PageRequest.of(5, null), c -> c.id()));
		graphQl.document("{ campaigns(first: 5) { edges { cursor node { name controlGroupShare startsAt } } pageInfo { hasNextPage } } }")
			.execute()
			.path("campaigns.edges[0].node.name").entity(String.class).isEqualTo("Winter Sale")
			.path("campaigns.edges[0].node.controlGroupShare").entity(Double.class).isEqualTo(0.1)
			.path("campaigns.edges[0].node.startsAt").entity(String.class).isEqualTo("2026-12-01T00:00:00Z")
			.path("campaigns.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void onlyLaunchedCampaignsAreListedWhenAskedAndALaunchedOneHasEndedOnceItsEndPassed() {
		// The clock is pinned to 25 November 2026: one launched campaign is over, the other still runs.
		Campaign over = new Campaign("C2", "Singles' Day", Channel.TMALL, Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-11-12T00:00:00Z"), "S1", 0.1, 7, null, CampaignStatus.LAUNCHED, "marketer",
				Instant.parse("2026-10-20T00:00:00Z"), Instant.parse("2026-10-31T02:00:00Z"), 100, 10);
		Campaign running = new Campaign("C3", "Winter", Channel.TMALL, Instant.parse("2026-11-20T00:00:00Z"),
				Instant.parse("2026-12-12T00:00:00Z"), "S1", 0.1, 7, null, CampaignStatus.LAUNCHED, "marketer",
				Instant.parse("2026-11-10T00:00:00Z"), Instant.parse("2026-11-19T02:00:00Z"), 100, 10);
		given(planner.list(any(), eq(true)))
			.willReturn(Connection.of(List.of(over, running), PageRequest.of(5, null), c -> c.id()));
		graphQl.document("{ campaigns(first: 5, launched: true) { edges { node { id status } } } }")
			.execute()
			.path("campaigns.edges[*].node.status").entityList(String.class).containsExactly("ENDED", "LAUNCHED");
	}

	@Test
	void createCampaignReturnsThePlannedCampaign() {
		given(planner.create(any())).willReturn(new CampaignPayload(SALE, List.of()));
		graphQl.document("""
				mutation { createCampaign(input: {name: "Winter Sale", channel: WECHAT,
				  startsAt: "2026-12-01T08:00:00+08:00", endsAt: "2026-12-24T08:00:00+08:00"}) { campaign { id status } errors { code } } }""")
			.execute()
			.path("createCampaign.campaign.status").entity(String.class).isEqualTo("DRAFT");
	}

}
