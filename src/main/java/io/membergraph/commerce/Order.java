package io.membergraph.commerce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.internal.PendingMemberUpdates;
import io.membergraph.member.MemberStats;
import io.membergraph.member.StatsChange;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UserError;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order from one channel. Its id is {@code CHANNEL:orderNumber}, so an order number is unique per channel
 * by construction and a replayed order is found by one {@code _id} read.
 *
 * @param pendingMemberUpdates member-side updates written here but not yet confirmed as done: the entry in the
 * member's order list, and stats changes (the order itself, its refunds); the recovery sweep completes them
 * after a crash
 * @param fingerprint a digest of the recorded content, to tell an honest retry from a clashing order number
 * @param changedAt when the order was last written (recorded, refunded, moved to a surviving member), so
 * in-memory views of the orders reload only what changed
 * @param currency the ISO 4217 currency of its amounts
 * @param kind a sale (null for orders recorded before kinds were kept) or a credit note; a credit note holds the
 * returned lines, nothing paid, and its money back as its one refund
 * @param returns for a credit note, the order it says it returns, when it names one
 * @param attachedTo for a credit note, the order it moved onto as a refund once that order was recorded; it then
 * counts there and no longer on its own
 */
@Document("orders")
@CompoundIndex(name = "member_placed", def = "{'memberId': 1, 'placedAt': -1}")
public record Order(@Id String id, String orderNumber, Channel channel, String memberId, String storeId,
		String salesAssociate, OrderStatus status, @Indexed Instant placedAt, Instant paidAt, Instant shippedAt,
		Instant deliveredAt, Instant completedAt, Instant cancelledAt, List<OrderLine> lines, Money discount,
		Money paidAmount, String couponCode, String campaignId, List<Refund> refunds, Money refundedAmount,
		@Indexed(sparse = true) List<String> pendingMemberUpdates, String fingerprint, Instant recordedAt,
		@Indexed Instant changedAt, String currency, OrderKind kind, String returns, String attachedTo) {

	/** This order as the member it was recorded for, merged away since, holds it now. */
	public Order ofMember(String survivorId) {
		return new Order(id, orderNumber, channel, survivorId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				refunds, refundedAmount, pendingMemberUpdates, fingerprint, recordedAt, changedAt, currency, kind, returns,
				attachedTo);
	}

	/** This order stamped as written at {@code at}; every write of an order sets {@code changedAt}. */
	Order changedAt(Instant at) {
		return new Order(id, orderNumber, channel, memberId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				refunds, refundedAmount, pendingMemberUpdates, fingerprint, recordedAt, at, currency, kind, returns,
				attachedTo);
	}

	public Order withBookkeeping(List<String> pending, String contentFingerprint) {
		return new Order(id, orderNumber, channel, memberId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				refunds, refundedAmount, pending, contentFingerprint, recordedAt, changedAt, currency, kind, returns,
				attachedTo);
	}

	/** This order with one more refund, as a batch adds it before writing. */
	Order withRefund(Refund refund) {
		List<Refund> more = new java.util.ArrayList<>(refunds());
		more.add(refund);
		return new Order(id, orderNumber, channel, memberId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				List.copyOf(more), refundedAmount.plus(refund.amount()), pendingMemberUpdates, fingerprint, recordedAt,
				changedAt, currency, kind, returns, attachedTo);
	}

	/**
	 * This order's content in place of {@code recorded}'s: the order as a corrected source reads it, keeping the
	 * refunds recorded against it (and the credit notes moved onto it), with {@code pending} marked.
	 */
	Order correcting(Order recorded, List<String> pending) {
		return new Order(id, orderNumber, channel, memberId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				recorded.refunds(), recorded.refundedAmount(), pending, fingerprint, recordedAt, changedAt, currency, kind,
				returns, attachedTo);
	}

	/** This order with its refunds as a corrected source reads them, with {@code pending} marked. */
	Order withRefunds(List<Refund> corrected, List<String> pending) {
		Money total = corrected.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
		return new Order(id, orderNumber, channel, memberId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				List.copyOf(corrected), total, pending, fingerprint, recordedAt, changedAt, currency, kind, returns,
				attachedTo);
	}

	/** This credit note moved onto the order it returns. */
	Order attachedTo(String orderId) {
		return new Order(id, orderNumber, channel, memberId, storeId, salesAssociate, status, placedAt, paidAt,
				shippedAt, deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId,
				refunds, refundedAmount, pendingMemberUpdates, fingerprint, recordedAt, changedAt, currency, kind, returns,
				orderId);
	}

	/** A sale unless it says otherwise: orders recorded before kinds were kept are sales. */
	public OrderKind kind() {
		return kind == null ? OrderKind.SALE : kind;
	}

	public boolean isCreditNote() {
		return kind == OrderKind.CREDIT_NOTE;
	}

	/** A credit note that counts on its own: not yet moved onto the order it returns. */
	public boolean isStandAloneCredit() {
		return isCreditNote() && attachedTo == null;
	}

	/** Whether its member-side updates are still being written: a batch under way, or one left to the recovery sweep. */
	boolean isBeingApplied() {
		return pendingMemberUpdates != null && !pendingMemberUpdates.isEmpty();
	}

	/**
	 * The characters an order number and a refund's id may hold (1 to 64 of them), as a regular expression's
	 * character class: letters, digits and {@code _-./#}. Imports join columns into an order number with them.
	 */
	public static final String NUMBER_CHARACTERS = "\\p{L}\\p{N}_\\-./#";

	public static String idOf(Channel channel, String orderNumber) {
		return channel.name() + ":" + orderNumber;
	}

	/** Whether the order adds to its member's stats as a purchase: a sale, paid, not cancelled, placed by a member. */
	public boolean countsForMember() {
		return !isCreditNote() && memberId != null && paidAt != null && cancelledAt == null;
	}

	/** The key of a credit note's refund of its member, and of taking it back when it moves onto its order. */
	String creditKey() {
		return "credit:" + id;
	}

	/**
	 * The key of placing the order with its member. Nothing is written for it (a member's orders are read from the
	 * orders), but owing it makes the completion check the member first: an order recorded for a member merged away
	 * meanwhile moves to the survivor, paid or not.
	 */
	public String listKey() {
		return "list:" + id;
	}

	/** The updates a newly recorded order owes its member: its place with the member, and its stats once paid. */
	public List<String> memberUpdatesDue() {
		if (memberId == null) {
			return List.of();
		}
		return countsForMember() ? List.of(listKey(), statsKey(), purchasesKey()) : List.of(listKey());
	}

	public String statsKey() {
		return "order:" + id;
	}

	/** The key of recomputing the member's purchase rollup after this order was paid. */
	public String purchasesKey() {
		return "purchases:" + id;
	}

	/** The key of recomputing the member's purchase rollup after a refund of this order. */
	public String purchasesKey(String refundId) {
		return "purchases:" + id + ":" + refundId;
	}

	public static boolean isPurchasesKey(String key) {
		return key.startsWith("purchases:");
	}

	public String refundStatsKey(String refundId) {
		return "refund:" + id + ":" + refundId;
	}

	/**
	 * Every change this order makes to its member's stats, keyed as {@link PendingMemberUpdates} applies them: the
	 * order itself once paid, then each refund, the one that completes a full refund saying so.
	 */
	public Map<String, StatsChange> statsChanges() {
		Map<String, StatsChange> changes = new LinkedHashMap<>();
		if (isStandAloneCredit() && memberId != null) {
			changes.put(creditKey(), StatsChange.refund(refundedAmount, false));
		}
		if (!countsForMember()) {
			return changes;
		}
		changes.put(statsKey(), StatsChange.paidOrder(paidAmount, placedAt));
		Money refundedSoFar = Money.ZERO;
		for (Refund refund : refunds()) {
			refundedSoFar = refundedSoFar.plus(refund.amount());
			changes.put(refundStatsKey(refund.refundId()),
					StatsChange.refund(refund.amount(), refundedSoFar.equals(paidAmount)));
		}
		return changes;
	}

	/** The member's stats with this order's changes added. */
	public MemberStats addTo(MemberStats stats) {
		MemberStats sum = stats;
		for (StatsChange change : statsChanges().values()) {
			sum = sum.plus(change);
		}
		return sum;
	}

	Money refundable() {
		return paidAmount.minus(refundedAmount);
	}

	/**
	 * The most refunds one order takes. Each is a cent at least, so a large order could otherwise take millions and
	 * grow past what one document holds; no shop gives money back on one order a thousand times.
	 */
	static final int MAX_REFUNDS = 1_000;

	/** Why this order takes no further refund: it holds {@link #MAX_REFUNDS} already. */
	UserError refundLimitRefusal() {
		return refunds().size() >= MAX_REFUNDS ? new UserError("TOO_MANY_REFUNDS", "Order " + orderNumber + " has "
				+ MAX_REFUNDS + " refunds, the most one order takes", "refundId") : null;
	}

	/** Why a refund dated {@code at} cannot be one of this order: it would be dated before the order was placed. */
	UserError refundDateRefusal(Instant at) {
		return at.isBefore(placedAt) ? new UserError("REFUND_BEFORE_ORDER", "A refund dated " + at
				+ " is before order " + orderNumber + " was placed (" + placedAt + ")", "refundedAt") : null;
	}

	public List<Refund> refunds() {
		return refunds == null ? List.of() : refunds;
	}

}
