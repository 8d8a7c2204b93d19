package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing on {@code /auth/token}: each failed sign-in takes a token from a Bucket4j bucket of its
 * username and one of its client address, and an attempt whose bucket is empty is answered 429 with
 * {@code Retry-After}, right password or not. The buckets have layered limits, so the wait grows as failures go
 * on: for a username, 5 failures at once, then one every 12 s (5 a minute), then one every 90 s once 10 failed
 * within a quarter of an hour, every 3 minutes past 20 an hour, every 36 minutes past 40 a day. A client address
 * gets {@code free-failures-per-address} times as many. The buckets refill with quiet time; a successful sign-in
 * forgets its username's failures. Every failure is logged with username and address.
 */
@Component
class SignInThrottle {

	private static final Log log = LogFactory.getLog(SignInThrottle.class);

	/** More keys than this and the buckets back at full (nothing to remember) are dropped, so memory stays bounded. */
	private static final int MAX_KEYS = 100_000;

	private final Map<String, Bucket> failures = new ConcurrentHashMap<>();

	private final int freePerUser;

	private final int freePerAddress;

	private final TimeMeter time;

	SignInThrottle(@Value("${membergraph.security.sign-in.free-failures-per-user:5}") int freePerUser,
			@Value("${membergraph.security.sign-in.free-failures-per-address:50}") int freePerAddress, Clock clock) {
		this.freePerUser = freePerUser;
		this.freePerAddress = freePerAddress;
		this.time = new ClockTime(clock);
	}

	/** How long the attempt must wait, in whole seconds; zero when it may go ahead. */
	Duration wait(String username, String address) {
		long nanos = Math.max(waitOf(userKey(username)), waitOf(addressKey(address)));
		return nanos == 0 ? Duration.ZERO : Duration.ofSeconds((nanos + 999_999_999L) / 1_000_000_000L);
	}

	void failed(String username, String address) {
		take(userKey(username), freePerUser);
		take(addressKey(address), freePerAddress);
		log.warn("Failed sign-in for '" + printable(username) + "' from " + address);
	}

	void succeeded(String username) {
		failures.remove(userKey(username));
	}

	private long waitOf(String key) {
		Bucket bucket = failures.get(key);
		return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
	}

	/** One failure more; a failure that raced past an empty bucket deepens its debt, so the next wait is longer. */
	private void take(String key, int free) {
		if (failures.size() > MAX_KEYS) {
			failures.entrySet().removeIf(entry -> !entry.getKey().equals(key) && entry.getValue().getAvailableTokens()
					>= (entry.getKey().startsWith("user:") ? freePerUser : freePerAddress));
		}
		failures.computeIfAbsent(key, k -> bucket(free)).consumeIgnoringRateLimits(1);
	}

	private Bucket bucket(int free) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(free).refillGreedy(free, Duration.ofMinutes(1)))
			.addLimit(limit -> limit.capacity(2L * free).refillGreedy(2L * free, Duration.ofMinutes(15)))
			.addLimit(limit -> limit.capacity(4L * free).refillGreedy(4L * free, Duration.ofHours(1)))
			.addLimit(limit -> limit.capacity(8L * free).refillGreedy(8L * free, Duration.ofDays(1)))
			.withCustomTimePrecision(time)
			.build();
	}

	private static String userKey(String username) {
		return "user:" + username.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	/** A username as typed may hold anything: logged short and without line breaks. */
	private static String printable(String username) {
		String flat = username.replaceAll("\\p{Cntrl}", "?");
		return flat.length() <= 64 ? flat : flat.substring(0, 64) + "…";
	}

}
