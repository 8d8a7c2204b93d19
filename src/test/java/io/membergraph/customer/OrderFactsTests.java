package io.membergraph.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderInputs;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.shared.Channel;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory orders analyses read: a period is its orders placed from its start (inclusive) to its end
 * (exclusive), oldest first, and an order recorded or changed after a read is in the next read, in its place.
 */
class OrderFactsTests extends ApplicationTest {

	private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

	private static final Map<Instant, String> PLACED = Map.of(START.minusMillis(1), "OF-0", START, "OF-1",
			START.plus(Duration.ofHours(1)), "OF-2", START.plus(Duration.ofHours(2)), "OF-3",
			START.plus(Duration.ofMinutes(90)), "OF-4");

	@Test
	void aPeriodHoldsItsOrdersFromItsStartToJustBeforeItsEndOldestFirst() throws Exception {
		String member = registerMember("时间索引");
		asAdmin(() -> {
			record("OF-3", member, START.plus(Duration.ofHours(2)));
			record("OF-1", member, START);
			record("OF-0", member, START.minusMillis(1));
			record("OF-2", member, START.plus(Duration.ofHours(1)));
			return null;
		});
		OrderFacts facts = bean(OrderFacts.class);

		assertThat(numbers(facts, member, START, START.plus(Duration.ofHours(2)))).containsExactly("OF-1", "OF-2");
		assertThat(numbers(facts, member, null, START.plus(Duration.ofHours(3)))).containsExactly("OF-0", "OF-1", "OF-2", "OF-3");

		asAdmin(() -> record("OF-4", member, START.plus(Duration.ofMinutes(90))));
		assertThat(numbers(facts, member, START, START.plus(Duration.ofHours(2)))).containsExactly("OF-1", "OF-2", "OF-4");

		// A changed order takes its new version's place, once.
		asAdmin(() -> bean(OrderRecording.class).refund(new OrderInputs.RefundOrderInput(Channel.WEB, "OF-2", "R1",
				io.membergraph.shared.Money.of("20.00"), START.plus(Duration.ofHours(3)), "scratched", null)));
		assertThat(facts.placedBetween(START, START.plus(Duration.ofHours(2))).filter(o -> member.equals(o.memberId())))
			.extracting(OrderFactsTests::number, o -> o.refundedAmount().toString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("OF-1", "0.00"), org.assertj.core.groups.Tuple.tuple("OF-2", "20.00"),
					org.assertj.core.groups.Tuple.tuple("OF-4", "0.00"));
	}

	private static List<String> numbers(OrderFacts facts, String member, Instant start, Instant end) {
		return facts.placedBetween(start, end).filter(o -> member.equals(o.memberId())).map(OrderFactsTests::number).toList();
	}

	/** The view keeps no order numbers: this test's orders are told apart by when they were placed. */
	private static String number(Order order) {
		return PLACED.get(order.placedAt());
	}

	private Order record(String number, String member, Instant placed) {
		return bean(OrderRecording.class).record(new RecordOrderInput(Channel.WEB, number, member, null, null, placed,
				placed, null, null, null, null, List.of(new OrderLineInput("SK-1001", 1, UnitPrice.of("420.00"), null, null)),
				null, null, null, null, null)).order();
	}

}
