package io.membergraph.campaign.internal;

/**
 * Which campaign an order is credited to when more than one contacted the member within its attribution window
 * before the order. An order that names a campaign (a coupon of it) is that campaign's whatever the model.
 */
public enum Attribution {

	/** The campaign with the latest contact before the order. */
	LAST_TOUCH,

	/** The campaign with the earliest contact still in its window. */
	FIRST_TOUCH

}
