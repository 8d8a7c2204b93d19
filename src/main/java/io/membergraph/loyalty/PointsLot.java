package io.membergraph.loyalty;

import java.time.Instant;

/**
 * Points earned together, spent and expired together: redemptions take from the oldest lots first, and a
 * lot's unspent remainder expires on its date.
 *
 * @param expiresAt null when points never expire
 */
public record PointsLot(String lotId, Instant earnedAt, Instant expiresAt, long points, long remaining) {

	public PointsLot take(long taken) {
		return new PointsLot(lotId, earnedAt, expiresAt, points, remaining - taken);
	}

}
