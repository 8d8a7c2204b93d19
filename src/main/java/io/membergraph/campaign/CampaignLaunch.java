package io.membergraph.campaign;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.membergraph.campaign.internal.CampaignInputs.CampaignPayload;
import io.membergraph.campaign.internal.CampaignAudiences;
import io.membergraph.campaign.internal.ControlGroup;
import io.membergraph.member.ConsentChannel;
import io.membergraph.member.MemberDirectory;
import io.membergraph.segment.SavedSegments;
import io.membergraph.segment.Segment;
import io.membergraph.segment.SegmentMemberships;
import io.membergraph.shared.Channel;
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
public class CampaignLaunch {

	private final MongoTemplate mongo;

	private final SavedSegments segments;

	private final SegmentMemberships memberships;

	private final CampaignAudiences audiences;

	private final Clock clock;

	private final MemberDirectory members;

	CampaignLaunch(MongoTemplate mongo, SavedSegments segments, SegmentMemberships memberships,
			CampaignAudiences audiences, Clock clock, MemberDirectory members) {
		this.members = members;
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
		// Each as it lives now: a tombstone of a merge since the evaluation cannot be messaged, the customer was chosen.
		Set<String> audience = memberships.memberIdsOf(segment.id());
		// A member who said no to messages through the campaign's channel is not in its audience (nor its control
		// group, which must be like the audience).
		Set<String> leftOut = consentOf(campaign.channel()).map(consent -> members.withdrewConsent(audience, consent))
			.orElse(Set.of());
		audience.removeAll(leftOut);
		ControlGroup split = ControlGroup.split(id, audience, campaign.controlGroupShare());
		audiences.store(id, split);
		Campaign launched = campaign.launched(clock.instant(), audience.size(), split.control().size(), leftOut.size());
		// Only a draft becomes launched: of two concurrent launches one wins, and both wrote the same audience.
		Query stillDraft = Query.query(Criteria.where("_id").is(id).and("launchedAt").is(null));
		if (mongo.replace(stillDraft, launched).getModifiedCount() == 0) {
			return failed("CAMPAIGN_NOT_DRAFT", "Campaign " + id + " was launched meanwhile", "campaignId");
		}
		return new CampaignPayload(launched, List.of());
	}

	/** The consent that marketing through the channel needs; none for channels that are not a way to message. */
	static Optional<ConsentChannel> consentOf(Channel channel) {
		return switch (channel) {
			case WECHAT -> Optional.of(ConsentChannel.WECHAT);
			case APP -> Optional.of(ConsentChannel.APP_PUSH);
			default -> Optional.empty();
		};
	}

	private static CampaignPayload failed(String code, String message, String field) {
		return new CampaignPayload(null, List.of(new UserError(code, message, field)));
	}

}
