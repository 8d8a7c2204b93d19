package io.membergraph.campaign.internal;

import java.time.Instant;

import io.membergraph.campaign.ContactKind;
import io.membergraph.shared.Channel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One step of a campaign's message to one member. Keyed by campaign, member and kind, so a resent report is
 * recorded once.
 *
 * @param recordedAt when the contact was written, so the in-memory view of contacts reloads only new ones
 */
@Document("campaign_contacts")
public record CampaignContact(@Id String id, @Indexed String campaignId, String memberId, ContactKind kind,
		Channel channel, Instant at, @Indexed Instant recordedAt) {

	public static String idOf(String campaignId, String memberId, ContactKind kind) {
		return campaignId + "|" + memberId + "|" + kind;
	}

}
