package io.membergraph.prediction;

/** Churn risk (1 − P(alive)) in bands with configurable cut-offs ({@code membergraph.prediction}). */
enum ChurnBand {

	LOW, MEDIUM, HIGH

}
