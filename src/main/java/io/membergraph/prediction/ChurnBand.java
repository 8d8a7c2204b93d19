package io.membergraph.prediction;

/** Churn risk (1 − P(alive)) in bands with configurable cut-offs ({@code membergraph.prediction}). */
public enum ChurnBand {

	LOW, MEDIUM, HIGH

}
