package io.membergraph.engagement;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Each member's interactions counted by month and type as they are recorded, also after a crash. */
class InteractionMonthsTests extends ApplicationTest {

	@Test
	void interactionsAreCountedByBusinessMonthAndTypeOnceEach() {
		String member = registerMember("月度 互动");
		YearMonth now = YearMonth.from(today());
		String thisMonth = now.atDay(2) + "T02:00:00Z";
		String lastMonth = now.minusMonths(1).atDay(2) + "T02:00:00Z";
		record(member, "e1-" + member, "VISIT", thisMonth);
		record(member, "e1-" + member, "VISIT", thisMonth);
		record(member, "e2-" + member, "VISIT", thisMonth);
		record(member, "e3-" + member, "ADD_TO_CART", thisMonth);
		record(member, "e4-" + member, "VISIT", lastMonth);

		as("crm").documentName("memberActivity").variable("id", member).variable("months", 2).execute()
			.path("member.interactionMonths[*].month").entityList(String.class)
			.containsExactly(now.minusMonths(1).toString(), now.toString())
			.path("member.interactionMonths[1].counts[?(@.type == 'VISIT')].count").entityList(Integer.class).containsExactly(2)
			.path("member.interactionMonths[1].counts[?(@.type == 'ADD_TO_CART')].count").entityList(Integer.class)
			.containsExactly(1);
		as("crm").documentName("memberActivity").variable("id", member).variable("months", 0).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "months"));
	}

	@Test
	void anInteractionACrashLeftOutOfItsMonthIsCountedByTheSweep() {
		String member = registerMember("崩溃 互动");
		MongoTemplate mongo = bean(MongoTemplate.class);
		Instant at = now().minusSeconds(3600);
		// A sweep first: one that finds nothing left over skips its query until the interactions are written again.
		bean(io.membergraph.shared.RecoverySweep.class).sweep();
		bean(io.membergraph.shared.RecoverySweep.class).sweep();
		// Written with its pending mark, then the process died before the month was updated.
		mongo.insert(new Interaction("crash-" + member, member, null, io.membergraph.shared.Channel.APP, InteractionType.VISIT,
				at, null, null, null, Map.of(), at, true, at));

		bean(io.membergraph.shared.RecoverySweep.class).sweep();
		bean(io.membergraph.shared.RecoverySweep.class).sweep();

		assertThat(mongo.findById("crash-" + member, Interaction.class).rollupPending()).isNull();
		as("crm").documentName("memberActivity").variable("id", member).variable("months", 1).execute()
			.path("member.interactionMonths[0].counts[0].count").entity(Integer.class).isEqualTo(1);
	}

	private void record(String member, String eventId, String type, String at) {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("eventId", eventId, "memberId", member, "channel", "APP", "type", type, "occurredAt", at))
			.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

}
