package io.membergraph.loyalty;

public enum EntryStatus {

	/** Written, not yet applied to the account; a retry or the recovery sweep finishes it. */
	PENDING,
	APPLIED,
	/** Refused when applied (e.g. not enough points to redeem); it never changed the balance. */
	REJECTED

}
