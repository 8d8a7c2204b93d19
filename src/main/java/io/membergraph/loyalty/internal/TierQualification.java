package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.membergraph.loyalty.LoyaltyInputs.OverrideTierInput;
import io.membergraph.loyalty.LoyaltyInputs.TierPayload;
import io.membergraph.loyalty.LoyaltyInputs.TierStatusView;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.Tier;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.loyalty.TierChange.Reason;
import io.membergraph.loyalty.TierChange;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberProfiles;
import io.membergraph.security.Caller;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UserError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Moves members between tiers: up at once when their rolling window crosses a higher threshold, down (or
 * kept) at their tier anniversary, and by hand with a reason. Every change is recorded.
 */
@Service
public class TierQualification {

	private static final Log log = LogFactory.getLog(TierQualification.class);

	private final MongoTemplate mongo;

	private final TierCatalog catalog;

	private final MemberProfiles profiles;

	private final MemberDirectory members;

	private final LoyaltySettings settings;

	private final BusinessCalendar calendar;

	private final Caller caller;

	private final Clock clock;

	TierQualification(MongoTemplate mongo, TierCatalog catalog, MemberProfiles profiles, MemberDirectory members,
			LoyaltySettings settings, BusinessCalendar calendar, Caller caller, Clock clock) {
		this.mongo = mongo;
		this.catalog = catalog;
		this.profiles = profiles;
		this.members = members;
		this.settings = settings;
		this.calendar = calendar;
		this.caller = caller;
		this.clock = clock;
	}

	/** See {@link LoyaltySettings#worthAnEntry}. */
	public boolean worthAnEntry(long points, long spend) {
		return settings.worthAnEntry(points, spend);
	}

	public TierRules rules() {
		return new TierRules(catalog.all(), settings, calendar.zone());
	}

	/** Puts the member in its tier (the entry tier the first time) and shows it on the member. */
	public void enter(String memberId, Instant joinedAt) {
		TierStatus status = statusOf(memberId, joinedAt);
		profiles.changeTier(memberId, status.effectiveTier(clock.instant()));
	}

	/** The member's tier status, entering the member in the lowest tier the first time it is asked for. */
	public TierStatus statusOf(String memberId, Instant at) {
		TierStatus status = mongo.findById(memberId, TierStatus.class);
		if (status != null) {
			return status;
		}
		TierRules.Move entry = rules().enter(memberId, at);
		try {
			status = mongo.insert(entry.status());
		}
		catch (DuplicateKeyException enteredMeanwhile) {
			return mongo.findById(memberId, TierStatus.class);
		}
		record(entry.change());
		profiles.changeTier(memberId, status.tierCode());
		return status;
	}

	/**
	 * The tier the member had reached at {@code at}, overrides aside, read from its tier changes: the rate an order
	 * placed then earned at, for correcting it later. Before its first change, the tier it entered.
	 */
	public String tierOn(String memberId, Instant at) {
		String tier = null;
		for (TierChange change : history(memberId)) {
			if (change.reason() == Reason.OVERRIDE || change.reason() == Reason.OVERRIDE_EXPIRED
					|| change.reason() == Reason.ENTRY && tier != null) {
				// An entry dated after an upgrade (an order imported from before the member joined) enters nothing.
				continue;
			}
			if (change.at().isAfter(at)) {
				if (tier == null) {
					tier = change.reason() == Reason.ENTRY ? change.to() : change.from();
				}
				break;
			}
			tier = change.to();
		}
		return tier != null ? tier : statusOf(memberId, at).tierCode();
	}

	/** Upgrades the member at once when its points now reach a higher tier. */
	void afterEarning(String memberId, PointsAccount account, Instant at) {
		move(memberId, at, status -> rules().upgrade(status, account, at));
	}

	/** Undoes upgrades a return took the qualifying value below (see {@link TierRules#afterReturn}). */
	public void afterReturn(String memberId, PointsAccount account, Instant returnedAt, String what) {
		move(memberId, returnedAt, status -> rules().afterReturn(status, account, returnedAt, what));
	}

	/** Writes the move decided on the member's status, deciding again on a status another write changed meanwhile. */
	private void move(String memberId, Instant at, Function<TierStatus, Optional<TierRules.Move>> decide) {
		while (true) {
			TierStatus status = statusOf(memberId, at);
			TierRules.Move move = decide.apply(status).orElse(null);
			if (move == null) {
				return;
			}
			if (replace(status, move.status())) {
				record(move.change());
				profiles.changeTier(memberId, move.status().effectiveTier(at));
				return;
			}
		}
	}

	/**
	 * Settles the survivor's tier after a merge: it keeps the higher of its own tier and the merged member's
	 * (with the merged member's anniversary, when the tier came from there), then moves up further if the
	 * combined account qualifies. The merged member's tier status goes; its tier history stays.
	 */
	public void absorb(String survivorId, String mergedId, PointsAccount combined, Instant at) {
		TierStatus merged = mongo.findById(mergedId, TierStatus.class);
		if (merged != null) {
			TierRules rules = rules();
			TierStatus status = statusOf(survivorId, at);
			if (rules.rankOf(merged.tierCode()) > rules.rankOf(status.tierCode())) {
				TierStatus carried = new TierStatus(survivorId, merged.tierCode(), merged.since(), merged.anniversary(),
						status.override(), status.version() + 1, merged.kept());
				if (!replace(status, carried)) {
					absorb(survivorId, mergedId, combined, at);
					return;
				}
				record(new TierChange(survivorId + "|MERGE|" + mergedId, survivorId, status.tierCode(), merged.tierCode(), at,
						Reason.MERGE, "system", "carried over from merged member " + mergedId, null));
				profiles.changeTier(survivorId, carried.effectiveTier(at));
			}
			mongo.remove(merged);
		}
		afterEarning(survivorId, combined, at);
	}

	/**
	 * Carries out the anniversary reviews and override ends that fell due by {@code asOf}, each dated when it fell
	 * due (see {@link TierRules#dueBy}); returns how many members now show another tier. The daily job does this
	 * every morning; an ADMIN may run it for a date.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public int reevaluate(Instant asOf) {
		return reviewDue(asOf);
	}

	@Scheduled(cron = "${membergraph.tiers.review-cron:0 15 0 * * *}", zone = "${membergraph.calendar.zone:Asia/Shanghai}")
	void reviewDaily() {
		int changed = reviewDue(clock.instant());
		if (changed > 0) {
			log.info("Anniversary reviews and ended overrides changed the tier " + changed + " members show");
		}
	}

	public int reviewDue(Instant asOf) {
		TierRules rules = rules();
		int changed = 0;
		List<TierStatus> due = mongo.find(Query.query(new Criteria().orOperator(Criteria.where("anniversary").lte(asOf),
				Criteria.where("override.expiresAt").lte(asOf))), TierStatus.class);
		for (TierStatus status : due) {
			PointsAccount account = mongo.findById(status.memberId(), PointsAccount.class);
			TierRules.Review review = rules.dueBy(status,
					account == null ? PointsAccount.open(status.memberId()) : account, asOf);
			if (review.status() == status || !replace(status, review.status())) {
				continue;
			}
			review.changes().forEach(this::record);
			if (!review.shownBefore().equals(review.shownAfter())) {
				profiles.changeTier(status.memberId(), review.shownAfter());
				changed++;
			}
		}
		return changed;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public TierPayload override(OverrideTierInput input) {
		String given = InvalidInputException.requireText("memberId", input.memberId());
		String reason = InvalidInputException.oneLine("reason", InvalidInputException.requireText("reason", input.reason()),
				500);
		Tier tier = catalog.byCode(InvalidInputException.requireText("tierCode", input.tierCode()))
			.orElseThrow(() -> new InvalidInputException("tierCode", "'" + input.tierCode() + "' is not a tier"));
		Instant now = clock.instant();
		if (input.expiresAt() != null && !input.expiresAt().isAfter(now)) {
			throw new InvalidInputException("expiresAt", "must be in the future");
		}
		TimeBounds.planned("expiresAt", input.expiresAt(), now);
		String memberId = members.currentId(given).orElse(null);
		if (memberId == null) {
			return new TierPayload(null, List.of(new UserError("MEMBER_NOT_FOUND", "No member with id '" + given + "'",
					"memberId")));
		}
		TierStatus status = statusOf(memberId, now);
		String before = status.effectiveTier(now);
		TierStatus overridden = new TierStatus(memberId, status.tierCode(), status.since(), status.anniversary(),
				new TierStatus.Override(tier.code(), reason, caller.name(), input.expiresAt()), status.version() + 1,
				status.kept());
		if (!replace(status, overridden)) {
			return override(input);
		}
		record(new TierChange(memberId + "|OVERRIDE|" + now.toEpochMilli(), memberId, before, tier.code(), now,
				Reason.OVERRIDE, caller.name(), reason, null));
		profiles.changeTier(memberId, tier.code());
		return new TierPayload(view(overridden), List.of());
	}

	/** The member's tier changes, oldest first (changes at the same moment in a stable order). */
	List<TierChange> history(String memberId) {
		return mongo.find(Query.query(Criteria.where("memberId").is(memberId)).with(Sort.by("at", "_id")), TierChange.class);
	}

	/** {@link #history} of a page of members in one read, by member id (members without changes left out). */
	public Map<String, List<TierChange>> histories(java.util.Collection<String> memberIds) {
		return mongo.find(Query.query(Criteria.where("memberId").in(memberIds)).with(Sort.by("at", "_id")), TierChange.class)
			.stream()
			.collect(java.util.stream.Collectors.groupingBy(TierChange::memberId, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.toList()));
	}

	static TierStatusView view(TierStatus status) {
		return LoyaltyViews.MAPPER.tierStatus(status);
	}

	private boolean replace(TierStatus before, TierStatus after) {
		Query unchanged = Query.query(Criteria.where("_id").is(before.memberId()).and("version").is(before.version()));
		return mongo.replace(unchanged, after).getModifiedCount() == 1;
	}

	private void record(TierChange change) {
		try {
			mongo.insert(change.recordedAt(clock.instant()));
		}
		catch (DuplicateKeyException recordedBefore) {
			// The same cause was recorded already: a retry or a rerun.
		}
	}

}
