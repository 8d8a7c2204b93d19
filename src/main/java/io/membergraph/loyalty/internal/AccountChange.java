package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsAccount.Qualifying;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.PointsLot;

/**
 * What applying one ledger entry does to an account: pure arithmetic, no store. Spending takes from the
 * oldest lots first; a reversal takes from the lot its order earned first, then from the oldest.
 */
public final class AccountChange {

	static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	private static final Comparator<PointsLot> OLDEST_FIRST = Comparator.comparing(PointsLot::earnedAt)
		.thenComparing(PointsLot::lotId);

	private final LoyaltySettings settings;

	private final ZoneId zone;

	AccountChange(LoyaltySettings settings, ZoneId zone) {
		this.settings = settings;
		this.zone = zone;
	}

	/**
	 * The account after the entry, or a refusal.
	 *
	 * @param account the account before, with the entry not yet applied
	 */
	Outcome apply(PointsAccount account, PointsEntry entry) {
		Outcome outcome = change(account, entry);
		if (!outcome.isRefused()) {
			return outcome;
		}
		String note = outcome.refusal() + ": " + outcome.refusalMessage();
		return new Outcome(decided(account, new AppliedEntry(entry.id(), 0, EntryStatus.REJECTED, note)), 0, note,
				outcome.refusal(), outcome.refusalMessage());
	}

	private Outcome change(PointsAccount account, PointsEntry entry) {
		return switch (entry.type()) {
			case EARN -> Outcome.applied(credit(account, entry, true), entry.requested(), null);
			case ADJUST -> entry.requested() >= 0 ? Outcome.applied(credit(account, entry, false), entry.requested(), null)
					: debit(account, entry, -entry.requested(), null, false);
			case REDEEM -> debit(account, entry, entry.requested(), null, false);
			case REVERSE -> debit(account, entry, entry.requested() - entry.expiredUnused(), entry.source(), true);
			case EXPIRE -> expire(account, entry);
		};
	}

	/** When points earned at this time expire, by the programme's rule; null when they never do. */
	Instant expiryOf(Instant earnedAt) {
		LocalDate earned = earnedAt.atZone(zone).toLocalDate();
		return switch (settings.expiry()) {
			case END_OF_FOLLOWING_YEAR -> LocalDate.of(earned.getYear() + 2, 1, 1).atStartOfDay(zone).toInstant();
			case AFTER_MONTHS -> earned.plusMonths(settings.expiryMonths()).atStartOfDay(zone).toInstant();
			case NEVER -> null;
		};
	}

	String monthOf(Instant instant) {
		return instant.atZone(zone).format(MONTH);
	}

	private PointsAccount credit(PointsAccount account, PointsEntry entry, boolean earned) {
		long points = entry.requested();
		long payOff = Math.min(account.deficit(), points);
		List<PointsLot> lots = new ArrayList<>(account.lots());
		if (points - payOff > 0) {
			lots.add(new PointsLot(freeLotId(lots, entry.id()), entry.occurredAt(), expiryOf(entry.occurredAt()),
					points - payOff, points - payOff));
		}
		Map<String, Qualifying> qualifying = earned
				? qualify(account.qualifying(), entry.occurredAt(), points, entry.qualifyingSpend()) : account.qualifying();
		return next(account, entry, points, null, account.balance() + points, account.deficit() - payOff,
				account.lifetimeEarned() + (earned ? points : 0), account.lifetimeRedeemed(), account.lifetimeExpired(),
				account.lifetimeAdjusted() + (earned ? 0 : points), account.lifetimeReversed(), lots, qualifying);
	}

	/**
	 * Takes points out: a redemption or a deduction needs them all, a reversal takes what there is and either
	 * leaves a deficit (when allowed) or is capped. A reversal takes all it asks for out of tier qualification,
	 * also what of it expired unused and is not taken from the balance.
	 */
	private Outcome debit(PointsAccount account, PointsEntry entry, long wanted, String firstLot, boolean reversal) {
		long available = account.lotsRemaining();
		boolean shortOfPoints = wanted > available;
		if (shortOfPoints && !reversal) {
			return Outcome.refused("INSUFFICIENT_POINTS", "needs " + wanted + " points, the balance is " + account.balance());
		}
		long taken = Math.min(wanted, available);
		long owed = shortOfPoints && settings.allowNegativeBalance() ? wanted - taken : 0;
		List<PointsLot> lots = take(account.lots(), taken, firstLot);
		long applied = taken + owed;
		String note = shortOfPoints && owed == 0
				? "capped: " + (wanted - taken) + " of " + wanted + " points could not be taken back, the balance had "
						+ available
				: null;
		if (entry.expiredUnused() > 0) {
			note = (note == null ? "" : note + "; ") + entry.expiredUnused() + " of " + entry.requested()
					+ " points expired unused and are not taken back";
		}
		Map<String, Qualifying> qualifying = reversal
				? qualify(account.qualifying(), entry.occurredAt(), -entry.requested(), -entry.qualifyingSpend())
				: account.qualifying();
		EntryType type = entry.type();
		PointsAccount after = next(account, entry, -applied, note, account.balance() - applied, account.deficit() + owed,
				account.lifetimeEarned(), account.lifetimeRedeemed() + (type == EntryType.REDEEM ? applied : 0),
				account.lifetimeExpired(), account.lifetimeAdjusted() - (type == EntryType.ADJUST ? applied : 0),
				account.lifetimeReversed() + (reversal ? applied : 0), lots, qualifying);
		return Outcome.applied(after, -applied, note);
	}

	private Outcome expire(PointsAccount account, PointsEntry entry) {
		long remaining = account.lots().stream().filter(l -> l.lotId().equals(entry.source()))
			.mapToLong(PointsLot::remaining).sum();
		List<PointsLot> lots = account.lots().stream().filter(l -> !l.lotId().equals(entry.source())).toList();
		PointsAccount after = next(account, entry, -remaining, null, account.balance() - remaining, account.deficit(),
				account.lifetimeEarned(), account.lifetimeRedeemed(), account.lifetimeExpired() + remaining,
				account.lifetimeAdjusted(), account.lifetimeReversed(), lots, account.qualifying());
		return Outcome.applied(after, -remaining, null);
	}

	/**
	 * The survivor's account after absorbing a merged member's: balances, lifetime totals and qualifying
	 * months add up, the lots join (renamed as their ledger entries are), and a deficit on either side is
	 * paid off from the joined lots, oldest first, as new earnings would pay it. The absorption is remembered
	 * as an applied entry, so it lands once.
	 */
	PointsAccount absorb(PointsAccount survivor, PointsAccount merged, UnaryOperator<String> lotIds, String absorptionId) {
		List<PointsLot> lots = new ArrayList<>(survivor.lots());
		merged.lots().forEach(l -> lots.add(new PointsLot(freeLotId(lots, lotIds.apply(l.lotId())), l.earnedAt(),
				l.expiresAt(), l.points(), l.remaining())));
		long deficit = survivor.deficit() + merged.deficit();
		long payOff = Math.min(deficit, lots.stream().mapToLong(PointsLot::remaining).sum());
		Map<String, Qualifying> qualifying = new HashMap<>(survivor.qualifying());
		merged.qualifying().forEach((month, q) -> qualifying.merge(month, q, (a, b) -> a.plus(b.points(), b.spend())));
		return new PointsAccount(survivor.memberId(), survivor.balance() + merged.balance(), deficit - payOff,
				survivor.lifetimeEarned() + merged.lifetimeEarned(), survivor.lifetimeRedeemed() + merged.lifetimeRedeemed(),
				survivor.lifetimeExpired() + merged.lifetimeExpired(), survivor.lifetimeAdjusted() + merged.lifetimeAdjusted(),
				survivor.lifetimeReversed() + merged.lifetimeReversed(), List.copyOf(take(lots, payOff, null)),
				Map.copyOf(qualifying), remember(survivor, new AppliedEntry(absorptionId, merged.balance(), EntryStatus.APPLIED,
						"absorbed the account of merged member " + merged.memberId())),
				survivor.version() + 1, survivor.changedAt(), survivor.mergedInto());
	}

	/** The lots after taking points, from {@code firstLot} first and then the oldest; emptied lots are dropped. */
	private static List<PointsLot> take(List<PointsLot> lots, long points, String firstLot) {
		// By place, not by name: an account an earlier version wrote may hold two lots of one name.
		PointsLot[] after = lots.toArray(PointsLot[]::new);
		List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, after.length).boxed().toList());
		order.sort(Comparator.comparing((Integer i) -> !after[i].lotId().equals(firstLot))
			.thenComparing(i -> after[i], OLDEST_FIRST));
		long left = points;
		for (int i : order) {
			long taken = Math.min(left, after[i].remaining());
			after[i] = after[i].take(taken);
			left -= taken;
		}
		return java.util.Arrays.stream(after).filter(l -> l.remaining() > 0).toList();
	}

	/**
	 * The name a new lot takes: its entry's id, unless a lot of the account has it already (the survivor of a merge
	 * that earned an entry under the name a lot it absorbed took meanwhile), then that id with a count after it. A lot
	 * is spent, reversed and expired by its name: two of one name were spent as one.
	 */
	private static String freeLotId(List<PointsLot> lots, String wanted) {
		String name = wanted;
		for (int count = 2; named(lots, name); count++) {
			name = wanted + "#" + count;
		}
		return name;
	}

	private static boolean named(List<PointsLot> lots, String name) {
		for (PointsLot lot : lots) {
			if (lot.lotId().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private Map<String, Qualifying> qualify(Map<String, Qualifying> before, Instant at, long points, long spend) {
		Map<String, Qualifying> after = new HashMap<>(before);
		after.merge(monthOf(at), new Qualifying(points, spend), (a, b) -> a.plus(b.points(), b.spend()));
		return after;
	}

	private static PointsAccount next(PointsAccount account, PointsEntry entry, long appliedPoints, String note,
			long balance, long deficit, long earned, long redeemed, long expired, long adjusted, long reversed,
			List<PointsLot> lots, Map<String, Qualifying> qualifying) {
		return new PointsAccount(account.memberId(), balance, deficit, earned, redeemed, expired, adjusted, reversed,
				List.copyOf(lots), Map.copyOf(qualifying),
				remember(account, new AppliedEntry(entry.id(), appliedPoints, EntryStatus.APPLIED, note)),
				account.version() + 1, account.changedAt(), account.mergedInto());
	}

	/**
	 * The account after a whole batch, remembering the batch as decided (so completing it again changes nothing)
	 * in place of the batch's single entries, which are never pending and need no remembering.
	 */
	PointsAccount decideBatch(PointsAccount after, PointsAccount before, String batchKey) {
		return new PointsAccount(after.memberId(), after.balance(), after.deficit(), after.lifetimeEarned(),
				after.lifetimeRedeemed(), after.lifetimeExpired(), after.lifetimeAdjusted(), after.lifetimeReversed(),
				after.lots(), after.qualifying(), remember(before, new AppliedEntry(batchKey, 0, EntryStatus.APPLIED, "batch")),
				before.version() + 1, before.changedAt(), before.mergedInto());
	}

	/** The account unchanged but for having decided the entry, as for a refusal. */
	private static PointsAccount decided(PointsAccount account, AppliedEntry decision) {
		return new PointsAccount(account.memberId(), account.balance(), account.deficit(), account.lifetimeEarned(),
				account.lifetimeRedeemed(), account.lifetimeExpired(), account.lifetimeAdjusted(), account.lifetimeReversed(),
				account.lots(), account.qualifying(), remember(account, decision), account.version() + 1,
				account.changedAt(), account.mergedInto());
	}

	private static List<AppliedEntry> remember(PointsAccount account, AppliedEntry decision) {
		List<AppliedEntry> applied = new ArrayList<>(account.applied());
		applied.add(decision);
		if (applied.size() > PointsAccount.REMEMBERED_ENTRIES) {
			applied = applied.subList(applied.size() - PointsAccount.REMEMBERED_ENTRIES, applied.size());
		}
		return List.copyOf(applied);
	}

	/** The account after an entry; for a refusal, the account that only remembers having refused it. */
	record Outcome(PointsAccount account, long points, String note, String refusal, String refusalMessage) {

		static Outcome applied(PointsAccount account, long points, String note) {
			return new Outcome(account, points, note, null, null);
		}

		static Outcome refused(String code, String message) {
			return new Outcome(null, 0, null, code, message);
		}

		boolean isRefused() {
			return refusal != null;
		}

	}

}
