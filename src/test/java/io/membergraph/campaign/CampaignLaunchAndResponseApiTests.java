package io.membergraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.campaign.internal.CampaignAudiences.Audience;
import io.membergraph.campaign.internal.CampaignAudiences;
import io.membergraph.campaign.internal.CampaignResponseWarmUp;
import io.membergraph.campaign.internal.ControlGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A marketer's whole campaign through the API: ten members in a saved segment, a launch holding out three, contacts
 * through the API and a CSV report, orders, and the response read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignLaunchAndResponseApiTests extends ApplicationTest {

	private final List<String> members = new ArrayList<>();

	private String segmentId;

	private String campaignId;

	private Audience audience;

	@BeforeAll
	void launchToASegment() {
		String tag = "camp" + newPhone();
		for (int i = 0; i < 10; i++) {
			members.add(registerMember("Campaign member " + i, newPhone(), List.of(tag)));
		}
		segmentId = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Campaign audience " + tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute()
			.path("saveSegment.segment.members").entity(Integer.class).isEqualTo(10)
			.path("saveSegment.segment.id").entity(String.class).get();
		campaignId = createCampaign(segmentId);
		as("marketer").documentName("launchCampaign").variable("campaignId", campaignId).execute()
			.path("launchCampaign.errors").entityList(Object.class).hasSize(0)
			.path("launchCampaign.campaign.status").entity(String.class).isEqualTo("LAUNCHED")
			.path("launchCampaign.campaign.audienceSize").entity(Integer.class).isEqualTo(10)
			.path("launchCampaign.campaign.controlSize").entity(Integer.class).isEqualTo(3);
		audience = bean(CampaignAudiences.class).of(campaignId);
	}

	/**
	 * The start-up warm-up measures a made-up campaign: it stores nothing, and a campaign's response reads the same
	 * after it.
	 */
	@Test
	void theStartUpWarmUpStoresNothingAndChangesNoResponse() {
		String before = as("admin").documentName("campaignResponse").variable("campaignId", campaignId).execute()
			.path("campaignResponse").entity(Map.class).get().toString();
		org.springframework.data.mongodb.core.MongoTemplate mongo = bean(org.springframework.data.mongodb.core.MongoTemplate.class);
		List<String> collections = List.of("campaigns", "campaign_audiences", "campaign_contacts", "orders");
		List<Long> counts = collections.stream().map(c -> mongo.getCollection(c).countDocuments()).toList();

		bean(CampaignResponseWarmUp.class).warm();

		assertThat(collections.stream().map(c -> mongo.getCollection(c).countDocuments()).toList()).isEqualTo(counts);
		assertThat(as("admin").documentName("campaignResponse").variable("campaignId", campaignId).execute()
			.path("campaignResponse").entity(Map.class).get().toString()).isEqualTo(before);
	}

	@Test
	void theControlGroupIsTheOneTheCampaignIdDraws() {
		ControlGroup expected = ControlGroup.split(campaignId, members, 0.3);

		assertThat(audience.control()).containsExactlyInAnyOrderElementsOf(expected.control());
		assertThat(audience.treated()).containsExactlyInAnyOrderElementsOf(expected.treated());
	}

	@Test
	void aLaunchedCampaignDoesNotLaunchAgain() {
		as("marketer").documentName("launchCampaign").variable("campaignId", campaignId).execute()
			.path("launchCampaign.errors[0].code").entity(String.class).isEqualTo("CAMPAIGN_NOT_DRAFT");
	}

	@Test
	void aBatchNamingAControlMemberIsRefusedWholeAndRecordsNothing() {
		String treated = audience.treated().iterator().next();
		String control = audience.control().iterator().next();

		as("marketer").documentName("recordCampaignContacts")
			.variable("campaignId", campaignId)
			.variable("contacts", List.of(Map.of("memberId", treated, "kind", "SENT"),
					Map.of("memberId", control, "kind", "SENT")))
			.execute()
			.errors().satisfy(errors -> {
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "contacts[1].memberId");
				assertThat(errors.get(0).getMessage()).contains("control group");
			});
		assertThat(bean(CampaignContacts.class).all().values())
			.noneMatch(c -> c.campaignId().equals(campaignId) && c.memberId().equals(treated) && c.kind() == ContactKind.SENT
					&& audience.control().contains(c.memberId()));
		assertThat(bean(CampaignContacts.class).all().values())
			.noneMatch(c -> c.campaignId().equals(campaignId) && audience.control().contains(c.memberId()));
	}

	@Test
	void aCsvReportNamingAControlMemberIsABadRequestNamingTheLine() {
		String treated = audience.treated().iterator().next();
		String control = audience.control().iterator().next();

		importReport("memberId,kind\n" + treated + ",SENT\n" + control + ",SENT\n")
			.expectStatus().isBadRequest()
			.expectBody(Map.class)
			.value(body -> assertThat(body).containsEntry("field", "line 3.memberId"));
	}

	@Test
	void contactsOrdersAndUpliftReadBackAsTheMarketerSeesThem() {
		List<String> treated = audience.treated().stream().sorted().toList();
		List<String> control = audience.control().stream().sorted().toList();
		List<Map<String, Object>> contacts = new ArrayList<>();
		treated.forEach(m -> contacts.add(Map.of("memberId", m, "kind", "SENT")));
		treated.forEach(m -> contacts.add(Map.of("memberId", m, "kind", "DELIVERED")));
		contacts.add(Map.of("memberId", treated.get(0), "kind", "OPENED", "channel", "APP"));
		contacts.add(Map.of("memberId", treated.get(1), "kind", "OPENED"));
		recordContacts(contacts).path("recordCampaignContacts.contacts.recorded").entity(Integer.class).isEqualTo(16);
		recordContacts(contacts).path("recordCampaignContacts.contacts.alreadyRecorded").entity(Integer.class).isEqualTo(16);
		importReport("memberId,kind,channel\n" + treated.get(0) + ",clicked,WECHAT\n")
			.expectStatus().isOk()
			.expectBody(Map.class)
			.value(body -> assertThat(body).containsEntry("recorded", 1));
		clock.advance(Duration.ofHours(2));
		order(treated.get(0), "120.00");
		order(treated.get(1), "80.00");
		order(control.get(0), "50.00");
		clock.advance(Duration.ofHours(1));

		// Two buyers and two openers are groups too small to show a MARKETER; an ADMIN sees them.
		as("marketer").documentName("campaignResponse").variable("campaignId", campaignId).execute()
			.path("campaignResponse.audience").entity(Integer.class).isEqualTo(10)
			.path("campaignResponse.treated").entity(Integer.class).isEqualTo(7)
			.path("campaignResponse.contacts.opened").valueIsNull()
			.path("campaignResponse.contacts.openRate").valueIsNull()
			.path("campaignResponse.conversions").valueIsNull()
			.path("campaignResponse.revenue").valueIsNull()
			.path("campaignResponse.conversionUplift").valueIsNull();
		var response = as("admin").documentName("campaignResponse").variable("campaignId", campaignId).execute();
		response.path("campaignResponse.audience").entity(Integer.class).isEqualTo(10)
			.path("campaignResponse.treated").entity(Integer.class).isEqualTo(7)
			.path("campaignResponse.contacts.sent").entity(Integer.class).isEqualTo(7)
			.path("campaignResponse.contacts.delivered").entity(Integer.class).isEqualTo(7)
			.path("campaignResponse.contacts.opened").entity(Integer.class).isEqualTo(2)
			.path("campaignResponse.contacts.clicked").entity(Integer.class).isEqualTo(1)
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(2)
			.path("campaignResponse.revenue").entity(String.class).isEqualTo("200.00")
			.path("campaignResponse.costPerConversion").entity(String.class).isEqualTo("5.00")
			.path("campaignResponse.roi").entity(Double.class).isEqualTo(19.0)
			.path("campaignResponse.conversionUplift.treated").entity(Double.class)
			.satisfies(share -> assertThat(share).isCloseTo(2 / 7.0, within(1e-9)))
			.path("campaignResponse.conversionUplift.control").entity(Double.class)
			.satisfies(share -> assertThat(share).isCloseTo(1 / 3.0, within(1e-9)))
			.path("campaignResponse.revenueUplift.difference").entity(Double.class)
			.satisfies(diff -> assertThat(diff).isCloseTo(200 / 7.0 - 50 / 3.0, within(1e-9)))
			.path("campaignResponse.byChannel[0].channel").entity(String.class).isEqualTo("WECHAT");

		// A contact recorded after a response reaches the next one (what was read of the contacts is not kept stale).
		clock.advance(Duration.ofMinutes(1));
		recordContacts(List.of(Map.of("memberId", treated.get(1), "kind", "CLICKED")))
			.path("recordCampaignContacts.contacts.recorded").entity(Integer.class).isEqualTo(1);
		as("admin").documentName("campaignResponse").variable("campaignId", campaignId).execute()
			.path("campaignResponse.contacts.clicked").entity(Integer.class).isEqualTo(2)
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(2);
	}

	/**
	 * A contacted member of the audience turns out to be a second account of a customer and is merged into the first,
	 * which was not in the audience; the channel reports it delivered there, and the customer buys there. The campaign
	 * follows the customer.
	 */
	@Test
	void aContactedMemberMergedIntoAnAccountOutsideTheAudienceStillConvertsThere() throws Exception {
		// After the hours the other tests of the class write orders at: the views read on from what they last read.
		clock.advance(Duration.ofDays(1));
		String campaign = launchedToNewMembers("Merged", 10);
		String contacted = bean(CampaignAudiences.class).of(campaign).treated().stream().sorted().findFirst().orElseThrow();
		recordContacts(campaign, List.of(Map.of("memberId", contacted, "kind", "SENT")))
			.path("recordCampaignContacts.contacts.recorded").entity(Integer.class).isEqualTo(1);
		String firstAccount = registerMember("Merged campaign customer");

		mergeMembers(firstAccount, contacted);
		// the sending channel reports the customer under the account it lives in now
		recordContacts(campaign, List.of(Map.of("memberId", firstAccount, "kind", "DELIVERED")))
			.path("recordCampaignContacts.contacts.recorded").entity(Integer.class).isEqualTo(1);
		clock.advance(Duration.ofHours(2));
		order(firstAccount, "120.00");
		clock.advance(Duration.ofHours(1));

		as("admin").documentName("campaignResponse").variable("campaignId", campaign).execute()
			.path("campaignResponse.audience").entity(Integer.class).isEqualTo(10)
			.path("campaignResponse.contacts.delivered").entity(Integer.class).isEqualTo(1)
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(1)
			.path("campaignResponse.revenue").entity(String.class).isEqualTo("120.00")
			.path("campaignResponse.conversionUplift.treated").entity(Double.class)
			.satisfies(share -> assertThat(share).isCloseTo(1 / 7.0, within(1e-9)));
	}

	/**
	 * The response read, one more member's contact recorded (the order it now credits placed before), the response read
	 * again: the two revenues set against each other would be that member's purchases. The second is refused to a
	 * MARKETER until enough members converted since that the difference is no longer a few people's; a response read
	 * again with the same contacts, after a member bought, is answered.
	 */
	@Test
	void aMarketerCannotLearnOneMembersPurchasesByRecordingOneMoreContact() {
		clock.advance(Duration.ofDays(2));
		String campaign = launchedToNewMembers("Contacted", 24);
		Instant launched = now();
		List<String> treated = bean(CampaignAudiences.class).of(campaign).treated().stream().sorted().toList();
		String singledOut = treated.get(0);
		List<String> contacted = treated.subList(1, 14);
		recordContacts(campaign, contacted.stream().map(m -> Map.<String, Object>of("memberId", m, "kind", "SENT")).toList())
			.path("recordCampaignContacts.contacts.recorded").entity(Integer.class).isEqualTo(13);
		clock.advance(Duration.ofHours(1));
		order(singledOut, "333.00");
		contacted.subList(0, 7).forEach(m -> order(m, "100.00"));
		clock.advance(Duration.ofHours(1));
		String response = "query($id: ID!) { campaignResponse(input: {campaignId: $id}) { conversions revenue } }";
		as("marketer").document(response).variable("id", campaign).execute()
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(7)
			.path("campaignResponse.revenue").entity(String.class).isEqualTo("700.00");
		// Read again with the same contacts after one more contacted member bought: what changed is the member's doing.
		clock.advance(Duration.ofMinutes(1));
		order(contacted.get(7), "100.00");
		clock.advance(Duration.ofMinutes(1));
		as("marketer").document(response).variable("id", campaign).execute()
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(8);

		recordContacts(campaign, List.of(Map.of("memberId", singledOut, "kind", "SENT", "at", launched.plusSeconds(60).toString())))
			.path("recordCampaignContacts.contacts.recorded").entity(Integer.class).isEqualTo(1);
		as("marketer").document(response).variable("id", campaign).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
				assertThat(error.getExtensions()).containsEntry("field", "campaignId");
				assertThat(error.getMessage()).contains("from a response you were shown recently (campaign " + campaign);
			}));
		as("marketer").documentName("compareCampaigns").variable("campaignIds", List.of(campaignId, campaign)).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("field", "campaignIds[1]")));
		as("admin").document(response).variable("id", campaign).execute()
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(9)
			.path("campaignResponse.revenue").entity(String.class).isEqualTo("1133.00");

		// Four more converted: the two responses now differ by five members, no longer a few people's purchases.
		clock.advance(Duration.ofMinutes(1));
		contacted.subList(8, 12).forEach(m -> order(m, "100.00"));
		clock.advance(Duration.ofMinutes(1));
		as("marketer").document(response).variable("id", campaign).execute()
			.path("campaignResponse.conversions").entity(Integer.class).isEqualTo(13)
			.path("campaignResponse.revenue").entity(String.class).isEqualTo("1533.00");
	}

	/** Two accounts of one customer, both chosen by the segment, are merged before the launch: messaged once. */
	@Test
	void aMemberMergedAfterTheSegmentsEvaluationIsInTheAudienceAsTheAccountItLivesIn() throws Exception {
		String tag = "evaluated" + newPhone();
		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			chosen.add(registerMember("Evaluated member " + i, newPhone(), List.of(tag)));
		}
		String segment = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Evaluated audience " + tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute()
			.path("saveSegment.segment.id").entity(String.class).get();
		String elsewhere = registerMember("Evaluated member's other account");
		mergeMembers(elsewhere, chosen.get(0));
		mergeMembers(chosen.get(2), chosen.get(1));

		String campaign = createCampaign(segment);
		as("marketer").documentName("launchCampaign").variable("campaignId", campaign).execute()
			.path("launchCampaign.errors").entityList(Object.class).hasSize(0)
			.path("launchCampaign.campaign.audienceSize").entity(Integer.class).isEqualTo(9);
		Audience launched = bean(CampaignAudiences.class).of(campaign);
		List<String> everyone = new ArrayList<>(launched.treated());
		everyone.addAll(launched.control());
		assertThat(everyone).contains(elsewhere, chosen.get(2)).doesNotContain(chosen.get(0), chosen.get(1));
	}

	@Test
	void campaignsCompareSideBySideAndADraftIsRefusedByPosition() {
		String draft = createCampaign(segmentId);

		as("marketer").documentName("compareCampaigns").variable("campaignIds", List.of(campaignId, draft)).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "campaignIds[1]"));
		as("admin").documentName("compareCampaigns").variable("campaignIds", List.of(campaignId)).execute()
			.path("compareCampaigns[0].campaign.id").entity(String.class).isEqualTo(campaignId);
	}

	@Test
	void theArgumentsOnceGivenOneByOneStillMeasureTheSameButNotBesideTheInput() {
		String inInput = as("admin").documentName("campaignResponse").variable("campaignId", campaignId)
			.variable("attribution", "FIRST_TOUCH").variable("confidence", 0.9).execute()
			.path("campaignResponse").entity(Map.class).get().toString();
		String oneByOne = as("admin").document("""
				query($id: ID) { campaignResponse(campaignId: $id, attribution: FIRST_TOUCH, confidence: 0.9) {
				  campaign { id name } attribution confidence measuredFrom measuredUntil audience treated control
				  contacts { sent delivered opened clicked deliveryRate openRate clickRate }
				  conversions conversionRate orders revenue averageDiscount cost costPerConversion roi
				  conversionUplift { treated control difference lower upper pValue }
				  revenueUplift { treated control difference lower upper pValue }
				  byChannel { channel contacts { sent } conversions conversionRate orders revenue }
				  daily { day conversions treatedBuyingShare controlBuyingShare } } }""").variable("id", campaignId).execute()
			.path("campaignResponse").entity(Map.class).get().toString();
		assertThat(oneByOne).isEqualTo(inInput).contains("FIRST_TOUCH");

		as("admin").document("query($id: ID!) { compareCampaigns(input: {campaignIds: [$id]}, confidence: 0.9) { conversions } }")
			.variable("id", campaignId).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "input"));
		as("admin").document("{ campaignResponse { conversions } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "campaignId"));
	}

	@Test
	void storefrontAppsDoNotReadCampaignResponseNorRecordContacts() {
		as("storefront").documentName("campaignResponse").variable("campaignId", campaignId).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		as("crm").documentName("recordCampaignContacts").variable("campaignId", campaignId)
			.variable("contacts", List.of(Map.of("memberId", members.get(0), "kind", "SENT")))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
	}

	/** A campaign launched to a saved segment of as many new members, tagged alike; its id. */
	private String launchedToNewMembers(String name, int members) {
		String tag = name.toLowerCase() + newPhone();
		for (int i = 0; i < members; i++) {
			registerMember(name + " campaign member " + i, newPhone(), List.of(tag));
		}
		String segment = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", name + " audience " + tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute()
			.path("saveSegment.segment.id").entity(String.class).get();
		String campaign = createCampaign(segment);
		as("marketer").documentName("launchCampaign").variable("campaignId", campaign).execute()
			.path("launchCampaign.errors").entityList(Object.class).hasSize(0);
		return campaign;
	}

	private String createCampaign(String segment) {
		Instant now = now();
		Map<String, Object> input = new HashMap<>(Map.of("name", "Spring push", "channel", "WECHAT",
				"startsAt", now.minus(1, ChronoUnit.HOURS).toString(), "endsAt", now.plus(7, ChronoUnit.DAYS).toString(),
				"controlGroupShare", 0.3, "targetSegmentId", segment, "cost", "10.00"));
		return as("marketer").documentName("createCampaign").variable("input", input).execute()
			.path("createCampaign.campaign.id").entity(String.class).get();
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response recordContacts(List<Map<String, Object>> contacts) {
		return recordContacts(campaignId, contacts);
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response recordContacts(String campaign,
			List<Map<String, Object>> contacts) {
		return as("marketer").documentName("recordCampaignContacts").variable("campaignId", campaign)
			.variable("contacts", contacts).execute();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec importReport(String csv) {
		return http().post()
			.uri("/api/campaigns/" + campaignId + "/contacts")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token("marketer"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange();
	}

	private void order(String member, String amount) {
		recordPaidOrder(member, now(), amount);
	}

}
