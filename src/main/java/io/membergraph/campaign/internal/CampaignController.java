package io.membergraph.campaign.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.CampaignContacts.ContactInput;
import io.membergraph.campaign.CampaignContacts.ContactsRecorded;
import io.membergraph.campaign.CampaignContacts;
import io.membergraph.campaign.internal.CampaignInputs.CampaignPayload;
import io.membergraph.campaign.internal.CampaignInputs.CreateCampaignInput;
import io.membergraph.campaign.CampaignLaunch;
import io.membergraph.campaign.CampaignPlanner;
import io.membergraph.campaign.CampaignResponses;
import io.membergraph.campaign.CampaignStatus;
import io.membergraph.segment.SavedSegments;
import io.membergraph.segment.Segment;
import io.membergraph.shared.Connection;
import io.membergraph.shared.DeprecatedArguments;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
public class CampaignController {

	private final CampaignPlanner planner;

	private final CampaignLaunch launch;

	private final CampaignContacts contacts;

	private final CampaignResponses responses;

	private final SavedSegments segments;

	private final Clock clock;

	CampaignController(CampaignPlanner planner, CampaignLaunch launch, CampaignContacts contacts,
			CampaignResponses responses, SavedSegments segments, Clock clock) {
		this.clock = clock;
		this.planner = planner;
		this.launch = launch;
		this.contacts = contacts;
		this.responses = responses;
		this.segments = segments;
	}

	/** The saved segment each campaign of a page targets (its audience), in one read. */
	@BatchMapping(typeName = "Campaign")
	Map<Campaign, Segment> targetSegment(List<Campaign> campaigns) {
		Map<String, Segment> byId = segments.byIds(campaigns.stream().map(Campaign::targetSegmentId)
			.filter(Objects::nonNull).collect(Collectors.toSet()));
		Map<Campaign, Segment> targets = new HashMap<>();
		campaigns.stream().filter(c -> byId.containsKey(c.targetSegmentId()))
			.forEach(c -> targets.put(c, byId.get(c.targetSegmentId())));
		return targets;
	}

	@QueryMapping
	Campaign campaign(@Argument String id) {
		return planner.find(id);
	}

	@QueryMapping
	Connection<Campaign> campaigns(@Argument Integer first, @Argument String after, @Argument Boolean launched) {
		return planner.list(PageRequest.of(first, after), launched);
	}

	@SchemaMapping(typeName = "Campaign")
	CampaignStatus status(Campaign campaign) {
		return campaign.statusAt(clock.instant());
	}

	record CampaignResponseInput(String campaignId, Attribution attribution, Double confidence) {
	}

	record CompareCampaignsInput(List<String> campaignIds, Attribution attribution, Double confidence) {
	}

	@QueryMapping
	CampaignResponse campaignResponse(@Argument CampaignResponseInput input, @Argument String campaignId,
			@Argument Attribution attribution, @Argument Double confidence) {
		CampaignResponseInput given = DeprecatedArguments.orInput(input,
				() -> new CampaignResponseInput(campaignId, attribution, confidence), campaignId, attribution, confidence);
		return responses.of(given.campaignId(), given.attribution(), given.confidence());
	}

	@QueryMapping
	List<CampaignResponse> compareCampaigns(@Argument CompareCampaignsInput input, @Argument List<String> campaignIds,
			@Argument Attribution attribution, @Argument Double confidence) {
		CompareCampaignsInput given = DeprecatedArguments.orInput(input,
				() -> new CompareCampaignsInput(campaignIds, attribution, confidence), campaignIds, attribution, confidence);
		return responses.compare(given.campaignIds(), given.attribution(), given.confidence());
	}

	@MutationMapping
	CampaignPayload createCampaign(@Argument CreateCampaignInput input) {
		return planner.create(input);
	}

	@MutationMapping
	CampaignPayload launchCampaign(@Argument LaunchCampaignInput input) {
		return launch.launch(input.campaignId());
	}

	record LaunchCampaignInput(String campaignId) {
	}

	record RecordCampaignContactsInput(String campaignId, List<ContactInput> contacts) {
	}

	@MutationMapping
	RecordCampaignContactsPayload recordCampaignContacts(@Argument RecordCampaignContactsInput input) {
		return Payloads.attempt(() -> this.contacts.record(input.campaignId(), input.contacts()),
				RecordCampaignContactsPayload::new);
	}

	record RecordCampaignContactsPayload(ContactsRecorded contacts, List<UserError> errors) {
	}

}
