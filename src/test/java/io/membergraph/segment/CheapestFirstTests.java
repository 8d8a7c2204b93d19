package io.membergraph.segment;

import io.membergraph.segment.internal.Condition;
import io.membergraph.segment.internal.SegmentPopulation;
import io.membergraph.segment.internal.SegmentQueryParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each AND and OR is decided fields first, then interactions, then orders; otherwise as written. */
class CheapestFirstTests {

	@Test
	void fieldsComeBeforeInteractionsAndInteractionsBeforeOrders() {
		Condition written = SegmentQueryParser.parse("orders(count >= 2) AND interactions(since -7d) AND tier = 'GOLD'"
				+ " AND (orders(since -30d) OR tags CONTAINS 'vip') AND region.city = '杭州'");
		Condition.All reordered = (Condition.All) SegmentPopulation.cheapestFirst(written);

		Condition.All parts = (Condition.All) written;
		Condition.Any either = (Condition.Any) parts.conditions().get(3);
		// Two parts with orders keep the order they were written in.
		assertThat(reordered.conditions()).containsExactly(parts.conditions().get(2), parts.conditions().get(4),
				parts.conditions().get(1), parts.conditions().get(0), new Condition.Any(java.util.List.of(
						either.conditions().get(1), either.conditions().get(0))));
	}

}
