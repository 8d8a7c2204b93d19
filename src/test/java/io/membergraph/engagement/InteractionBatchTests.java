package io.membergraph.engagement;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.engagement.InteractionLog.InteractionPayload;
import io.membergraph.engagement.InteractionLog.RecordInteractionInput;
import io.membergraph.shared.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of interactions, as imports record them, ends as recording each through the API would: each input's own
 * outcome (recorded, replayed, refused with the field), every event once, the members' months counted and nothing
 * left pending for the recovery sweep.
 */
class InteractionBatchTests extends ApplicationTest {

	@Test
	void eachInputOfABatchGetsTheOutcomeRecordingItAloneWouldGive() throws Exception {
		String member = registerMember("批量 互动");
		java.time.Instant at = now().minusSeconds(3_600);
		YearMonth month = YearMonth.from(at.atZone(java.time.ZoneId.of("Asia/Shanghai")));
		InteractionLog log = bean(InteractionLog.class);
		asAdmin(() -> log.record(input("b0-" + member, member, "VISIT", at, null)));

		List<InteractionPayload> outcomes = asAdmin(() -> log.recordAll(List.of(
				input("b0-" + member, member, "VISIT", at, null),
				input("b1-" + member, member, "VISIT", at, null),
				input("b1-" + member, member, "VISIT", at, null),
				input("b2-" + member, member, "ADD_TO_CART", at, null),
				input("b3-" + member, "M-no-such", "VISIT", at, null),
				input("b4-" + member, member, "SURVEY_RESPONSE", at, 11),
				input("b5-" + member, null, "VISIT", at, null))));

		assertThat(outcomes).extracting(o -> o.errors().isEmpty() ? (o.replayed() ? "replayed" : "recorded")
				: o.errors().get(0).code() + " " + o.errors().get(0).field())
			.containsExactly("replayed", "recorded", "replayed", "recorded", "MEMBER_NOT_FOUND memberId",
					"INVALID_INPUT score", "INVALID_INPUT memberId");
		MongoTemplate mongo = bean(MongoTemplate.class);
		assertThat(mongo.find(Query.query(Criteria.where("memberId").is(member)), Interaction.class))
			.extracting(Interaction::id).containsExactlyInAnyOrder("b0-" + member, "b1-" + member, "b2-" + member);
		assertThat(mongo.count(Query.query(Criteria.where("memberId").is(member).and("rollupPending").is(true)),
				Interaction.class)).as("nothing left for the sweep").isZero();
		as("crm").documentName("memberActivity").variable("id", member).variable("months", 1).execute()
			.path("member.interactionMonths[0].month").entity(String.class).isEqualTo(month.toString())
			.path("member.interactionMonths[0].counts[?(@.type == 'VISIT')].count").entityList(Integer.class).containsExactly(2)
			.path("member.interactionMonths[0].counts[?(@.type == 'ADD_TO_CART')].count").entityList(Integer.class)
			.containsExactly(1);
	}

	/**
	 * Two imports of one event log at once: each event is recorded once, and counted recorded by the one import that
	 * wrote it and replayed by the other (both counted every row "recorded" when their inserts met).
	 */
	@Test
	void twoBatchesOfTheSameEventsAtOnceRecordEachOnceAndSaySo() throws Exception {
		String member = registerMember("并发 互动");
		java.time.Instant at = now().minusSeconds(7_200);
		List<RecordInteractionInput> inputs = java.util.stream.IntStream.range(0, 3_000)
			.mapToObj(i -> input("par-" + i + "-" + member, member, i % 2 == 0 ? "VISIT" : "ADD_TO_CART", at, null))
			.toList();
		InteractionLog log = bean(InteractionLog.class);
		java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<List<InteractionPayload>>> runs = new java.util.ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(two.submit(() -> {
					start.await();
					return asAdmin(() -> log.recordAll(inputs));
				}));
			}
			start.countDown();
			long recorded = 0;
			for (java.util.concurrent.Future<List<InteractionPayload>> run : runs) {
				recorded += run.get().stream().filter(o -> o.errors().isEmpty() && !o.replayed()).count();
			}

			assertThat(recorded).as("events counted recorded across both").isEqualTo(3_000);
		}
		finally {
			two.shutdownNow();
		}
		MongoTemplate mongo = bean(MongoTemplate.class);
		assertThat(mongo.count(Query.query(Criteria.where("memberId").is(member)), Interaction.class)).isEqualTo(3_000);
		assertThat(mongo.count(Query.query(Criteria.where("memberId").is(member).and("rollupPending").is(true)),
				Interaction.class)).as("nothing left for the sweep").isZero();
	}

	private static RecordInteractionInput input(String eventId, String memberId, String type, java.time.Instant at,
			Integer score) {
		return new RecordInteractionInput(eventId, memberId, null, Channel.APP, InteractionType.valueOf(type), at, null,
				null, score, Map.of());
	}

}
