package io.membergraph.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.membergraph.ApplicationTest;
import io.membergraph.PinnedClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view's records in time order stay exactly what sorting the view afresh gives, refresh after refresh, as records
 * are added, moved in time and dropped, whether the order is patched (one refresh behind) or rebuilt (further).
 */
class TimeOrderedTests extends ApplicationTest {

	private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

	@Document("time_ordered_ticks")
	record Tick(@Id String id, Instant at, boolean gone, Instant changedAt) {
	}

	private static final Comparator<Tick> ORDER = Comparator.comparing(Tick::at).thenComparing(Tick::id);

	/** Writes to the collection, as the embedded store counts them: a view with none since hands out the same map. */
	private final AtomicLong writes = new AtomicLong();

	private MongoTemplate mongo;

	@Test
	void patchedOrderEqualsAFreshSortAfterEveryRefresh() {
		mongo = bean(MongoTemplate.class);
		mongo.remove(new Query(), Tick.class);
		PinnedClock viewClock = new PinnedClock();
		viewClock.set(T0);
		ChangeStampedView<Tick, Tick> view = new ChangeStampedView<>(mongo, Tick.class, "changedAt",
				new String[] { "at", "gone", "changedAt" }, Tick::id, tick -> tick.gone() ? null : tick, viewClock,
				Duration.ofSeconds(30), writes::get);
		TimeOrdered<Tick> ordered = new TimeOrdered<>(view, ORDER, tick -> tick.at().toEpochMilli(), Tick[]::new);
		Random random = new Random(7);
		for (int i = 0; i < 200; i++) {
			save(tick("t" + i, random, false, viewClock.instant()));
		}

		for (int round = 0; round < 30; round++) {
			viewClock.advance(Duration.ofSeconds(60));
			for (int change = 0; change < 1 + random.nextInt(20); change++) {
				String id = "t" + random.nextInt(260);
				save(tick(id, random, random.nextInt(10) == 0, viewClock.instant()));
			}
			if (round % 7 == 3) {
				// Another reader refreshes in between: this one is two refreshes behind and sorts afresh.
				viewClock.advance(Duration.ofSeconds(60));
				save(tick("extra" + round, random, false, viewClock.instant()));
				view.current();
			}
			TimeOrdered.Snapshot<Tick> snapshot = ordered.current();
			List<Tick> expected = view.current().values().stream().sorted(ORDER).toList();
			assertThat(Arrays.asList(snapshot.byTime())).as("round %d", round).isEqualTo(expected);
			assertThat(snapshot.times()).isEqualTo(expected.stream().mapToLong(t -> t.at().toEpochMilli()).toArray());
			Instant from = T0.plus(Duration.ofHours(random.nextInt(48)));
			Instant to = from.plus(Duration.ofHours(random.nextInt(24)));
			assertThat(snapshot.between(from, to).toList()).isEqualTo(expected.stream()
				.filter(t -> !t.at().isBefore(from) && t.at().isBefore(to)).toList());
		}
	}

	private void save(Tick tick) {
		mongo.save(tick);
		writes.incrementAndGet();
	}

	private static Tick tick(String id, Random random, boolean gone, Instant now) {
		return new Tick(id, T0.plus(Duration.ofMinutes(random.nextInt(60 * 72))), gone, now);
	}

}
