package io.membergraph.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an account still stands behind a token: it exists, is active and has the version the token was issued
 * at. Accounts are read through a short cache, so a request costs no read; a change made here is seen at once,
 * one made by another instance within {@link #TTL}.
 */
@Component
public class AccountCheck {

	static final Duration TTL = Duration.ofSeconds(10);

	private record Seen(Account account, Instant at) {
	}

	private final Map<String, Seen> cache = new ConcurrentHashMap<>();

	private final MongoTemplate mongo;

	private final Clock clock;

	AccountCheck(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Why a token of the account at this version is no longer good, or null when it is. */
	String refusal(String username, Long version) {
		Account account = current(username);
		if (account == null) {
			return "the account no longer exists";
		}
		if (!account.active()) {
			return "the account is disabled";
		}
		if (version == null || version != account.version()) {
			return "the account changed since the token was issued (roles, password or status); sign in again";
		}
		return null;
	}

	public void forget(String username) {
		cache.remove(username);
	}

	private Account current(String username) {
		Instant now = clock.instant();
		Seen seen = cache.get(username);
		if (seen == null || seen.at().plus(TTL).isBefore(now) || seen.at().isAfter(now)) {
			seen = new Seen(mongo.findById(username, Account.class), now);
			if (cache.size() > 10_000) {
				cache.clear();
			}
			cache.put(username, seen);
		}
		return seen.account();
	}

}
