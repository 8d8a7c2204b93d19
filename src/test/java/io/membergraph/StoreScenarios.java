package io.membergraph;

import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.customer.ReadModelRebuild;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.ingest.ImportJobs;
import io.membergraph.loyalty.internal.TierQualification;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberMerge;
import io.membergraph.member.MemberFilter;
import io.membergraph.member.MemberInputs.LinkIdentityInput;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store-facing behaviour, run twice: against real MongoDB 8 ({@link RealMongoDbTests}, where Docker runs) so
 * that what the embedded store does is known to match, and on the embedded store
 * ({@link EmbeddedStoreScenariosTests}) so that the scenarios themselves stay right on a machine without Docker.
 * Each subclass has a database of its own: the consistency checks read the whole store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "membergraph.seed.enabled=false", "membergraph.security.jwt-secret=test-secret-of-at-least-32-bytes-long!!",
				"membergraph.demo.accounts=false", "membergraph.bootstrap.admin=First.Admin",
				"membergraph.bootstrap.admin-password=a long bootstrap passphrase" })
@Import(PinnedClockConfiguration.class)
@WithMockUser(roles = "ADMIN")
abstract class StoreScenarios {

	@Autowired
	MemberProfiles profiles;

	@Autowired
	MemberDirectory directory;

	@Autowired
	MemberMerge merges;
	@Autowired
	io.membergraph.member.CustomAttributes attributes;

	@Autowired
	OrderRecording orders;

	@Autowired
	io.membergraph.commerce.OrderHistory history;

	@Autowired
	ImportJobs imports;

	@Autowired
	ReadModelRebuild rebuild;

	@Autowired
	TierQualification tiers;

	@Autowired
	io.membergraph.security.AuditTrail audit;

	@Autowired
	io.membergraph.customer.LoyaltyFacts loyaltyFacts;

	@Autowired
	io.membergraph.loyalty.internal.PointsLedger ledger;

	@Autowired
	io.membergraph.loyalty.PointsMaintenance maintenance;

	@Autowired
	io.membergraph.engagement.PropertyVisibility visibility;

	@Autowired
	PinnedClock clock;

	@Autowired
	io.membergraph.customer.RfmScores rfmScores;

	@Autowired
	org.springframework.graphql.ExecutionGraphQlService graphQl;

	@Autowired
	io.membergraph.shared.RecoverySweep sweep;

	@Autowired
	org.springframework.data.mongodb.core.MongoTemplate template;

	@Autowired
	io.membergraph.customer.InteractionFacts interactionFacts;

	@Autowired
	io.membergraph.segment.SavedSegments savedSegments;

	@Autowired
	io.membergraph.campaign.CampaignPlanner campaignPlanner;

	@Autowired
	io.membergraph.campaign.CampaignBulkLoad campaignBulkLoad;

	@Autowired
	io.membergraph.member.MemberStatistics statistics;

	@Autowired
	io.membergraph.security.ShownSets shownSets;

	/**
	 * What a marketer was shown is kept in the store, so that another instance, or this one after a restart, sets a new
	 * answer against it; an instance that lost the race to remember a set finds the other's first.
	 */
	@Test
	void setsShownOnOneInstanceAreSetAgainstNewOnesOnAnother() {
		java.util.function.Supplier<io.membergraph.security.ShownGroups> instance = () -> new io.membergraph.security.ShownGroups(
				"scenario previews", 5, java.time.Duration.ofHours(24), 2_000, clock, shownSets);
		List<String> all = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "S" + (1000 + i)).toList();
		io.membergraph.security.ShownGroups first = instance.get();
		io.membergraph.security.ShownGroups second = instance.get();
		assertThat(first.mayShow("scenario-marketer", all)).isTrue();
		assertThat(second.mayShow("scenario-marketer", all.subList(2, 200))).isFalse();
		assertThat(instance.get().mayShow("scenario-marketer", all.subList(0, 197))).as("after a restart").isFalse();
		assertThat(second.mayShow("scenario-marketer", all.subList(0, 150))).isTrue();
		assertThat(first.mayShow("scenario-marketer", all.subList(1, 150))).as("what the second was shown").isFalse();
		assertThat(shownSets.version("scenario-marketer", "scenario previews")).isEqualTo(2);
		assertThat(shownSets.after("scenario-marketer", "scenario previews", 1)).hasSize(1);
		assertThat(shownSets.claim("scenario-marketer", "scenario previews", 1)).as("a version moved on already").isFalse();
		assertThat(shownSets.claim("other-marketer", "scenario previews", 0)).isTrue();
		assertThat(shownSets.claim("other-marketer", "scenario previews", 0)).isFalse();
	}

	/**
	 * The periods of one report are kept together, each with the stretch of time it covers: another instance reads the
	 * stretches back and sets a new period only against those it meets.
	 */
	@Test
	void periodsShownTogetherAreKeptWithTheirStretchesOfTime() {
		java.util.function.Supplier<io.membergraph.security.ShownGroups> instance = () -> new io.membergraph.security.ShownGroups(
				"scenario periods", 5, java.time.Duration.ofHours(24), 2_000, clock, shownSets);
		java.util.function.BiFunction<Integer, Integer, io.membergraph.security.ShownGroups.Sketch> buyers = (from, to) -> {
			io.membergraph.security.ShownGroups.Sketch sketch = new io.membergraph.security.ShownGroups.Sketch();
			java.util.stream.IntStream.range(from, to).forEach(i -> sketch.member("P" + (1000 + i)));
			return sketch;
		};
		java.util.function.BiFunction<String, String, io.membergraph.security.ShownGroups.Span> days = (first, next) ->
				new io.membergraph.security.ShownGroups.Span("scenario orders", Instant.parse(first + "T00:00:00Z"),
						Instant.parse(next + "T00:00:00Z"));
		assertThat(instance.get().differingQuestions("scenario-marketer", List.of(
				new io.membergraph.security.ShownGroups.Asked("week", days.apply("2026-09-28", "2026-10-05"), buyers.apply(0, 60)),
				new io.membergraph.security.ShownGroups.Asked("September", days.apply("2026-09-01", "2026-10-01"),
						buyers.apply(100, 300))))).isEmpty();
		assertThat(shownSets.after("scenario-marketer", "scenario periods", 0)).hasSize(2)
			.allSatisfy(set -> assertThat(set.spanOf()).isEqualTo("scenario orders"));
		io.membergraph.security.ShownGroups other = instance.get();
		assertThat(other.differingQuestions("scenario-marketer", List.of(new io.membergraph.security.ShownGroups.Asked(
				"October to date", days.apply("2026-10-01", "2026-10-05"), buyers.apply(1, 60)))))
			.map(io.membergraph.security.ShownGroups.Clash::earlier).contains("week");
		assertThat(other.differingQuestions("scenario-marketer", List.of(new io.membergraph.security.ShownGroups.Asked(
				"November", days.apply("2026-11-01", "2026-12-01"), buyers.apply(1, 60))))).as("meets neither").isEmpty();
	}

	@Autowired
	io.membergraph.security.internal.SignInThrottle signInThrottle;

	/** The sign-in throttle keeps its buckets in the store: the failures are counted there, a success forgets them. */
	@Test
	void signInFailuresAreCountedInTheStore() {
		String username = "scenario-guesser-" + System.nanoTime();
		for (int i = 0; i < 5; i++) {
			assertThat(signInThrottle.admit(username, "192.0.2.50")).isZero();
			signInThrottle.failed(username, "192.0.2.50");
		}
		assertThat(signInThrottle.admit(username, "192.0.2.50")).isEqualTo(java.time.Duration.ofSeconds(12));
		clock.advance(java.time.Duration.ofSeconds(12));
		try {
			assertThat(signInThrottle.admit(username, "192.0.2.50")).isZero();
			signInThrottle.succeeded(username, "192.0.2.50");
			assertThat(signInThrottle.admit(username, "192.0.2.50")).isZero();
			assertThat(template.getCollection("sign_in_buckets").countDocuments()).isPositive();
		}
		finally {
			clock.reset();
		}
	}

	/** The interaction view reads the stored documents through the driver: the first read whole, the next by stamp. */
	@Test
	void theInteractionViewReadsStoredDocumentsAndThenOnlyNewOnes() {
		String id = register("Viewed", "13900000010");
		Instant at = clock.instant().minus(java.time.Duration.ofHours(2));
		template.insert(new io.membergraph.engagement.Interaction("viewed-1", id, null, Channel.APP,
				io.membergraph.engagement.InteractionType.COMPLAINT, at, "SK-1", null, 2,
				java.util.Map.of("storeId", 7, "resolvedAt", at.plusSeconds(60).toString()), at, null, clock.instant()));
		java.util.List<io.membergraph.customer.InteractionFacts.Event> seen = new java.util.ArrayList<>();
		interactionFacts.between(at, clock.instant(), event -> {
			if (id.equals(event.memberId())) {
				seen.add(event);
			}
		});
		assertThat(seen).containsExactly(new io.membergraph.customer.InteractionFacts.Event(id, null, at,
				io.membergraph.engagement.InteractionType.COMPLAINT, Channel.APP, null, "SK-1", 2, at.plusSeconds(60), "7"));

		clock.advance(java.time.Duration.ofMinutes(1));
		template.insert(new io.membergraph.engagement.Interaction("viewed-2", id, null, null,
				io.membergraph.engagement.InteractionType.VISIT, at.plusSeconds(5), null, null, null, java.util.Map.of(), at,
				null, clock.instant()));
		seen.clear();
		interactionFacts.between(at, clock.instant(), event -> {
			if (id.equals(event.memberId())) {
				seen.add(event);
			}
		});
		assertThat(seen).extracting(io.membergraph.customer.InteractionFacts.Event::type).containsExactly(
				io.membergraph.engagement.InteractionType.COMPLAINT, io.membergraph.engagement.InteractionType.VISIT);
		// Written past the engagement module, the member's months lack these two: the repair adds them, so that
		// the other tests' consistency checks see only what they wrote.
		assertThat(rebuild.rebuild(true).interactionMonths()).containsExactly(id);
	}

	@Test
	void theRecoverySweepsQueriesFindWhatACrashLeftAndLeaveYoungerWork() {
		String id = register("Swept", "13900000009");
		Instant old = clock.instant().minus(java.time.Duration.ofHours(1));
		template.insert(new io.membergraph.engagement.Interaction("swept-old", id, null, Channel.APP,
				io.membergraph.engagement.InteractionType.VISIT, old, null, null, null, java.util.Map.of(), old, true, old));
		template.insert(new io.membergraph.engagement.Interaction("swept-young", id, null, Channel.APP,
				io.membergraph.engagement.InteractionType.VISIT, clock.instant(), null, null, null, java.util.Map.of(),
				clock.instant(), true, clock.instant()));

		assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

		assertThat(template.findById("swept-old", io.membergraph.engagement.Interaction.class).rollupPending()).isNull();
		assertThat(template.findById("swept-young", io.membergraph.engagement.Interaction.class).rollupPending()).isTrue();
		assertThat(rebuild.rebuild(false).interactionMonths()).as("a roll-up still being written is no difference")
			.doesNotContain(id);

		// Once its grace period is over, the young one is recovered too, and the member's months are whole again.
		clock.advance(java.time.Duration.ofHours(1));
		try {
			assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);
		}
		finally {
			clock.reset();
		}
		assertThat(template.findById("swept-young", io.membergraph.engagement.Interaction.class).rollupPending()).isNull();
		assertThat(rebuild.rebuild(false).interactionMonths()).doesNotContain(id);
	}

	@Test
	void identitiesAreUniqueAndFoundByLookup() {
		String id = register("Real One", "13900000001");
		assertThat(register("Real Two", "+86 139 0000 0001")).isNull();
		assertThat(directory.findByContact("13900000001", null, null)).get().extracting(m -> m.id()).isEqualTo(id);
		assertThat(directory.search(new MemberFilter("Real", null, null, null, null, null, null, null, null, null),
				PageRequest.of(10, null)).nodes()).hasSize(1);
		// A link is pushed guarded by "not linked yet" and "room for one more" (no 20th element).
		for (int i = 0; i < 20; i++) {
			assertThat(profiles.linkIdentity(new LinkIdentityInput(id, Channel.WECHAT, "ox-real-" + i, null)).errors())
				.isEmpty();
		}
		assertThat(profiles.linkIdentity(new LinkIdentityInput(id, Channel.WECHAT, "ox-real-20", null)).errors())
			.extracting(e -> e.code()).containsExactly("TOO_MANY_IDENTITIES");
		assertThat(profiles.linkIdentity(new LinkIdentityInput(id, Channel.WECHAT, "ox-real-3", null)).errors()).isEmpty();
		assertThat(directory.findById(id).orElseThrow().identities()).hasSize(20);
	}

	@Test
	void ordersReplayAndRefundWithExactStats() {
		String id = register("Buyer", "13900000002");
		RecordOrderInput order = new RecordOrderInput(Channel.JD, "JD-1", id, null, null, Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null,
				List.of(new OrderLineInput("SK-1001", 2, UnitPrice.of("420.00"), null, null)), null, null, null, null, null);
		assertThat(orders.record(order).replayed()).isFalse();
		assertThat(orders.record(order).replayed()).isTrue();
		orders.refund(new RefundOrderInput(Channel.JD, "JD-1", "R1", Money.of("40.00"), null, "damaged", null));
		assertThat(orders.refund(new RefundOrderInput(Channel.JD, "JD-1", "R2", Money.of("800.01"), null, null, null)).errors())
			.extracting(e -> e.code()).containsExactly("REFUND_EXCEEDS_PAID");
		// Returned lines are written guarded by the refunds read (no element past them).
		assertThat(orders.refund(new RefundOrderInput(Channel.JD, "JD-1", "R3", Money.of("420.00"), null, null,
				List.of(new RefundLineInput("SK-1001", 1)))).errors()).isEmpty();
		assertThat(orders.refund(new RefundOrderInput(Channel.JD, "JD-1", "R4", Money.of("1.00"), null, null,
				List.of(new RefundLineInput("SK-1001", 2)))).errors())
			.extracting(e -> e.code()).containsExactly("REFUND_EXCEEDS_QUANTITY");
		var stats = directory.findById(id).orElseThrow().stats();
		assertThat(stats.orderCount()).isEqualTo(1);
		assertThat(stats.totalSpend()).isEqualTo(Money.of("380.00"));
	}

	/**
	 * A page of members' orders is read from the orders by member (the orders' member index on MongoDB), newest
	 * first, a page at a time, and follows the orders when their member is merged.
	 */
	@Test
	void membersOrdersAreListedFromTheOrdersNewestFirstAndFollowAMerge() {
		String buyer = register("Lister", "13900000101");
		String other = register("Lister Twin", "13900000102");
		for (int day = 1; day <= 3; day++) {
			recordOn(buyer, "LIST-" + day, "2026-02-0" + day);
		}
		recordOn(other, "LIST-4", "2026-02-05");
		var firstPage = new io.membergraph.commerce.OrderHistory.MemberOrdersPage(buyer,
				io.membergraph.shared.PageRequest.of(2, null));
		var otherPage = new io.membergraph.commerce.OrderHistory.MemberOrdersPage(other,
				io.membergraph.shared.PageRequest.of(2, null));
		var pages = history.pagesFor(java.util.Set.of(firstPage, otherPage));
		assertThat(pages.get(firstPage).nodes()).extracting(o -> o.orderNumber()).containsExactly("LIST-3", "LIST-2");
		assertThat(pages.get(firstPage).pageInfo().hasNextPage()).isTrue();
		assertThat(pages.get(otherPage).nodes()).extracting(o -> o.orderNumber()).containsExactly("LIST-4");
		var nextPage = new io.membergraph.commerce.OrderHistory.MemberOrdersPage(buyer,
				io.membergraph.shared.PageRequest.of(2, pages.get(firstPage).pageInfo().endCursor()));
		assertThat(history.pagesFor(java.util.Set.of(nextPage)).get(nextPage).nodes()).extracting(o -> o.orderNumber())
			.containsExactly("LIST-1");

		assertThat(merges.merge(new MemberMerge.MergeMembersInput(buyer, other, "duplicate")).errors()).isEmpty();
		var afterMerge = new io.membergraph.commerce.OrderHistory.MemberOrdersPage(buyer,
				io.membergraph.shared.PageRequest.of(10, null));
		assertThat(history.pagesFor(java.util.Set.of(afterMerge, otherPage))).satisfies(merged -> {
			assertThat(merged.get(afterMerge).nodes()).extracting(o -> o.orderNumber())
				.containsExactly("LIST-4", "LIST-3", "LIST-2", "LIST-1");
			assertThat(merged.get(otherPage).nodes()).isEmpty();
		});
	}

	private void recordOn(String memberId, String number, String day) {
		Instant placed = Instant.parse(day + "T10:00:00Z");
		assertThat(orders.record(new RecordOrderInput(Channel.WEB, number, memberId, null, null, placed, placed, null, null,
				null, null, List.of(new OrderLineInput("SK-1001", 1, UnitPrice.of("10.00"), null, null)), null, null, null,
				null, null)).errors()).isEmpty();
	}

	/** The in-memory balances read what changed by the accounts' change stamp, an indexed range query. */
	@Test
	void aBalanceChangeReachesTheNextReadOfTheBalances() {
		String id = register("Saver", "13900000003");
		Instant soon = Instant.parse("2026-12-31T00:00:00Z");
		long before = java.util.Objects.requireNonNullElse(loyaltyFacts.balances(soon).of(id), new io.membergraph.customer.LoyaltyFacts.Balance(0, 0))
			.available();
		ledger.adjust(new io.membergraph.loyalty.LoyaltyInputs.AdjustPointsInput(id, 1_234L, "real-adjust", "test"));
		assertThat(loyaltyFacts.balances(soon).of(id).available())
			.isEqualTo(before + 1_234);
	}

	/**
	 * The points audit reads a member's postings under way by its ledger entries and its batch journals: an entry its
	 * account decided but nobody settled, and an entry still in a journal its account took, count as they will land;
	 * a balance nothing explains is reported.
	 */
	@Test
	void thePointsAuditCountsPostingsUnderWayAsTheyWillLand() {
		String id = register("Underway", "13900000057");
		ledger.adjust(new io.membergraph.loyalty.LoyaltyInputs.AdjustPointsInput(id, 300L, "underway-1", "test"));
		ledger.adjust(new io.membergraph.loyalty.LoyaltyInputs.AdjustPointsInput(id, 200L, "underway-2", "test"));
		var entries = template.getCollection("points_ledger");
		var accounts = template.getCollection("points_accounts");
		org.bson.Document decided = entries.find(new org.bson.Document("memberId", id).append("points", 300)).first();
		org.bson.Document journaled = entries.find(new org.bson.Document("memberId", id).append("points", 200)).first();
		entries.updateOne(new org.bson.Document("_id", decided.get("_id")),
				new org.bson.Document("$set", new org.bson.Document("status", "PENDING").append("points", 0L)));
		entries.deleteOne(new org.bson.Document("_id", journaled.get("_id")));
		template.getCollection("points_batches").insertOne(new org.bson.Document("_id", "B-underway:0")
			.append("batch", "B-underway").append("part", 0)
			.append("members", java.util.List.of(new org.bson.Document("memberId", id).append("entries", java.util.List.of(journaled))
				.append("tierChanges", java.util.List.of()).append("statusVersion", -1L))));
		accounts.updateOne(new org.bson.Document("_id", id), new org.bson.Document("$push", new org.bson.Document("applied",
				new org.bson.Document("entryId", "batch:B-underway").append("points", 0L).append("outcome", "APPLIED"))));

		assertThat(maintenance.audit()).extracting(io.membergraph.loyalty.PointsMaintenance.Discrepancy::memberId)
			.doesNotContain(id);

		accounts.updateOne(new org.bson.Document("_id", id), new org.bson.Document("$inc", new org.bson.Document("balance", 7L)));
		try {
			assertThat(maintenance.audit()).filteredOn(d -> d.memberId().equals(id)).singleElement()
				.satisfies(d -> assertThat(d.balance() - d.ledgerSum()).as("the ledger short of the two under way and 7")
					.isEqualTo(507));
		}
		finally {
			accounts.updateOne(new org.bson.Document("_id", id), new org.bson.Document("$inc", new org.bson.Document("balance", -7L)));
			entries.replaceOne(new org.bson.Document("_id", decided.get("_id")), decided);
			entries.insertOne(journaled);
			template.getCollection("points_batches").deleteOne(new org.bson.Document("_id", "B-underway:0"));
		}
		assertThat(maintenance.audit()).extracting(io.membergraph.loyalty.PointsMaintenance.Discrepancy::memberId)
			.doesNotContain(id);
	}

	/**
	 * Writes meeting a bulk welcome between its accounts and its ledger: an order batch (finding the journal its
	 * member's account took, by member and batch) and an order recorded live (finding the journal's copy of the key it
	 * posts) both count the registration reward as granted, once, and the audit finds nothing.
	 */
	@Test
	void writesMeetingAWelcomeBetweenItsAccountsAndItsLedgerDoNotWelcomeAgain(
			@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
		java.nio.file.Path members = dir.resolve("members.csv");
		java.nio.file.Files.writeString(members, "name,phone,joinedAt\nMeeting A,13900000191,2025-05-01\n"
				+ "Meeting B,13900000192,2025-05-01\n");
		java.nio.file.Path orderLines = dir.resolve("orders.csv");
		java.nio.file.Files.writeString(orderLines,
				"orderNumber,phone,placedAt,sku,quantity,unitPrice\nMEET-1,13900000191,2025-06-01 10:00,SK-1001,1,19.90\n");
		Instant placed = Instant.parse("2025-06-01T02:00:00Z");
		io.membergraph.commerce.BatchCrashes.runAt(context, io.membergraph.commerce.BatchSteps.Step.ACCOUNTS_WRITTEN, () -> {
			assertThat(imports.runFile(ImportEntity.ORDERS, orderLines, java.util.Map.of("mapping", """
					{"channel":{"value":"WEB"},"memberPhone":"phone","paidAt":{"sameAs":"placedAt"}}"""),
					ImportJobs.Progress.NONE).rowsLoaded()).isEqualTo(1);
			String buyer = directory.findByContact("13900000192", null, null).orElseThrow().id();
			assertThat(orders.record(new RecordOrderInput(Channel.WEB, "MEET-2", buyer, null, null, placed, placed, null, null,
					null, null, List.of(new OrderLineInput("SK-1001", 1, UnitPrice.of("19.90"), null, null)), null, null, null,
					null, null)).errors()).isEmpty();
		});
		try {
			ImportJob welcomed = imports.runFile(ImportEntity.MEMBERS, members, java.util.Map.of("mapping",
					"{\"joinChannel\":{\"value\":\"WEB\"}}"), ImportJobs.Progress.NONE);
			assertThat(welcomed.rowsLoaded()).as(String.valueOf(welcomed.failure())).isEqualTo(2);
		}
		finally {
			io.membergraph.commerce.BatchCrashes.calm(context);
		}

		for (String phone : List.of("13900000191", "13900000192")) {
			String id = directory.findByContact(phone, null, null).orElseThrow().id();
			var entries = template.find(org.springframework.data.mongodb.core.query.Query.query(
					org.springframework.data.mongodb.core.query.Criteria.where("memberId").is(id)),
					io.membergraph.loyalty.PointsEntry.class);
			assertThat(entries).filteredOn(e -> e.reason().equals("REGISTRATION")).as("welcomes of %s", phone).hasSize(1);
			assertThat(entries).as("orders of %s", phone).anySatisfy(e -> assertThat(e.source()).startsWith("order:"));
			assertThat(maintenance.audit()).extracting(io.membergraph.loyalty.PointsMaintenance.Discrepancy::memberId)
				.doesNotContain(id);
		}
	}

	/**
	 * The bulk path end to end: a file of members and one of order lines (an order's lines apart, a wholesale
	 * order, a free item, a return of an earlier order, a credit note) imported as HISTORY, then checked by the
	 * rebuild; the tier reviews that fell due since are carried out by the daily job's query.
	 */
	@Test
	void importsLoadInBatchesAndLeaveReadModelsConsistent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws java.io.IOException {
		java.nio.file.Path members = dir.resolve("members.csv");
		java.nio.file.Files.writeString(members, "name,phone,joinedAt\nBulk A,13900000011,2024-01-05\nBulk B,13900000012,2024-02-01\n");
		assertThat(imports.runFile(ImportEntity.MEMBERS, members, java.util.Map.of("mapping", "{\"joinChannel\":{\"value\":\"WEB\"}}"),
				ImportJobs.Progress.NONE).rowsLoaded()).isEqualTo(2);
		StringBuilder lines = new StringBuilder("orderNumber,phone,placedAt,sku,quantity,unitPrice,original\n");
		lines.append("B-1,13900000011,2024-03-01 10:00,SK-1001,1,420.00,\n");
		lines.append("B-2,13900000012,2024-03-02 10:00,GIFT BAG,1,0,\n");
		for (int i = 0; i < 600; i++) {
			lines.append("B-3,13900000012,2024-03-03 10:00,sku %d,2,0.0825,\n".formatted(i));
		}
		lines.append("B-1,13900000011,2024-03-01 10:00,HC-4001,1,99.50,\n");
		lines.append("RET-1,13900000011,2024-04-01 10:00,SK-1001,-1,420.00,B-1\n");
		lines.append("C-9,13900000012,2024-04-02 10:00,HC-4001,-1,99.50,\n");
		java.nio.file.Path orders = dir.resolve("orders.csv");
		java.nio.file.Files.writeString(orders, lines);
		ImportJob job = imports.runFile(ImportEntity.ORDERS, orders, java.util.Map.of("mapping", """
				{"channel":{"value":"WEB"},"memberPhone":"phone","paidAt":{"sameAs":"placedAt"},"originalOrderNumber":"original"}"""),
				ImportJobs.Progress.NONE);
		assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
		assertThat(job.rowsRejected()).isZero();
		assertThat(job.rowsLoaded()).isEqualTo(605);
		assertThat(tiers.reevaluate(Instant.parse("2026-01-01T00:00:00Z"))).isGreaterThanOrEqualTo(0);
		assertThat(rebuild.rebuild(false).consistent()).isTrue();
	}

	/**
	 * An event log in batches: the replays read by id, one insert, the members' months as one bulk upsert of
	 * {@code $addToSet}, the pending flags cleared by a list of ids; members with consents and a joined name.
	 */
	@Test
	void anEventLogAndACustomerExportLoadInBatches(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws java.io.IOException {
		java.nio.file.Path customers = dir.resolve("customers.csv");
		java.nio.file.Files.writeString(customers, "First Name,Last Name,Phone,Accepts SMS\nAda,Event,13900000031,yes\n");
		assertThat(imports.runFile(ImportEntity.MEMBERS, customers, java.util.Map.of("mapping", """
				{"name": {"columns": ["First Name", "Last Name"]}, "phone": "Phone", "smsConsent": "Accepts SMS",
				 "joinChannel": {"value": "WEB"}}"""), ImportJobs.Progress.NONE).rowsLoaded()).isEqualTo(1);
		String member = directory.findByContact("13900000031", null, null).orElseThrow().id();
		long at = clock.instant().minus(java.time.Duration.ofHours(3)).toEpochMilli();
		java.nio.file.Path events = dir.resolve("events.csv");
		java.nio.file.Files.writeString(events, "timestamp,member,visitor,event\n%d,%s,,View\n%d,%s,,addtocart\n%d,,v-31,view\n"
			.formatted(at, member, at + 1_000, member, at + 2_000));
		java.util.Map<String, String> parameters = java.util.Map.of("dateFormat", "epoch-millis", "mapping", """
				{"memberId": "member", "visitorId": "visitor", "occurredAt": "timestamp", "channel": {"value": "WEB"},
				 "type": {"column": "event", "values": {"view": "BROWSE"}}}""");
		assertThat(imports.runFile(ImportEntity.INTERACTIONS, events, parameters, ImportJobs.Progress.NONE).rowsLoaded())
			.isEqualTo(3);
		ImportJob replay = imports.runFile(ImportEntity.INTERACTIONS, events, parameters, ImportJobs.Progress.NONE);
		assertThat(replay.rowsLoaded()).as("a replay records nothing twice").isZero();
		assertThat(imports.recent(io.membergraph.shared.PageRequest.of(1, null)).edges().get(0).node().id())
			.as("the newest import first").isEqualTo(replay.id());
		assertThat(template.count(org.springframework.data.mongodb.core.query.Query.query(
				org.springframework.data.mongodb.core.query.Criteria.where("memberId").is(member).and("rollupPending").is(true)),
				io.membergraph.engagement.Interaction.class)).isZero();
		assertThat(rebuild.rebuild(false).consistent()).isTrue();
	}

	/**
	 * A member list in an Excel 97-2003 workbook with a column of the brand's own: the attribute definitions read by
	 * id in one query, a new member written with the attribute, a known member's missing one set by its dotted path.
	 */
	@Test
	void customAttributesLoadFromAnExcel97WorkbookAndFillWhatAKnownMemberLacks(
			@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
		attributes.define(new io.membergraph.member.CustomAttributes.DefineAttributeInput("scenarioSize", "Shoe size",
				io.membergraph.member.AttributeType.NUMBER, null));
		String known = register("Known Attr", "13900000041");
		java.nio.file.Path file = dir.resolve("members.xls");
		try (var workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
				var out = java.nio.file.Files.newOutputStream(file)) {
			var sheet = workbook.createSheet("会员");
			String[][] rows = { { "姓名", "手机号", "Shoe size" }, { "Known Attr", "13900000041", "41" },
					{ "New Attr", "13900000042", "38.5" } };
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < 3; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(out);
		}

		ImportJob job = imports.runFile(ImportEntity.MEMBERS, file, java.util.Map.of("mapping", """
				{"name": "姓名", "phone": "手机号", "attributes.scenarioSize": "Shoe size", "joinChannel": {"value": "STORE"}}"""),
				ImportJobs.Progress.NONE);

		assertThat(job.rowsLoaded()).isEqualTo(1);
		assertThat(job.rowsLinked()).isEqualTo(1);
		assertThat(directory.findById(known).orElseThrow().attributes()).containsEntry("scenarioSize", 41.0);
		assertThat(directory.findByContact("13900000042", null, null).orElseThrow().attributes())
			.containsEntry("scenarioSize", 38.5);
		assertThat(rebuild.rebuild(false).consistent()).isTrue();
	}

	/**
	 * A file imported again with a corrected mapping and {@code changedOrders=CORRECT}: the guarded replacement of
	 * the order, the recount of both members' orders, the points of the order found by member, source and status.
	 */
	@Test
	void aCorrectedImportCorrectsOrdersAndLeavesReadModelsConsistent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws java.io.IOException {
		String first = register("Fix A", "13900000021");
		String second = register("Fix B", "13900000022");
		java.nio.file.Path file = dir.resolve("orders.csv");
		java.nio.file.Files.writeString(file, """
				orderNumber,customer,referrer,placedAt,sku,quantity,unitPrice,listPrice,original
				F-1,%1$s,%2$s,2026-03-01 10:00,HC-4001,2,50.00,60.00,
				R-1,%1$s,%2$s,2026-03-05 10:00,HC-4001,-1,50.00,60.00,F-1
				""".formatted(first, second));
		String mapping = """
				{"channel":{"value":"WEB"},"memberId":"%s","paidAt":{"sameAs":"placedAt"},"unitPrice":"%s",
				 "originalOrderNumber":"original"}""";
		assertThat(imports.runFile(ImportEntity.ORDERS, file, java.util.Map.of("mapping", mapping.formatted("referrer",
				"listPrice")), ImportJobs.Progress.NONE).rowsLoaded()).isEqualTo(2);
		// Only what was recorded before a job started is corrected by it.
		clock.advance(java.time.Duration.ofHours(1));
		ImportJob corrected;
		try {
			corrected = imports.runFile(ImportEntity.ORDERS, file, java.util.Map.of("mapping",
					mapping.formatted("customer", "unitPrice"), "changedOrders", "CORRECT"), ImportJobs.Progress.NONE);
		}
		finally {
			clock.reset();
		}
		assertThat(corrected.rowsLinked()).isEqualTo(2);
		assertThat(directory.findById(first).orElseThrow().stats().totalSpend()).isEqualTo(Money.of("50.00"));
		assertThat(directory.findById(second).orElseThrow().stats().orderCount()).isZero();
		// The member the wrong reading gave the order keeps no first-order reward (its grants found by key prefix).
		assertThat(template.exists(org.springframework.data.mongodb.core.query.Query.query(
				org.springframework.data.mongodb.core.query.Criteria.where("_id").is(second + "|first-order:returned")
					.and("status").is("APPLIED")), "points_ledger")).isTrue();
		assertThat(rebuild.rebuild(false).consistent()).isTrue();
	}

	/**
	 * A web shop's order export as an Excel workbook: customers found by e-mail and registered when unknown (the
	 * lookup by e-mail, the bulk registration), a refunded amount on an order's row (the refund in a second batch,
	 * found by the order's id), a cancelled order that counts nowhere; imported again, nothing changes.
	 */
	@Test
	void aWebShopWorkbookRegistersCustomersByEmailAndRecordsRefundedAmounts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws java.io.IOException {
		java.nio.file.Path file = dir.resolve("shop-orders.xlsx");
		String[][] rows = {
				{ "Name", "Email", "Financial Status", "Created at", "Paid at", "Refunded at", "Refunded Amount",
						"Lineitem quantity", "Lineitem price", "Lineitem sku" },
				{ "#W1", "wb.buyer@example.com", "refunded", "2026-03-02 10:00:00", "2026-03-02 10:05:00",
						"2026-03-09 12:00:00", "19.90", "2", "19.90", "TEE-M" },
				{ "#W1", "", "", "2026-03-02 10:00:00", "", "", "", "1", "24.90", "HOOD-L" },
				{ "#W2", "WB.Buyer@Example.com", "cancelled", "2026-03-04 10:00:00", "", "", "", "1", "49.00", "GIFT" },
				{ "#W3", "wb.other@example.com", "paid", "2026-03-05 10:00:00", "2026-03-05 10:01:00", "", "0", "1",
						"15.00", "MUG" } };
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
				java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Orders");
			for (int r = 0; r < rows.length; r++) {
				org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(out);
		}
		java.util.Map<String, String> parameters = java.util.Map.of("unknownMembers", "REGISTER", "mapping", """
				{"orderNumber":"Name","channel":{"value":"WEB"},"memberEmail":"Email","placedAt":"Created at",
				 "paidAt":"Paid at","refundedAt":"Refunded at","refundedAmount":"Refunded Amount",
				 "status":{"column":"Financial Status","values":{"cancelled":"CANCELLED"}},
				 "quantity":"Lineitem quantity","unitPrice":"Lineitem price","sku":"Lineitem sku"}""");
		ImportJob job = imports.runFile(ImportEntity.ORDERS, file, parameters, ImportJobs.Progress.NONE);
		assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
		assertThat(job.rowsRejected()).isZero();
		var buyer = directory.findByContact(null, "wb.buyer@example.com", null).orElseThrow();
		assertThat(buyer.stats().orderCount()).as("the cancelled order counts nowhere").isEqualTo(1);
		assertThat(buyer.stats().grossSpend()).isEqualTo(Money.of("64.70"));
		assertThat(buyer.stats().refundAmount()).isEqualTo(Money.of("19.90"));
		assertThat(directory.findByContact(null, "wb.other@example.com", null)).isPresent();
		ImportJob again = imports.runFile(ImportEntity.ORDERS, file, parameters, ImportJobs.Progress.NONE);
		assertThat(again.rowsDuplicate()).isEqualTo(4);
		assertThat(directory.findById(buyer.id()).orElseThrow().stats().refundAmount()).isEqualTo(Money.of("19.90"));
		assertThat(rebuild.rebuild(false).consistent()).isTrue();
	}

	@Autowired
	io.membergraph.security.UserAccounts accounts;

	/**
	 * Accounts and API keys on real MongoDB: the guarded replacement of an account by version, the key lookup by
	 * key id, a member import through the bulk registration; the HTTP side is the embedded suite's.
	 */
	@Test
	void accountsKeysAndBulkRegistrationWork() throws Exception {
		var created = accounts.createUser(new io.membergraph.security.UserAccounts.CreateUserInput("real.user", "Real User",
				java.util.List.of(io.membergraph.security.Role.SUPPORT)));
		assertThat(created.errors()).isEmpty();
		assertThat(created.oneTimePassword()).hasSize(16);
		assertThat(accounts.updateUserRoles(new io.membergraph.security.UserAccounts.UpdateUserRolesInput("real.user",
				java.util.List.of(io.membergraph.security.Role.MARKETER))).user().roles())
			.containsExactly(io.membergraph.security.Role.MARKETER);
		assertThat(accounts.disableUser("real.user").user().status()).isEqualTo("DISABLED");
		assertThat(accounts.users(PageRequest.of(10, null)).nodes()).extracting(u -> u.username()).contains("real.user");
		java.nio.file.Path file = java.nio.file.Files.createTempFile("members", ".csv");
		java.nio.file.Files.writeString(file, "姓名,手机号\n批量 一,13900000071\n批量 二,13900000072\n批量 一,13900000071\n");
		var job = imports.runFile(io.membergraph.ingest.ImportJob.ImportEntity.MEMBERS, file,
				java.util.Map.of("mapping", "{\"name\":\"姓名\",\"phone\":\"手机号\",\"joinChannel\":{\"value\":\"STORE\"}}"),
				reported -> {
				});
		assertThat(job.rowsLoaded()).isEqualTo(2);
		assertThat(job.rowsDuplicate()).isEqualTo(1);
		assertThat(directory.findByContact("13900000072", null, null)).isPresent();
	}

	@Test
	void theAuditTrailPagesNewestFirstByMemberAndActionAndMaskedPropertiesFollowTheAllowList() {
		String memberId = register("Audited", "13900000081");
		directory.findById(memberId);
		directory.findByContact("13900000081", null, null);
		var firstPage = audit.entries(memberId, null, io.membergraph.security.AuditTrail.Action.READ_PERSONAL_DATA, null,
				null, PageRequest.of(2, null));
		assertThat(firstPage.nodes()).hasSize(2);
		var rest = audit.entries(memberId, null, io.membergraph.security.AuditTrail.Action.READ_PERSONAL_DATA,
				java.time.LocalDate.of(2000, 1, 1), java.time.LocalDate.of(2100, 1, 1),
				PageRequest.of(2, firstPage.pageInfo().endCursor()));
		assertThat(rest.nodes()).extracting(e -> e.id()).doesNotContainAnyElementsOf(
				firstPage.nodes().stream().map(e -> e.id()).toList());
		assertThat(visibility.setVisibleKeys(java.util.List.of("storeId", "page"))).containsExactly("page", "storeId");
		assertThat(visibility.visibleKeys()).containsExactly("page", "storeId");
	}

	/** The stored RFM segments are a view read by the scores' change stamp: a run's scores and its clearing reach it. */
	@Test
	void aScoringRunAndTheScoresItClearsReachTheNextReadOfTheSegments() {
		String id = register("Scored", "13900000008");
		Instant now = clock.instant();
		orders.record(new RecordOrderInput(Channel.JD, "JD-RFM", id, null, null, now, now, null, null, null, null,
				List.of(new OrderLineInput("SK-1001", 1, UnitPrice.of("420.00"), null, null)), null, null, null, null, null));
		scoreRfm();
		assertThat(rfmScores.segments()).containsKey(id);

		orders.refund(new RefundOrderInput(Channel.JD, "JD-RFM", "R1", Money.of("420.00"), null, "returned", null));
		scoreRfm();
		assertThat(rfmScores.segments()).doesNotContainKey(id);
	}

	/**
	 * The fits list newest first, those of one instant by version, and a scoring run finds its fit by version
	 * (documents as a fit writes them, without the models: the query and the lookup are what is checked).
	 */
	@Test
	void fitsListNewestFirstAndAScoringRunFindsItsFitByVersion() {
		Instant now = clock.instant();
		for (String[] fit : new String[][] { { "PM1", "P0D" }, { "PM3", "P0D" }, { "PM2", "PT1H" } }) {
			template.insert(new org.bson.Document("_id", fit[0])
				.append("fittedAt", java.util.Date.from(now.minus(java.time.Duration.parse(fit[1]))))
				.append("calibrationEnd", java.util.Date.from(now)).append("customers", 0).append("repeatBuyers", 0),
					"prediction_models");
		}
		var listed = graphQl.execute(new org.springframework.graphql.support.DefaultExecutionGraphQlRequest(
				"{ predictionModels(first: 3) { version } }", null, java.util.Map.of(), java.util.Map.of(), "fits", null))
			.block();
		assertThat(listed.getErrors()).isEmpty();
		assertThat(listed.field("predictionModels").<List<java.util.Map<String, Object>>>getValue())
			.extracting(fit -> fit.get("version")).containsExactly("PM3", "PM1", "PM2");
		var refused = graphQl.execute(new org.springframework.graphql.support.DefaultExecutionGraphQlRequest(
				"mutation { scoreMembers(input: {modelVersion: \"PM9\"}) { errors { code field } } }", null, java.util.Map.of(),
				java.util.Map.of(), "score", null)).block();
		assertThat(read(refused, "scoreMembers.errors[0].code")).isEqualTo("MODEL_NOT_FOUND");
		template.remove(new org.springframework.data.mongodb.core.query.Query(), "prediction_models");
	}

	@Autowired
	org.springframework.context.ApplicationContext context;

	/**
	 * The first ADMIN comes from the configuration into an empty store, once: started again (the runner run
	 * again), it is left as it is, its password too.
	 */
	@Test
	void theFirstAdminIsCreatedOnceFromTheConfiguration() throws Exception {
		var admin = template.findById("first.admin", org.bson.Document.class, "accounts");
		assertThat(admin).isNotNull();
		assertThat(admin.getList("roles", String.class)).containsExactly("ADMIN");
		for (org.springframework.boot.ApplicationRunner runner : context
			.getBeansOfType(org.springframework.boot.ApplicationRunner.class).values()) {
			if (runner.getClass().getSimpleName().startsWith("FirstAdmin")) {
				runner.run(new org.springframework.boot.DefaultApplicationArguments());
			}
		}
		var after = template.findById("first.admin", org.bson.Document.class, "accounts");
		assertThat(after.get("passwordHash")).isEqualTo(admin.get("passwordHash"));
		assertThat(after.get("version")).isEqualTo(admin.get("version"));
	}

	/**
	 * A merge that meets another under way into the member it merges is refused by the log's queries (by survivor
	 * and status); the merged member's points account is closed and taken by the survivor's; a profile change sent with a merged member's id lands on the survivor (an update guarded by
	 * status).
	 */
	@Test
	void aMergeCrossingAnotherIsRefusedAndWritesForTheMergedMemberReachTheSurvivor() {
		String survivor = register("Merge Survivor", "13900000091");
		String merged = register("Merge Merged", "13900000092");
		String third = register("Merge Third", "13900000093");
		org.bson.Document underWay = new org.bson.Document("_id", third).append("survivorId", merged)
			.append("status", "IN_PROGRESS").append("startedAt", java.util.Date.from(clock.instant()))
			.append("reason", "under way").append("mergedBy", "crm").append("stepsDone", List.of());
		template.getCollection("member_merges").insertOne(underWay);
		var crossing = merges.merge(new MemberMerge.MergeMembersInput(survivor, merged, "duplicate"));
		template.getCollection("member_merges").deleteOne(underWay);
		assertThat(crossing.errors()).extracting(e -> e.code()).containsExactly("MERGE_IN_PROGRESS");
		assertThat(directory.findById(merged).orElseThrow().status()).isEqualTo(io.membergraph.member.MemberStatus.ACTIVE);

		assertThat(merges.merge(new MemberMerge.MergeMembersInput(survivor, merged, "duplicate")).errors()).isEmpty();
		// The merge log read whole for completed merges (a campaign's audience), and one member's path through it.
		assertThat(directory.mergedAwayAmong(id -> id.equals(merged) || id.equals(third), clock.instant()))
			.containsExactly(java.util.Map.entry(merged, survivor));
		assertThat(directory.mergedAwayAmong(id -> true, clock.instant().plus(java.time.Duration.ofDays(2)))).isEmpty();
		assertThat(directory.mergePath(merged)).containsExactly(merged, survivor);
		// The merged member's account was closed (a replace guarded by its version) and taken by the survivor's.
		assertThat(template.getCollection("points_accounts").countDocuments(new org.bson.Document("_id", merged))).isZero();
		var updated = profiles.updateProfile(new io.membergraph.member.MemberInputs.UpdateMemberProfileInput(merged, null,
				null, null, null, null, null, null, null, List.of("vip"), null));
		assertThat(updated.member().id()).isEqualTo(survivor);
		assertThat(directory.findById(survivor).orElseThrow().tags()).containsExactly("vip");

		// A stats change reaching the tombstone is refused there (an update guarded by key and status) and applied to
		// the survivor; a batch's, found among the tombstones without its key, under a key of its own.
		var before = directory.findById(survivor).orElseThrow().stats();
		var thirdBefore = directory.findById(third).orElseThrow().stats();
		var change = io.membergraph.member.StatsChange.paidOrder(io.membergraph.shared.Money.of("40.00"), clock.instant());
		assertThat(statistics.apply(merged, "order:WEB:LATE", change)).isTrue();
		assertThat(statistics.applyAll("batch:LATE", java.util.Map.of(merged, change, third, change))).isEqualTo(2);
		assertThat(statistics.applyAll("batch:LATE", java.util.Map.of(merged, change, third, change))).isZero();
		assertThat(directory.findById(survivor).orElseThrow().stats().orderCount()).isEqualTo(2);
		assertThat(template.findById(merged, io.membergraph.member.Member.class).stats().orderCount()).isZero();
		// Those changes had no orders: the read-model checks of other scenarios would find them.
		statistics.replace(survivor, before);
		statistics.replace(third, thirdBefore);
	}

	/** API keys by their id: issued (shown once), listed, rotated (the old one revoked), revoked. */
	@Test
	void apiKeysAreIssuedListedRotatedAndRevokedByTheirId() {
		var issued = graphQl("mutation { issueApiKey(input: {name: \"scenario shop\", requestsPerMinute: 60}) "
				+ "{ apiKey key { id prefix } errors { code } } }");
		String keyId = read(issued, "issueApiKey.key.id");
		assertThat(read(issued, "issueApiKey.apiKey")).startsWith(read(issued, "issueApiKey.key.prefix"));

		var rotated = graphQl("mutation { rotateApiKey(input: {id: \"" + keyId + "\"}) { apiKey key { id } } }");
		String newId = read(rotated, "rotateApiKey.key.id");
		assertThat(newId).isNotEqualTo(keyId);
		graphQl("mutation { revokeApiKey(input: {id: \"" + newId + "\"}) { key { revokedAt } } }");

		java.util.List<java.util.Map<String, Object>> keys = graphQl("{ apiKeys { id name revokedAt requestsPerMinute } }")
			.field("apiKeys").getValue();
		assertThat(keys).filteredOn(k -> k.get("id").equals(keyId) || k.get("id").equals(newId))
			.allSatisfy(k -> assertThat(k.get("revokedAt")).as("both revoked").isNotNull())
			.extracting(k -> k.get("requestsPerMinute")).containsExactly(60, 60);
		assertThat(read(graphQl("mutation { revokeApiKey(input: {id: \"key_unknown\"}) { errors { code } } }"),
				"revokeApiKey.errors[0].code")).isEqualTo("UNKNOWN_API_KEY");
	}

	/**
	 * A segment's evaluation is written guarded by the evaluation and definition it read (the first guarded by no
	 * evaluation yet), and an update writes only the definition.
	 */
	@Test
	void segmentsAreEvaluatedUpdatedAndEvaluatedAgainUnderTheirGuards() {
		String tag = "guarded-" + clock.instant().toEpochMilli();
		String member = profiles.register(new RegisterMemberInput("Segmented", null, null, "13900000077", null, null, null,
				null, Channel.WEB, null, null, null, java.util.List.of(tag), null)).member().id();
		var saved = graphQl("mutation { saveSegment(input: {name: \"" + tag + "\", query: \"tags CONTAINS '" + tag
				+ "'\"}) { segment { id members } errors { code } } }");
		String id = read(saved, "saveSegment.segment.id");
		assertThat((Integer) saved.field("saveSegment.segment.members").getValue()).isEqualTo(1);
		var updated = graphQl("mutation { updateSegment(input: {id: \"" + id + "\", name: \"" + tag + " none\", query: \"tags CONTAINS '"
				+ tag + "' AND orders()\"}) { segment { name members } errors { code } } }");
		assertThat(read(updated, "updateSegment.segment.name")).isEqualTo(tag + " none");
		assertThat((Integer) updated.field("updateSegment.segment.members").getValue()).isZero();
		var again = graphQl("mutation { evaluateSegment(input: {id: \"" + id + "\"}) { segment { members sizes { members } } } }");
		assertThat((java.util.List<?>) again.field("evaluateSegment.segment.sizes").getValue()).hasSize(3);
		assertThat(member).isNotNull();
	}

	/**
	 * The demo's bulk paths: a segment saved without an evaluation is found by the sweep of the never evaluated, and a
	 * campaign launched in bulk is listed by whether it was launched and answers its response.
	 */
	@Test
	void aSegmentSavedInBulkIsEvaluatedAndACampaignLaunchedInBulkIsListedAsLaunched() {
		String tag = "bulk-" + clock.instant().toEpochMilli();
		String member = profiles.register(new RegisterMemberInput("Bulk", null, null, "13900000076", null, null, null,
				null, Channel.WEB, null, null, null, java.util.List.of(tag), null)).member().id();
		savedSegments.saveAll(java.util.List.of(new io.membergraph.segment.SavedSegments.SegmentInput(tag, null,
				"tags CONTAINS '" + tag + "'")), "seed");
		assertThat(savedSegments.evaluateThoseNeverEvaluated()).isPositive();
		assertThat(savedSegments.evaluateThoseNeverEvaluated()).isZero();
		assertThat(graphQl("{ segments { name members } }").field("segments").<java.util.List<java.util.Map<String, Object>>>getValue())
			.contains(java.util.Map.of("name", tag, "members", 1));

		java.time.Instant now = clock.instant();
		var campaign = new io.membergraph.campaign.Campaign("C-" + tag, tag, Channel.TMALL, now.minus(java.time.Duration.ofDays(20)),
				now.minus(java.time.Duration.ofDays(10)), null, 0.1, 7, io.membergraph.campaign.CampaignStatus.ENDED, "seed",
				now.minus(java.time.Duration.ofDays(30)));
		campaignPlanner.saveAll(java.util.List.of(campaign));
		String launched = "{ campaigns(first: 100, launched: %s) { edges { node { id } } } }";
		assertThat(graphQl(launched.formatted(false)).field("campaigns.edges").<java.util.List<?>>getValue().toString())
			.contains(campaign.id());
		campaignBulkLoad.saveLaunched(campaign, now.minus(java.time.Duration.ofDays(21)), java.util.List.of(member), 0,
				java.util.List.of(new io.membergraph.campaign.CampaignBulkLoad.Reach(member,
						io.membergraph.campaign.ContactKind.OPENED, now.minus(java.time.Duration.ofDays(19)))));
		assertThat(graphQl(launched.formatted(true)).field("campaigns.edges").<java.util.List<?>>getValue().toString())
			.contains(campaign.id());
		assertThat(graphQl(launched.formatted(false)).field("campaigns.edges").<java.util.List<?>>getValue().toString())
			.doesNotContain(campaign.id());
		var response = graphQl("{ campaignResponse(input: {campaignId: \"" + campaign.id()
				+ "\"}) { treated control contacts { sent opened } } }");
		assertThat(response.field("campaignResponse").<java.util.Map<String, Object>>getValue()).isEqualTo(java.util.Map.of(
				"treated", 1, "control", 0, "contacts", java.util.Map.of("sent", 1, "opened", 1)));
	}

	/** Who withdrew a consent, among given members: the campaign launch's query (a consent's field by ids). */
	@Test
	void membersWhoWithdrewAConsentAreFoundAmongTheOnesAsked() {
		String no = profiles.register(new RegisterMemberInput("Said no", null, null, "13900000078", null, null, null, null,
				Channel.WEB, null, null, java.util.List.of(new io.membergraph.member.MemberInputs.ConsentInput(
						io.membergraph.member.ConsentChannel.WECHAT, false)), null, null)).member().id();
		String yes = profiles.register(new RegisterMemberInput("Said yes", null, null, "13900000079", null, null, null, null,
				Channel.WEB, null, null, java.util.List.of(new io.membergraph.member.MemberInputs.ConsentInput(
						io.membergraph.member.ConsentChannel.WECHAT, true)), null, null)).member().id();
		assertThat(directory.withdrewConsent(java.util.List.of(no, yes, "M-unknown"),
				io.membergraph.member.ConsentChannel.WECHAT)).containsExactly(no);
		assertThat(directory.withdrewConsent(java.util.List.of(no, yes), io.membergraph.member.ConsentChannel.SMS)).isEmpty();
	}

	@Autowired
	io.membergraph.store.RecordDocuments records;

	/**
	 * The bulk paths' own reads and writes: records found by plan are the template's, replacements land only where the
	 * version read is still stored (ids that read as object ids too), and a batch's mark leaves exactly the documents
	 * and the values named.
	 */
	@Test
	void recordsAreFoundAndReplacedByPlanAndMarksLeaveOnlyTheDocumentsNamed() {
		record Tally(String id, long count, long version) {
		}
		List<Tally> first = List.of(new Tally("scenario-tally-1", 1, 1), new Tally("65f1c2a4b7e8d9012345678c", 1, 4));
		template.insert(first, Tally.class);
		List<String> ids = List.of("scenario-tally-1", "65f1c2a4b7e8d9012345678c", "scenario-tally-none");
		assertThat(records.find(io.membergraph.store.Lookups.byIds(ids), Tally.class)).containsExactlyInAnyOrderElementsOf(first);
		assertThat(records.replaceUnchanged(Tally.class, "version", List.of(
				new io.membergraph.store.RecordDocuments.Replacement(new Tally("scenario-tally-1", 2, 2), 0),
				new io.membergraph.store.RecordDocuments.Replacement(new Tally("65f1c2a4b7e8d9012345678c", 2, 5), 4))))
			.isEqualTo(1);
		assertThat(template.findAll(Tally.class)).containsExactlyInAnyOrder(new Tally("scenario-tally-1", 1, 1),
				new Tally("65f1c2a4b7e8d9012345678c", 2, 5));

		var marked = template.getCollection("scenario_marks");
		marked.insertMany(List.of(new org.bson.Document("_id", "o1").append("marks", List.of("b1", "b2", "b1")),
				new org.bson.Document("_id", "o2").append("marks", List.of("b2")),
				new org.bson.Document("_id", "o3").append("marks", List.of("b1")), new org.bson.Document("_id", "o4")));
		var cleared = marked.updateMany(new org.bson.Document("_id", new org.bson.Document("$in", List.of("o1", "o2", "o4"))),
				new org.bson.Document("$pullAll", new org.bson.Document("marks", List.of("b1"))));
		assertThat(cleared.getMatchedCount()).isEqualTo(3);
		assertThat(cleared.getModifiedCount()).isEqualTo(1);
		assertThat(marked.find().sort(new org.bson.Document("_id", 1)).into(new java.util.ArrayList<>()))
			.extracting(d -> d.get("marks"))
			.containsExactly(List.of("b2"), List.of("b2"), List.of("b1"), null);
	}

	private org.springframework.graphql.ExecutionGraphQlResponse graphQl(String document) {
		var answer = graphQl.execute(new org.springframework.graphql.support.DefaultExecutionGraphQlRequest(document, null,
				java.util.Map.of(), java.util.Map.of(), "scenario", null)).block();
		assertThat(answer.getErrors()).isEmpty();
		return answer;
	}

	private static String read(org.springframework.graphql.ExecutionGraphQlResponse answer, String path) {
		return answer.field(path).getValue();
	}

	private void scoreRfm() {
		String today = io.membergraph.shared.BusinessCalendar.dayOf(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"))
			.toString();
		var answer = graphQl.execute(new org.springframework.graphql.support.DefaultExecutionGraphQlRequest(
				"mutation { scoreRfm(input: {scope: {asOf: \"" + today + "\"}}) { scoring { run } } }", null, java.util.Map.of(),
				java.util.Map.of(), "score", null)).block();
		assertThat(answer.getErrors()).isEmpty();
	}

	private String register(String name, String phone) {
		var payload = profiles.register(new RegisterMemberInput(name, null, null, phone, null, null, null, null, Channel.WEB,
				null, null, null, null, null));
		return payload.member() == null ? null : payload.member().id();
	}

}
