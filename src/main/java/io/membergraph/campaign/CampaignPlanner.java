package io.membergraph.campaign;

import java.time.Clock;
import java.util.List;

import io.membergraph.campaign.internal.CampaignInputs.CampaignPayload;
import io.membergraph.campaign.internal.CampaignInputs.CreateCampaignInput;
import io.membergraph.security.Caller;
import io.membergraph.segment.SavedSegments;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.PageRequest;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Creates campaigns and lists them for the people who plan and measure them. */
@Service
public class CampaignPlanner {

	static final double MAX_CONTROL_SHARE = 0.5;

	static final int DEFAULT_ATTRIBUTION_DAYS = 7;

	private final MongoTemplate mongo;

	private final Caller caller;

	private final Clock clock;

	private final SavedSegments segments;

	CampaignPlanner(MongoTemplate mongo, Caller caller, Clock clock, SavedSegments segments) {
		this.segments = segments;
		this.mongo = mongo;
		this.caller = caller;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('ADMIN','MARKETER')")
	public CampaignPayload create(CreateCampaignInput input) {
		String name = InvalidInputException.oneLine("name", InvalidInputException.requireText("name", input.name()), 120);
		InvalidInputException.require("channel", input.channel());
		InvalidInputException.require("startsAt", input.startsAt());
		InvalidInputException.require("endsAt", input.endsAt());
		TimeBounds.planned("startsAt", input.startsAt(), clock.instant());
		TimeBounds.planned("endsAt", input.endsAt(), clock.instant());
		if (!input.endsAt().isAfter(input.startsAt())) {
			throw new InvalidInputException("endsAt", "must be after startsAt");
		}
		double share = input.controlGroupShare() == null ? 0 : input.controlGroupShare();
		if (!(share >= 0 && share <= MAX_CONTROL_SHARE)) {
			throw new InvalidInputException("controlGroupShare", "must be between 0 and 0.5");
		}
		int window = input.attributionWindowDays() == null ? DEFAULT_ATTRIBUTION_DAYS : input.attributionWindowDays();
		if (window < 1 || window > 90) {
			throw new InvalidInputException("attributionWindowDays", "must be between 1 and 90");
		}
		String segment = input.targetSegmentId() == null || input.targetSegmentId().isBlank() ? null
				: InvalidInputException.oneLine("targetSegmentId", input.targetSegmentId().strip(), 64);
		if (segment != null && segments.byId(segment) == null) {
			throw new InvalidInputException("targetSegmentId", "no saved segment '" + segment + "'");
		}
		if (input.cost() != null && input.cost().isNegative()) {
			throw new InvalidInputException("cost", "must not be negative");
		}
		Campaign campaign = new Campaign("C" + new ObjectId().toHexString(), name, input.channel(), input.startsAt(),
				input.endsAt(), segment, share, window, input.cost(), CampaignStatus.DRAFT, caller.name(), clock.instant(),
				null, 0, 0);
		return new CampaignPayload(mongo.insert(campaign), List.of());
	}

	/** Saves campaigns as given, for demo data and imports. */
	public void saveAll(List<Campaign> campaigns) {
		campaigns.forEach(mongo::save);
	}

	@PreAuthorize("hasAnyRole('ADMIN','MARKETER','CRM_SPECIALIST')")
	public Campaign find(String id) {
		return mongo.findById(id, Campaign.class);
	}

	/** A page of campaigns by id; only those launched (true) or not (false) when {@code launched} is given. */
	@PreAuthorize("hasAnyRole('ADMIN','MARKETER','CRM_SPECIALIST')")
	public Connection<Campaign> list(PageRequest page, Boolean launched) {
		Query query = new Query();
		if (launched != null) {
			query.addCriteria(launched ? Criteria.where("launchedAt").ne(null) : Criteria.where("launchedAt").is(null));
		}
		if (page.after() != null) {
			query.addCriteria(Criteria.where("_id").gt(page.after().key(0)));
		}
		List<Campaign> campaigns = mongo.find(query.with(Sort.by("_id")).limit(page.fetchSize()), Campaign.class);
		return Connection.of(campaigns, page, c -> Cursor.of(c.id()).encode());
	}

}
