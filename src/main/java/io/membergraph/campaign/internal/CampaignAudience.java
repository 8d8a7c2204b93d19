package io.membergraph.campaign.internal;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One chunk of a launched campaign's fixed audience, member ids ascending; chunks keep each document far below
 * MongoDB's size limit however large the audience.
 *
 * @param control whether these members are held out as the control group
 */
@Document("campaign_audiences")
public record CampaignAudience(@Id String id, @Indexed String campaignId, boolean control, int chunk,
		List<String> memberIds) {

	static final int CHUNK_SIZE = 10_000;

	static String idOf(String campaignId, boolean control, int chunk) {
		return campaignId + "|" + (control ? "control" : "treated") + "|" + chunk;
	}

}
