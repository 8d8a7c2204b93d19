package io.membergraph.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * The sign-in throttle's Bucket4j buckets, kept where every instance of the service reads and changes the same ones: a
 * bucket's state is replaced only if it is still what the instance read (compare and swap), so failures sent to two
 * instances at once are all counted. A bucket is kept until it would be full again, then forgotten.
 */
final class SignInBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

	/** Where bucket states are kept. */
	interface Store {

		Optional<byte[]> read(String key);

		/** Keeps a new bucket; false when another instance kept one under the key first. */
		boolean insert(String key, byte[] state, Instant forgetAt);

		/** Replaces the bucket's state if it is still {@code expected}; false otherwise. */
		boolean replace(String key, byte[] expected, byte[] state, Instant forgetAt);

		void remove(String key);

		/** How many buckets are kept. */
		long size();

	}

	/** A bucket is forgotten this long after it would be full again: long enough for clocks a little apart. */
	private static final Duration KEPT_BEYOND_FULL = Duration.ofSeconds(10);

	private final Store store;

	private final Clock clock;

	SignInBuckets(Store store, Clock clock) {
		super(ClientSideConfig.getDefault()
			.withClientClock(new ClockTime(clock))
			.withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
					KEPT_BEYOND_FULL)));
		this.store = store;
		this.clock = clock;
	}

	long size() {
		return store.size();
	}

	@Override
	protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
		return new CompareAndSwapOperation() {

			@Override
			public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
				return store.read(key);
			}

			@Override
			public boolean compareAndSwap(byte[] original, byte[] state, RemoteBucketState newState,
					Optional<Long> timeoutNanos) {
				Instant forgetAt = clock.instant().plusMillis(getClientSideConfig().getExpirationAfterWriteStrategy()
					.orElseThrow()
					.calculateTimeToLiveMillis(newState, currentTimeNanos()));
				return original == null ? store.insert(key, state, forgetAt) : store.replace(key, original, state, forgetAt);
			}

		};
	}

	@Override
	protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
		throw new UnsupportedOperationException("the sign-in throttle takes its buckets synchronously");
	}

	@Override
	public void removeProxy(String key) {
		store.remove(key);
	}

	@Override
	protected CompletableFuture<Void> removeAsync(String key) {
		throw new UnsupportedOperationException("the sign-in throttle takes its buckets synchronously");
	}

	@Override
	public boolean isAsyncModeSupported() {
		return false;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

}
