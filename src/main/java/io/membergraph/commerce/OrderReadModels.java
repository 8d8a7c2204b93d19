package io.membergraph.commerce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.member.MemberStatistics;
import io.membergraph.member.MemberStats;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Rebuilds what orders maintain at write time — each member's stats — from the orders themselves, and says where
 * the maintained state differs. Reading orders once.
 */
@Service
public class OrderReadModels {

	private final MongoTemplate mongo;

	private final MemberStatistics statistics;

	OrderReadModels(MongoTemplate mongo, MemberStatistics statistics) {
		this.mongo = mongo;
		this.statistics = statistics;
	}

	/**
	 * Members whose maintained stats differ from their orders; repaired when asked to.
	 *
	 * @param outOfBounds orders holding values beyond the bounds the API enforces now (written before they were),
	 * each named with the field and the value: reported, never repaired, since only the source knows the right value
	 */
	public record Differences(int members, List<String> stats, List<String> outOfBounds) {
	}

	/**
	 * Members with an order whose member-side updates are still being written (a batch under way, or one a crash
	 * left to the recovery sweep) are left out: their stats are between two states, and a repair would count the
	 * order twice once the batch lands.
	 */
	public Differences check(boolean repair) {
		Map<String, MemberStats> expectedStats = new HashMap<>();
		Set<String> inFlight = new HashSet<>();
		List<String> outOfBounds = new ArrayList<>();
		try (Stream<Order> orders = mongo.stream(new Query(), Order.class)) {
			orders.forEach(order -> {
				outOfBounds.addAll(OrderRules.outOfBounds(order));
				if (order.memberId() == null) {
					return;
				}
				if (order.isBeingApplied()) {
					inFlight.add(order.memberId());
				}
				expectedStats.put(order.memberId(), order.addTo(expectedStats.getOrDefault(order.memberId(), MemberStats.NONE)));
			});
		}
		Map<String, MemberStats> actualStats = statistics.current();
		List<String> statsDiffer = new ArrayList<>();
		actualStats.forEach((memberId, actual) -> {
			MemberStats expected = expectedStats.getOrDefault(memberId, MemberStats.NONE);
			if (!inFlight.contains(memberId) && !sameStats(expected, actual)) {
				statsDiffer.add(memberId);
				if (repair) {
					statistics.replace(memberId, expected);
				}
			}
		});
		statsDiffer.sort(null);
		return new Differences(actualStats.size(), statsDiffer, outOfBounds);
	}

	/** Stats compare by value; a member without orders may have no stats block at all. */
	private static boolean sameStats(MemberStats expected, MemberStats actual) {
		return Objects.equals(expected, actual == null ? MemberStats.NONE : actual);
	}

}
