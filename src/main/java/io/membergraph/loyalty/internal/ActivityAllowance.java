package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import io.membergraph.loyalty.Activity;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * How often a member is rewarded for what a client reports: at most the rule's daily limit per business day.
 * Each reward claims one of the day's numbered places, a document whose id is the place, so requests sent at
 * once cannot take one place twice and a count read before writing cannot be outrun. A place remembers the
 * reward's key: a retry of the same reward finds its own place again rather than taking another.
 */
@Component
public class ActivityAllowance {

	/** One of a member's places for an activity on a day, taken by the reward with {@code rewardKey}. */
	@Document("activity_claims")
	record Claim(@Id String id, String rewardKey, Instant claimedAt) {
	}

	private final MongoTemplate mongo;

	private final Clock clock;

	ActivityAllowance(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Claims a place for the reward; false when the day's places are all taken by other rewards. */
	public boolean claim(String memberId, Activity activity, LocalDate day, int limit, String rewardKey) {
		for (int place = 1; place <= limit; place++) {
			String id = memberId + ":" + activity + ":" + day + ":" + place;
			try {
				mongo.insert(new Claim(id, rewardKey, clock.instant()));
				return true;
			}
			catch (DuplicateKeyException taken) {
				Claim claim = mongo.findById(id, Claim.class);
				if (claim != null && rewardKey.equals(claim.rewardKey())) {
					return true;
				}
			}
		}
		return false;
	}

}
