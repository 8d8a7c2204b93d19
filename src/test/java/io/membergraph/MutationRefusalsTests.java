package io.membergraph;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * A well-formed request that the state of things refuses comes back in the mutation's payload: no result, and one
 * error with a stable code and the input field it is about, so a client can react to the code without parsing
 * messages. (Malformed input stays a GraphQL error naming the field; those are tested with each module.)
 */
class MutationRefusalsTests extends ApplicationTest {

	@Test
	void aTierRankTakenByAnotherTier() {
		GraphQlTester.Response refused = defineTier("RANK_PROBE", "Probe", 1, 0);

		refused.path("defineTier.tier").valueIsNull();
		refusedWith(refused, "defineTier", "TIER_RANK_TAKEN", "rank");
	}

	@Test
	void aTierAskingNoMoreThanATierRankedBelowIt() {
		GraphQlTester.Response refused = defineTier("ORDER_PROBE", "Probe", 50, 100);

		refused.path("defineTier.tier").valueIsNull();
		refusedWith(refused, "defineTier", "TIER_THRESHOLD_OUT_OF_ORDER", "threshold");
		defineTier("SILVER", "Silver", 2, 0).path("defineTier.errors[0].code").entity(String.class).isEqualTo("TIER_THRESHOLD_OUT_OF_ORDER");
		as("admin").document("{ tiers { code threshold } }").execute().path("tiers[*].threshold").entityList(Long.class)
			.satisfies(thresholds -> org.assertj.core.api.Assertions.assertThat(thresholds).hasSizeGreaterThan(1).isSorted()
				.doesNotHaveDuplicates())
			.path("tiers[*].code").entityList(String.class).doesNotContain("ORDER_PROBE");
	}

	@Test
	void contactsOfAnUnknownCampaign() {
		GraphQlTester.Response refused = as("marketer").documentName("recordCampaignContacts")
			.variable("campaignId", "no-such-campaign")
			.variable("contacts", List.of(Map.of("memberId", "m", "kind", "SENT", "at", "2026-11-20T00:00:00Z")))
			.execute();

		refused.path("recordCampaignContacts.contacts").valueIsNull();
		refusedWith(refused, "recordCampaignContacts", "CAMPAIGN_NOT_FOUND", "campaignId");
	}

	@Test
	void aModelFittedOnAHistoryWithoutRepeatBuyers() {
		GraphQlTester.Response refused = as("crm").documentName("fitPredictionModels")
			.variable("calibrationEnd", "2001-01-01")
			.execute();

		refused.path("fitPredictionModels.model").valueIsNull();
		refusedWith(refused, "fitPredictionModels", "NOT_ENOUGH_DATA", "calibrationEnd");
	}

	private static void refusedWith(GraphQlTester.Response response, String mutation, String code, String field) {
		response.errors().verify()
			.path(mutation + ".errors[*].code").entityList(String.class).containsExactly(code)
			.path(mutation + ".errors[0].field").entity(String.class).isEqualTo(field);
	}

	private GraphQlTester.Response defineTier(String code, String name, int rank, long threshold) {
		return as("admin").documentName("defineTier")
			.variable("input", Map.of("code", code, "name", name, "rank", rank, "threshold", threshold))
			.execute();
	}

}
