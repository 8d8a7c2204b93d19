package io.membergraph.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import io.membergraph.ApplicationTest;
import io.membergraph.customer.LoyaltyFacts.Movement;
import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.MovementColumns;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.store.ChangeStampedViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applied points movements in columns with the recent ones laid over them read exactly the applied entries of
 * the ledger, in time order, read after read, as entries are added, applied after being pending, rejected, moved to
 * other members (merges) and folded into the columns.
 */
class MovementViewTests extends ApplicationTest {

	private static final Instant FIRST = Instant.parse("2026-08-01T00:00:00Z");

	private static final Comparator<Movement> TOTAL = Comparator.comparing(Movement::toString);

	private final Random random = new Random(23);

	private MongoTemplate mongo;

	/** Entries written by this class's tests, which share the collection: their ids never repeat. */
	private static int written;

	@BeforeEach
	void store() {
		mongo = bean(MongoTemplate.class);
	}

	/** The entries written here are of no registered member: gone before the application's own views read them. */
	@AfterEach
	void removeTheseEntries() {
		mongo.remove(Query.query(Criteria.where("reason").is("mvt")), PointsEntry.class);
	}

	@Test
	void readsTheAppliedEntriesAfterAddsSettlementsMovesAndFolds() {
		ColumnView<org.bson.Document, Movement, MovementColumns> view = new ColumnView<>(
				bean(ChangeStampedViews.class).plainFeed(PointsEntry.class, "changedAt", LoyaltyFacts.ENTRY_FIELDS),
				LoyaltyFacts.MOVEMENTS, 40);
		insert(300);
		assertSameAsTheLedger(view.current(), "first load");
		boolean folded = false;
		for (int round = 0; round < 25; round++) {
			// Some rounds stay within the overlap (what was written is handed out again), others leave it.
			clock.advance(Duration.ofSeconds(round % 3 == 0 ? 20 : 2));
			insert(random.nextInt(30));
			if (round % 3 == 1) {
				// Pending entries are decided: most applied, some rejected; an applied one taken back as rejected.
				for (PointsEntry entry : mongo.find(Query.query(Criteria.where("reason").is("mvt")), PointsEntry.class)) {
					if (entry.status() == EntryStatus.PENDING || random.nextInt(40) == 0) {
						EntryStatus decided = random.nextInt(4) == 0 ? EntryStatus.REJECTED : EntryStatus.APPLIED;
						mongo.updateFirst(Query.query(Criteria.where("_id").is(entry.id())),
								Update.update("status", decided).set("changedAt", now()), PointsEntry.class);
					}
				}
			}
			if (round % 4 == 2) {
				String merged = "mvt-member-" + random.nextInt(20);
				mongo.updateMulti(Query.query(Criteria.where("memberId").is(merged)),
						Update.update("memberId", "mvt-member-" + (20 + round)).set("changedAt", now()), PointsEntry.class);
			}
			ColumnView.Snapshot<Movement, MovementColumns> snapshot = view.current();
			folded |= snapshot.recent().size() < snapshot.size() && snapshot.columns().size > 300;
			assertSameAsTheLedger(snapshot, "round " + round);
			DistinctMembersChecks.assertCountedByCodeAsById(snapshot, Movement::memberId, MovementColumns::memberCode, "round " + round);
		}
		assertThat(folded).as("recent movements were folded into the columns").isTrue();
	}

	private void insert(int entries) {
		for (int i = 0; i < entries; i++) {
			written++;
			// Few distinct times, so that many entries share an instant.
			Instant at = FIRST.plusSeconds(3600L * random.nextInt(200));
			EntryType type = EntryType.values()[random.nextInt(EntryType.values().length)];
			EntryStatus status = EntryStatus.values()[random.nextInt(EntryStatus.values().length)];
			long points = 10L * (1 + random.nextInt(50)) * (type == EntryType.EARN ? 1 : -1);
			String source = random.nextInt(4) == 0 ? PointsEntry.ACTIVITY_SOURCE + "review" : "order:mvt-" + written;
			mongo.insert(new PointsEntry("mvt-member-" + random.nextInt(20) + "|mvt-" + written,
					"mvt-member-" + random.nextInt(20), type, points, points, status, "mvt", "test", source, 0,
					random.nextInt(50) == 0 ? null : at, "fingerprint", null, now(), null, now(), null, 0));
		}
	}

	/**
	 * The movement of an entry as Spring Data maps it: the view reads the plain documents, so this is what it must
	 * agree with (applied entries with a time only).
	 */
	private static Movement asTheEntityReads(PointsEntry entry) {
		if (entry.status() != EntryStatus.APPLIED || entry.occurredAt() == null) {
			return null;
		}
		LoyaltyFacts.Flow flow = switch (entry.type()) {
			case EARN -> LoyaltyFacts.Flow.ISSUED;
			case REDEEM -> LoyaltyFacts.Flow.REDEEMED;
			case EXPIRE -> LoyaltyFacts.Flow.EXPIRED;
			case ADJUST -> LoyaltyFacts.Flow.ADJUSTED;
			case REVERSE -> LoyaltyFacts.Flow.REVERSED;
		};
		return new Movement(entry.memberId(), flow, entry.occurredAt(), entry.points(),
				entry.source() != null && entry.source().startsWith(PointsEntry.ACTIVITY_SOURCE));
	}

	private void assertSameAsTheLedger(ColumnView.Snapshot<Movement, MovementColumns> snapshot, String when) {
		List<Movement> expected = mongo.findAll(PointsEntry.class)
			.stream()
			.map(MovementViewTests::asTheEntityReads)
			.filter(Objects::nonNull)
			.sorted(TOTAL)
			.toList();
		List<Movement> read = new ArrayList<>();
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, ColumnView.all(), read::add);
		assertThat(read).as(when + ": in time order").isSortedAccordingTo(Comparator.comparing(Movement::occurredAt));
		assertThat(read.stream().sorted(TOTAL).toList()).as(when).isEqualTo(expected);
		assertThat(snapshot.size()).as(when).isEqualTo(expected.size());

		int first = random.nextInt(20);
		Set<String> members = Set.of("mvt-member-" + first, "mvt-member-" + (first + 1 + random.nextInt(19)) % 20);
		Instant from = FIRST.plusSeconds(3600L * random.nextInt(200));
		Instant to = from.plusSeconds(3600L * random.nextInt(50));
		List<Movement> window = new ArrayList<>();
		snapshot.forEach(from.toEpochMilli(), to.toEpochMilli(), LoyaltyFacts.of(members, true), window::add);
		java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
		Set<String> counting = new java.util.HashSet<>(members) {

			@Override
			public boolean contains(Object member) {
				asked.incrementAndGet();
				return super.contains(member);
			}

		};
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, LoyaltyFacts.of(counting, false), movement -> {
		});
		assertThat(asked.get()).as(when + ": each member judged once, not each row (and each recent record)")
			.isLessThanOrEqualTo((int) read.stream().map(Movement::memberId).distinct().count() + snapshot.recent().size());
		assertThat(window.stream().sorted(TOTAL).toList()).as(when + ": a window of two members' activity rewards")
			.isEqualTo(expected.stream()
				.filter(m -> !m.occurredAt().isBefore(from) && m.occurredAt().isBefore(to))
				.filter(m -> m.forActivity() && members.contains(m.memberId()))
				.toList());
	}

}
