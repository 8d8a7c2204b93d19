package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing on {@code /auth/token}: after a few failed sign-ins for a username, or many from one
 * client address, each further attempt waits a back-off that doubles with every failure (up to 15 minutes), and is
 * answered 429 with {@code Retry-After} while it lasts, right password or not. Failures are forgotten after a quiet
 * quarter of an hour and a username's on its successful sign-in. Every failure is logged with username and address.
 */
@Component
class SignInThrottle {

	static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

	private static final Duration FORGET_AFTER = Duration.ofMinutes(15);

	private static final Log log = LogFactory.getLog(SignInThrottle.class);

	private record Failures(int count, Instant lastAt) {
	}

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final int freePerUser;

	private final int freePerAddress;

	private final Clock clock;

	SignInThrottle(@Value("${membergraph.security.sign-in.free-failures-per-user:5}") int freePerUser,
			@Value("${membergraph.security.sign-in.free-failures-per-address:50}") int freePerAddress, Clock clock) {
		this.freePerUser = freePerUser;
		this.freePerAddress = freePerAddress;
		this.clock = clock;
	}

	/** How long the attempt must wait; zero when it may go ahead. */
	Duration wait(String username, String address) {
		Instant now = clock.instant();
		Duration user = waitFor(userKey(username), freePerUser, now);
		Duration client = waitFor("address:" + address, freePerAddress, now);
		return user.compareTo(client) >= 0 ? user : client;
	}

	void failed(String username, String address) {
		Instant now = clock.instant();
		count(userKey(username), now);
		count("address:" + address, now);
		log.warn("Failed sign-in for '" + printable(username) + "' from " + address);
	}

	void succeeded(String username) {
		failures.remove(userKey(username));
	}

	private Duration waitFor(String key, int free, Instant now) {
		Failures seen = failures.get(key);
		if (seen == null || seen.count() < free || !seen.lastAt().plus(FORGET_AFTER).isAfter(now)) {
			return Duration.ZERO;
		}
		long seconds = 1L << Math.min(20, seen.count() - free);
		Instant until = seen.lastAt().plus(Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
				: Duration.ofSeconds(seconds));
		return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
	}

	private void count(String key, Instant now) {
		if (failures.size() > 100_000) {
			failures.values().removeIf(f -> !f.lastAt().plus(FORGET_AFTER).isAfter(now));
		}
		failures.compute(key, (k, seen) -> seen == null || !seen.lastAt().plus(FORGET_AFTER).isAfter(now)
				? new Failures(1, now) : new Failures(seen.count() + 1, now));
	}

	private static String userKey(String username) {
		return "user:" + username.strip().toLowerCase(Locale.ROOT);
	}

	/** A username as typed may hold anything: logged short and without line breaks. */
	private static String printable(String username) {
		String flat = username.replaceAll("\\p{Cntrl}", "?");
		return flat.length() <= 64 ? flat : flat.substring(0, 64) + "…";
	}

}
