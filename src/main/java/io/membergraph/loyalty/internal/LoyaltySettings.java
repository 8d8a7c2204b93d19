package io.membergraph.loyalty.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the programme treats points and tiers.
 *
 * @param expiry when earned points expire
 * @param expiryMonths for {@code AFTER_MONTHS}: how many months after earning
 * @param allowNegativeBalance whether a refund may take back more points than the member has left (the
 * balance goes negative); otherwise the reversal is capped and the cap recorded
 * @param expiringSoon how far ahead "points expiring soon" looks
 * @param qualification what counts towards a tier: points earned or spend
 * @param qualificationMonths the rolling window of tier qualification, in calendar months
 */
@ConfigurationProperties("membergraph.loyalty")
public record LoyaltySettings(@DefaultValue("END_OF_FOLLOWING_YEAR") Expiry expiry,
		@DefaultValue("24") int expiryMonths, @DefaultValue("false") boolean allowNegativeBalance,
		@DefaultValue("30d") Duration expiringSoon, @DefaultValue("POINTS") Qualification qualification,
		@DefaultValue("12") int qualificationMonths) {

	public LoyaltySettings {
		// A window of no months would qualify no one, silently; an expiry of no months would expire points as earned.
		if (qualificationMonths < 1 || qualificationMonths > 120) {
			throw new IllegalArgumentException("membergraph.loyalty.qualification-months must be between 1 and 120, not "
					+ qualificationMonths);
		}
		if (expiryMonths < 1 || expiryMonths > 1200) {
			throw new IllegalArgumentException("membergraph.loyalty.expiry-months must be between 1 and 1200, not "
					+ expiryMonths);
		}
		if (expiringSoon == null || expiringSoon.isNegative() || expiringSoon.isZero()
				|| expiringSoon.compareTo(Duration.ofDays(3660)) > 0) {
			throw new IllegalArgumentException("membergraph.loyalty.expiring-soon must be more than 0 and at most 3660d, "
					+ "not " + expiringSoon);
		}
	}

	/**
	 * Whether an order's points (or a refund's take-back of them) make a ledger entry: they move points, or, where
	 * spend qualifies for tiers, spend. An order too small to earn a point (under 10.00 at a point per 10) still counts
	 * its spend toward a tier then.
	 */
	public boolean worthAnEntry(long points, long spend) {
		return points > 0 || qualification == Qualification.SPEND && spend > 0;
	}

	public enum Expiry {

		/** Points earned in a year expire at the end of the following year (the common Chinese programme rule). */
		END_OF_FOLLOWING_YEAR,
		/** Points expire a fixed number of months after they were earned. */
		AFTER_MONTHS,
		NEVER

	}

	public enum Qualification {

		POINTS, SPEND

	}

}
