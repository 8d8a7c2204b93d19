package io.membergraph.campaign;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.membergraph.campaign.CampaignInputs.CampaignPayload;
import io.membergraph.segment.SavedSegments;
import io.membergraph.segment.Segment;
import io.membergraph.segment.SegmentMemberships;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.UserError;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Launches a campaign: fixes its audience to the target segment's latest evaluation and holds out the control
 * group. The audience does not follow the segment afterwards, so the response is measured on who was chosen.
 */
@Service
class CampaignLaunch {

	private final MongoTemplate mongo;

	private final SavedSegments segments;

	private final SegmentMemberships memberships;

	private final CampaignAudiences audiences;

	private final Clock clock;

	CampaignLaunch(MongoTemplate mongo, SavedSegments segments, SegmentMemberships memberships,
			CampaignAudiences audiences, Clock clock) {
		this.mongo = mongo;
		this.segments = segments;
		this.memberships = memberships;
		this.audiences = audiences;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('ADMIN','MARKETER')")
	public CampaignPayload launch(String campaignId) {
		String id = InvalidInputException.requireText("campaignId", campaignId);
		Campaign campaign = mongo.findById(id, Campaign.class);
		if (campaign == null) {
			return failed("CAMPAIGN_NOT_FOUND", "No campaign with id '" + id + "'", "campaignId");
		}
		if (campaign.launched() || campaign.status() != CampaignStatus.DRAFT) {
			return failed("CAMPAIGN_NOT_DRAFT", "Campaign " + id + " is " + campaign.status() + ", only a draft launches",
					"campaignId");
		}
		if (campaign.targetSegmentId() == null) {
			return failed("NO_TARGET_SEGMENT", "A campaign launches to a saved segment; set targetSegmentId first",
					"targetSegmentId");
		}
		Segment segment = segments.byId(campaign.targetSegmentId());
		if (segment == null || segment.evaluation() == null) {
			return failed("SEGMENT_NOT_EVALUATED", "Segment '" + campaign.targetSegmentId()
					+ "' is gone or not evaluated yet, so there is no audience to fix", "targetSegmentId");
		}
		Set<String> audience = memberships.memberIdsOf(segment.id());
		ControlGroup split = ControlGroup.split(id, audience, campaign.controlGroupShare());
		audiences.store(id, split);
		Campaign launched = campaign.launched(clock.instant(), audience.size(), split.control().size());
		// Only a draft becomes launched: of two concurrent launches one wins, and both wrote the same audience.
		Query stillDraft = Query.query(Criteria.where("_id").is(id).and("launchedAt").is(null));
		if (mongo.replace(stillDraft, launched).getModifiedCount() == 0) {
			return failed("CAMPAIGN_NOT_DRAFT", "Campaign " + id + " was launched meanwhile", "campaignId");
		}
		return new CampaignPayload(launched, List.of());
	}

	private static CampaignPayload failed(String code, String message, String field) {
		return new CampaignPayload(null, List.of(new UserError(code, message, field)));
	}

}
