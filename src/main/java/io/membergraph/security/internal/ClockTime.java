package io.membergraph.security.internal;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;

/** Bucket4j's time read from the application's {@link Clock}, so that tests pin the time buckets refill by. */
public final class ClockTime implements TimeMeter {

	private final Clock clock;

	public ClockTime(Clock clock) {
		this.clock = clock;
	}

	@Override
	public long currentTimeNanos() {
		return TimeUnit.MILLISECONDS.toNanos(clock.millis());
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}
