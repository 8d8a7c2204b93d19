package io.membergraph.campaign;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.ApplicationTest;
import io.membergraph.campaign.internal.CampaignAudiences;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member who said no to messages through a channel is left out of every campaign launched on it: its audience and
 * its control group. A member never asked is not left out (where the law asks for consent first, target
 * {@code consent.wechat = true}); a channel that is not a way to message (a store, a marketplace) leaves no one out.
 */
class CampaignConsentTests extends ApplicationTest {

	@Test
	void aCampaignLeavesOutTheMembersWhoWithdrewConsentToItsChannel() {
		String tag = "consent" + newPhone();
		String neverAsked = member(tag, List.of());
		String agreed = member(tag, List.of(Map.of("channel", "WECHAT", "granted", true)));
		String saidNo = member(tag, List.of(Map.of("channel", "WECHAT", "granted", false)));
		String saidNoToSms = member(tag, List.of(Map.of("channel", "SMS", "granted", false),
				Map.of("channel", "APP_PUSH", "granted", false)));
		String segment = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Consent " + tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute()
			.path("saveSegment.segment.id").entity(String.class).get();

		String wechat = launched(segment, "WECHAT", 3, 1);
		assertThat(audienceOf(wechat)).containsExactlyInAnyOrder(neverAsked, agreed, saidNoToSms);
		as("marketer").documentName("recordCampaignContacts").variable("campaignId", wechat)
			.variable("contacts", List.of(Map.of("memberId", saidNo, "kind", "SENT")))
			.execute()
			.path("recordCampaignContacts.errors[0].code").entity(String.class).isEqualTo("NOT_IN_AUDIENCE");

		String app = launched(segment, "APP", 3, 1);
		assertThat(audienceOf(app)).containsExactlyInAnyOrder(neverAsked, agreed, saidNo);
		String store = launched(segment, "STORE", 4, 0);
		assertThat(audienceOf(store)).hasSize(4);
	}

	private String member(String tag, List<Map<String, Object>> consents) {
		return as("admin").document("mutation($input: RegisterMemberInput!) { registerMember(input: $input) { "
				+ "member { id } errors { code } } }")
			.variable("input", Map.of("name", "Consenting", "phone", newPhone(), "joinChannel", "WEB", "tags", List.of(tag),
					"consents", consents))
			.execute()
			.path("registerMember.errors").entityList(Object.class).hasSize(0)
			.path("registerMember.member.id").entity(String.class).get();
	}

	private String launched(String segment, String channel, int audience, int leftOut) {
		String campaign = as("marketer").documentName("createCampaign")
			.variable("input", Map.of("name", channel + " push", "channel", channel, "startsAt", "2026-11-26T00:00:00Z",
					"endsAt", "2026-12-03T00:00:00Z", "targetSegmentId", segment, "controlGroupShare", 0.5))
			.execute()
			.path("createCampaign.campaign.id").entity(String.class).get();
		as("marketer").document("mutation($id: ID!) { launchCampaign(input: {campaignId: $id}) { "
				+ "campaign { audienceSize leftOutWithoutConsent } errors { code } } }")
			.variable("id", campaign)
			.execute()
			.path("launchCampaign.errors").entityList(Object.class).hasSize(0)
			.path("launchCampaign.campaign.audienceSize").entity(Integer.class).isEqualTo(audience)
			.path("launchCampaign.campaign.leftOutWithoutConsent").entity(Integer.class).isEqualTo(leftOut);
		return campaign;
	}

	private Set<String> audienceOf(String campaign) {
		CampaignAudiences.Audience fixed = bean(CampaignAudiences.class).of(campaign);
		Set<String> members = new HashSet<>(fixed.treated());
		members.addAll(fixed.control());
		return members;
	}

}
