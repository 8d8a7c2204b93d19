package io.membergraph.campaign;

import java.time.Duration;
import java.time.Instant;

import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A marketing campaign.
 *
 * @param controlGroupShare share of the audience held out as a control group, 0 to 0.5
 * @param attributionWindowDays days after a contact in which an order counts as the campaign's response
 * @param cost what the campaign cost, when known: gives cost per conversion and ROI
 * @param launchedAt when the audience was fixed; null while a draft
 * @param audienceSize members in the fixed audience, control group included
 * @param controlSize members held out of the audience as the control group
 * @param leftOutWithoutConsent members of the target segment left out of the audience at launch: they had withdrawn
 * their consent to marketing through the campaign's channel
 */
@Document("campaigns")
public record Campaign(@Id String id, String name, Channel channel, Instant startsAt, Instant endsAt,
		String targetSegmentId, double controlGroupShare, int attributionWindowDays, Money cost,
		CampaignStatus status, String createdBy, Instant createdAt, Instant launchedAt, int audienceSize,
		int controlSize, int leftOutWithoutConsent) {

	/** A campaign that left no one out for consent (as those launched before consent was looked at). */
	public Campaign(String id, String name, Channel channel, Instant startsAt, Instant endsAt, String targetSegmentId,
			double controlGroupShare, int attributionWindowDays, Money cost, CampaignStatus status, String createdBy,
			Instant createdAt, Instant launchedAt, int audienceSize, int controlSize) {
		this(id, name, channel, startsAt, endsAt, targetSegmentId, controlGroupShare, attributionWindowDays, cost, status,
				createdBy, createdAt, launchedAt, audienceSize, controlSize, 0);
	}

	/** A draft campaign, not launched. */
	public Campaign(String id, String name, Channel channel, Instant startsAt, Instant endsAt, String targetSegmentId,
			double controlGroupShare, int attributionWindowDays, CampaignStatus status, String createdBy,
			Instant createdAt) {
		this(id, name, channel, startsAt, endsAt, targetSegmentId, controlGroupShare, attributionWindowDays,
				null, status, createdBy, createdAt, null, 0, 0);
	}

	boolean launched() {
		return launchedAt != null;
	}

	/** The status as of {@code now}: a launched campaign has ENDED once its end has passed. */
	public CampaignStatus statusAt(Instant now) {
		return status == CampaignStatus.LAUNCHED && !endsAt.isAfter(now) ? CampaignStatus.ENDED : status;
	}

	/** This campaign with its audience fixed at {@code at}. */
	Campaign launched(Instant at, int audience, int control, int leftOut) {
		return new Campaign(id, name, channel, startsAt, endsAt, targetSegmentId, controlGroupShare,
				attributionWindowDays, cost, CampaignStatus.LAUNCHED, createdBy, createdAt, at, audience,
				control, leftOut);
	}

	/**
	 * The end of the period in which both groups' orders are compared: the attribution window after the campaign
	 * ends.
	 */
	public Instant measuredUntil() {
		return endsAt.plus(Duration.ofDays(attributionWindowDays));
	}

}
