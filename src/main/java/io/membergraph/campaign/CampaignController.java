package io.membergraph.campaign;

import io.membergraph.campaign.CampaignInputs.CampaignPayload;
import io.membergraph.campaign.CampaignInputs.CreateCampaignInput;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class CampaignController {

	private final CampaignPlanner planner;

	CampaignController(CampaignPlanner planner) {
		this.planner = planner;
	}

	@QueryMapping
	Campaign campaign(@Argument String id) {
		return planner.find(id);
	}

	@QueryMapping
	Connection<Campaign> campaigns(@Argument Integer first, @Argument String after) {
		return planner.list(PageRequest.of(first, after));
	}

	@MutationMapping
	CampaignPayload createCampaign(@Argument CreateCampaignInput input) {
		return planner.create(input);
	}

}
