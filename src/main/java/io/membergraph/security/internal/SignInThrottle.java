package io.membergraph.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.membergraph.shared.SettingOutOfBounds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing on {@code /auth/token}: each sign-in attempt takes a token from a Bucket4j bucket of its
 * username and one of its client address before its password is checked (a success gives them back), and an
 * attempt whose bucket is empty is answered 429 with {@code Retry-After}, right password or not. The buckets have layered limits, so the wait grows as failures go
 * on: for a username, 5 failures at once, then one every 12 s (5 a minute), then one every 90 s once 10 failed
 * within a quarter of an hour, every 3 minutes past 20 an hour, every 36 minutes past 40 a day. A client address
 * gets {@code free-failures-per-address} times as many. The buckets refill with quiet time; a successful sign-in
 * forgets its username's failures. Every failure is logged with username and address. The buckets are kept in the store
 * ({@link SignInBuckets}), so that every instance of the service behind one address counts the same failures: with
 * buckets in each instance's memory, n instances let n times as many guesses through.
 */
@Component
public class SignInThrottle {

	private static final Log log = LogFactory.getLog(SignInThrottle.class);

	private final SignInBuckets failures;

	private final int freePerUser;

	private final int freePerAddress;

	@Autowired
	SignInThrottle(@Value("${membergraph.security.sign-in.free-failures-per-user:5}") int freePerUser,
			@Value("${membergraph.security.sign-in.free-failures-per-address:50}") int freePerAddress, Clock clock,
			MongoTemplate mongo) {
		this(freePerUser, freePerAddress, clock, new StoredSignInBuckets(mongo, clock));
	}

	/** @param buckets where the buckets are kept */
	SignInThrottle(int freePerUser, int freePerAddress, Clock clock, SignInBuckets.Store buckets) {
		this.freePerUser = SettingOutOfBounds.within("membergraph.security.sign-in.free-failures-per-user", freePerUser,
				1, 1_000);
		this.freePerAddress = SettingOutOfBounds.within("membergraph.security.sign-in.free-failures-per-address",
				freePerAddress, 1, 100_000);
		this.failures = new SignInBuckets(buckets, clock);
	}

	/**
	 * Lets the attempt go ahead, charged as a failure in advance (zero), or says how long it must wait, in whole
	 * seconds. Charging before the password is checked is what holds the limit against attempts sent at once: when
	 * the failure was taken afterwards, forty guesses sent together all passed a bucket that still looked full.
	 */
	public Duration admit(String username, String address) {
		// The address first: an address made to wait adds no bucket for the username it tried, so that one address
		// sending a new username each time cannot grow the buckets.
		String from = addressKey(address);
		long addressWait = charge(from, freePerAddress);
		if (addressWait > 0) {
			return seconds(addressWait);
		}
		long userWait = charge(userKey(username), freePerUser);
		if (userWait > 0) {
			refund(from);
			return seconds(userWait);
		}
		return Duration.ZERO;
	}

	/** The attempt admitted failed: its charge stands. */
	public void failed(String username, String address) {
		log.warn("Failed sign-in for '" + printable(username) + "' from " + address);
	}

	/** The attempt admitted succeeded: the username's failures are forgotten and the address's charge given back. */
	public void succeeded(String username, String address) {
		failures.removeProxy(userKey(username));
		refund(addressKey(address));
	}

	/** How many usernames and addresses have a bucket now. */
	long remembered() {
		return failures.size();
	}

	/** Takes a token of the key's bucket; zero when taken, else the nanoseconds until one is there. */
	private long charge(String key, int free) {
		ConsumptionProbe probe = failures.builder().build(key, () -> limits(free)).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
	}

	/** Gives back a charge: the key's bucket was charged just before, so it is there. */
	private void refund(String key) {
		failures.builder().build(key, () -> limits(freePerAddress)).addTokens(1);
	}

	private static Duration seconds(long nanos) {
		return Duration.ofSeconds((nanos + 999_999_999L) / 1_000_000_000L);
	}

	private static BucketConfiguration limits(int free) {
		return BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(free).refillGreedy(free, Duration.ofMinutes(1)))
			.addLimit(limit -> limit.capacity(2L * free).refillGreedy(2L * free, Duration.ofMinutes(15)))
			.addLimit(limit -> limit.capacity(4L * free).refillGreedy(4L * free, Duration.ofHours(1)))
			.addLimit(limit -> limit.capacity(8L * free).refillGreedy(8L * free, Duration.ofDays(1)))
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
