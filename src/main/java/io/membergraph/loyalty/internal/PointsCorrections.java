package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.membergraph.commerce.Order;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.PointsLot;
import io.membergraph.shared.Money;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Moves the points an order holds on a member to what its corrected content earns there: the points of the
 * corrected order by the rules and the tier of its date, less what its refunds take back, on the member it now
 * belongs to; nothing on a member it no longer belongs to. Points held under another date (the order's date was
 * corrected) are taken back under that date and earned again under the order's, so tier qualification counts them in
 * the month the order was placed and its lot expires with it. Each step is an entry keyed by the correction, so it
 * lands once. A shortfall is taken from the order's own lot, as a refund's reversal is; what of the order's points
 * expired unused stays out of the balance. A correction that takes points away moves the member down as a return does.
 */
@Component
public class PointsCorrections {

	private final MongoTemplate mongo;

	private final PointsLedger ledger;

	private final EarnRules rules;

	private final TierQualification tiers;

	private final Clock clock;

	PointsCorrections(MongoTemplate mongo, PointsLedger ledger, EarnRules rules, TierQualification tiers, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		this.ledger = ledger;
		this.rules = rules;
		this.tiers = tiers;
	}

	/** What some of the order's entries on a member add up to: points on the balance and spend toward tiers. */
	private record Held(long points, long spend) {

		static final Held NONE = new Held(0, 0);

		Held plus(long morePoints, long moreSpend) {
			return new Held(points + morePoints, spend + moreSpend);
		}

	}

	/** Settles the corrected order on one member; {@code key} is the correction's, unique per content. */
	void settle(String memberId, Order order, String key) {
		PointsEntry earned = ledger.entry(memberId, OrderPoints.earnKey(order));
		if (earned == null || earned.status() != EntryStatus.APPLIED) {
			// It never earned here (loaded without points, or a lot the programme refused): nothing to move.
			return;
		}
		List<PointsEntry> entries = entriesOf(memberId, order, earned);
		Map<Instant, Held> held = heldByDate(entries);
		Instant placedAt = order.placedAt().truncatedTo(ChronoUnit.MILLIS);
		Held due = Held.NONE;
		if (order.countsForMember() && memberId.equals(order.memberId())) {
			long earns = rules.calculator().forOrder(order, tiers.tierOn(memberId, order.placedAt()));
			due = new Held(earns - PointsCalculator.reversalFor(earns, PointsCalculator.earningBase(order), Money.ZERO,
					order.refundedAmount()), order.paidAmount().minus(order.refundedAmount()).minorUnits());
		}
		String reason = "order " + order.orderNumber() + " corrected";
		long unexpired = unexpired(entries, held);
		boolean tookBack = false;
		for (Map.Entry<Instant, Held> date : held.entrySet()) {
			Held target = date.getKey().equals(placedAt) ? due : Held.NONE;
			String step = date.getKey().equals(placedAt) ? key : key + "@" + date.getKey().toEpochMilli();
			long more = target.points() - date.getValue().points();
			long moreSpend = target.spend() - date.getValue().spend();
			if (more < 0 && moreSpend > 0 || more > 0 && moreSpend < 0) {
				// Points and spend move apart (the order earns at another rate now): all of it back, then what is due.
				long all = Math.max(0, date.getValue().points());
				long fromBalance = Math.min(all, unexpired);
				unexpired -= fromBalance;
				if (all > 0 || tiers.worthAnEntry(0, date.getValue().spend())) {
					ledger.reverse(memberId, key + "@" + date.getKey().toEpochMilli(), all, all - fromBalance, earned.id(),
							Math.max(0, date.getValue().spend()), date.getKey(), reason);
					tookBack = true;
				}
				more = target.points();
				moreSpend = target.spend();
			}
			if (more > 0 || more == 0 && tiers.worthAnEntry(0, moreSpend)) {
				ledger.earn(memberId, step, more, reason, "order:" + order.id(), Math.max(0, moreSpend), date.getKey(),
						"system");
			}
			else if (more < 0 || tiers.worthAnEntry(0, -moreSpend)) {
				// Points taken back, or, where spend qualifies for tiers, spend alone.
				long fromBalance = Math.min(-more, unexpired);
				unexpired -= fromBalance;
				ledger.reverse(memberId, step, -more, -more - fromBalance, earned.id(), Math.max(0, -moreSpend),
						date.getKey(), reason);
				tookBack = true;
			}
		}
		if (!held.containsKey(placedAt) && tiers.worthAnEntry(due.points(), due.spend())) {
			ledger.earn(memberId, key, due.points(), reason, "order:" + order.id(), due.spend(), placedAt, "system");
		}
		if (tookBack) {
			afterTakingBack(memberId, placedAt, reason);
		}
	}

	/**
	 * Expires the member's lots whose date has passed: points a correction earned under an order's date long ago (or
	 * on an order it brought the member) would otherwise be spendable until the next daily expiry run, though a right
	 * reading of the file would have seen them expire.
	 */
	void expireDue(String memberId) {
		PointsAccount account = ledger.account(memberId);
		Instant now = clock.instant();
		if (account == null || account.mergedInto() != null) {
			return;
		}
		for (PointsLot lot : account.lots()) {
			if (lot.expiresAt() != null && !lot.expiresAt().isAfter(now)) {
				ledger.expire(memberId, lot);
			}
		}
	}

	/** A correction that took points away moves the member down to the tier it still qualifies for, as a return does. */
	void afterTakingBack(String memberId, Instant at, String reason) {
		PointsAccount account = ledger.account(memberId);
		if (account != null && account.mergedInto() == null) {
			tiers.afterReturn(memberId, account, at, reason);
		}
	}

	/**
	 * The order's own entries on the member: its earning, refunds' and earlier corrections' reversals and additions;
	 * not the first-order reward, which is the member's, whichever order earned it.
	 */
	private List<PointsEntry> entriesOf(String memberId, Order order, PointsEntry earned) {
		return mongo.find(Query.query(Criteria.where("memberId").is(memberId)
			.and("source").in("order:" + order.id(), earned.id())
			.and("status").is(EntryStatus.APPLIED)), PointsEntry.class)
			.stream()
			.filter(entry -> !isFirstOrderReward(entry))
			.filter(entry -> entry.type() == EntryType.EARN || entry.type() == EntryType.REVERSE)
			.toList();
	}

	private static Map<Instant, Held> heldByDate(List<PointsEntry> entries) {
		Map<Instant, Held> held = new TreeMap<>();
		for (PointsEntry entry : entries) {
			boolean earn = entry.type() == EntryType.EARN;
			held.merge(entry.occurredAt(), new Held(entry.points(), earn ? entry.qualifyingSpend() : -entry.qualifyingSpend()),
					(a, b) -> a.plus(b.points(), b.spend()));
		}
		return held;
	}

	/** Of what the order holds, the points its lots still had when they expired: those a reversal may take. */
	private long unexpired(List<PointsEntry> entries, Map<Instant, Held> held) {
		long total = held.values().stream().mapToLong(Held::points).sum();
		long expired = 0;
		for (PointsEntry entry : entries) {
			if (entry.type() == EntryType.EARN) {
				PointsEntry expiry = ledger.expiryOf(entry);
				expired += expiry == null || expiry.status() != EntryStatus.APPLIED ? 0 : -expiry.points();
			}
		}
		return Math.max(0, total - expired);
	}

	/** The member's first-order reward, a merged member's kept beside it, or one granted again by a correction. */
	private static boolean isFirstOrderReward(PointsEntry entry) {
		String key = entry.key();
		return key.equals(OrderPoints.FIRST_ORDER) || key.startsWith(OrderPoints.FIRST_ORDER + ":")
				|| key.contains(":" + OrderPoints.FIRST_ORDER);
	}

}
