package io.membergraph.campaign;

import java.time.Instant;

import io.membergraph.shared.Channel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A marketing campaign.
 *
 * @param controlGroupShare share of the audience held out as a control group, 0 to 0.5
 * @param attributionWindowDays days after contact in which an order counts as the campaign's response
 */
@Document("campaigns")
public record Campaign(@Id String id, String name, Channel channel, Instant startsAt, Instant endsAt,
		String targetSegmentId, double controlGroupShare, int attributionWindowDays, CampaignStatus status,
		String createdBy, Instant createdAt) {
}
