package io.membergraph.campaign;

import io.membergraph.campaign.CampaignInputs.CampaignPayload;
import io.membergraph.campaign.CampaignInputs.CreateCampaignInput;
import io.membergraph.segment.SavedSegments;
import io.membergraph.segment.Segment;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class CampaignController {

	private final CampaignPlanner planner;

	private final SavedSegments segments;

	CampaignController(CampaignPlanner planner, SavedSegments segments) {
		this.planner = planner;
		this.segments = segments;
	}

	/** The saved segment the campaign targets: its audience. */
	@SchemaMapping(typeName = "Campaign")
	Segment targetSegment(Campaign campaign) {
		return campaign.targetSegmentId() == null ? null : segments.byId(campaign.targetSegmentId());
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
