package io.membergraph.loyalty;

/** The kinds of points ledger entries. */
public enum EntryType {

	/** Points earned by an order, an interaction or a bonus; they form a lot that expires. */
	EARN,
	/** Points spent by the member. */
	REDEEM,
	/** Points of a lot that reached its expiry date unspent. */
	EXPIRE,
	/** A correction by a CRM specialist or admin, with a reason; positive adjustments form a lot. */
	ADJUST,
	/** Points taken back because the order that earned them was refunded. */
	REVERSE

}
