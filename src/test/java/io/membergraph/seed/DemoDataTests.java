package io.membergraph.seed;

import io.membergraph.DemoDataTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data is loaded by a bulk path of its own (not through the API), so it must leave what the API would
 * have: every read model equal to its source, every points account equal to its ledger, and launched campaigns whose
 * response reads as a launch through the API would have it.
 */
class DemoDataTests extends DemoDataTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void everyReadModelTheDemoLoadWroteMatchesItsSource() throws Exception {
		String report = asAdmin("mutation { rebuildReadModels { report { consistent members memberStats memberOrderLists "
				+ "memberPurchases interactionMonths pointsTotals pointsLots outOfBounds } } }").body();

		assertThat(report).contains("\"consistent\":true").doesNotContain("\"errors\"");
		assertThat(report).containsPattern("\"members\":[1-9]\\d{2,}");
	}

	@Test
	void theCampaignsOfTheLastYearWereLaunchedAndAnswerTheirResponse() throws Exception {
		JsonNode launched = JSON.readTree(asAdmin("{ campaigns(first: 50, launched: true) { edges { node { id status "
				+ "audienceSize controlSize leftOutWithoutConsent } } } }").body()).at("/data/campaigns/edges");
		// The clock is pinned to 25 November 2026: the campaigns measured within the year before, Singles' Day's included.
		assertThat(launched.values()).extracting(edge -> edge.at("/node/id").asString())
			.containsExactly("C-618-2026", "C-DOUBLE11-2026", "C-MEMBERDAY-2026", "C-SPRING-2026");
		for (JsonNode edge : launched.values()) {
			JsonNode campaign = edge.get("node");
			String id = campaign.get("id").asString();
			assertThat(campaign.get("status").asString()).as(id).isEqualTo("ENDED");
			JsonNode response = JSON.readTree(asAdmin("{ campaignResponse(input: {campaignId: \"" + id + "\"}) { audience "
					+ "treated control contacts { sent delivered } conversions conversionUplift { difference } } }").body())
				.at("/data/campaignResponse");
			assertThat(response.get("audience").asInt()).as(id).isEqualTo(campaign.get("audienceSize").asInt())
				.isEqualTo(response.get("treated").asInt() + response.get("control").asInt()).isGreaterThan(100);
			assertThat(response.get("control").asInt()).as(id).isEqualTo(campaign.get("controlSize").asInt()).isPositive();
			assertThat(response.at("/contacts/sent").asInt()).as(id).isEqualTo(response.get("treated").asInt());
			assertThat(response.get("conversions").asInt()).as(id).isPositive();
			assertThat(response.at("/conversionUplift/difference").isNumber()).as(id).isTrue();
		}
		// The Spring Festival's messages went out on WeChat, which half the members said no to.
		assertThat(launched.values()).filteredOn(edge -> edge.at("/node/id").asString().startsWith("C-SPRING"))
			.allSatisfy(edge -> assertThat(edge.at("/node/leftOutWithoutConsent").asInt()).isPositive());
	}

	@Test
	void everyPointsAccountMatchesItsLedger() throws Exception {
		assertThat(asAdmin("{ pointsAudit { memberId } }").body()).isEqualTo("{\"data\":{\"pointsAudit\":[]}}");
	}

}
