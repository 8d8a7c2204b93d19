package io.membergraph.commerce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoCollection;
import io.membergraph.ApplicationTest;
import io.membergraph.MemberStates;
import io.membergraph.StoreReads;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.internal.BatchCompletion;
import io.membergraph.commerce.internal.BatchJournal;
import io.membergraph.loyalty.PointsMaintenance;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch cut short between any two of its steps is completed afterwards, as the recovery sweep completes it,
 * and sent again, as a resumed import sends its rows again; it then ends where the same batch run without a crash
 * ends for twin members: nothing lost, nothing counted twice, completing again changes nothing.
 */
class BatchCrashTests extends ApplicationTest {

	@AfterEach
	void noMoreCrashes() {
		bean(BatchSteps.class).listen((step, batch) -> {
		});
	}

	@ParameterizedTest
	@EnumSource(value = BatchSteps.Step.class, names = "CORRECTION_WRITTEN", mode = EnumSource.Mode.EXCLUDE)
	void aBatchCutShortAfterAnyStepCompletesAsIfItHadNotBeen(BatchSteps.Step crashAt) {
		String twin = "CA" + crashAt.ordinal() + "x";
		String crashed = "CB" + crashAt.ordinal() + "x";
		List<String> calm = List.of(registerMember("崩溃 甲"), registerMember("崩溃 乙"));
		List<String> cut = List.of(registerMember("崩溃 甲"), registerMember("崩溃 乙"));
		asAdmin(() -> {
			String stopped = cutShort(crashAt, twin, calm, crashed, cut);

			bean(BatchCompletion.class).complete(stopped);
			bean(BatchCompletion.class).complete(stopped);
			// A resumed import sends the batch's rows again: what was written is a replay, the rest is recorded.
			assertThat(bean(OrderBatches.class).record(batch(crashed, cut)).entries())
				.allSatisfy(e -> assertThat(e.outcome()).isIn(OrderBatch.Outcome.RECORDED, OrderBatch.Outcome.REPLAYED));
		});

		MongoTemplate mongo = bean(MongoTemplate.class);
		Map<String, String> names = Map.of(calm.get(0), cut.get(0), calm.get(1), cut.get(1), twin, crashed);
		for (int i = 0; i < 2; i++) {
			assertThat(MemberStates.of(mongo, calm.get(i), names)).as("member %d after a crash at %s", i, crashAt)
				.isEqualTo(MemberStates.of(mongo, cut.get(i), Map.of()));
		}
		assertThat(mongo.find(Query.query(Criteria.where("orderNumber").regex("^" + crashed)
			.and("pendingMemberUpdates.0").exists(true)), Order.class)).as("marks cleared").isEmpty();
		assertThat(mongo.findAll(BatchJournal.class)).as("journals gone").isEmpty();
		assertThat(mongo.getCollection("points_batches").countDocuments()).as("loyalty journals gone").isZero();
	}

	/**
	 * A file imported again while its first import's batch is cut short (or still writing) finds every order of that
	 * batch marked: the batch is completed once, not once per order, which took minutes for a file of thousands.
	 */
	@Test
	void aReplayOfManyOrdersOfABatchCutShortCompletesThatBatchOnce() {
		String member = registerMember("重放 甲");
		List<OrderBatch.Entry> entries = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			entries.add(new OrderBatch.NewOrder(order("RP-" + i, member, "2026-04-01T02:00:00Z", "10.00", 1)));
		}
		OrderBatch batch = new OrderBatch(entries, LoyaltyMode.LIVE);
		StoreReads reads = bean(StoreReads.class);
		asAdmin(() -> {
			bean(BatchSteps.class).listen((step, cut) -> {
				if (step == BatchSteps.Step.ORDERS_WRITTEN) {
					throw new BatchCrashes.Crash(step, cut);
				}
			});
			assertThatThrownBy(() -> bean(OrderBatches.class).record(batch)).isNotNull();
			bean(BatchSteps.class).listen((step, cut) -> {
			});
			long journalReads = reads.of("order_batches");

			assertThat(bean(OrderBatches.class).record(batch).entries())
				.allSatisfy(e -> assertThat(e.outcome()).isEqualTo(OrderBatch.Outcome.REPLAYED));
			assertThat(reads.of("order_batches") - journalReads).as("reads of the cut-short batch's journal").isOne();
		});

		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(40);
	}

	/**
	 * Two service instances completing one batch at once (a replay on one, the recovery sweep on another) meet on
	 * the ids of its points journal: the one that comes second waits for the other's journal to be carried out and
	 * ends where one completion ends, where it failed with a duplicate key error.
	 */
	@Test
	void aBatchWhosePointsJournalAnotherInstanceWritesAtTheSameMomentEndsAsOne() {
		List<String> calm = List.of(registerMember("双机 甲"), registerMember("双机 乙"));
		List<String> met = List.of(registerMember("双机 甲"), registerMember("双机 乙"));
		MongoCollection<Document> journals = bean(MongoTemplate.class).getCollection("points_batches");
		AtomicBoolean once = new AtomicBoolean();
		asAdmin(() -> {
			record(before("TWO-A", calm));
			record(before("TWO-B", met));
			record(batch("TWO-A", calm));
			// The other instance's journal of the same batch, written as this one decides, carried out 300 ms later.
			bean(BatchSteps.class).listen((step, batch) -> {
				if (step == BatchSteps.Step.LOYALTY_DECIDED && once.compareAndSet(false, true)) {
					Document other = new Document("_id", batch + ":0").append("batch", batch).append("part", 0)
						.append("members", List.of());
					journals.insertOne(other);
					CompletableFuture.runAsync(() -> journals.deleteOne(other),
							CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
				}
			});
			record(batch("TWO-B", met));
		});

		assertThat(once).as("met the other instance").isTrue();
		MongoTemplate mongo = bean(MongoTemplate.class);
		Map<String, String> names = Map.of(calm.get(0), met.get(0), calm.get(1), met.get(1), "TWO-A", "TWO-B");
		for (int i = 0; i < 2; i++) {
			assertThat(MemberStates.of(mongo, calm.get(i), names)).as("member %d", i)
				.isEqualTo(MemberStates.of(mongo, met.get(i), Map.of()));
		}
		assertThat(journals.countDocuments()).as("loyalty journals gone").isZero();
	}

	/**
	 * A member merged away after its batch looked it up and before the batch wrote its order (the merge ran in
	 * between): the order, its stats, list entry, rollup and points go to the survivor. They were left on the
	 * tombstone, counted by no one, as a probe merging and ordering at once showed.
	 */
	@Test
	void anOrderForAMemberMergedAwayWhileItsBatchWasUnderWayGoesToTheSurvivor() {
		assertTheOrderCountsOnceForTheSurvivorWhenMergedAt(BatchSteps.Step.JOURNAL_WRITTEN, "MG-");
	}

	/**
	 * A merge that starts once the batch has written its order, and completes the batch itself (as it finishes the
	 * member's half-done work) before the batch does: the order counts once, in the figures the merge moves to the
	 * survivor; the batch finishing afterwards moves nothing twice.
	 */
	@Test
	void aMergeThatCompletesTheBatchOfItsMembersOrderFirstCountsTheOrderOnce() {
		assertTheOrderCountsOnceForTheSurvivorWhenMergedAt(BatchSteps.Step.ORDERS_WRITTEN, "MF-");
	}

	/**
	 * A completion from the store (a merge finishing its member's work, a replay that found a mark) asked for while the
	 * batch is writing its orders waits until the batch is done: the store takes a batch's orders in several writes (a
	 * thousand at a time here), and completing between two of them counted the orders written so far and left the rest
	 * counted for no one, as a probe merging members during a 4,800-line import showed (all 400 pairs' figures short).
	 */
	@Test
	void aCompletionFromTheStoreWaitsForTheBatchToWriteItsOrders() throws Exception {
		List<String> buyers = List.of(registerMember("等待 甲"), registerMember("等待 乙"));
		java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		AtomicReference<String> batchId = new AtomicReference<>();
		BatchCrashes.onSteps(context(), (step, batch) -> {
			if (step == BatchSteps.Step.ORDERS_WRITTEN && batchId.compareAndSet(null, batch)) {
				written.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> asAdmin(() -> record(new OrderBatch(List.of(
				new OrderBatch.NewOrder(order("CW-1-" + buyers.get(0), buyers.get(0), "2026-04-01T02:00:00Z", "88.00", 1)),
				new OrderBatch.NewOrder(order("CW-2-" + buyers.get(1), buyers.get(1), "2026-04-01T03:00:00Z", "66.00", 1))),
				LoyaltyMode.LIVE))));
		assertThat(written.await(30, TimeUnit.SECONDS)).as("the batch wrote its orders").isTrue();

		CompletableFuture<Void> fromStore = CompletableFuture.runAsync(() -> bean(BatchCompletion.class).complete(batchId.get()));
		Thread.sleep(300);
		assertThat(fromStore).as("waits while the batch is under way").isNotDone();
		release.countDown();
		batch.get(30, TimeUnit.SECONDS);
		fromStore.get(30, TimeUnit.SECONDS);

		for (String buyer : buyers) {
			as("crm").documentName("memberStats").variable("id", buyer).execute()
				.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1);
		}
	}

	/**
	 * Records one order of a member merged into another when the order's batch reaches {@code step}; checks that the
	 * order, its figures and every read model are the survivor's, once.
	 */
	private void assertTheOrderCountsOnceForTheSurvivorWhenMergedAt(BatchSteps.Step step, String prefix) {
		String survivor = registerMember("并入 甲");
		String merged = registerMember("并入 乙");
		AtomicBoolean once = new AtomicBoolean();
		String number = prefix + merged;
		asAdmin(() -> {
			bean(BatchSteps.class).listen((reached, batch) -> {
				if (reached == step && once.compareAndSet(false, true)) {
					assertThat(bean(io.membergraph.member.MemberMerge.class)
						.merge(new io.membergraph.member.MemberMerge.MergeMembersInput(survivor, merged, "duplicate")).errors())
						.isEmpty();
				}
			});
			record(new OrderBatch(List.of(new OrderBatch.NewOrder(order(number, merged, "2026-04-01T02:00:00Z", "129.50", 1))),
					LoyaltyMode.LIVE));
		});

		assertThat(once).as("merged while the batch was under way").isTrue();
		assertThat(bean(MongoTemplate.class).findOne(Query.query(Criteria.where("orderNumber").is(number)), Order.class)
			.memberId()).isEqualTo(survivor);
		as("crm").documentName("memberStats").variable("id", survivor).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("129.50");
		assertReadModelsAgreeFor(survivor, merged);
	}

	/**
	 * The read-model check run while a batch is between two steps (an import under way, or a crash the sweep has not
	 * reached) leaves its members out, even asked to repair: a repair from the orders there would count the batch
	 * once, and the batch landing afterwards once more.
	 */
	@ParameterizedTest
	@EnumSource(value = BatchSteps.Step.class, names = { "ORDERS_WRITTEN", "LOYALTY_JOURNAL_WRITTEN", "ACCOUNTS_WRITTEN" })
	void aRepairWhileABatchIsUnderWayCountsNothingTwice(BatchSteps.Step crashAt) {
		String twin = "RA" + crashAt.ordinal() + "x";
		String crashed = "RB" + crashAt.ordinal() + "x";
		List<String> calm = List.of(registerMember("修复 甲"), registerMember("修复 乙"));
		List<String> cut = List.of(registerMember("修复 甲"), registerMember("修复 乙"));
		asAdmin(() -> {
			String stopped = cutShort(crashAt, twin, calm, crashed, cut);

			io.membergraph.customer.ReadModelRebuild.Report during = bean(io.membergraph.customer.ReadModelRebuild.class)
				.rebuild(true);
			List<String> listed = new ArrayList<>(during.memberStats());
			listed.addAll(during.memberPurchases());
			listed.addAll(during.pointsTotals());
			assertThat(listed).as("members of the batch under way").doesNotContainAnyElementsOf(cut);
			// The points audit counts what the batch's accounts took as it will land from the journal.
			assertThat(bean(PointsMaintenance.class).audit())
				.extracting(PointsMaintenance.Discrepancy::memberId)
				.as("members of the batch under way").doesNotContainAnyElementsOf(cut);

			bean(BatchCompletion.class).complete(stopped);
		});

		MongoTemplate mongo = bean(MongoTemplate.class);
		Map<String, String> names = Map.of(calm.get(0), cut.get(0), calm.get(1), cut.get(1), twin, crashed);
		for (int i = 0; i < 2; i++) {
			assertThat(MemberStates.of(mongo, calm.get(i), names)).as("member %d after a repair at %s", i, crashAt)
				.isEqualTo(MemberStates.of(mongo, cut.get(i), Map.of()));
		}
	}

	/**
	 * Records an earlier batch for both pairs of members, the batch under test for the calm ones, and the same batch
	 * for the others cut short after {@code crashAt}; returns the id of the batch cut short.
	 */
	private String cutShort(BatchSteps.Step crashAt, String twin, List<String> calm, String crashed, List<String> cut) {
		record(before(twin, calm));
		record(before(crashed, cut));
		record(batch(twin, calm));
		AtomicReference<String> stopped = new AtomicReference<>();
		bean(BatchSteps.class).listen((step, batch) -> {
			if (step == crashAt) {
				stopped.set(batch);
				throw new BatchCrashes.Crash(step, batch);
			}
		});
		assertThatThrownBy(() -> record(batch(crashed, cut))).satisfiesAnyOf(
				thrown -> assertThat(thrown).isInstanceOf(BatchCrashes.Crash.class),
				thrown -> assertThat(thrown).hasRootCauseInstanceOf(BatchCrashes.Crash.class));
		bean(BatchSteps.class).listen((step, batch) -> {
		});
		return stopped.get();
	}

	/** An earlier batch: one order per member, which the batch under test refunds. */
	private static OrderBatch before(String prefix, List<String> members) {
		return new OrderBatch(List.of(new OrderBatch.NewOrder(order(prefix + "-old", members.get(0), "2026-03-01T02:00:00Z",
				"420.00", 2))), LoyaltyMode.LIVE);
	}

	/** New orders for both members (a wholesale one of 40 lines), a refund of an earlier order, and a credit note. */
	private static OrderBatch batch(String prefix, List<String> members) {
		List<OrderBatch.Entry> entries = new ArrayList<>();
		entries.add(new OrderBatch.NewOrder(order(prefix + "-1", members.get(0), "2026-04-01T02:00:00Z", "129.50", 3)));
		entries.add(new OrderBatch.NewOrder(order(prefix + "-2", members.get(1), "2026-04-02T02:00:00Z", "0.0825", 40)));
		entries.add(new OrderBatch.NewRefund(new RefundOrderInput(Channel.WEB, prefix + "-old", "R1", Money.of("420.00"),
				Instant.parse("2026-04-03T02:00:00Z"), "damaged", List.of(new RefundLineInput("SKU 1", 1)))));
		entries.add(new OrderBatch.NewRefund(new RefundOrderInput(Channel.WEB, prefix + "-1", "R2", Money.of("129.50"),
				Instant.parse("2026-04-04T02:00:00Z"), null, null)));
		entries.add(new OrderBatch.NewCreditNote(new RefundOrderInput(Channel.WEB, null, prefix + "-C", Money.of("35.00"),
				Instant.parse("2026-04-05T02:00:00Z"), null, List.of(new RefundLineInput("HC-4001", 1))), members.get(1), null,
				"CNY"));
		return new OrderBatch(entries, LoyaltyMode.LIVE);
	}

	private static RecordOrderInput order(String number, String member, String at, String price, int lines) {
		List<OrderLineInput> inputs = new ArrayList<>();
		for (int i = 0; i < lines; i++) {
			inputs.add(new OrderLineInput(lines == 1 ? "SK-1001" : "SKU " + i, 1 + i % 3, UnitPrice.of(price), null, "skincare"));
		}
		Instant placed = Instant.parse(at);
		return new RecordOrderInput(Channel.WEB, number, member, null, null, placed, placed, null, null, null, null, inputs,
				null, null, null, null, null);
	}

	private void record(OrderBatch batch) {
		OrderBatch.Result result = bean(OrderBatches.class).record(batch);
		assertThat(result.entries()).allSatisfy(e -> assertThat(e.outcome()).as(String.valueOf(e.error()))
			.isEqualTo(OrderBatch.Outcome.RECORDED));
	}

	private static void asAdmin(Runnable work) {
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
				List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			work.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
