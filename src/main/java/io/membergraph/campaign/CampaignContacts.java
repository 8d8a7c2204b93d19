package io.membergraph.campaign;

import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.membergraph.campaign.internal.CampaignAudiences.Audience;
import io.membergraph.campaign.internal.CampaignAudiences;
import io.membergraph.campaign.internal.CampaignContact;
import io.membergraph.campaign.internal.ContactReport;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.RefusedException;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.RecordDocuments;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Records what happened to a launched campaign's messages, member by member: through the API or an import of
 * the sending channel's report. A batch is checked whole before anything is written, so a bad row changes
 * nothing; the control group can never be recorded as contacted.
 */
@Service
public class CampaignContacts {

	static final int MAX_BATCH = 1_000_000;

	private static final int READ_BATCH = 1_000;

	/** One reported contact; {@code at} defaults to now and {@code channel} to the campaign's. */
	public record ContactInput(String memberId, ContactKind kind, Instant at, Channel channel) {
	}

	/**
	 * @param recorded contacts written now
	 * @param alreadyRecorded contacts reported before (same campaign, member and kind), left as they were
	 */
	public record ContactsRecorded(String campaignId, int recorded, int alreadyRecorded) {
	}

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final CampaignAudiences audiences;

	private final Clock clock;

	private final MemberDirectory members;

	private final ChangeStampedView<CampaignContact, CampaignContact> all;

	CampaignContacts(MongoTemplate mongo, CampaignAudiences audiences, Clock clock, ChangeStampedViews views,
			MemberDirectory members, RecordDocuments documents) {
		this.members = members;
		this.documents = documents;
		this.mongo = mongo;
		this.audiences = audiences;
		this.clock = clock;
		this.all = views.of(CampaignContact.class, "recordedAt", new String[0], CampaignContact::id, c -> c);
	}

	/** Records the contacts of one campaign. The field of an error names the row, as in {@code contacts[3].memberId}. */
	@PreAuthorize("hasAnyRole('ADMIN','MARKETER')")
	public ContactsRecorded record(String campaignId, List<ContactInput> contacts) {
		return record(campaignId, contacts, i -> "contacts[" + i + "]");
	}

	/** Records a sending channel's CSV report ({@link ContactReport}); errors name the line of the file. */
	@PreAuthorize("hasAnyRole('ADMIN','MARKETER')")
	public ContactsRecorded importReport(String campaignId, Reader csv) {
		launchedCampaign(campaignId);
		return record(campaignId, ContactReport.read(csv, MAX_BATCH), ContactReport::lineOf);
	}

	private ContactsRecorded record(String campaignId, List<ContactInput> contacts, RowName rowName) {
		Campaign campaign = launchedCampaign(campaignId);
		InvalidInputException.require("contacts", contacts);
		if (contacts.isEmpty() || contacts.size() > MAX_BATCH) {
			throw new InvalidInputException("contacts", "must hold 1 to " + MAX_BATCH + " contacts");
		}
		Audience audience = audiences.of(campaign.id());
		UnaryOperator<String> asInAudience = asInAudience(campaign, audience);
		Instant now = clock.instant();
		Map<String, CampaignContact> checked = new LinkedHashMap<>();
		for (int i = 0; i < contacts.size(); i++) {
			CampaignContact contact = checked(campaign, audience, asInAudience, contacts.get(i), rowName.of(i), now);
			checked.putIfAbsent(contact.id(), contact);
		}
		int written = insertNew(new ArrayList<>(checked.values()));
		// A sending channel's report can hold hundreds of thousands of contacts: read them into the view as part of
		// the import, so that the next campaign response does not pay for it.
		all.current();
		return new ContactsRecorded(campaign.id(), written, contacts.size() - written);
	}

	/** How an error names the row it is about. */
	interface RowName {

		String of(int index);

	}

	private Campaign launchedCampaign(String campaignId) {
		String id = InvalidInputException.requireText("campaignId", campaignId);
		Campaign campaign = mongo.findById(id, Campaign.class);
		if (campaign == null) {
			throw new RefusedException("CAMPAIGN_NOT_FOUND", "campaignId", "no campaign '" + id + "'");
		}
		if (!campaign.launched()) {
			throw new RefusedException("CAMPAIGN_NOT_LAUNCHED", "campaignId", "campaign " + id + " is not launched, so it has no audience to contact");
		}
		return campaign;
	}

	/**
	 * The audience's id of a reported member: its own, or, for an account that took in a member of the audience by a
	 * merge since the launch ({@link Audience#takenInBy}), that member's, so that a channel reporting the customer
	 * under the account it lives in now reaches the place it was chosen in. The merge log is read at the first id
	 * outside the audience, once per report.
	 */
	private UnaryOperator<String> asInAudience(Campaign campaign, Audience audience) {
		return new UnaryOperator<>() {

			private Map<String, String> takenIn;

			@Override
			public String apply(String memberId) {
				if (audience.contains(memberId)) {
					return memberId;
				}
				if (takenIn == null) {
					takenIn = audience.takenInBy(members.mergedAwayAmong(audience::contains, campaign.launchedAt()));
				}
				return takenIn.getOrDefault(memberId, memberId);
			}

		};
	}

	private static CampaignContact checked(Campaign campaign, Audience audience, UnaryOperator<String> asInAudience,
			ContactInput input, String row, Instant now) {
		if (input == null) {
			throw new InvalidInputException(row, "is empty");
		}
		String given = InvalidInputException.requireText(row + ".memberId", input.memberId()).strip();
		String memberId = asInAudience.apply(given);
		if (audience.control().contains(memberId)) {
			throw new InvalidInputException(row + ".memberId",
					"member " + given + " is in the control group, which is never contacted");
		}
		if (!audience.treated().contains(memberId)) {
			throw new RefusedException("NOT_IN_AUDIENCE", row + ".memberId", "member " + given + " is not in the campaign's audience");
		}
		ContactKind kind = InvalidInputException.require(row + ".kind", input.kind());
		Instant at = input.at() == null ? now : input.at().truncatedTo(ChronoUnit.MILLIS);
		if (at.isBefore(campaign.launchedAt())) {
			throw new InvalidInputException(row + ".at", "is before the campaign was launched (" + campaign.launchedAt() + ")");
		}
		if (at.isAfter(now.plusSeconds(300))) {
			throw new InvalidInputException(row + ".at", "is in the future");
		}
		Channel channel = input.channel() == null ? campaign.channel() : input.channel();
		return new CampaignContact(CampaignContact.idOf(campaign.id(), memberId, kind), campaign.id(), memberId, kind,
				channel, at, now);
	}

	/** Inserts the contacts not recorded before; returns how many were new. */
	private int insertNew(List<CampaignContact> contacts) {
		Set<String> recordedBefore = new HashSet<>();
		for (int from = 0; from < contacts.size(); from += READ_BATCH) {
			List<String> ids = contacts.subList(from, Math.min(contacts.size(), from + READ_BATCH)).stream()
				.map(CampaignContact::id).toList();
			Query query = Query.query(Criteria.where("_id").in(ids));
			query.fields().include("_id");
			mongo.find(query, Document.class, "campaign_contacts").forEach(d -> recordedBefore.add(d.getString("_id")));
		}
		List<CampaignContact> fresh = contacts.stream().filter(c -> !recordedBefore.contains(c.id())).toList();
		if (fresh.isEmpty()) {
			return 0;
		}
		// Some may be recorded meanwhile by a concurrent report: everything else went in.
		return fresh.size() - documents.insertNew(fresh, CampaignContact.class).size();
	}

	/** Every campaign's contacts by id, as of now; kept in memory and refreshed with what was recorded since. */
	Map<String, CampaignContact> all() {
		return all.current();
	}

}
