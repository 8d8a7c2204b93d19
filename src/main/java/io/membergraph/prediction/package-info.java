/**
 * Prediction: which members are still active and will buy again, what they will spend (BG/NBD, Gamma-Gamma).
 */
package io.membergraph.prediction;
