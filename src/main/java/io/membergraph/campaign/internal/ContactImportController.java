package io.membergraph.campaign.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.membergraph.campaign.CampaignContacts.ContactsRecorded;
import io.membergraph.campaign.CampaignContacts;
import io.membergraph.campaign.CampaignResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Imports a sending channel's contact report for a campaign: {@code POST /api/campaigns/{id}/contacts} as CSV. */
@RestController
public class ContactImportController {

	private final CampaignContacts contacts;

	private final CampaignResponses responses;

	ContactImportController(CampaignContacts contacts, CampaignResponses responses) {
		this.contacts = contacts;
		this.responses = responses;
	}

	@PostMapping(path = "/api/campaigns/{id}/contacts", consumes = "text/csv")
	ContactsRecorded importContacts(@PathVariable String id, HttpServletRequest request) throws IOException {
		ContactsRecorded recorded = contacts.importReport(id,
				new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
		// The report's answer waits for the campaign's reach to be worked out: its response is what is read next.
		responses.prepareReach(recorded.campaignId());
		return recorded;
	}

}
