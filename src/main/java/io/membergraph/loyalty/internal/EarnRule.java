package io.membergraph.loyalty.internal;

import java.time.Instant;

import io.membergraph.loyalty.Activity;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One earning rule. Points of an order are: each line's share of the paid amount, in currency units, times
 * the member tier's base rate, times the best multiplier matching the line (category or sku), times the best
 * campaign bonus matching the order, summed and rounded down.
 *
 * @param factor points per currency unit (BASE_RATE) or a multiplier (the others)
 * @param campaignPrefix CAMPAIGN_BONUS: orders whose campaign id starts with this (a yearly campaign's ids)
 * @param points ACTIVITY_REWARD: the points for the activity
 * @param validFrom optional start of the rule's period (inclusive)
 * @param validTo optional end of the rule's period (exclusive)
 * @param dailyLimit ACTIVITY_REWARD of an activity a client reports: how many times a member is rewarded for it
 * per business day; none stored means {@link #DEFAULT_DAILY_LIMIT}
 */
@Document("earn_rules")
public record EarnRule(@Id String id, Type type, String tierCode, String category, String sku, String campaignPrefix,
		Activity activity, double factor, long points, Instant validFrom, Instant validTo, Integer dailyLimit) {

	/**
	 * Without a limit a client could report a check-in under a new key every second; once a day is what
	 * programmes reward, and a rule says more where members really do more (reviews of several purchases).
	 */
	static final int DEFAULT_DAILY_LIMIT = 1;

	public static final int MAX_DAILY_LIMIT = 100;

	public enum Type {

		BASE_RATE, CATEGORY_MULTIPLIER, SKU_MULTIPLIER, CAMPAIGN_BONUS, ACTIVITY_REWARD

	}

	public int dailyLimitOrDefault() {
		return dailyLimit == null ? DEFAULT_DAILY_LIMIT : dailyLimit;
	}

	boolean activeAt(Instant time) {
		return (validFrom == null || !time.isBefore(validFrom)) && (validTo == null || time.isBefore(validTo));
	}

}
