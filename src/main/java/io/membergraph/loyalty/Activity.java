package io.membergraph.loyalty;

/** Things a member does that an ACTIVITY_REWARD rule may reward with points. */
public enum Activity {

	REGISTRATION, FIRST_ORDER, REVIEW, CHECK_IN, REFERRAL

}
