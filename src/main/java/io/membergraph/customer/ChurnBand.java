package io.membergraph.customer;

/** Churn risk (1 − P(alive)) in bands with configurable cut-offs ({@code membergraph.prediction}). */
public enum ChurnBand {

	LOW, MEDIUM, HIGH

}
