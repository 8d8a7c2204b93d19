package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Requests per minute per client (an API key, a storefront asking for member tokens), as token buckets: a client
 * may use a minute's allowance at once, and it refills evenly. Kept in memory per instance; a client past its
 * allowance is told how long to wait.
 */
@Component
public class RequestRates {

	/** More clients than this and the buckets of idle clients (full again) are dropped, so memory stays bounded. */
	private static final int MAX_CLIENTS = 50_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	RequestRates(Clock clock) {
		this.clock = clock;
	}

	private record Bucket(double tokens, Instant at) {
	}

	/** Takes one request from the client's allowance: zero when it may go ahead, else how long to wait. */
	public Duration take(String client, int perMinute) {
		Instant now = clock.instant();
		double perSecond = perMinute / 60.0;
		Duration[] wait = { Duration.ZERO };
		buckets.compute(client, (key, bucket) -> {
			double tokens = bucket == null ? perMinute
					: Math.min(perMinute, bucket.tokens() + Math.max(0, Duration.between(bucket.at(), now).toMillis())
							/ 1000.0 * perSecond);
			if (tokens >= 1) {
				return new Bucket(tokens - 1, now);
			}
			wait[0] = Duration.ofMillis((long) Math.ceil((1 - tokens) / perSecond * 1000));
			return new Bucket(tokens, now);
		});
		if (buckets.size() > MAX_CLIENTS) {
			buckets.entrySet().removeIf(entry -> entry.getValue().tokens() >= 1 && !entry.getKey().equals(client));
		}
		return wait[0];
	}

}
