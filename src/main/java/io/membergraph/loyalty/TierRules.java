package io.membergraph.loyalty;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.membergraph.loyalty.TierChange.Reason;

import io.membergraph.loyalty.PointsAccount.Qualifying;

/** Which tier a member qualifies for: the best tier whose threshold their rolling window reaches. */
final class TierRules {

	private final List<Tier> tiers;

	private final LoyaltySettings settings;

	private final ZoneId zone;

	TierRules(List<Tier> tiers, LoyaltySettings settings, ZoneId zone) {
		this.tiers = tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
		this.settings = settings;
		this.zone = zone;
	}

	/** Points (or spend) earned in the calendar months of the window ending with the month of {@code asOf}. */
	long qualifyingValue(PointsAccount account, Instant asOf) {
		YearMonth last = YearMonth.from(asOf.atZone(zone));
		YearMonth first = last.minusMonths(settings.qualificationMonths() - 1L);
		long value = 0;
		for (var month : account.qualifying().entrySet()) {
			YearMonth m = YearMonth.parse(month.getKey());
			if (!m.isBefore(first) && !m.isAfter(last)) {
				Qualifying q = month.getValue();
				value += settings.qualification() == LoyaltySettings.Qualification.POINTS ? q.points() : q.spend();
			}
		}
		return value;
	}

	Tier qualifiedTier(PointsAccount account, Instant asOf) {
		long value = qualifyingValue(account, asOf);
		Tier best = tiers.get(0);
		for (Tier tier : tiers) {
			if (value >= tier.threshold()) {
				best = tier;
			}
		}
		return best;
	}

	int rankOf(String code) {
		return tiers.stream().filter(t -> t.code().equals(code)).mapToInt(Tier::rank).findFirst().orElse(0);
	}

	Tier entry() {
		return tiers.get(0);
	}

	/** A tier decision: the member's status after it and the change to record. */
	record Move(TierStatus status, TierChange change) {
	}

	/** The member entering the programme at {@code at}, in the lowest tier. */
	Move enter(String memberId, Instant at) {
		String entry = entry().code();
		return new Move(new TierStatus(memberId, entry, at, anniversaryAfter(at), null, 0),
				new TierChange(memberId + "|ENTRY", memberId, null, entry, at, Reason.ENTRY, "system", null, null));
	}

	/** Up at once when the account now qualifies for a higher tier than the member's; empty otherwise. */
	Optional<Move> upgrade(TierStatus status, PointsAccount account, Instant at) {
		Tier qualified = qualifiedTier(account, at);
		if (rankOf(qualified.code()) <= rankOf(status.tierCode())) {
			return Optional.empty();
		}
		TierStatus upgraded = new TierStatus(status.memberId(), qualified.code(), at, anniversaryAfter(at), status.override(),
				status.version() + 1);
		return Optional.of(new Move(upgraded, new TierChange(status.memberId() + "|UPGRADE|" + qualified.code() + "|"
				+ at.toEpochMilli(), status.memberId(), status.tierCode(), qualified.code(), at, Reason.UPGRADE, "system",
				"qualifying " + qualifyingValue(account, at) + " >= " + qualified.threshold(), null)));
	}

	/**
	 * The anniversary review of a member whose anniversary has come by {@code asOf}: the tier the account
	 * qualifies for from then on (down as well as up), the next anniversary, and the end of an override that ran
	 * out. {@code shownBefore} and {@code shownAfter} are the tiers the member showed before and shows after.
	 */
	record Review(TierStatus status, List<TierChange> changes, String shownBefore, String shownAfter) {
	}

	Review review(TierStatus status, PointsAccount account, Instant asOf, String actor) {
		Tier qualified = qualifiedTier(account, asOf);
		Instant anniversary = status.anniversary();
		while (!anniversary.isAfter(asOf)) {
			anniversary = anniversaryAfter(anniversary);
		}
		boolean moves = !qualified.code().equals(status.tierCode());
		boolean overrideEnds = status.override() != null && !status.override().activeAt(asOf);
		TierStatus next = new TierStatus(status.memberId(), qualified.code(), moves ? asOf : status.since(), anniversary,
				overrideEnds ? null : status.override(), status.version() + 1);
		// The tier the member has had until this review: an override that ran out since still showed.
		String before = status.override() != null ? status.override().tierCode() : status.tierCode();
		String after = next.effectiveTier(asOf);
		List<TierChange> changes = new ArrayList<>();
		if (moves) {
			Reason reason = rankOf(qualified.code()) < rankOf(status.tierCode()) ? Reason.DOWNGRADE : Reason.UPGRADE;
			changes.add(new TierChange(status.memberId() + "|" + reason + "|" + asOf.toEpochMilli(), status.memberId(),
					status.tierCode(), qualified.code(), asOf, reason, actor,
					"anniversary review: qualifying " + qualifyingValue(account, asOf), null));
		}
		if (overrideEnds && !before.equals(after)) {
			changes.add(new TierChange(status.memberId() + "|OVERRIDE_EXPIRED|" + asOf.toEpochMilli(), status.memberId(),
					before, after, asOf, Reason.OVERRIDE_EXPIRED, actor, null, null));
		}
		return new Review(next, changes, before, after);
	}

	/** A tier is reviewed a year after it was reached or kept, in the business zone. */
	Instant anniversaryAfter(Instant at) {
		return at.atZone(zone).plusYears(1).toInstant();
	}

}
