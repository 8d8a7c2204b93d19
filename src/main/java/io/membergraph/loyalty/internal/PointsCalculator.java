package io.membergraph.loyalty.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.shared.Money;

/** How many points an order or an activity earns under a set of rules, and how many a refund takes back. */
public final class PointsCalculator {

	private final List<EarnRule> rules;

	public PointsCalculator(List<EarnRule> rules) {
		this.rules = rules;
	}

	long forOrder(Order order, String tierCode) {
		BigDecimal rate = best(r -> r.type() == EarnRule.Type.BASE_RATE && r.tierCode() != null
				&& r.tierCode().equals(tierCode) && r.activeAt(order.placedAt()), BigDecimal.ONE);
		BigDecimal campaign = best(r -> r.type() == EarnRule.Type.CAMPAIGN_BONUS && r.activeAt(order.placedAt())
				&& (r.campaignPrefix() == null
						|| order.campaignId() != null && order.campaignId().startsWith(r.campaignPrefix())),
				BigDecimal.ONE);
		Money subtotal = order.lines().stream().map(OrderLine::amount).reduce(Money.ZERO, Money::plus);
		if (subtotal.minorUnits() == 0) {
			return 0;
		}
		BigDecimal paidShare = BigDecimal.valueOf(earningBase(order).minorUnits())
			.divide(BigDecimal.valueOf(subtotal.minorUnits()), 10, RoundingMode.HALF_EVEN);
		BigDecimal points = BigDecimal.ZERO;
		for (OrderLine line : order.lines()) {
			BigDecimal linePaid = line.amount().toDecimal().multiply(paidShare);
			BigDecimal multiplier = best(r -> r.activeAt(order.placedAt())
					&& (r.type() == EarnRule.Type.CATEGORY_MULTIPLIER && r.category() != null && r.category().equals(line.category())
							|| r.type() == EarnRule.Type.SKU_MULTIPLIER && r.sku() != null && r.sku().equals(line.sku())),
					BigDecimal.ONE);
			points = points.add(linePaid.multiply(rate).multiply(multiplier));
		}
		return points.multiply(campaign).setScale(0, RoundingMode.FLOOR).longValueExact();
	}

	public long forActivity(Activity activity) {
		EarnRule rule = activityRule(activity);
		return rule == null ? 0 : rule.points();
	}

	/** The rule an activity is rewarded by: the one giving the most points, or null when none rewards it. */
	public EarnRule activityRule(Activity activity) {
		return rules.stream()
			.filter(r -> r.type() == EarnRule.Type.ACTIVITY_REWARD && r.activity() == activity)
			.max(Comparator.comparingLong(EarnRule::points))
			.orElse(null);
	}

	/**
	 * What an order's points are earned on: the amount paid, but never more than the lines less the discount. What
	 * was paid beyond the goods (shipping, taxes, or a client's wrong figure) earns nothing, so a line's points never
	 * exceed what the line sold for.
	 */
	static Money earningBase(Order order) {
		Money goods = order.lines().stream().map(OrderLine::amount).reduce(Money.ZERO, Money::plus);
		if (order.discount() != null) {
			goods = goods.minus(order.discount());
		}
		if (goods.isNegative()) {
			goods = Money.ZERO;
		}
		return order.paidAmount().compareTo(goods) <= 0 ? order.paidAmount() : goods;
	}

	/**
	 * Whether this refund (refunds of {@code refundedBefore} so far, {@code refundedAfter} with it) is the one that
	 * returns all the order's goods: a first order returned in full gives back the rewards it brought.
	 */
	static boolean returnsAll(Order order, Money refundedBefore, Money refundedAfter) {
		Money base = earningBase(order);
		return base.minorUnits() > 0 && refundedBefore.compareTo(base) < 0 && refundedAfter.compareTo(base) >= 0;
	}

	/**
	 * The points a refund takes back: the earned points in proportion to what was refunded so far of what they were
	 * earned on ({@link #earningBase}), less what earlier refunds took. A refund reaching that amount takes back
	 * exactly what is left.
	 */
	static long reversalFor(long earned, Money base, Money refundedBefore, Money refundedAfter) {
		return proportion(earned, base, refundedAfter) - proportion(earned, base, refundedBefore);
	}

	/**
	 * Of the points a refund takes back ({@link #reversalFor(long, Money, Money, Money)}), those that expired unused
	 * from the earning's lot: the member lost them already, and taking them again would take them from its other
	 * points. All refunds of the order together take from the balance at most what did not expire.
	 *
	 * @param expiry the entry that expired the earning's lot, or null
	 */
	static long expiredUnused(PointsEntry earned, PointsEntry expiry, Money base, Money refundedBefore,
			Money refundedAfter) {
		long unexpired = unexpired(earned, expiry);
		long wanted = reversalFor(earned.points(), base, refundedBefore, refundedAfter);
		long taken = Math.min(proportion(earned.points(), base, refundedAfter), unexpired)
				- Math.min(proportion(earned.points(), base, refundedBefore), unexpired);
		return wanted - taken;
	}

	/** Of a reward taken back whole, the points that expired unused. */
	static long expiredUnused(PointsEntry reward, PointsEntry expiry) {
		return reward.points() - unexpired(reward, expiry);
	}

	private static long unexpired(PointsEntry earned, PointsEntry expiry) {
		long expired = expiry == null || expiry.status() != EntryStatus.APPLIED ? 0 : -expiry.points();
		return Math.max(0, earned.points() - expired);
	}

	private static long proportion(long earned, Money base, Money refunded) {
		if (refunded.compareTo(base) >= 0) {
			return earned;
		}
		return BigDecimal.valueOf(earned)
			.multiply(BigDecimal.valueOf(refunded.minorUnits()))
			.divide(BigDecimal.valueOf(base.minorUnits()), 0, RoundingMode.FLOOR)
			.longValueExact();
	}

	private BigDecimal best(Predicate<EarnRule> applies, BigDecimal otherwise) {
		return rules.stream()
			.filter(applies)
			.map(r -> BigDecimal.valueOf(r.factor()))
			.max(BigDecimal::compareTo)
			.orElse(otherwise);
	}

}
