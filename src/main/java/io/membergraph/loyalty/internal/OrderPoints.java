package io.membergraph.loyalty.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.commerce.OrderFollowUp;
import io.membergraph.commerce.Refund;
import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.Referral;
import io.membergraph.loyalty.Referrals;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Money;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Points for orders, as a step of recording them: a paid member order earns points (and the member's first
 * one the first-order reward); each refund takes back points in proportion to the amount refunded.
 */
@Component
public class OrderPoints implements OrderFollowUp {

	private static final String EARN = "points:";

	private static final String REVERSE = "points-back:";

	/** The key of moving an order's points to what its correction earns: one per correction, then the former member. */
	private static final String CORRECT = "points-corrected:";

	/** The idempotency key of the first-order reward: one per member. */
	static final String FIRST_ORDER = "first-order";

	/** Appended to a reward's key for its reversal when the order that brought it is returned in full. */
	static final String RETURNED = ":returned";

	private final PointsLedger ledger;

	private final EarnRules rules;

	private final TierQualification tiers;

	private final Referrals referrals;

	private final LoyaltyProgramme programme;

	private final MemberDirectory members;

	private final BatchLoyalty batches;

	private final PointsCorrections corrections;

	private final BuyingRewards rewards;

	OrderPoints(PointsLedger ledger, EarnRules rules, TierQualification tiers, Referrals referrals,
			LoyaltyProgramme programme, MemberDirectory members, BatchLoyalty batches, PointsCorrections corrections,
			BuyingRewards rewards) {
		this.batches = batches;
		this.corrections = corrections;
		this.rewards = rewards;
		this.ledger = ledger;
		this.rules = rules;
		this.tiers = tiers;
		this.referrals = referrals;
		this.programme = programme;
		this.members = members;
	}

	@Override
	public List<String> dueOnRecord(Order order) {
		return order.countsForMember() ? List.of(EARN + order.id()) : List.of();
	}

	@Override
	public List<String> dueOnRefund(Order order, Refund refund) {
		return order.countsForMember() ? List.of(REVERSE + order.id() + "|" + refund.refundId()) : List.of();
	}

	@Override
	public List<String> dueOnCorrection(Order before, Order after, LoyaltyMode mode) {
		if (mode == LoyaltyMode.NONE || !before.countsForMember() && !after.countsForMember()) {
			return List.of();
		}
		return List.of(CORRECT + new ObjectId().toHexString() + "|" + (before.countsForMember() ? before.memberId() : ""));
	}

	@Override
	public boolean handles(String key) {
		return key.startsWith(EARN) || key.startsWith(REVERSE) || key.startsWith(CORRECT);
	}

	@Override
	public void complete(Order order, String key) {
		if (key.startsWith(EARN)) {
			earn(order);
		}
		else if (key.startsWith(CORRECT)) {
			String former = key.substring(key.lastIndexOf('|') + 1);
			for (String member : Stream.of(former, order.countsForMember() ? order.memberId() : "")
				.filter(m -> !m.isEmpty())
				.distinct()
				.toList()) {
				if (member.equals(order.memberId()) && order.countsForMember()
						&& ledger.entry(member, earnKey(order)) == null) {
					// New to this member: it earns as a newly recorded order would, its refunds taken back in turn.
					earn(order);
					rewards.grantAgain(order);
					order.refunds().forEach(refund -> reverse(order, refund.refundId()));
				}
				else {
					corrections.settle(member, order, key);
					rewards.followCorrection(member, order);
				}
				corrections.expireDue(member);
			}
		}
		else {
			reverse(order, key.substring(key.indexOf('|') + 1));
		}
	}

	@Override
	public void completeBatch(String batch, List<OrderEvent> events, LoyaltyMode mode) {
		batches.complete(batch, events, mode);
	}

	private void earn(Order order) {
		PointsCalculator calculator = rules.calculator();
		// A crash may have cut the member's welcome short; its order must not hide that (see LoyaltyProgramme).
		if (calculator.forActivity(Activity.REGISTRATION) > 0 && ledger.entry(order.memberId(), "registration") == null) {
			members.registrationOf(order.memberId()).ifPresent(programme::welcome);
		}
		String tier = tiers.statusOf(order.memberId(), order.placedAt()).tierCode();
		long points = calculator.forOrder(order, tier);
		if (tiers.worthAnEntry(points, order.paidAmount().minorUnits())) {
			ledger.earn(order.memberId(), earnKey(order), points, "order " + order.orderNumber(), "order:" + order.id(),
					order.paidAmount().minorUnits(), order.placedAt(), "system");
		}
		long firstOrderReward = calculator.forActivity(Activity.FIRST_ORDER);
		if (firstOrderReward > 0 && ledger.entry(order.memberId(), FIRST_ORDER) == null) {
			// Keyed per member, not per order: whichever order comes first earns it, once.
			ledger.earn(order.memberId(), FIRST_ORDER, firstOrderReward, Activity.FIRST_ORDER.name(),
					"order:" + order.id(), 0, order.placedAt(), "system");
		}
		rewardReferrer(order, calculator);
	}

	/**
	 * A referred member has bought: the referrer earns the referral reward, once (keyed by the new member),
	 * whichever of the new member's orders gets here first, also after a crash. A referrer merged away, or being merged,
	 * earns nothing more under its old id: the merge takes the referral to the survivor (or drops it, when the two are
	 * one customer) with what it earned. Between the merge's move of the ledger and of the referrals, the old id's key
	 * is free again while its closed account still remembers the grant moved away as applied: a grant there was applied
	 * on a ledger no one reads any more.
	 */
	private void rewardReferrer(Order order, PointsCalculator calculator) {
		Referral referral = referrals.of(order.memberId());
		long reward = calculator.forActivity(Activity.REFERRAL);
		String key = referral == null ? null : referral.rewardKey();
		if (referral != null && reward > 0 && ledger.entry(referral.referrerId(), key) == null
				&& members.currentId(referral.referrerId()).filter(referral.referrerId()::equals).isPresent()) {
			ledger.earn(referral.referrerId(), key, reward, "referred " + order.memberId() + ", who bought",
					"member:" + order.memberId(), 0, order.placedAt(), "system");
		}
	}

	private void reverse(Order order, String refundId) {
		Money before = Money.ZERO;
		Money after = Money.ZERO;
		Refund refund = null;
		for (Refund r : order.refunds()) {
			after = after.plus(r.amount());
			if (r.refundId().equals(refundId)) {
				refund = r;
				break;
			}
			before = after;
		}
		if (refund == null) {
			throw new IllegalStateException("Order " + order.id() + " has no refund " + refundId);
		}
		PointsEntry earned = ledger.entry(order.memberId(), earnKey(order));
		if (earned != null && earned.status() == EntryStatus.APPLIED) {
			Money base = PointsCalculator.earningBase(order);
			long points = PointsCalculator.reversalFor(earned.points(), base, before, after);
			if (tiers.worthAnEntry(points, refund.amount().minorUnits())) {
				long expired = PointsCalculator.expiredUnused(earned, ledger.expiryOf(earned), base, before, after);
				ledger.reverse(order.memberId(), "refund:" + order.id() + "|" + refundId, points, expired, earned.id(),
						refund.amount().minorUnits(), order.placedAt(),
						"refund " + refundId + " of order " + order.orderNumber());
			}
		}
		if (PointsCalculator.returnsAll(order, before, after)) {
			rewards.takeBack(order.memberId(), order, earned, "returned in full");
		}
		PointsAccount account = ledger.account(order.memberId());
		if (account != null && account.mergedInto() == null) {
			tiers.afterReturn(order.memberId(), account, refund.refundedAt(),
					"refund " + refundId + " of order " + order.orderNumber());
		}
	}

	/**
	 * The first-order reward the order brought (and that still stands), looked up by id; null if it brought none. It is
	 * the member's own, or, for an order a merge moved here from the member who placed it, that member's reward, which
	 * the merge keeps beside the survivor's own under a key naming the merged member (see {@code MergedLedger}).
	 *
	 * @param orderPoints the order's points entry; its {@code movedFrom} names the member who earned them
	 */
	static PointsEntry firstOrderRewardOf(Order order, PointsEntry orderPoints, Function<String, PointsEntry> byId) {
		return firstOrderRewardOf(order.memberId(), order, orderPoints, byId);
	}

	static PointsEntry firstOrderRewardOf(String memberId, Order order, PointsEntry orderPoints,
			Function<String, PointsEntry> byId) {
		for (String id : firstOrderRewardIds(memberId, orderPoints)) {
			PointsEntry reward = byId.apply(id);
			if (broughtBy(reward, order)) {
				return reward;
			}
		}
		return null;
	}

	/** Where the first-order reward of an order may be found, as {@link #firstOrderRewardOf} looks. */
	static List<String> firstOrderRewardIds(String memberId, PointsEntry orderPoints) {
		List<String> ids = new ArrayList<>();
		if (orderPoints != null && orderPoints.source() != null && orderPoints.source().startsWith("order:")) {
			// Granted again by this order after a correction took the first grant away: the one that stands.
			ids.add(PointsEntry.idOf(memberId, BuyingRewards.grantedAgain(FIRST_ORDER, orderPoints.source().substring(6))));
		}
		ids.add(PointsEntry.idOf(memberId, FIRST_ORDER));
		String placedBy = placedBy(orderPoints);
		if (placedBy != null) {
			ids.add(PointsEntry.idOfMerged(memberId, placedBy, FIRST_ORDER));
		}
		return ids;
	}

	/**
	 * The referral whose reward a first-order reward paid off: the member's own, unless the reward is a merged member's
	 * kept beside the survivor's, whose referral is the member's only if it came with the merge.
	 */
	static Referral referralPaidOff(PointsEntry firstOrderReward, PointsEntry orderPoints, Referral referral) {
		if (referral == null || firstOrderReward.key().equals(FIRST_ORDER)) {
			return referral;
		}
		return referral.rewardKey().equals("referral:" + placedBy(orderPoints)) ? referral : null;
	}

	/** The member whose order earned these points, when a merge moved them; null for the member's own. */
	static String placedBy(PointsEntry orderPoints) {
		String movedFrom = orderPoints == null ? null : orderPoints.movedFrom();
		return movedFrom == null ? null : movedFrom.substring(0, movedFrom.indexOf('|'));
	}

	/** Whether the member's first-order reward was earned by this order (and still stands). */
	static boolean broughtBy(PointsEntry firstOrderReward, Order order) {
		return firstOrderReward != null && firstOrderReward.status() == EntryStatus.APPLIED
				&& firstOrderReward.points() > 0 && ("order:" + order.id()).equals(firstOrderReward.source());
	}

	static String earnKey(Order order) {
		return "order:" + order.id();
	}

}
