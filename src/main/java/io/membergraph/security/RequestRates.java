package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.membergraph.security.internal.ClockTime;
import org.springframework.stereotype.Component;

/**
 * Requests per minute per client (an API key, a storefront asking for member tokens), as Bucket4j token buckets: a
 * client may use a minute's allowance at once, and it refills evenly. Kept in memory per instance; a client past its
 * allowance is told how long to wait. The buckets read the application's {@link Clock}, so tests pin time.
 */
@Component
public class RequestRates {

	/** The most requests a minute any allowance grants: a setting's, or an API key's own. */
	public static final int MAX_PER_MINUTE = 100_000;

	/** More clients than this and the buckets of idle clients (full again) are dropped, so memory stays bounded. */
	private static final int MAX_CLIENTS = 50_000;

	private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

	private final TimeMeter time;

	RequestRates(Clock clock) {
		this.time = new ClockTime(clock);
	}

	/** A client's bucket and the allowance it was built for: a changed allowance starts a new bucket. */
	private record Allowance(Bucket bucket, int perMinute) {

		boolean idle() {
			return bucket.getAvailableTokens() >= perMinute;
		}

	}

	/** Takes one request from the client's allowance: zero when it may go ahead, else how long to wait. */
	public Duration take(String client, int perMinute) {
		Allowance allowance = allowances.compute(client,
				(key, known) -> known != null && known.perMinute() == perMinute ? known
						: new Allowance(bucket(perMinute), perMinute));
		if (allowances.size() > MAX_CLIENTS) {
			allowances.entrySet().removeIf(entry -> entry.getValue().idle() && !entry.getKey().equals(client));
		}
		ConsumptionProbe probe = allowance.bucket().tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private Bucket bucket(int perMinute) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.withCustomTimePrecision(time)
			.build();
	}

}
