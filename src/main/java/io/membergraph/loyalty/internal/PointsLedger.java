package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.LoyaltyInputs.AdjustPointsInput;
import io.membergraph.loyalty.LoyaltyInputs.EarnPointsInput;
import io.membergraph.loyalty.LoyaltyInputs.PointsPayload;
import io.membergraph.loyalty.LoyaltyInputs.RedeemPointsInput;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.PointsLot;
import io.membergraph.member.MemberDirectory;
import io.membergraph.security.Caller;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UserError;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Members' points: earning, redeeming, adjusting, the ledger and the balances. Every change is a ledger
 * entry with an idempotency key, posted by {@link PointsPosting}; a replay returns the first result.
 */
@Service
public class PointsLedger {

	static final long MAX_POINTS_PER_ENTRY = 100_000_000L;

	static final Duration REPORTED_WITHIN = Duration.ofDays(7);

	private final MongoTemplate mongo;

	private final PointsPosting posting;

	private final EarnRules rules;

	private final TierQualification tiers;

	private final MemberDirectory members;

	private final LoyaltySettings settings;

	private final Caller caller;

	private final ActivityAllowance allowance;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final MergedLedger merged;

	PointsLedger(MongoTemplate mongo, PointsPosting posting, EarnRules rules, TierQualification tiers,
			MemberDirectory members, LoyaltySettings settings, Caller caller, ActivityAllowance allowance,
			BusinessCalendar calendar, Clock clock, MergedLedger merged) {
		this.merged = merged;
		this.allowance = allowance;
		this.calendar = calendar;
		this.mongo = mongo;
		this.posting = posting;
		this.rules = rules;
		this.tiers = tiers;
		this.members = members;
		this.settings = settings;
		this.caller = caller;
		this.clock = clock;
	}

	/** Rewards an activity (a review, a check-in, a referral) with the points its rule gives. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','STOREFRONT')")
	public PointsPayload earnForActivity(EarnPointsInput input) {
		String given = InvalidInputException.requireText("memberId", input.memberId());
		Activity activity = InvalidInputException.require("activity", input.activity());
		if (!activity.reportedByClient()) {
			// Each has its own once-only rule (a member joins once, buys first once, is referred once): a client
			// rewarding it under new keys would grant it again and again.
			throw new InvalidInputException("activity", activity + " is rewarded by the programme itself; earnPoints "
					+ "rewards what a client reports: REVIEW, CHECK_IN");
		}
		String key = idempotencyKey(input.idempotencyKey());
		Instant occurredAt = reportedAt(input.occurredAt());
		EarnRule rule = rules.calculator().activityRule(activity);
		if (rule == null || rule.points() <= 0) {
			return PointsPayload.failed("NO_RULE", "No earning rule rewards " + activity, "activity");
		}
		List<String> mergePath = members.mergePath(given);
		if (mergePath.isEmpty()) {
			return unknownMember(given);
		}
		String memberId = current(mergePath);
		String entryKey = activity.name().toLowerCase() + ":" + key;
		PointsPosting.Posted retried = retriedAcrossMerge(mergePath, draft(memberId, entryKey, EntryType.EARN,
				rule.points(), activity.name(), PointsEntry.ACTIVITY_SOURCE + key, 0, occurredAt, caller.name()));
		if (retried != null) {
			return toPayload(retried);
		}
		if (entry(memberId, entryKey) == null && !allowance.claim(memberId, activity, calendar.dayOf(occurredAt),
				rule.dailyLimitOrDefault(), entryKey)) {
			return PointsPayload.failed("DAILY_LIMIT_REACHED", activity + " is rewarded at most "
					+ rule.dailyLimitOrDefault() + " time(s) a business day (rule '" + rule.id() + "'): the member's "
					+ "rewards for " + calendar.dayOf(occurredAt) + " are all taken", "activity");
		}
		return toPayload(earn(memberId, entryKey, rule.points(), activity.name(), PointsEntry.ACTIVITY_SOURCE + key, 0,
				occurredAt, caller.name()));
	}

	/**
	 * When a reported activity happened: now, or up to {@link #REPORTED_WITHIN} ago (an app offline for a few days
	 * still syncs). Earlier would let a client fill every past day's allowance.
	 */
	private Instant reportedAt(Instant occurredAt) {
		Instant now = clock.instant();
		if (occurredAt == null) {
			return now;
		}
		TimeBounds.happened("occurredAt", occurredAt, now);
		if (occurredAt.isBefore(now.minus(REPORTED_WITHIN))) {
			throw new InvalidInputException("occurredAt", "is more than " + REPORTED_WITHIN.toDays()
					+ " days ago; an activity is rewarded when it is reported, within a week");
		}
		return occurredAt;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public PointsPayload redeem(RedeemPointsInput input) {
		String given = InvalidInputException.requireText("memberId", input.memberId());
		long points = positive("points", input.points());
		String key = idempotencyKey(input.idempotencyKey());
		String reason = InvalidInputException.oneLine("reason", input.reason(), 200);
		List<String> mergePath = members.mergePath(given);
		if (mergePath.isEmpty()) {
			return unknownMember(given);
		}
		return toPayload(postRequest(mergePath, draft(current(mergePath), "redeem:" + key, EntryType.REDEEM, points,
				reason, "client:" + key, 0, clock.instant(), caller.name())));
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public PointsPayload adjust(AdjustPointsInput input) {
		String given = InvalidInputException.requireText("memberId", input.memberId());
		long points = InvalidInputException.require("points", input.points());
		if (points == 0 || Math.abs(points) > MAX_POINTS_PER_ENTRY) {
			throw new InvalidInputException("points", "must be non-zero and at most " + MAX_POINTS_PER_ENTRY + " either way");
		}
		String reason = InvalidInputException.oneLine("reason", InvalidInputException.requireText("reason", input.reason()),
				500);
		String key = idempotencyKey(input.idempotencyKey());
		List<String> mergePath = members.mergePath(given);
		if (mergePath.isEmpty()) {
			return unknownMember(given);
		}
		return toPayload(postRequest(mergePath, draft(current(mergePath), "adjust:" + key, EntryType.ADJUST, points,
				reason, "client:" + key, 0, clock.instant(), caller.name())));
	}

	private static String current(List<String> mergePath) {
		return mergePath.get(mergePath.size() - 1);
	}

	private PointsPosting.Posted postRequest(List<String> mergePath, PointsEntry draft) {
		PointsPosting.Posted retried = retriedAcrossMerge(mergePath, draft);
		return retried != null ? retried : posting.post(draft);
	}

	/**
	 * A client's retry, addressed to a member merged away since its first try: the entry the first try wrote is found
	 * where the merge took it and answered as a replay, rather than posted again for the survivor (a redemption
	 * twice). Null when the request was not made before the merge.
	 */
	private PointsPosting.Posted retriedAcrossMerge(List<String> mergePath, PointsEntry draft) {
		PointsEntry earlier = mergePath.size() < 2 ? null : merged.movedAlong(mergePath, draft.key());
		return earlier == null ? null : posting.replay(earlier, draft);
	}

	/** Earns points for the member and moves it up a tier if it now qualifies; for follow-ups and rewards. */
	public PointsPosting.Posted earn(String memberId, String key, long points, String reason, String source, long spend,
			Instant occurredAt, String actor) {
		PointsPosting.Posted posted = posting.post(draft(memberId, key, EntryType.EARN, points, reason, source, spend,
				occurredAt, actor));
		if (!posted.isConflict() && posted.entry().status() == EntryStatus.APPLIED) {
			// A replay's account is read as it is: opening one here would give a member merged away meanwhile an
			// account again.
			PointsAccount account = posted.account() != null ? posted.account()
					: mongo.findById(memberId, PointsAccount.class);
			if (account != null && account.mergedInto() == null) {
				tiers.afterEarning(memberId, account, occurredAt);
			}
		}
		return posted;
	}

	public PointsPosting.Posted reverse(String memberId, String key, long points, String earnEntryId, long spend,
			Instant occurredAt, String reason) {
		return reverse(memberId, key, points, 0, earnEntryId, spend, occurredAt, reason);
	}

	/** As above, {@code expiredUnused} of the points having expired unused: those stay out of the balance. */
	public PointsPosting.Posted reverse(String memberId, String key, long points, long expiredUnused, String earnEntryId,
			long spend, Instant occurredAt, String reason) {
		return posting.post(draft(memberId, key, EntryType.REVERSE, points, reason, earnEntryId, spend, occurredAt,
				"system").withExpiredUnused(expiredUnused));
	}

	public PointsPosting.Posted expire(String memberId, PointsLot lot) {
		return posting.post(draft(memberId, PointsEntry.expiryKey(lot.lotId()), EntryType.EXPIRE, lot.remaining(),
				"expired " + lot.expiresAt(), lot.lotId(), 0, lot.expiresAt(), "system"));
	}

	public PointsAccount account(String memberId) {
		return mongo.findById(memberId, PointsAccount.class);
	}

	public PointsEntry entry(String memberId, String key) {
		return entry(PointsEntry.idOf(memberId, key));
	}

	public PointsEntry entry(String entryId) {
		return mongo.findById(entryId, PointsEntry.class);
	}

	/** The entry that expired what was left of the earning's lot; null while it has not expired. */
	public PointsEntry expiryOf(PointsEntry earned) {
		return earned.expiryAmong(this::entry);
	}

	/** A member's points as shown on a profile, for every member of a page at once. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT','MEMBER')")
	public Map<String, PointsSummary> summaries(Collection<String> memberIds) {
		Instant soon = clock.instant().plus(settings.expiringSoon());
		Map<String, PointsSummary> found = mongo.find(Query.query(Criteria.where("_id").in(memberIds)), PointsAccount.class)
			.stream()
			.collect(Collectors.toMap(PointsAccount::memberId, account -> PointsSummary.of(account, soon)));
		memberIds.forEach(id -> found.putIfAbsent(id, PointsSummary.of(PointsAccount.open(id), soon)));
		return found;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT') or @caller.isMember(#memberId)")
	public Connection<PointsEntry> entries(String memberId, Set<EntryType> types, PageRequest page) {
		// An unknown id is a mistake to name, not a member without points. A merged member exists (its entries
		// moved to the member it was merged into, which its profile names).
		if (!members.exists(memberId)) {
			throw new InvalidInputException("memberId", "is not a member");
		}
		Criteria criteria = Criteria.where("memberId").is(memberId);
		if (!types.isEmpty()) {
			criteria.and("type").in(types);
		}
		List<PointsEntry> newestFirst = mongo.find(Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))), PointsEntry.class);
		List<PointsEntry> page1 = new ArrayList<>();
		for (PointsEntry entry : newestFirst) {
			if (page.after() == null || page.after().precedesNewestFirst(entry.createdAt(), entry.id())) {
				page1.add(entry);
				if (page1.size() == page.fetchSize()) {
					break;
				}
			}
		}
		return Connection.of(page1, page, e -> Cursor.of(e.createdAt(), e.id()).encode());
	}

	/** A member's points at a glance. */
	public record PointsSummary(long balance, long lifetimeEarned, long lifetimeRedeemed, long lifetimeExpired,
			long lifetimeAdjusted, long lifetimeReversed, long expiringSoon) {

		static PointsSummary of(PointsAccount account, Instant soon) {
			long expiring = account.lots().stream()
				.filter(l -> l.expiresAt() != null && !l.expiresAt().isAfter(soon))
				.mapToLong(PointsLot::remaining)
				.sum();
			return new PointsSummary(account.balance(), account.lifetimeEarned(), account.lifetimeRedeemed(),
					account.lifetimeExpired(), account.lifetimeAdjusted(), account.lifetimeReversed(), expiring);
		}

	}

	private PointsEntry draft(String memberId, String key, EntryType type, long requested, String reason, String source,
			long spend, Instant occurredAt, String actor) {
		return PointsEntry.draft(memberId, key, type, requested, reason, actor, source, spend, occurredAt, clock.instant());
	}

	private PointsPayload toPayload(PointsPosting.Posted posted) {
		if (posted.isConflict()) {
			return PointsPayload.failed("IDEMPOTENCY_CONFLICT", "The idempotency key was used before for a different "
					+ "request (" + posted.entry().type() + " of " + posted.entry().requested() + ")", "idempotencyKey");
		}
		PointsEntry entry = posted.entry();
		if (entry.status() == EntryStatus.REJECTED) {
			String code = entry.note() != null && entry.note().contains(":") ? entry.note().substring(0, entry.note().indexOf(':'))
					: "REJECTED";
			return new PointsPayload(entry, posted.replayed(), List.of(new UserError(code,
					entry.note(), "MEMBER_MERGED".equals(code) ? "memberId" : "points")));
		}
		return new PointsPayload(entry, posted.replayed(), List.of());
	}

	private static PointsPayload unknownMember(String memberId) {
		return PointsPayload.failed("MEMBER_NOT_FOUND", "No member with id '" + memberId + "'", "memberId");
	}

	private static long positive(String field, Long points) {
		long value = InvalidInputException.require(field, points);
		if (value <= 0 || value > MAX_POINTS_PER_ENTRY) {
			throw new InvalidInputException(field, "must be between 1 and " + MAX_POINTS_PER_ENTRY);
		}
		return value;
	}

	private static String idempotencyKey(String key) {
		String value = InvalidInputException.requireText("idempotencyKey", key);
		if (!value.matches("[A-Za-z0-9_\\-.:]{1,100}")) {
			throw new InvalidInputException("idempotencyKey", "must be 1-100 letters, digits or _-.:");
		}
		return value;
	}

}
