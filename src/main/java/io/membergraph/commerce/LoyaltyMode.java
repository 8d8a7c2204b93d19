package io.membergraph.commerce;

/**
 * How the loyalty programme treats orders loaded in bulk. Recording an order through the API is always
 * {@link #LIVE}; an import says which it is, {@link #HISTORY} unless told otherwise.
 */
public enum LoyaltyMode {

	/**
	 * As if the programme had been running when the orders happened: each order earns by the rules and at the
	 * tier of its own date, upgrades and anniversary reviews are dated when they would have happened, lots
	 * expire on their dates, and the registration and first-order rewards are dated by the history, not today.
	 */
	HISTORY,

	/** As recording each order through the API now would: rewards and tier changes dated today. */
	LIVE,

	/** No points, no tier changes: the orders count in stats and analyses only. */
	NONE

}
