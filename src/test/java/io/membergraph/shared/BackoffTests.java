package io.membergraph.shared;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for another writer: looks again with growing pauses, and gives up when they run out or on interrupt. */
class BackoffTests {

	@Test
	void looksAgainUntilTheWorkIsDone() {
		AtomicInteger looks = new AtomicInteger();

		assertThat(Backoff.until(() -> looks.incrementAndGet() == 3, 1_000)).isTrue();
		assertThat(looks).hasValue(3);
	}

	@Test
	void givesUpOnceThePausesReachTheLongest() {
		AtomicInteger looks = new AtomicInteger();

		// Pauses of 10, 20 and 40 ms: four looks in all.
		assertThat(Backoff.until(() -> looks.incrementAndGet() < 0, 40)).isFalse();
		assertThat(looks).hasValue(4);
	}

	@Test
	void anInterruptedThreadStopsWaitingAndKeepsItsInterrupt() {
		Thread.currentThread().interrupt();
		try {
			assertThat(Backoff.until(() -> false, 10_000)).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
