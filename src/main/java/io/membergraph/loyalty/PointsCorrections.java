package io.membergraph.loyalty;

import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.shared.Money;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Moves the points an order holds on a member to what its corrected content earns there: the points of the
 * corrected order by the rules and the tier of its date, less what its refunds take back, on the member it now
 * belongs to; nothing on a member it no longer belongs to. The difference is one entry, dated like the order's
 * own (so its lot expires with the order's), keyed by the correction, so it lands once. A shortfall is taken from
 * the order's own lot, as a refund's reversal is, and capped by what is left of it. The first-order and referral
 * rewards stay where they were earned.
 */
@Component
class PointsCorrections {

	private final MongoTemplate mongo;

	private final PointsLedger ledger;

	private final EarnRules rules;

	private final TierQualification tiers;

	PointsCorrections(MongoTemplate mongo, PointsLedger ledger, EarnRules rules, TierQualification tiers) {
		this.mongo = mongo;
		this.ledger = ledger;
		this.rules = rules;
		this.tiers = tiers;
	}

	/** What the order's entries on a member add up to: points on the balance and spend toward tiers. */
	private record Held(long points, long spend) {
	}

	/** Settles the corrected order on one member; {@code key} is the correction's, unique per content. */
	void settle(String memberId, Order order, String key) {
		PointsEntry earned = ledger.entry(memberId, OrderPoints.earnKey(order));
		if (earned == null || earned.status() != EntryStatus.APPLIED) {
			// It never earned here (loaded without points, or a lot the programme refused): nothing to move.
			return;
		}
		Held held = held(memberId, order, earned);
		long points = 0;
		long spend = 0;
		if (order.countsForMember() && memberId.equals(order.memberId())) {
			long earns = rules.calculator().forOrder(order, tiers.statusOf(memberId, order.placedAt()).tierCode());
			points = earns - PointsCalculator.reversalFor(earns, PointsCalculator.earningBase(order), Money.ZERO,
					order.refundedAmount());
			spend = order.paidAmount().minus(order.refundedAmount()).minorUnits();
		}
		long more = points - held.points();
		long moreSpend = spend - held.spend();
		String reason = "order " + order.orderNumber() + " corrected";
		if (more > 0) {
			ledger.earn(memberId, key, more, reason, "order:" + order.id(), Math.max(0, moreSpend), order.placedAt(),
					"system");
		}
		else if (more < 0) {
			ledger.reverse(memberId, key, -more, earned.id(), Math.max(0, -moreSpend), order.placedAt(), reason);
		}
	}

	/**
	 * The order's own entries on the member: its earning, refunds' and earlier corrections' reversals and
	 * additions; not the first-order reward, which is the member's, whichever order earned it.
	 */
	private Held held(String memberId, Order order, PointsEntry earned) {
		List<PointsEntry> entries = mongo.find(Query.query(Criteria.where("memberId").is(memberId)
			.and("source").in("order:" + order.id(), earned.id())
			.and("status").is(EntryStatus.APPLIED)), PointsEntry.class);
		long points = 0;
		long spend = 0;
		for (PointsEntry entry : entries) {
			if (entry.id().equals(PointsEntry.idOf(memberId, OrderPoints.FIRST_ORDER))) {
				continue;
			}
			if (entry.type() == EntryType.EARN) {
				points += entry.points();
				spend += entry.qualifyingSpend();
			}
			else if (entry.type() == EntryType.REVERSE) {
				points += entry.points();
				spend -= entry.qualifyingSpend();
			}
		}
		return new Held(points, spend);
	}

}
