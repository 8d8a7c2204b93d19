package io.membergraph.customer;

import java.time.Instant;
import java.time.LocalDate;

import io.membergraph.shared.Money;

/**
 * A member's RFM as of a scoring run's as-of day.
 *
 * @param run the scoring run that wrote it; a later run covering the member replaces or removes it
 */
public record RfmScore(LocalDate asOf, Integer lookbackDays, int recencyDays, int frequency, Money monetary, int r,
		int f, int m, RfmSegment segment, Instant scoredAt, String run) {
}
