package io.membergraph.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.membergraph.campaign.internal.CampaignAudiences;
import io.membergraph.campaign.internal.CampaignContact;
import io.membergraph.campaign.internal.ControlGroup;
import io.membergraph.member.ConsentChannel;
import io.membergraph.shared.Channel;
import io.membergraph.store.RecordDocuments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes campaigns launched in a history that is loaded whole, for demo data: the audience fixed at the launch, the
 * control group held out as {@link CampaignLaunch} holds it out, and how far each treated member's message got. The
 * caller vouches for the audience (who was a member then, less who had said no to the channel's messages).
 */
@Service
public class CampaignBulkLoad {

	/**
	 * How far one treated member's message got, and when: the furthest step a sending channel reported (the steps
	 * before it are implied, as they are for a report of opens only).
	 */
	public record Reach(String memberId, ContactKind furthest, Instant at) {
	}

	private static final int CONTACTS_PER_WRITE = 10_000;

	private final MongoTemplate mongo;

	private final CampaignAudiences audiences;

	private final RecordDocuments documents;

	private final Clock clock;

	CampaignBulkLoad(MongoTemplate mongo, CampaignAudiences audiences, RecordDocuments documents, Clock clock) {
		this.mongo = mongo;
		this.audiences = audiences;
		this.documents = documents;
		this.clock = clock;
	}

	/** The members a launch holds out of this audience: the draw is fixed by the campaign id and the audience. */
	public static Set<String> controlGroupOf(String campaignId, Collection<String> audience, double share) {
		return new HashSet<>(ControlGroup.split(campaignId, audience, share).control());
	}

	/** The consent a launch through the channel requires of its audience; none for channels that are no way to message. */
	public static Optional<ConsentChannel> consentNeededFor(Channel channel) {
		return CampaignLaunch.consentOf(channel);
	}

	/**
	 * Saves the campaign as launched at {@code launchedAt} to {@code audience}, as a launch saves it, with the control
	 * group a launch holds out and the messages' reach.
	 *
	 * @param leftOutWithoutConsent members left out of the audience for having said no to the channel's messages
	 * @throws IllegalArgumentException for a reach of a member not treated (in the control group, or not in the
	 * audience), or one before the launch; nothing is written then
	 */
	public void saveLaunched(Campaign campaign, Instant launchedAt, Collection<String> audience, int leftOutWithoutConsent,
			List<Reach> reached) {
		ControlGroup split = ControlGroup.split(campaign.id(), audience, campaign.controlGroupShare());
		Set<String> treated = new HashSet<>(split.treated());
		Instant now = clock.instant();
		for (Reach reach : reached) {
			if (!treated.contains(reach.memberId()) || reach.at().isBefore(launchedAt) || reach.at().isAfter(now)) {
				throw new IllegalArgumentException("Campaign " + campaign.id() + " cannot have reached " + reach.memberId()
						+ " at " + reach.at() + ": only treated members are contacted, between the launch and now");
			}
		}
		audiences.store(campaign.id(), split);
		// A chunk at a time: an audience of millions has as many contacts.
		for (int from = 0; from < reached.size(); from += CONTACTS_PER_WRITE) {
			documents.insertNew(reached.subList(from, Math.min(reached.size(), from + CONTACTS_PER_WRITE)).stream()
				.map(reach -> new CampaignContact(CampaignContact.idOf(campaign.id(), reach.memberId(), reach.furthest()),
						campaign.id(), reach.memberId(), reach.furthest(), campaign.channel(), reach.at(), now))
				.toList(), CampaignContact.class);
		}
		// The campaign is marked launched last, as a launch marks it: until then no response reads the audience.
		mongo.save(campaign.launched(launchedAt, audience.size(), split.control().size(), leftOutWithoutConsent));
	}

}
