package io.membergraph.member;

/** Monthly income bands in the programme currency, as customers state them in surveys. */
public enum IncomeBand {

	BELOW_5K, FROM_5K_TO_10K, FROM_10K_TO_20K, FROM_20K_TO_50K, ABOVE_50K

}
