package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.membergraph.loyalty.PointsAccount.Qualifying;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.Tier;
import io.membergraph.loyalty.TierChange.Reason;
import io.membergraph.loyalty.TierChange;

/** Which tier a member qualifies for: the best tier whose threshold their rolling window reaches. */
public final class TierRules {

	/** Spend is kept in hundredths ({@link io.membergraph.shared.Money#minorUnits}). */
	private static final long MINOR_UNITS_PER_UNIT = 100;

	private final List<Tier> tiers;

	private final LoyaltySettings settings;

	private final ZoneId zone;

	public TierRules(List<Tier> tiers, LoyaltySettings settings, ZoneId zone) {
		this.tiers = tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
		this.settings = settings;
		this.zone = zone;
	}

	/**
	 * Points (or spend) earned in the calendar months of the window ending with the month of {@code asOf}. Spend counts
	 * in whole currency units, cents dropped once from the window's sum, as the tiers' thresholds are written: a
	 * threshold of 2,000 asks for 2,000.00 of spend, not 20.00.
	 */
	long qualifyingValue(PointsAccount account, Instant asOf) {
		YearMonth last = YearMonth.from(asOf.atZone(zone));
		// Months are keyed yyyy-MM (AccountChange.MONTH), four-digit years within the kept dates: they sort as months do.
		String lastKey = last.toString();
		String firstKey = last.minusMonths(settings.qualificationMonths() - 1L).toString();
		boolean byPoints = settings.qualification() == LoyaltySettings.Qualification.POINTS;
		long value = 0;
		for (var month : account.qualifying().entrySet()) {
			String m = month.getKey();
			if (m.compareTo(firstKey) >= 0 && m.compareTo(lastKey) <= 0) {
				Qualifying q = month.getValue();
				value += byPoints ? q.points() : q.spend();
			}
		}
		return byPoints ? value : Math.floorDiv(value, MINOR_UNITS_PER_UNIT);
	}

	/** See {@link LoyaltySettings#worthAnEntry}. */
	boolean worthAnEntry(long points, long spend) {
		return settings.worthAnEntry(points, spend);
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

	public int rankOf(String code) {
		return tiers.stream().filter(t -> t.code().equals(code)).mapToInt(Tier::rank).findFirst().orElse(0);
	}

	Tier entry() {
		return tiers.get(0);
	}

	/** A tier decision: the member's status after it and the change to record. */
	public record Move(TierStatus status, TierChange change) {
	}

	/** The member entering the programme at {@code at}, in the lowest tier. */
	public Move enter(String memberId, Instant at) {
		String entry = entry().code();
		return new Move(new TierStatus(memberId, entry, at, anniversaryAfter(at), null, 0, entry),
				new TierChange(memberId + "|ENTRY", memberId, null, entry, at, Reason.ENTRY, "system", null, null));
	}

	/** Up at once when the account now qualifies for a higher tier than the member's; empty otherwise. */
	public Optional<Move> upgrade(TierStatus status, PointsAccount account, Instant at) {
		Tier qualified = qualifiedTier(account, at);
		if (rankOf(qualified.code()) <= rankOf(status.tierCode())) {
			return Optional.empty();
		}
		TierStatus upgraded = new TierStatus(status.memberId(), qualified.code(), at, anniversaryAfter(at), status.override(),
				status.version() + 1, status.kept());
		return Optional.of(new Move(upgraded, new TierChange(status.memberId() + "|UPGRADE|" + qualified.code() + "|"
				+ at.toEpochMilli(), status.memberId(), status.tierCode(), qualified.code(), at, Reason.UPGRADE, "system",
				"qualifying " + qualifyingValue(account, at) + " >= " + qualified.threshold(), null)));
	}

	/**
	 * After a return took points back: upgrades the qualifying value no longer reaches are undone, down to the tier
	 * the account qualifies for, never below the tier the member keeps until its review ({@link TierStatus#kept}).
	 * Else buying past a threshold and returning everything would hold the higher tier for a year. Dated no earlier
	 * than the tier was reached, so a return dated before a later upgrade counts against that upgrade's qualifying
	 * value. Empty when nothing moves.
	 */
	public Optional<Move> afterReturn(TierStatus status, PointsAccount account, Instant returnedAt, String what) {
		if (status.kept() == null) {
			return Optional.empty();
		}
		Instant at = returnedAt.isBefore(status.since()) ? status.since() : returnedAt;
		Tier qualified = qualifiedTier(account, at);
		String target = rankOf(qualified.code()) >= rankOf(status.kept()) ? qualified.code() : status.kept();
		if (rankOf(target) >= rankOf(status.tierCode())) {
			return Optional.empty();
		}
		TierStatus down = new TierStatus(status.memberId(), target, at, status.anniversary(), status.override(),
				status.version() + 1, status.kept());
		return Optional.of(new Move(down, new TierChange(status.memberId() + "|RETURN|" + target + "|" + at.toEpochMilli(),
				status.memberId(), status.tierCode(), target, at, Reason.DOWNGRADE, "system",
				what + ": qualifying " + qualifyingValue(account, at) + " no longer reaches " + status.tierCode(), null)));
	}

	/**
	 * What came due for a member by {@code asOf}: its tier anniversaries and the end of an override.
	 * {@code shownBefore} and {@code shownAfter} are the tiers the member showed before and shows after; the status
	 * is the one given when nothing was due.
	 */
	public record Review(TierStatus status, List<TierChange> changes, String shownBefore, String shownAfter) {
	}

	/**
	 * Carries out what fell due for the member by {@code asOf}, in the order it fell due and dated when it did:
	 * each anniversary review (the tier the account qualified for at the anniversary, down as well as up, kept a
	 * year more) and the end of an override that ran out. So a review is the same whenever it is run: the daily
	 * job the morning after, an ADMIN months later, or an import of history.
	 */
	public Review dueBy(TierStatus status, PointsAccount account, Instant asOf) {
		// The tier the member has shown until now: an override that ran out since still showed.
		String before = status.override() != null ? status.override().tierCode() : status.tierCode();
		TierStatus current = status;
		List<TierChange> changes = new ArrayList<>();
		while (true) {
			Instant anniversary = current.anniversary();
			Instant overrideEnds = current.override() == null ? null : current.override().expiresAt();
			boolean reviewDue = !anniversary.isAfter(asOf);
			boolean overrideEndsDue = overrideEnds != null && !overrideEnds.isAfter(asOf);
			if (!reviewDue && !overrideEndsDue) {
				break;
			}
			if (overrideEndsDue && (!reviewDue || overrideEnds.isBefore(anniversary))) {
				current = endOverride(current, overrideEnds, changes);
			}
			else {
				current = review(current, account, anniversary, changes);
			}
		}
		return new Review(current, changes, before, current.effectiveTier(asOf));
	}

	private TierStatus review(TierStatus status, PointsAccount account, Instant at, List<TierChange> changes) {
		Tier qualified = qualifiedTier(account, at);
		boolean moves = !qualified.code().equals(status.tierCode());
		if (moves) {
			Reason reason = rankOf(qualified.code()) < rankOf(status.tierCode()) ? Reason.DOWNGRADE : Reason.UPGRADE;
			changes.add(new TierChange(status.memberId() + "|" + reason + "|" + at.toEpochMilli(), status.memberId(),
					status.tierCode(), qualified.code(), at, reason, "system",
					"anniversary review: qualifying " + qualifyingValue(account, at), null));
		}
		return new TierStatus(status.memberId(), qualified.code(), moves ? at : status.since(), anniversaryAfter(at),
				status.override(), status.version() + 1, qualified.code());
	}

	private static TierStatus endOverride(TierStatus status, Instant at, List<TierChange> changes) {
		if (!status.override().tierCode().equals(status.tierCode())) {
			changes.add(new TierChange(status.memberId() + "|OVERRIDE_EXPIRED|" + at.toEpochMilli(), status.memberId(),
					status.override().tierCode(), status.tierCode(), at, Reason.OVERRIDE_EXPIRED, "system", null, null));
		}
		return new TierStatus(status.memberId(), status.tierCode(), status.since(), status.anniversary(), null,
				status.version() + 1, status.kept());
	}

	/** A tier is reviewed a year after it was reached or kept, in the business zone. */
	Instant anniversaryAfter(Instant at) {
		return at.atZone(zone).plusYears(1).toInstant();
	}

}
