package io.membergraph.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.commerce.OrderFollowUp;
import io.membergraph.commerce.Refund;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Money;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Points for orders, as a step of recording them: a paid member order earns points (and the member's first
 * one the first-order reward); each refund takes back points in proportion to the amount refunded.
 */
@Component
class OrderPoints implements OrderFollowUp {

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

	OrderPoints(PointsLedger ledger, EarnRules rules, TierQualification tiers, Referrals referrals,
			LoyaltyProgramme programme, MemberDirectory members, BatchLoyalty batches, PointsCorrections corrections) {
		this.batches = batches;
		this.corrections = corrections;
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
					grantRewardsAgain(order);
					order.refunds().forEach(refund -> reverse(order, refund.refundId()));
				}
				else {
					corrections.settle(member, order, key);
					followRewards(member, order);
				}
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
		if (points > 0) {
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
	 * whichever of the new member's orders gets here first, also after a crash.
	 */
	private void rewardReferrer(Order order, PointsCalculator calculator) {
		Referral referral = referrals.of(order.memberId());
		long reward = calculator.forActivity(Activity.REFERRAL);
		String key = referral == null ? null : referral.rewardKey();
		if (referral != null && reward > 0 && ledger.entry(referral.referrerId(), key) == null) {
			ledger.earn(referral.referrerId(), key, reward, "referred " + order.memberId() + ", who bought",
					"member:" + order.memberId(), 0, order.placedAt(), "system");
		}
	}

	/**
	 * The rewards of buying stand only while the member bought: a corrected order now returned in full takes back what it
	 * brought, as a return does; a member left with no order that earns (its orders corrected away or to unpaid) gives
	 * back its first-order reward and its referrer's reward, whichever order brought them.
	 */
	private void followRewards(String memberId, Order order) {
		boolean stillEarns = order.countsForMember() && memberId.equals(order.memberId());
		String reason = "order " + order.orderNumber() + " corrected";
		if (stillEarns) {
			if (!PointsCalculator.returnsAll(order, Money.ZERO, order.refundedAmount())) {
				if (rewardsTakenBackWith(memberId, order)) {
					// Its returns, read anew, no longer give back the whole order.
					grantRewardsAgain(order);
				}
			}
			else if (takeBackRewards(memberId, order, ledger.entry(memberId, earnKey(order)), "returned in full")) {
				corrections.afterTakingBack(memberId, order.placedAt(), reason);
			}
			return;
		}
		if (members.firstOrderAt(memberId).isPresent()) {
			// Another order of the member counts (its figures were recounted before this step): the reward stands for
			// it, as it would have had the order that moved away never been the member's.
			return;
		}
		boolean tookBack = false;
		for (PointsEntry grant : standingGrants(memberId, FIRST_ORDER)) {
			takeBack(grant, grant.key() + RETURNED, order, reason + ": the member bought nothing, its first-order reward");
			tookBack = true;
		}
		Referral referral = referrals.of(memberId);
		for (PointsEntry grant : referral == null ? List.<PointsEntry>of()
				: standingGrants(referral.referrerId(), referral.rewardKey())) {
			takeBack(grant, grant.key() + RETURNED, order, reason + ": referred " + memberId + " bought nothing");
			corrections.afterTakingBack(referral.referrerId(), order.placedAt(), reason);
		}
		if (tookBack) {
			corrections.afterTakingBack(memberId, order.placedAt(), reason);
		}
	}

	/** Whether the member's first-order reward was brought by this order and taken back (all of it returned). */
	private boolean rewardsTakenBackWith(String memberId, Order order) {
		List<PointsEntry> family = corrections.family(memberId, FIRST_ORDER);
		List<String> takenBack = takenBack(family);
		return family.stream()
			.anyMatch(e -> e.type() == EntryType.EARN && ("order:" + order.id()).equals(e.source())
					&& takenBack.contains(e.key() + RETURNED));
	}

	/** A reward's grants on the member that were not taken back. */
	private List<PointsEntry> standingGrants(String memberId, String rewardKey) {
		List<PointsEntry> family = corrections.family(memberId, rewardKey);
		List<String> takenBack = takenBack(family);
		return family.stream()
			.filter(e -> e.type() == EntryType.EARN && e.status() == EntryStatus.APPLIED && e.points() > 0)
			.filter(e -> !takenBack.contains(e.key() + RETURNED))
			.toList();
	}

	/** The keys of a reward's take-backs, each its grant's key and {@link #RETURNED}. */
	private static List<String> takenBack(List<PointsEntry> family) {
		return family.stream().map(PointsEntry::key).filter(k -> k.endsWith(RETURNED)).toList();
	}

	/**
	 * A member whose first-order reward (and whose referrer's reward) went back with an order a correction took away
	 * earns it again with the order a correction brings it, keyed by that order. Once each: only while no grant of it
	 * stands.
	 */
	private void grantRewardsAgain(Order order) {
		PointsCalculator calculator = rules.calculator();
		String member = order.memberId();
		long firstOrderReward = calculator.forActivity(Activity.FIRST_ORDER);
		if (firstOrderReward > 0 && standing(member, FIRST_ORDER) == 0) {
			ledger.earn(member, grantedAgain(FIRST_ORDER, order.id()), firstOrderReward, Activity.FIRST_ORDER.name(),
					"order:" + order.id(), 0, order.placedAt(), "system");
		}
		Referral referral = referrals.of(member);
		long referralReward = calculator.forActivity(Activity.REFERRAL);
		if (referral != null && referralReward > 0 && standing(referral.referrerId(), referral.rewardKey()) == 0) {
			ledger.earn(referral.referrerId(), grantedAgain(referral.rewardKey(), order.id()), referralReward,
					"referred " + member + ", who bought", "member:" + member, 0, order.placedAt(), "system");
		}
	}

	/**
	 * What of a reward granted once (then perhaps taken back and granted again) stands on the member: its grants less
	 * their take-backs, as requested; -1 if it was never granted.
	 */
	private long standing(String memberId, String rewardKey) {
		List<PointsEntry> family = corrections.family(memberId, rewardKey);
		if (family.stream().noneMatch(e -> e.key().equals(rewardKey) && e.status() == EntryStatus.APPLIED)) {
			return -1;
		}
		return family.stream()
			.filter(e -> e.status() == EntryStatus.APPLIED)
			.mapToLong(e -> e.type() == EntryType.EARN ? e.points() : -e.requested())
			.sum();
	}

	private static String grantedAgain(String rewardKey, String orderId) {
		return rewardKey + ":" + orderId;
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
			if (points > 0) {
				long expired = PointsCalculator.expiredUnused(earned, ledger.expiryOf(earned), base, before, after);
				ledger.reverse(order.memberId(), "refund:" + order.id() + "|" + refundId, points, expired, earned.id(),
						refund.amount().minorUnits(), order.placedAt(),
						"refund " + refundId + " of order " + order.orderNumber());
			}
		}
		if (PointsCalculator.returnsAll(order, before, after)) {
			takeBackRewards(order.memberId(), order, earned, "returned in full");
		}
		PointsAccount account = ledger.account(order.memberId());
		if (account != null && account.mergedInto() == null) {
			tiers.afterReturn(order.memberId(), account, refund.refundedAt(),
					"refund " + refundId + " of order " + order.orderNumber());
		}
	}

	/**
	 * A first order returned in full gives back what it brought: the first-order reward, and the referrer's reward for
	 * bringing the member in, else buying and returning would earn both. Neither is granted again.
	 *
	 * @param memberId the member the order brought them, the one it is recorded for unless a correction moved it
	 * @param why what became of the order, for the entries' reasons
	 * @param orderPoints the order's own points entry, which tells whether a merge moved the order here
	 * @return whether there was a reward to take back
	 */
	private boolean takeBackRewards(String memberId, Order order, PointsEntry orderPoints, String why) {
		PointsEntry first = firstOrderRewardOf(memberId, order, orderPoints, ledger::entry);
		if (first == null) {
			return false;
		}
		takeBack(first, first.key() + RETURNED, order, "order " + order.orderNumber() + " " + why
				+ ": its first-order reward");
		Referral referral = referralPaidOff(first, orderPoints, referrals.of(memberId));
		PointsEntry reward = referral == null ? null : ledger.entry(referral.referrerId(), referral.rewardKey());
		if (reward != null && reward.status() == EntryStatus.APPLIED && reward.points() > 0) {
			takeBack(reward, referral.rewardKey() + RETURNED, order, "the first order of referred " + memberId + " "
					+ why);
		}
		return true;
	}

	/** Reverses a reward; what of it expired unused stays out of the balance. */
	private void takeBack(PointsEntry reward, String key, Order order, String reason) {
		ledger.reverse(reward.memberId(), key, reward.points(), PointsCalculator.expiredUnused(reward,
				ledger.expiryOf(reward)), reward.id(), 0, order.placedAt(), reason);
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

	private static PointsEntry firstOrderRewardOf(String memberId, Order order, PointsEntry orderPoints,
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
			ids.add(PointsEntry.idOf(memberId, grantedAgain(FIRST_ORDER, orderPoints.source().substring(6))));
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
