package io.membergraph.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sign-in buckets in a map, as several instances of the service share them in the store. */
final class BucketsInMemory implements SignInBuckets.Store {

	private record Kept(byte[] state, Instant forgetAt) {
	}

	private final Map<String, Kept> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	BucketsInMemory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Optional<byte[]> read(String key) {
		Kept kept = buckets.get(key);
		return kept == null || !kept.forgetAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(kept.state());
	}

	@Override
	public synchronized boolean insert(String key, byte[] state, Instant forgetAt) {
		Kept kept = buckets.get(key);
		if (kept != null && kept.forgetAt().isAfter(clock.instant())) {
			return false;
		}
		buckets.put(key, new Kept(state, forgetAt));
		return true;
	}

	@Override
	public synchronized boolean replace(String key, byte[] expected, byte[] state, Instant forgetAt) {
		Kept kept = buckets.get(key);
		if (kept == null || !Arrays.equals(kept.state(), expected)) {
			return false;
		}
		buckets.put(key, new Kept(state, forgetAt));
		return true;
	}

	@Override
	public void remove(String key) {
		buckets.remove(key);
	}

	@Override
	public long size() {
		return buckets.values().stream().filter(kept -> kept.forgetAt().isAfter(clock.instant())).count();
	}

}
