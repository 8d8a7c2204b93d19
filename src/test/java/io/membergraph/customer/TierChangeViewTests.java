package io.membergraph.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.membergraph.ApplicationTest;
import io.membergraph.customer.LoyaltyFacts.TierStep;
import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.TierChangeColumns;
import io.membergraph.loyalty.TierChange;
import io.membergraph.store.ChangeStampedViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded tier changes in columns with the recent ones laid over them read exactly the stored changes, in time
 * order, read after read, as changes are added and folded into the columns; and each member's tier before a time is
 * the target of its latest change before then, of two at one instant the one with the greater id.
 */
class TierChangeViewTests extends ApplicationTest {

	private static final Instant FIRST = Instant.parse("2026-06-01T00:00:00Z");

	private static final String[] TIERS = { "BRONZE", "SILVER", "GOLD", "金卡" };

	private static final Comparator<TierStep> TOTAL = Comparator.comparing(TierStep::id);

	private final Random random = new Random(31);

	private MongoTemplate mongo;

	/** Changes written by this class's tests: their ids never repeat. */
	private static int written;

	@BeforeEach
	void store() {
		mongo = bean(MongoTemplate.class);
	}

	/** The changes written here are of no registered member, so no analysis counts them. */
	@AfterEach
	void removeTheseChanges() {
		mongo.remove(Query.query(Criteria.where("actor").is("tcv")), TierChange.class);
	}

	@Test
	void readsTheStoredChangesAfterAddsAndFoldsAndTheLatestOfAnInstantByItsId() {
		ColumnView<org.bson.Document, TierStep, TierChangeColumns> view = new ColumnView<>(
				bean(ChangeStampedViews.class).plainFeed(TierChange.class, "recordedAt", LoyaltyFacts.TIER_CHANGE_FIELDS),
				LoyaltyFacts.TIER_CHANGES, 40);
		insert(300);
		assertSameAsTheStore(view.current(), "first load");
		boolean folded = false;
		for (int round = 0; round < 20; round++) {
			// Some rounds stay within the overlap (what was written is handed out again), others leave it.
			clock.advance(Duration.ofSeconds(round % 3 == 0 ? 20 : 2));
			insert(random.nextInt(40));
			ColumnView.Snapshot<TierStep, TierChangeColumns> snapshot = view.current();
			folded |= snapshot.recent().size() < snapshot.size() && snapshot.columns().size > 300;
			assertSameAsTheStore(snapshot, "round " + round);
		}
		assertThat(folded).as("recent changes were folded into the columns").isTrue();
	}

	private void insert(int changes) {
		for (int i = 0; i < changes; i++) {
			written++;
			String member = "tcv-member-" + random.nextInt(15);
			// Few distinct times, so that one member often has several changes at one instant.
			Instant at = FIRST.plusSeconds(86_400L * random.nextInt(40));
			String tier = TIERS[random.nextInt(TIERS.length)];
			TierChange.Reason reason = TierChange.Reason.values()[random.nextInt(TierChange.Reason.values().length)];
			mongo.insert(new TierChange(member + "|" + reason + "|" + tier + "|" + written, member, null, tier, at, reason,
					"tcv", null, now()));
		}
	}

	private void assertSameAsTheStore(ColumnView.Snapshot<TierStep, TierChangeColumns> snapshot, String when) {
		List<TierChange> stored = mongo.find(Query.query(Criteria.where("actor").is("tcv")), TierChange.class);
		List<TierStep> read = new ArrayList<>();
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, ColumnView.all(), read::add);
		assertThat(read).as(when + ": in time order").isSortedAccordingTo(Comparator.comparing(TierStep::at));
		assertThat(read.stream().filter(s -> s.memberId().startsWith("tcv-")).sorted(TOTAL).toList()).as(when)
			.isEqualTo(stored.stream()
				.map(c -> new TierStep(c.id(), c.memberId(), c.to(), c.at()))
				.sorted(TOTAL)
				.toList());

		Instant end = FIRST.plusSeconds(86_400L * random.nextInt(42));
		Map<String, TierChange> latest = new HashMap<>();
		for (TierChange change : stored) {
			if (change.at().isBefore(end)) {
				latest.merge(change.memberId(), change, (a, b) -> {
					int byTime = b.at().compareTo(a.at());
					return byTime > 0 || byTime == 0 && b.id().compareTo(a.id()) > 0 ? b : a;
				});
			}
		}
		Map<String, String> expected = new HashMap<>();
		latest.forEach((member, change) -> expected.put(member, change.to()));
		Map<String, String> tiers = new HashMap<>(LoyaltyFacts.tiersBefore(snapshot, end));
		tiers.keySet().removeIf(member -> !member.startsWith("tcv-"));
		assertThat(tiers).as(when + ": each member's tier before " + end).isEqualTo(expected);
	}

}
