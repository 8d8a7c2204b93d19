package io.membergraph.commerce;

/** What an order document is: a sale, or a credit note (money given back with no order of ours to refund). */
public enum OrderKind {

	SALE,

	/**
	 * A return whose original order is not known: a credit note, or a return from before the history starts. It
	 * refunds the member on its own (net spend, refund rate and KPIs count it) until its original is recorded,
	 * when it moves onto that order as a refund.
	 */
	CREDIT_NOTE

}
