package io.membergraph.campaign;

import java.util.HashMap;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignApiTests extends ApplicationTest {

	@Test
	void aMarketerPlansACampaignWithAControlGroupAndAttributionWindow() {
		String id = as("marketer").documentName("createCampaign").variable("input", campaign(Map.of())).execute()
			.path("createCampaign.campaign.status").entity(String.class).isEqualTo("DRAFT")
			.path("createCampaign.campaign.createdBy").entity(String.class).isEqualTo("marketer")
			.path("createCampaign.campaign.attributionWindowDays").entity(Integer.class).isEqualTo(7)
			.path("createCampaign.campaign.id").entity(String.class).get();
		as("crm").documentName("campaign").variable("id", id).execute()
			.path("campaign.name").entity(String.class).isEqualTo("Winter Sale");
	}

	@Test
	void impossibleCampaignsAreBadRequestsNamingTheField() {
		expectField(campaign(Map.of("controlGroupShare", 0.9)), "controlGroupShare");
		expectField(campaign(Map.of("endsAt", "2026-11-30T00:00:00+08:00")), "endsAt");
		expectField(campaign(Map.of("attributionWindowDays", 0)), "attributionWindowDays");
	}

	private void expectField(Map<String, Object> input, String field) {
		as("marketer").documentName("createCampaign").variable("input", input).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", field));
	}

	private static Map<String, Object> campaign(Map<String, Object> overrides) {
		Map<String, Object> input = new HashMap<>(Map.of("name", "Winter Sale", "channel", "WECHAT",
				"startsAt", "2026-12-01T00:00:00+08:00", "endsAt", "2026-12-24T00:00:00+08:00", "controlGroupShare", 0.1));
		input.putAll(overrides);
		return input;
	}

}
