package io.membergraph.store;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoverWatchTests {

	private final AtomicLong writes = new AtomicLong();

	private final LeftoverWatch watch = new LeftoverWatch(writes::get);

	@Test
	void aCollectionIsAskedUntilALookFindsNothingAndAgainOnceItIsWritten() {
		assertThat(watch.look().needless()).as("never looked").isFalse();
		LeftoverWatch.Look found = watch.look();
		found.foundNone();
		assertThat(watch.look().needless()).as("nothing written since nothing was found").isTrue();

		writes.incrementAndGet();
		assertThat(watch.look().needless()).as("written since").isFalse();
	}

	@Test
	void aWriteDuringTheQueryIsNotMissed() {
		LeftoverWatch.Look look = watch.look();
		writes.incrementAndGet(); // a crash's leftover written while the query ran, after it had read
		look.foundNone();
		assertThat(watch.look().needless()).isFalse();
	}

	@Test
	void aLookThatFoundSomethingKeepsTheCollectionAsked() {
		watch.look();
		assertThat(watch.look().needless()).isFalse();
	}

	@Test
	void pendingWorkIsAskedForUntilNoneIsFoundAndAgainAfterAWrite() {
		AtomicLong queries = new AtomicLong();
		assertThat(watch.pending(() -> { queries.incrementAndGet(); return java.util.List.of("left"); })).containsExactly("left");
		assertThat(watch.pending(() -> { queries.incrementAndGet(); return java.util.List.<String>of(); })).isEmpty();
		assertThat(watch.pending(() -> { queries.incrementAndGet(); return java.util.List.of("never asked"); })).isEmpty();
		assertThat(queries).hasValue(2);

		writes.incrementAndGet();
		assertThat(watch.pending(() -> java.util.List.of("new"))).containsExactly("new");
	}

	@Test
	void withoutAWriteCountEveryLookAsks() {
		LeftoverWatch uncounted = new LeftoverWatch(null);
		uncounted.look().foundNone();
		assertThat(uncounted.look().needless()).isFalse();
	}

}
