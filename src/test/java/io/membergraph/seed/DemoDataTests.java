package io.membergraph.seed;

import java.util.List;

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
		List<JsonNode> launched = JSON.readTree(asAdmin("{ campaigns(first: 50, launched: true) { edges { node { id status "
				+ "audienceSize controlSize leftOutWithoutConsent createdBy targetSegment { name } } } } }").body())
			.at("/data/campaigns/edges").values()
			.stream().filter(edge -> edge.at("/node/createdBy").asString().equals("seed")).toList();
		// The clock is pinned to 25 November 2026: the campaigns measured within the year before, Singles' Day's included.
		assertThat(launched).extracting(edge -> edge.at("/node/id").asString())
			.containsExactly("C-618-2026", "C-DOUBLE11-2026", "C-MEMBERDAY-2026", "C-SPRING-2026");
		for (JsonNode edge : launched) {
			JsonNode campaign = edge.get("node");
			String id = campaign.get("id").asString();
			assertThat(campaign.get("status").asString()).as(id).isEqualTo("ENDED");
			assertThat(campaign.at("/targetSegment/name").asString()).as(id).isEqualTo("All members");
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
		assertThat(launched).filteredOn(edge -> edge.at("/node/id").asString().startsWith("C-SPRING"))
			.allSatisfy(edge -> assertThat(edge.at("/node/leftOutWithoutConsent").asInt()).isPositive());
	}

	@Test
	void theDemosSegmentsAreSavedAndEvaluatedSoACampaignLaunchesToOne() throws Exception {
		JsonNode segments = JSON.readTree(asAdmin("{ segments { id name members evaluatedOn } }").body()).at("/data/segments");
		assertThat(segments.values()).extracting(segment -> segment.get("name").asString())
			.containsExactly("All members", "Carts left behind", "Lapsed regulars", "Skincare buyers on WeChat",
					"VIP members");
		assertThat(segments.values()).allSatisfy(segment -> assertThat(segment.get("evaluatedOn").asString()).isEqualTo("2026-11-25"));
		JsonNode vip = segments.values().stream().filter(s -> s.get("name").asString().equals("VIP members")).findFirst()
			.orElseThrow();
		assertThat(vip.get("members").asInt()).isPositive();

		String created = asAdmin("mutation { createCampaign(input: {name: \"VIP preview\", channel: TMALL, "
				+ "startsAt: \"2026-11-26T00:00:00+08:00\", endsAt: \"2026-12-03T00:00:00+08:00\", targetSegmentId: \""
				+ vip.get("id").asString() + "\", controlGroupShare: 0.2}) { campaign { id } errors { message } } }").body();
		String campaignId = JSON.readTree(created).at("/data/createCampaign/campaign/id").asString();
		JsonNode launched = JSON.readTree(asAdmin("mutation { launchCampaign(input: {campaignId: \"" + campaignId
				+ "\"}) { campaign { status audienceSize } errors { message } } }").body()).at("/data/launchCampaign/campaign");
		assertThat(launched.get("status").asString()).isEqualTo("LAUNCHED");
		assertThat(launched.get("audienceSize").asInt()).isEqualTo(vip.get("members").asInt());
	}

	@Test
	void everyPointsAccountMatchesItsLedger() throws Exception {
		assertThat(asAdmin("{ pointsAudit { memberId } }").body()).isEqualTo("{\"data\":{\"pointsAudit\":[]}}");
	}

}
