package io.membergraph.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.membergraph.ApplicationTest;
import io.membergraph.PinnedClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeStampedViewTests extends ApplicationTest {

	private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

	private static final Duration OVERLAP = Duration.ofSeconds(30);

	@Document("view_test_notes")
	record Note(@Id String id, String text, boolean hidden, Instant changedAt) {
	}

	/** The views' own clock, apart from the application's. */
	private final PinnedClock viewClock = new PinnedClock();

	private MongoTemplate mongo;

	private ChangeStampedView<Note, String> view;

	@BeforeEach
	void emptyCollection() {
		mongo = bean(MongoTemplate.class);
		mongo.remove(new Query(), Note.class);
		view = new ChangeStampedView<>(mongo, Note.class, "changedAt", new String[] { "text", "hidden", "changedAt" },
				Note::id, note -> note.hidden() ? null : note.text(), viewClock, OVERLAP, null);
		viewClock.set(T0);
	}

	@Test
	void theFirstReadLoadsEveryDocumentAndLeavesOutThoseWithoutAView() {
		write("a", "first", false, T0.minusSeconds(3600));
		write("b", "hidden", true, T0.minusSeconds(60));

		assertThat(view.current()).containsExactly(Map.entry("a", "first"));
	}

	@Test
	void laterReadsSeeDocumentsWrittenSinceAndDropThoseWhoseViewBecameNull() {
		write("a", "first", false, T0.minusSeconds(3600));
		write("b", "second", false, T0.minusSeconds(3600));
		view.current();

		viewClock.set(T0.plusSeconds(10));
		write("c", "new", false, T0.plusSeconds(5));
		mongo.updateFirst(Query.query(Criteria.where("_id").is("a")),
				new Update().set("text", "changed").set("changedAt", T0.plusSeconds(6)), Note.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is("b")),
				new Update().set("hidden", true).set("changedAt", T0.plusSeconds(7)), Note.class);

		assertThat(view.current()).containsOnly(Map.entry("a", "changed"), Map.entry("c", "new"));
	}

	@Test
	void aWriteStampedJustBeforeThePreviousReadIsStillSeen() {
		view.current();
		// Stamped before the read started, committed after it: an in-flight write, or another instance's clock
		// running behind. The overlap covers it.
		write("late", "in flight", false, T0.minusSeconds(20));
		viewClock.set(T0.plusSeconds(60));

		assertThat(view.current()).containsEntry("late", "in flight");
	}

	@Test
	void aReaderOneRefreshBehindIsToldWhatChangedAndOneFurtherBehindIsNot() {
		write("a", "first", false, T0.minusSeconds(3600));
		write("b", "second", false, T0.minusSeconds(3600));
		Map<String, String> loaded = view.current();
		assertThat(view.changes(null, loaded)).as("loaded whole").isNull();

		viewClock.set(T0.plusSeconds(10));
		write("c", "new", false, T0.plusSeconds(5));
		mongo.updateFirst(Query.query(Criteria.where("_id").is("b")),
				new Update().set("hidden", true).set("changedAt", T0.plusSeconds(6)), Note.class);
		Map<String, String> next = view.current();
		assertThat(view.changes(loaded, next)).containsOnlyKeys("b", "c").containsEntry("c", "new").containsEntry("b", null);

		viewClock.set(T0.plusSeconds(100));
		write("d", "later", false, T0.plusSeconds(95));
		Map<String, String> last = view.current();
		assertThat(view.changes(loaded, last)).as("two refreshes behind").isNull();
		// Documents stamped within the overlap of the previous read are read again, as changes.
		assertThat(view.changes(next, last)).containsEntry("d", "later").containsOnlyKeys("b", "c", "d");
	}

	@Test
	void aReadThatFindsNoChangeHandsOutTheSameMap() {
		write("a", "first", false, T0.minusSeconds(3600));
		Map<String, String> first = view.current();
		viewClock.set(T0.plusSeconds(3600));

		assertThat(view.current()).isSameAs(first);
	}

	@Test
	void afterAResetTheWholeCollectionIsReadAgain() {
		write("a", "first", false, T0.minusSeconds(3600));
		view.current();
		// A write that bypassed the stamp (a repair run by hand, say): only a reset brings it in.
		mongo.updateFirst(Query.query(Criteria.where("_id").is("a")), new Update().set("text", "repaired"), Note.class);
		viewClock.set(T0.plusSeconds(3600));
		assertThat(view.current()).containsEntry("a", "first");

		view.reset();

		assertThat(view.current()).containsEntry("a", "repaired");
	}

	@Test
	void aClockSetBackBeyondTheOverlapMakesTheNextReadLoadEverything() {
		write("a", "first", false, T0.minusSeconds(3600));
		view.current();
		// The host's clock corrected by an hour: new writes carry stamps older than the previous read.
		viewClock.set(T0.minusSeconds(3600));
		write("b", "after the correction", false, T0.minusSeconds(3590));
		viewClock.set(T0.minusSeconds(3580));

		assertThat(view.current()).containsEntry("b", "after the correction");
	}

	@Test
	void onTheEmbeddedStoreAnUnwrittenCollectionIsNotAskedAgain() {
		AtomicLong writes = new AtomicLong();
		ChangeStampedView<Note, String> counted = new ChangeStampedView<>(mongo, Note.class, "changedAt",
				new String[] { "text", "hidden", "changedAt" }, Note::id, Note::text, viewClock, OVERLAP, writes::get);
		write("a", "first", false, T0.minusSeconds(3600));
		counted.current();
		viewClock.set(T0.plusSeconds(10));
		write("b", "second", false, T0.plusSeconds(5));

		assertThat(counted.current()).as("no write counted: the collection is not read").doesNotContainKey("b");

		writes.incrementAndGet();
		assertThat(counted.current()).containsEntry("b", "second");
	}

	@Test
	void theEmbeddedStoreCountsEveryKindOfWrite() {
		String collection = mongo.getCollectionName(Note.class);
		long before = EmbeddedMongo.writesTo(EmbeddedMongo.DATABASE, collection);
		write("a", "first", false, T0);
		mongo.updateFirst(Query.query(Criteria.where("_id").is("a")), new Update().set("text", "x"), Note.class);
		mongo.upsert(Query.query(Criteria.where("_id").is("b")), new Update().set("text", "y").set("hidden", false), Note.class);
		mongo.findAndModify(Query.query(Criteria.where("_id").is("b")), new Update().set("text", "z"), Note.class);
		mongo.remove(Query.query(Criteria.where("_id").is("a")), Note.class);
		long afterEach = EmbeddedMongo.writesTo(EmbeddedMongo.DATABASE, collection);

		assertThat(afterEach - before).isGreaterThanOrEqualTo(5);
		mongo.findById("b", Note.class);
		assertThat(EmbeddedMongo.writesTo(EmbeddedMongo.DATABASE, collection)).as("reads are not writes").isEqualTo(afterEach);
	}

	private void write(String id, String text, boolean hidden, Instant at) {
		mongo.save(new Note(id, text, hidden, at));
	}

}
