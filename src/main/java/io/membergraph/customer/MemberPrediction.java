package io.membergraph.customer;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's scores from the latest scoring run, keyed by member id, so segments can select on them.
 *
 * @param probabilityAlive P(alive) from the BG/NBD model given the member's purchase days up to the scoring day
 * @param churnRisk 1 − P(alive)
 * @param expectedPurchases expected purchase days in the next {@code horizonDays}
 * @param probabilityNoPurchase the probability of no purchase in the next {@code horizonDays}
 * @param expectedSpend expected spend per purchase (Gamma-Gamma), currency units
 * @param clv lifetime value over the configured months, discounted monthly, currency units
 * (the figures are null where the caller may see only the band and the next purchase date: a storefront)
 * @param nextPurchaseDate the member's own median interval after its last purchase when it has three or more;
 * else the day by which the model expects one purchase; null when not expected within a year
 */
@Document("member_predictions")
public record MemberPrediction(@Id String memberId, @Indexed String run, Instant scoredAt, String modelVersion,
		int horizonDays, Double probabilityAlive, Double churnRisk, ChurnBand churnBand, Double expectedPurchases,
		Double probabilityNoPurchase, Double expectedSpend, Double clv, LocalDate nextPurchaseDate, LocalDate lastPurchaseDate) {
}
