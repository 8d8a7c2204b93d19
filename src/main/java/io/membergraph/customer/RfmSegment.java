package io.membergraph.customer;

/** The eight RFM segments: important or general by M, then by R and F. */
public enum RfmSegment {

	IMPORTANT_VALUE, IMPORTANT_DEVELOPMENT, IMPORTANT_RETENTION, IMPORTANT_WIN_BACK, GENERAL_VALUE,
	GENERAL_DEVELOPMENT, GENERAL_RETENTION, GENERAL_WIN_BACK;

	/** The segment of a customer whose R, F and M are each high or low against the run's reference. */
	public static RfmSegment of(boolean recent, boolean frequent, boolean valuable) {
		int index = (valuable ? 0 : 4) + (recent ? (frequent ? 0 : 1) : (frequent ? 2 : 3));
		return values()[index];
	}

}
