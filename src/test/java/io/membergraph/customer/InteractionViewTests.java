package io.membergraph.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import io.membergraph.ApplicationTest;
import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.InteractionColumns;
import io.membergraph.customer.internal.TimeColumns;
import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.store.ChangeStampedViews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactions in columns with the recent ones laid over them read exactly what the collection holds, in time
 * order, read after read, as interactions are added, handed out again within the overlap, moved to other members
 * (merges) and folded into the columns; and one write does not rebuild the columns.
 */
class InteractionViewTests extends ApplicationTest {

	/** Every field of an event, so that two lists of events compare as multisets once both are sorted by it. */
	private static final Comparator<Event> TOTAL = Comparator.comparing(Event::occurredAt)
		.thenComparing(Event::memberId, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::visitorId, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::type, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::channel, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::sku, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::campaignId, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::score, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::resolvedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Event::storeId, Comparator.nullsFirst(Comparator.naturalOrder()));

	private static final Instant FIRST = Instant.parse("2026-10-01T00:00:00Z");

	private final Random random = new Random(11);

	private MongoTemplate mongo;

	/** Interactions written by this class's tests, which share the collection: their ids never repeat. */
	private static int written;

	@BeforeEach
	void store() {
		mongo = bean(MongoTemplate.class);
	}

	@Test
	void readsWhatTheCollectionHoldsAfterAddsMergesAndFolds() {
		ColumnView<org.bson.Document, Event, InteractionColumns> view = view(40);
		insert(300);
		assertSameAsTheCollection(view.current(), "first load");
		boolean folded = false;
		for (int round = 0; round < 25; round++) {
			// Some rounds stay within the overlap (what was written is handed out again), others leave it.
			clock.advance(Duration.ofSeconds(round % 3 == 0 ? 20 : 2));
			insert(random.nextInt(30));
			if (round % 4 == 1) {
				String merged = "ivt-member-" + random.nextInt(20);
				mongo.updateMulti(Query.query(Criteria.where("memberId").is(merged)),
						Update.update("memberId", "ivt-member-" + (20 + round)).set("changedAt", now()), Interaction.class);
			}
			ColumnView.Snapshot<Event, InteractionColumns> snapshot = view.current();
			folded |= snapshot.recent().size() < snapshot.size() && snapshot.columns().size > 300;
			assertSameAsTheCollection(snapshot, "round " + round);
		}
		assertThat(folded).as("recent interactions were folded into the columns").isTrue();
	}

	@Test
	void aWriteLaysItsRowOverTheColumnsInsteadOfRebuildingThem() {
		ColumnView<org.bson.Document, Event, InteractionColumns> view = view(1_000_000);
		insert(50);
		clock.advance(Duration.ofMinutes(1));
		ColumnView.Snapshot<Event, InteractionColumns> before = view.current();
		Interaction added = insertOne();

		ColumnView.Snapshot<Event, InteractionColumns> after = view.current();

		assertThat(after.columns()).isSameAs(before.columns());
		assertThat(after.size()).isEqualTo(before.size() + 1);
		List<Event> at = new ArrayList<>();
		long millis = added.occurredAt().toEpochMilli();
		after.forEach(millis, millis + 1, ColumnView.all(), at::add);
		assertThat(at).contains(asTheEntityReads(added));
	}

	@Test
	void interactionsOfOneInstantKeepTheOrderTheyWereAddedIn() {
		io.membergraph.store.ValueDictionary strings = new io.membergraph.store.ValueDictionary();
		InteractionColumns.Builder builder = new InteractionColumns.Builder(2, strings);
		Instant noon = Instant.parse("2026-11-01T04:00:00Z");
		List<String> skus = List.of("late", "b", "a", "c", "early");
		builder.add(event(noon.plusSeconds(1), skus.get(0)), 1);
		builder.add(event(noon, skus.get(1)), 2);
		builder.add(event(noon, skus.get(2)), 3);
		builder.add(event(noon, skus.get(3)), 4);
		builder.add(event(noon.minusSeconds(1), skus.get(4)), 5);

		InteractionColumns columns = builder.build();

		List<String> read = new ArrayList<>();
		TimeColumns.RowReader<Event> reader = columns.reader(strings.values(), 0);
		for (int row = 0; row < columns.size; row++) {
			read.add(reader.read(row).sku());
		}
		assertThat(read).containsExactly("early", "b", "a", "c", "late");
		assertThat(columns.rowOf(noon.toEpochMilli(), 3)).isEqualTo(2);
		assertThat(columns.rowOf(noon.toEpochMilli(), 5)).isEqualTo(-1);
	}

	/** A view of the application's interactions that folds its recent ones once there are {@code foldAt}. */
	private ColumnView<org.bson.Document, Event, InteractionColumns> view(int foldAt) {
		return new ColumnView<>(
				bean(ChangeStampedViews.class).plainFeed(Interaction.class, "changedAt", InteractionFacts.FIELDS),
				InteractionFacts.KIND, foldAt);
	}

	private static Event event(Instant at, String sku) {
		return new Event("m", null, at, InteractionType.BROWSE, Channel.APP, null, sku, null, null, null);
	}

	private void insert(int interactions) {
		for (int i = 0; i < interactions; i++) {
			insertOne();
		}
	}

	private Interaction insertOne() {
		written++;
		// Few distinct times, so that many interactions share an instant.
		Instant at = FIRST.plusSeconds(3600L * random.nextInt(200));
		boolean member = random.nextInt(5) > 0;
		InteractionType type = InteractionType.values()[random.nextInt(InteractionType.values().length)];
		Map<String, Object> properties = switch (random.nextInt(10)) {
			case 0 -> Map.of("storeId", "ivt-store-" + random.nextInt(3));
			case 1 -> Map.of("resolvedAt", at.plusSeconds(7200).toString(), "storeId", "ivt-store-9");
			case 2 -> Map.of("resolvedAt", "not a time");
			case 3 -> Map.of("storeId", random.nextInt(3), "resolvedAt", 17);
			default -> Map.of();
		};
		// Now and then an id that reads as an ObjectId, which the store keeps as one.
		String id = written % 7 == 0 ? new org.bson.types.ObjectId().toHexString() : "ivt-" + written;
		Interaction interaction = new Interaction(id, member ? "ivt-member-" + random.nextInt(20) : null,
				member && random.nextBoolean() ? null : "ivt-visitor-" + random.nextInt(50),
				random.nextInt(7) == 0 ? null : Channel.values()[random.nextInt(Channel.values().length)], type, at,
				random.nextBoolean() ? "ivt-sku-" + random.nextInt(30) : null,
				random.nextInt(4) == 0 ? "ivt-campaign-" + random.nextInt(3) : null,
				random.nextInt(3) == 0 ? random.nextInt(11) : null, properties, now(), null, now());
		return mongo.insert(interaction);
	}

	/**
	 * The event as Spring Data maps the stored interaction: the view reads the plain documents, so this is what it must
	 * agree with.
	 */
	private static Event asTheEntityReads(Interaction i) {
		Object resolved = i.properties() == null ? null : i.properties().get("resolvedAt");
		Object store = i.properties() == null ? null : i.properties().get("storeId");
		Instant resolvedAt;
		try {
			resolvedAt = resolved == null ? null : Instant.parse(resolved.toString());
		}
		catch (java.time.format.DateTimeParseException notATime) {
			resolvedAt = null;
		}
		return new Event(i.memberId(), i.visitorId(), i.occurredAt(), i.type(), i.channel(), i.campaignId(), i.sku(),
				i.score(), resolvedAt, store == null ? null : store.toString());
	}

	private void assertSameAsTheCollection(ColumnView.Snapshot<Event, InteractionColumns> snapshot, String when) {
		List<Event> expected = mongo.findAll(Interaction.class)
			.stream()
			.map(InteractionViewTests::asTheEntityReads)
			.sorted(TOTAL)
			.toList();
		List<Event> read = new ArrayList<>();
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, ColumnView.all(), read::add);
		assertThat(read).as(when + ": in time order").isSortedAccordingTo(Comparator.comparing(Event::occurredAt));
		assertThat(read.stream().sorted(TOTAL).toList()).as(when).isEqualTo(expected);
		assertThat(snapshot.size()).as(when).isEqualTo(expected.size());

		Instant from = FIRST.plusSeconds(3600L * random.nextInt(200));
		Instant to = from.plusSeconds(3600L * random.nextInt(50));
		List<Event> window = new ArrayList<>();
		snapshot.forEach(from.toEpochMilli(), to.toEpochMilli(),
				InteractionColumns.wanted((type, member) -> member && type == InteractionType.BROWSE.ordinal()), window::add);
		assertThat(window.stream().sorted(TOTAL).toList()).as(when + ": a window of member browsing")
			.isEqualTo(expected.stream()
				.filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to))
				.filter(e -> e.memberId() != null && e.type() == InteractionType.BROWSE)
				.toList());
		assertThat(read).allMatch(Objects::nonNull);

		// A funnel's reading: only who, when, what and where, of the types it wants, in time order.
		boolean[] wanted = new boolean[InteractionType.values().length];
		wanted[InteractionType.VISIT.ordinal()] = true;
		wanted[InteractionType.ADD_TO_CART.ordinal()] = true;
		List<Event> steps = new ArrayList<>();
		snapshot.visit(from.toEpochMilli(), to.toEpochMilli(), InteractionColumns.steps(wanted,
				(memberId, visitorId, millis, type, channel) -> steps.add(new Event(memberId, visitorId,
						Instant.ofEpochMilli(millis), type, channel, null, null, null, null, null))));
		assertThat(steps).as(when + ": steps in time order").isSortedAccordingTo(Comparator.comparing(Event::occurredAt));
		assertThat(steps.stream().sorted(TOTAL).toList()).as(when + ": the visits and carts of a window")
			.isEqualTo(expected.stream()
				.filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to))
				.filter(e -> e.type() == InteractionType.VISIT || e.type() == InteractionType.ADD_TO_CART)
				.map(e -> new Event(e.memberId(), e.visitorId(), e.occurredAt(), e.type(), e.channel(), null, null, null,
						null, null))
				.sorted(TOTAL)
				.toList());
	}

}
