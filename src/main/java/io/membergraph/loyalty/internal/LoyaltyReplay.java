package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.Refund;
import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.LoyaltyBulkLoad;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.PointsLot;
import io.membergraph.loyalty.Tier;
import io.membergraph.loyalty.TierChange.Reason;
import io.membergraph.loyalty.TierChange;
import io.membergraph.shared.Money;

/**
 * Replays one member's history through the programme's rules in time order: the registration reward, points
 * for each paid order at the tier of the day, reversals for refunds, upgrades as thresholds are crossed,
 * anniversary reviews and expiry of lots. The result is what the live path would have written had the
 * history happened through the API, for loading history in bulk.
 */
public final class LoyaltyReplay {

	private final PointsCalculator calculator;

	private final TierRules tierRules;

	private final AccountChange change;

	private final ZoneId zone;

	public LoyaltyReplay(PointsCalculator calculator, TierRules tierRules, AccountChange change, ZoneId zone) {
		this.calculator = calculator;
		this.tierRules = tierRules;
		this.change = change;
		this.zone = zone;
	}

	/** Everything the member's loyalty history leaves in the store. */
	public record Result(PointsAccount account, List<PointsEntry> entries, TierStatus tier, List<TierChange> changes) {
	}

	private record Event(Instant at, int order, Runnable action) {
	}

	public Result replay(String memberId, Instant joinedAt, List<Order> orders,
			List<LoyaltyBulkLoad.Redemption> redemptions, Instant asOf) {
		State state = new State(memberId, joinedAt);
		PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingInt(Event::order));
		int sequence = 0;
		events.add(new Event(joinedAt, sequence++, () -> state.earn("registration",
				calculator.forActivity(Activity.REGISTRATION), Activity.REGISTRATION.name(), "registration", 0, joinedAt)));
		for (Order order : orders) {
			if (!order.countsForMember()) {
				continue;
			}
			events.add(new Event(order.placedAt(), sequence++, () -> state.earnFor(order)));
			Money refundedBefore = Money.ZERO;
			for (Refund refund : order.refunds()) {
				Money before = refundedBefore;
				Money after = refundedBefore.plus(refund.amount());
				refundedBefore = after;
				events.add(new Event(refund.refundedAt(), sequence++, () -> state.reverse(order, refund, before, after)));
			}
		}
		for (LoyaltyBulkLoad.Redemption redemption : redemptions) {
			events.add(new Event(redemption.at(), sequence++, () -> state.post(EntryType.REDEEM, "redeem:" + redemption.key(),
					redemption.points(), "redemption", "client:" + redemption.key(), 0, redemption.at())));
		}
		while (!events.isEmpty()) {
			Event next = events.poll();
			state.catchUp(next.at());
			next.action().run();
		}
		state.catchUp(asOf);
		return new Result(state.account, state.entries, state.tier, state.changes);
	}

	/** The member's loyalty state as simulated time passes. */
	private final class State {

		private final String memberId;

		private PointsAccount account;

		private TierStatus tier;

		private final List<PointsEntry> entries = new ArrayList<>();

		private final List<TierChange> changes = new ArrayList<>();

		State(String memberId, Instant joinedAt) {
			this.memberId = memberId;
			this.account = PointsAccount.open(memberId);
			String entry = tierRules.entry().code();
			this.tier = new TierStatus(memberId, entry, joinedAt, anniversaryAfter(joinedAt), null, 0, entry);
			changes.add(new TierChange(memberId + "|ENTRY", memberId, null, entry, joinedAt, Reason.ENTRY, "system", null, null));
		}

		/** Expires lots and reviews the tier at every date that passes before {@code time}. */
		void catchUp(Instant time) {
			while (true) {
				Instant nextExpiry = account.lots().stream().map(PointsLot::expiresAt).filter(e -> e != null && !e.isAfter(time))
					.min(Comparator.naturalOrder()).orElse(null);
				Instant anniversary = tier.anniversary().isAfter(time) ? null : tier.anniversary();
				if (nextExpiry == null && anniversary == null) {
					return;
				}
				if (anniversary == null || nextExpiry != null && nextExpiry.isBefore(anniversary)) {
					Instant at = nextExpiry;
					account.lots().stream().filter(l -> at.equals(l.expiresAt())).toList()
						.forEach(lot -> post(EntryType.EXPIRE, PointsEntry.expiryKey(lot.lotId()), lot.remaining(),
								"expired " + at, lot.lotId(), 0, at));
				}
				else {
					review(anniversary);
				}
			}
		}

		void earnFor(Order order) {
			long points = calculator.forOrder(order, tier.tierCode());
			if (tierRules.worthAnEntry(points, order.paidAmount().minorUnits())) {
				earn(OrderPoints.earnKey(order), points, "order " + order.orderNumber(), "order:" + order.id(),
						order.paidAmount().minorUnits(), order.placedAt());
			}
			if (entries.stream().noneMatch(e -> e.id().equals(PointsEntry.idOf(memberId, "first-order")))) {
				earn("first-order", calculator.forActivity(Activity.FIRST_ORDER), Activity.FIRST_ORDER.name(),
						"order:" + order.id(), 0, order.placedAt());
			}
		}

		void earn(String key, long points, String reason, String source, long spend, Instant at) {
			if (!tierRules.worthAnEntry(points, spend)) {
				return;
			}
			post(EntryType.EARN, key, points, reason, source, spend, at);
			Tier qualified = tierRules.qualifiedTier(account, at);
			if (tierRules.rankOf(qualified.code()) > tierRules.rankOf(tier.tierCode())) {
				changes.add(new TierChange(memberId + "|UPGRADE|" + qualified.code() + "|" + at.toEpochMilli(), memberId,
						tier.tierCode(), qualified.code(), at, Reason.UPGRADE, "system",
						"qualifying " + tierRules.qualifyingValue(account, at) + " >= " + qualified.threshold(), null));
				tier = new TierStatus(memberId, qualified.code(), at, anniversaryAfter(at), null, tier.version() + 1,
						tier.kept());
			}
		}

		void reverse(Order order, Refund refund, Money before, Money after) {
			PointsEntry earned = entry(OrderPoints.earnKey(order));
			if (earned != null) {
				Money base = PointsCalculator.earningBase(order);
				long points = PointsCalculator.reversalFor(earned.points(), base, before, after);
				if (tierRules.worthAnEntry(points, refund.amount().minorUnits())) {
					post(EntryType.REVERSE, "refund:" + order.id() + "|" + refund.refundId(), points,
							"refund " + refund.refundId() + " of order " + order.orderNumber(), earned.id(),
							refund.amount().minorUnits(), order.placedAt(), refund.refundedAt(),
							PointsCalculator.expiredUnused(earned, earned.expiryAmong(this::byId), base, before, after));
				}
			}
			// As the live path: a first order returned in full takes back its first-order reward.
			PointsEntry first = entry(OrderPoints.FIRST_ORDER);
			if (PointsCalculator.returnsAll(order, before, after) && OrderPoints.broughtBy(first, order)) {
				post(EntryType.REVERSE, OrderPoints.FIRST_ORDER + OrderPoints.RETURNED, first.points(),
						"order " + order.orderNumber() + " returned in full: its first-order reward", first.id(), 0,
						order.placedAt(), refund.refundedAt(), PointsCalculator.expiredUnused(first, first.expiryAmong(this::byId)));
			}
			tierRules.afterReturn(tier, account, refund.refundedAt(),
					"refund " + refund.refundId() + " of order " + order.orderNumber()).ifPresent(down -> {
						changes.add(down.change());
						tier = down.status();
					});
		}

		private PointsEntry entry(String key) {
			return byId(PointsEntry.idOf(memberId, key));
		}

		private PointsEntry byId(String id) {
			return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
		}

		void review(Instant anniversary) {
			Tier qualified = tierRules.qualifiedTier(account, anniversary);
			Instant next = anniversaryAfter(anniversary);
			if (!qualified.code().equals(tier.tierCode())) {
				Reason reason = tierRules.rankOf(qualified.code()) < tierRules.rankOf(tier.tierCode()) ? Reason.DOWNGRADE
						: Reason.UPGRADE;
				changes.add(new TierChange(memberId + "|" + reason + "|" + anniversary.toEpochMilli(), memberId,
						tier.tierCode(), qualified.code(), anniversary, reason, "system",
						"anniversary review: qualifying " + tierRules.qualifyingValue(account, anniversary), null));
				tier = new TierStatus(memberId, qualified.code(), anniversary, next, null, tier.version() + 1,
						qualified.code());
			}
			else {
				tier = new TierStatus(memberId, tier.tierCode(), tier.since(), next, null, tier.version() + 1, tier.tierCode());
			}
		}

		void post(EntryType type, String key, long requested, String reason, String source, long spend,
				Instant occurredAt) {
			post(type, key, requested, reason, source, spend, occurredAt, occurredAt);
		}

		private void post(EntryType type, String key, long requested, String reason, String source, long spend,
				Instant occurredAt, Instant postedAt) {
			post(type, key, requested, reason, source, spend, occurredAt, postedAt, 0);
		}

		private void post(EntryType type, String key, long requested, String reason, String source, long spend,
				Instant occurredAt, Instant postedAt, long expiredUnused) {
			PointsEntry entry = new PointsEntry(PointsEntry.idOf(memberId, key), memberId, type, requested, 0,
					EntryStatus.PENDING, reason, "system", source, spend, occurredAt, "replayed", null, postedAt, null, null,
					null, expiredUnused);
			AccountChange.Outcome outcome = change.apply(account, entry);
			if (outcome.isRefused()) {
				return;
			}
			account = outcome.account();
			entries.add(entry.settled(EntryStatus.APPLIED, outcome.points(), outcome.note(), postedAt));
		}

		private Instant anniversaryAfter(Instant at) {
			return at.atZone(zone).plusYears(1).toInstant();
		}

	}

}
