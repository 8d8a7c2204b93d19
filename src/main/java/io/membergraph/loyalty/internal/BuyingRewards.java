package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.membergraph.commerce.Order;
import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.Referral;
import io.membergraph.loyalty.Referrals;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Money;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The rewards of buying: the member's first-order reward and its referrer's reward for bringing it in. Granted with the
 * member's first order (see {@link OrderPoints}); taken back when that order is returned in full, and followed when
 * corrections move orders between members or read their returns anew, so that they stand only while the member bought.
 */
@Component
public class BuyingRewards {

	private final MongoTemplate mongo;

	private final PointsLedger ledger;

	private final EarnRules rules;

	private final Referrals referrals;

	private final MemberDirectory members;

	private final PointsCorrections corrections;

	BuyingRewards(MongoTemplate mongo, PointsLedger ledger, EarnRules rules, Referrals referrals, MemberDirectory members,
			PointsCorrections corrections) {
		this.mongo = mongo;
		this.ledger = ledger;
		this.rules = rules;
		this.referrals = referrals;
		this.members = members;
		this.corrections = corrections;
	}

	/**
	 * A first order returned in full gives back what it brought: the first-order reward, and the referrer's reward for
	 * bringing the member in, else buying and returning would earn both. A later order does not grant them again (a
	 * correction may: {@link #followCorrection}).
	 *
	 * @param memberId the member the order brought them, the one it is recorded for unless a correction moved it
	 * @param orderPoints the order's own points entry, which tells whether a merge moved the order here
	 * @param why what became of the order, for the entries' reasons
	 * @return whether there was a reward to take back
	 */
	boolean takeBack(String memberId, Order order, PointsEntry orderPoints, String why) {
		PointsEntry first = OrderPoints.firstOrderRewardOf(memberId, order, orderPoints, ledger::entry);
		if (first == null) {
			return false;
		}
		reverse(first, first.key() + OrderPoints.RETURNED, order.placedAt(), "order " + order.orderNumber() + " " + why
				+ ": its first-order reward");
		Referral referral = OrderPoints.referralPaidOff(first, orderPoints, referrals.of(memberId));
		PointsEntry reward = referral == null ? null : ledger.entry(referral.referrerId(), referral.rewardKey());
		if (reward != null && reward.status() == EntryStatus.APPLIED && reward.points() > 0) {
			reverse(reward, referral.rewardKey() + OrderPoints.RETURNED, order.placedAt(),
					"the first order of referred " + memberId + " " + why);
		}
		return true;
	}

	/**
	 * A customer cannot bring itself in. A merge that finds the referrer and the member it referred to be one customer
	 * (a second account signed up with the first's referral) takes back the reward that referral earned, from the
	 * survivor, who holds both ledgers now; without this, referring one's own second account would pay.
	 *
	 * @param rewardKey the referral's reward key, as the survivor's ledger names it since the merge
	 * @param mergedAt when the merge ran, as of which the survivor's tier is decided again
	 */
	void takeBackSelfReferral(String survivorId, String rewardKey, String mergedId, Instant mergedAt) {
		String reason = "merged " + mergedId + " into " + survivorId + ", who referred itself";
		boolean tookBack = false;
		for (PointsEntry grant : standingGrants(survivorId, rewardKey)) {
			// Dated as the grant: the points never counted toward a tier.
			reverse(grant, grant.key() + OrderPoints.RETURNED, grant.occurredAt(), reason);
			tookBack = true;
		}
		if (tookBack) {
			corrections.afterTakingBack(survivorId, mergedAt, reason);
		}
	}

	/** Reverses a reward as of {@code at}; what of it expired unused stays out of the balance. */
	private void reverse(PointsEntry reward, String key, Instant at, String reason) {
		ledger.reverse(reward.memberId(), key, reward.points(), PointsCalculator.expiredUnused(reward,
				ledger.expiryOf(reward)), reward.id(), 0, at, reason);
	}

	/**
	 * The rewards of buying stand only while the member bought: a corrected order now returned in full takes back what it
	 * brought, as a return does, and one that brought them and is no longer returned in full earns them again; a member
	 * left with no order that counts (its orders corrected away or to unpaid) gives back its first-order reward and its
	 * referrer's reward, whichever order brought them.
	 */
	void followCorrection(String memberId, Order order) {
		boolean stillEarns = order.countsForMember() && memberId.equals(order.memberId());
		String reason = "order " + order.orderNumber() + " corrected";
		if (stillEarns) {
			if (!PointsCalculator.returnsAll(order, Money.ZERO, order.refundedAmount())) {
				if (rewardsTakenBackWith(memberId, order)) {
					// Its returns, read anew, no longer give back the whole order.
					grantAgain(order);
				}
			}
			else if (takeBack(memberId, order, ledger.entry(memberId, OrderPoints.earnKey(order)), "returned in full")) {
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
		for (PointsEntry grant : standingGrants(memberId, OrderPoints.FIRST_ORDER)) {
			reverse(grant, grant.key() + OrderPoints.RETURNED, order.placedAt(),
					reason + ": the member bought nothing, its first-order reward");
			tookBack = true;
		}
		Referral referral = referrals.of(memberId);
		for (PointsEntry grant : referral == null ? List.<PointsEntry>of()
				: standingGrants(referral.referrerId(), referral.rewardKey())) {
			reverse(grant, grant.key() + OrderPoints.RETURNED, order.placedAt(),
					reason + ": referred " + memberId + " bought nothing");
			corrections.afterTakingBack(referral.referrerId(), order.placedAt(), reason);
		}
		if (tookBack) {
			corrections.afterTakingBack(memberId, order.placedAt(), reason);
		}
	}

	/**
	 * Whether the member's first-order reward was brought by this order and taken back (all of it returned). Only two
	 * grants can be the order's: the reward itself, had the order come first, or the one it granted again; each is
	 * read by its id, with its take-back, rather than the member's whole family of grants by pattern, which on a buyer
	 * of thousands of orders read thousands of entries for each order corrected.
	 */
	private boolean rewardsTakenBackWith(String memberId, Order order) {
		for (String key : List.of(OrderPoints.FIRST_ORDER, grantedAgain(OrderPoints.FIRST_ORDER, order.id()))) {
			PointsEntry grant = ledger.entry(memberId, key);
			if (grant != null && grant.type() == EntryType.EARN && ("order:" + order.id()).equals(grant.source())
					&& ledger.entry(memberId, key + OrderPoints.RETURNED) != null) {
				return true;
			}
		}
		return false;
	}

	/** A reward's grants on the member that were not taken back. */
	private List<PointsEntry> standingGrants(String memberId, String rewardKey) {
		List<PointsEntry> family = family(memberId, rewardKey);
		List<String> takenBack = takenBack(family);
		return family.stream()
			.filter(e -> e.type() == EntryType.EARN && e.status() == EntryStatus.APPLIED && e.points() > 0)
			.filter(e -> !takenBack.contains(e.key() + OrderPoints.RETURNED))
			.toList();
	}

	/** The keys of a reward's take-backs, each its grant's key and {@link OrderPoints#RETURNED}. */
	private static List<String> takenBack(List<PointsEntry> family) {
		return family.stream().map(PointsEntry::key).filter(k -> k.endsWith(OrderPoints.RETURNED)).toList();
	}

	/**
	 * A member whose first-order reward (and whose referrer's reward) went back with an order a correction took away
	 * earns it again with the order a correction brings it, keyed by that order. Once each: only while no grant of it
	 * stands.
	 */
	void grantAgain(Order order) {
		PointsCalculator calculator = rules.calculator();
		String member = order.memberId();
		long firstOrderReward = calculator.forActivity(Activity.FIRST_ORDER);
		if (firstOrderReward > 0 && standing(member, OrderPoints.FIRST_ORDER) == 0) {
			ledger.earn(member, grantedAgain(OrderPoints.FIRST_ORDER, order.id()), firstOrderReward,
					Activity.FIRST_ORDER.name(), "order:" + order.id(), 0, order.placedAt(), "system");
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
		List<PointsEntry> family = family(memberId, rewardKey);
		if (family.stream().noneMatch(e -> e.key().equals(rewardKey) && e.status() == EntryStatus.APPLIED)) {
			return -1;
		}
		return family.stream()
			.filter(e -> e.status() == EntryStatus.APPLIED)
			.mapToLong(e -> e.type() == EntryType.EARN ? e.points() : -e.requested())
			.sum();
	}

	static String grantedAgain(String rewardKey, String orderId) {
		return rewardKey + ":" + orderId;
	}

	/**
	 * A reward's entries on the member: its grants and take-backs, keyed {@code rewardKey} or beginning with it and
	 * ':'.
	 */
	private List<PointsEntry> family(String memberId, String rewardKey) {
		// By member first: the member's entries are indexed, a pattern on ids is not (on the embedded store).
		return mongo.find(Query.query(Criteria.where("memberId").is(memberId)
			.and("_id").regex("^" + Pattern.quote(PointsEntry.idOf(memberId, rewardKey)) + "(:|$)")), PointsEntry.class);
	}

}
