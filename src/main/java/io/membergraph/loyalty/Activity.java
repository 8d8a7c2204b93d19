package io.membergraph.loyalty;

/** Things a member does that an ACTIVITY_REWARD rule may reward with points. */
public enum Activity {

	/** Joining: rewarded by the programme when the member is welcomed, once. */
	REGISTRATION(false),
	/** The first paid order: rewarded by the programme with that order's points, once. */
	FIRST_ORDER(false),
	REVIEW(true),
	CHECK_IN(true),
	/** Bringing a new member in: rewarded by the programme when the referred member first buys, once per referral. */
	REFERRAL(false);

	private final boolean reportedByClient;

	Activity(boolean reportedByClient) {
		this.reportedByClient = reportedByClient;
	}

	/** Whether a client reports it to be rewarded ({@code earnPoints}); the others the programme rewards itself. */
	public boolean reportedByClient() {
		return reportedByClient;
	}

}
