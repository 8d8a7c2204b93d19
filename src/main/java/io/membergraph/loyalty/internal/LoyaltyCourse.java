package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.Refund;
import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.PointsLot;
import io.membergraph.loyalty.PointsMaintenance;
import io.membergraph.loyalty.Referral;
import io.membergraph.loyalty.TierChange;
import io.membergraph.shared.Money;

/**
 * The programme's rules run over members' loyalty held in memory, for batches of orders: in {@link LoyaltyMode#LIVE}
 * what recording each order and refund through the API in turn does (see {@link OrderPoints},
 * {@link LoyaltyProgramme#welcome}, {@link PointsLedger#earn}, {@link TierQualification}); in
 * {@link LoyaltyMode#HISTORY} what the programme would have done had it been running when they happened: every
 * step dated by the history, and before each event the lots that expired and the anniversary reviews that came
 * due since, as the daily jobs would have run them.
 * <p>
 * Holds no store: the caller loads each member's {@link Ledger} and writes what it ends with.
 */
public final class LoyaltyCourse {

	private final PointsCalculator calculator;

	private final TierRules rules;

	private final AccountChange change;

	private final LoyaltyMode mode;

	/** When the course runs: the stamp of LIVE entries and changes. */
	private final Instant now;

	private final Map<String, Ledger> ledgers = new LinkedHashMap<>();

	LoyaltyCourse(PointsCalculator calculator, TierRules rules, AccountChange change, LoyaltyMode mode, Instant now) {
		this.calculator = calculator;
		this.rules = rules;
		this.change = change;
		this.mode = mode;
		this.now = now;
	}

	/**
	 * One member's loyalty as the course holds it: as read, then as changed.
	 *
	 * @param joinedAt when the member joined, for its welcome; null when unknown
	 * @param known the member's ledger entries the course may look at (its welcome, first-order reward, the
	 * earn entries of orders refunded, referral rewards), by id
	 */
	static final class Ledger {

		final String memberId;

		final PointsAccount read;

		final TierStatus readStatus;

		final Instant joinedAt;

		final Referral referral;

		final Map<String, PointsEntry> known;

		PointsAccount account;

		TierStatus status;

		String shownTier;

		final List<PointsEntry> posted = new ArrayList<>();

		final List<TierChange> tierChanges = new ArrayList<>();

		Ledger(String memberId, PointsAccount read, TierStatus readStatus, Instant joinedAt, Referral referral,
				Map<String, PointsEntry> known) {
			this.memberId = memberId;
			this.read = read;
			this.readStatus = readStatus;
			this.joinedAt = joinedAt;
			this.referral = referral;
			this.known = new HashMap<>(known);
			this.account = read == null ? PointsAccount.open(memberId) : read;
			this.status = readStatus;
		}

		boolean changed() {
			return !posted.isEmpty() || !tierChanges.isEmpty() || status != readStatus || shownTier != null;
		}

		private boolean has(String key) {
			return known.containsKey(PointsEntry.idOf(memberId, key));
		}

	}

	void add(Ledger ledger) {
		ledgers.put(ledger.memberId, ledger);
	}

	Map<String, Ledger> ledgers() {
		return ledgers;
	}

	/**
	 * The member joined (registered in bulk): the registration reward and the entry tier, as
	 * {@link LoyaltyProgramme#welcome} gives them, dated when it joined.
	 */
	void joined(String memberId) {
		Ledger member = ledgers.get(memberId);
		if (member.joinedAt == null) {
			return;
		}
		welcome(member);
		show(member, statusOf(member, member.joinedAt).effectiveTier(stamp(member.joinedAt)));
	}

	/** The member's order was recorded: its points, the welcome it missed, the first-order and referral rewards. */
	void recorded(Order order) {
		Ledger member = ledgers.get(order.memberId());
		catchUp(member, order.placedAt());
		// A member bulk-loaded unwelcomed (or whose welcome a crash cut short) is welcomed by its first order.
		if (member.joinedAt != null && welcome(member)) {
			TierStatus entered = statusOf(member, member.joinedAt);
			show(member, entered.effectiveTier(stamp(member.joinedAt)));
		}
		String tier = statusOf(member, order.placedAt()).tierCode();
		long points = calculator.forOrder(order, tier);
		if (rules.worthAnEntry(points, order.paidAmount().minorUnits())) {
			earn(member, OrderPoints.earnKey(order), points, "order " + order.orderNumber(), "order:" + order.id(),
					order.paidAmount().minorUnits(), order.placedAt());
		}
		long firstOrder = calculator.forActivity(Activity.FIRST_ORDER);
		if (firstOrder > 0 && !member.has(OrderPoints.FIRST_ORDER)) {
			earn(member, OrderPoints.FIRST_ORDER, firstOrder, Activity.FIRST_ORDER.name(), "order:" + order.id(), 0,
					order.placedAt());
		}
		long referralReward = calculator.forActivity(Activity.REFERRAL);
		Referral referral = member.referral;
		if (referral != null && referralReward > 0) {
			Ledger referrer = ledgers.get(referral.referrerId());
			if (referrer != null && !referrer.has(referral.rewardKey())) {
				catchUp(referrer, order.placedAt());
				earn(referrer, referral.rewardKey(), referralReward, "referred " + member.memberId + ", who bought",
						"member:" + member.memberId, 0, order.placedAt());
			}
		}
	}

	/** A refund of the member's order: the points its order earned, taken back in proportion. */
	void refunded(Order order, Refund refund) {
		Ledger member = ledgers.get(order.memberId());
		catchUp(member, refund.refundedAt());
		Money before = Money.ZERO;
		Money after = Money.ZERO;
		for (Refund r : order.refunds()) {
			after = after.plus(r.amount());
			if (r.refundId().equals(refund.refundId())) {
				break;
			}
			before = after;
		}
		PointsEntry earned = member.known.get(PointsEntry.idOf(member.memberId, OrderPoints.earnKey(order)));
		if (earned != null && earned.status() == EntryStatus.APPLIED) {
			Money base = PointsCalculator.earningBase(order);
			long points = PointsCalculator.reversalFor(earned.points(), base, before, after);
			if (rules.worthAnEntry(points, refund.amount().minorUnits())) {
				post(member, PointsEntry.draft(member.memberId, "refund:" + order.id() + "|" + refund.refundId(),
						EntryType.REVERSE, points, "refund " + refund.refundId() + " of order " + order.orderNumber(),
						"system", earned.id(), refund.amount().minorUnits(), order.placedAt(), stamp(refund.refundedAt()))
					.withExpiredUnused(PointsCalculator.expiredUnused(earned, earned.expiryAmong(member.known::get), base, before, after)));
			}
		}
		if (PointsCalculator.returnsAll(order, before, after)) {
			takeBackRewards(member, order, earned, refund);
		}
		Instant returnedAt = refund.refundedAt();
		rules.afterReturn(statusOf(member, returnedAt), member.account, returnedAt,
				"refund " + refund.refundId() + " of order " + order.orderNumber()).ifPresent(down -> {
					member.status = down.status();
					member.tierChanges.add(down.change());
					show(member, down.status().effectiveTier(returnedAt));
				});
	}

	/** As {@code OrderPoints}: a first order returned in full takes back its first-order and referral rewards. */
	private void takeBackRewards(Ledger member, Order order, PointsEntry orderPoints, Refund refund) {
		PointsEntry first = OrderPoints.firstOrderRewardOf(order, orderPoints, member.known::get);
		if (first == null) {
			return;
		}
		takeBack(member, first, first.key() + OrderPoints.RETURNED,
				"order " + order.orderNumber() + " returned in full: its first-order reward", order, refund);
		Referral referral = OrderPoints.referralPaidOff(first, orderPoints, member.referral);
		Ledger referrer = referral == null ? null : ledgers.get(referral.referrerId());
		if (referrer != null) {
			catchUp(referrer, refund.refundedAt());
			PointsEntry reward = referrer.known.get(PointsEntry.idOf(referrer.memberId, referral.rewardKey()));
			if (reward != null && reward.status() == EntryStatus.APPLIED && reward.points() > 0) {
				takeBack(referrer, reward, referral.rewardKey() + OrderPoints.RETURNED,
						"the first order of referred " + member.memberId + " returned in full", order, refund);
			}
		}
	}

	private void takeBack(Ledger member, PointsEntry reward, String key, String reason, Order order, Refund refund) {
		if (!member.has(key)) {
			post(member, PointsEntry.draft(member.memberId, key, EntryType.REVERSE, reward.points(), reason, "system",
					reward.id(), 0, order.placedAt(), stamp(refund.refundedAt()))
				.withExpiredUnused(PointsCalculator.expiredUnused(reward, reward.expiryAmong(member.known::get))));
		}
	}

	/** In HISTORY, brings every member up to {@code asOf}: lots expired and tiers reviewed since their last event. */
	void catchUpAll(Instant asOf) {
		ledgers.values().forEach(member -> catchUp(member, asOf));
	}

	/** Grants the registration reward the member has not had; whether it did. */
	private boolean welcome(Ledger member) {
		long welcome = calculator.forActivity(Activity.REGISTRATION);
		if (welcome <= 0 || member.has("registration")) {
			return false;
		}
		earn(member, "registration", welcome, Activity.REGISTRATION.name(), "registration", 0, member.joinedAt);
		return true;
	}

	/** When an event at {@code at} is written: now for LIVE, its own time for HISTORY. */
	private Instant stamp(Instant at) {
		return mode == LoyaltyMode.HISTORY ? at : now;
	}

	/** As {@link PointsLedger#earn}: the entry, then an upgrade if the member now qualifies for more. */
	private void earn(Ledger member, String key, long points, String reason, String source, long spend, Instant occurredAt) {
		PointsEntry existing = member.known.get(PointsEntry.idOf(member.memberId, key));
		if (existing == null) {
			existing = post(member, PointsEntry.draft(member.memberId, key, EntryType.EARN, points, reason, "system", source,
					spend, occurredAt, stamp(occurredAt)));
		}
		if (existing.status() == EntryStatus.APPLIED) {
			TierStatus status = statusOf(member, occurredAt);
			rules.upgrade(status, member.account, occurredAt).ifPresent(upgrade -> {
				member.status = upgrade.status();
				member.tierChanges.add(upgrade.change());
				show(member, upgrade.status().effectiveTier(occurredAt));
			});
		}
	}

	/** As {@link PointsPosting}: the account decides the entry, which is settled as it decided. */
	private PointsEntry post(Ledger member, PointsEntry draft) {
		AccountChange.Outcome outcome = change.apply(member.account, draft);
		member.account = outcome.account();
		AppliedEntry decision = member.account.decisionOn(draft.id());
		PointsEntry settled = draft.settled(decision.outcome(), decision.points(), decision.note(), draft.createdAt())
			.changedAt(now);
		member.posted.add(settled);
		member.known.put(settled.id(), settled);
		return settled;
	}

	/** As {@link TierQualification#statusOf}: the member's tier status, entering the programme the first time. */
	private TierStatus statusOf(Ledger member, Instant at) {
		if (member.status == null) {
			TierRules.Move entry = rules.enter(member.memberId, at);
			member.status = entry.status();
			member.tierChanges.add(entry.change());
			show(member, entry.status().tierCode());
		}
		return member.status;
	}

	private static void show(Ledger member, String tierCode) {
		member.shownTier = tierCode;
	}

	/**
	 * In HISTORY, what the daily jobs would have done for the member up to {@code time}: expire the lots whose
	 * date came ({@link PointsMaintenance}), carry out the anniversary reviews and override ends that fell due
	 * ({@link TierRules#dueBy}). Expiry leaves the qualifying window alone, so the two do not depend on each other.
	 */
	private void catchUp(Ledger member, Instant time) {
		if (mode != LoyaltyMode.HISTORY) {
			return;
		}
		List<PointsLot> expired = member.account.lots().stream()
			.filter(lot -> lot.expiresAt() != null && !lot.expiresAt().isAfter(time))
			.sorted(Comparator.comparing(PointsLot::expiresAt))
			.toList();
		for (PointsLot lot : expired) {
			post(member, PointsEntry.draft(member.memberId, PointsEntry.expiryKey(lot.lotId()), EntryType.EXPIRE,
					lot.remaining(), "expired " + lot.expiresAt(), "system", lot.lotId(), 0, lot.expiresAt(), lot.expiresAt()));
		}
		if (member.status != null) {
			TierRules.Review review = rules.dueBy(member.status, member.account, time);
			member.status = review.status();
			member.tierChanges.addAll(review.changes());
			if (!review.shownBefore().equals(review.shownAfter())) {
				show(member, review.shownAfter());
			}
		}
	}

}
