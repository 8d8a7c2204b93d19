package io.membergraph.campaign.internal;

import java.time.Instant;
import java.util.List;

import io.membergraph.campaign.Campaign;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UserError;

/** The input and payload of the campaign mutations. */
public final class CampaignInputs {

	private CampaignInputs() {
	}

	public record CreateCampaignInput(String name, Channel channel, Instant startsAt, Instant endsAt,
			String targetSegmentId, Double controlGroupShare, Integer attributionWindowDays, Money cost) {
	}

	public record CampaignPayload(Campaign campaign, List<UserError> errors) {
	}

}
