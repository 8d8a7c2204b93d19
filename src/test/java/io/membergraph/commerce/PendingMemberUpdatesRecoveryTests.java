package io.membergraph.commerce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.commerce.internal.PendingMemberUpdates;
import io.membergraph.commerce.internal.PendingMemberUpdatesSweep;
import io.membergraph.member.MemberStatistics;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash can stop an order write between any two of its steps (order written; listed for its member;
 * counted in the member's stats; marked done). These tests leave the store as each crash
 * would and show that the recovery sweep completes the write, exactly once.
 */
class PendingMemberUpdatesRecoveryTests extends ApplicationTest {

	@Test
	void anOrderWrittenButNotAppliedToItsMemberIsAppliedByTheSweep() {
		String memberId = registerMember("Crash Before Apply");
		Order order = crashedOrder(memberId, "CRASH-A-" + memberId);

		assertThat(sweep()).isGreaterThanOrEqualTo(1);
		assertThat(sweep()).isZero();
		assertStats(memberId, 1, "500.00");
		// 100 for registering, 500 for the order, 200 for the first order: earned once, by the sweep.
		as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.balance").entity(Integer.class).isEqualTo(800);
		as("crm").documentName("memberOrders").variable("id", memberId).execute()
			.path("member.orders.edges[*].node.orderNumber").entityList(String.class).containsExactly(order.orderNumber());
	}

	@Test
	void anOrderListedButNotCountedIsCountedOnceAndListedOnce() {
		String memberId = registerMember("Crash Between Steps");
		Order order = crashedOrder(memberId, "CRASH-E-" + memberId);
		bean(PendingMemberUpdates.class).complete(order.withBookkeeping(List.of(order.listKey()), order.fingerprint()));

		sweep();
		assertStats(memberId, 1, "500.00");
		as("crm").documentName("memberOrders").variable("id", memberId).execute()
			.path("member.orders.edges").entityList(Object.class).hasSize(1);
	}

	@Test
	void anOrderAppliedButNotMarkedDoneIsNotAppliedTwice() {
		String memberId = registerMember("Crash After Apply");
		Order order = crashedOrder(memberId, "CRASH-B-" + memberId);
		bean(MemberStatistics.class).apply(memberId, order.statsKey(), PendingMemberUpdates.changeFor(order, order.statsKey()));

		sweep();
		assertStats(memberId, 1, "500.00");
	}

	@Test
	void aRetriedOrderFinishesWhatTheCrashedAttemptLeftAndCountsOnce() {
		String memberId = registerMember("Crash Then Retry");
		String number = "CRASH-C-" + memberId;
		crashedOrder(memberId, number);

		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "memberId", memberId,
					"placedAt", "2026-03-01T10:00:00Z", "paidAt", "2026-03-01T10:00:00Z",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "500.00"))))
			.execute()
			.path("recordOrder.replayed").entity(Boolean.class).isEqualTo(true);
		assertStats(memberId, 1, "500.00");
		assertThat(bean(MongoTemplate.class).findById(Order.idOf(Channel.WEB, number), Order.class).pendingMemberUpdates())
			.isEmpty();
	}

	@Test
	void aRefundRecordedButNotAppliedIsAppliedByTheSweep() {
		String memberId = registerMember("Crash In Refund");
		Order order = crashedOrder(memberId, "CRASH-D-" + memberId);
		sweep();
		Refund refund = new Refund("R-9", Money.of("500.00"), Instant.parse("2026-03-05T10:00:00Z"), "crash", List.of(), null);
		bean(MongoTemplate.class).updateFirst(Query.query(Criteria.where("_id").is(order.id())),
				new Update().push("refunds", refund).inc("refundedAmount", 500_00L)
					.push("pendingMemberUpdates").each(order.refundStatsKey("R-9"), "points-back:" + order.id() + "|R-9"),
				Order.class);

		sweep();
		sweep();
		// the order's 500 points and, the first order being returned in full, its first-order reward of 200
		as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.balance").entity(Integer.class).isEqualTo(100)
			.path("member.points.lifetimeReversed").entity(Integer.class).isEqualTo(500 + 200);
		as("crm").documentName("memberStats").variable("id", memberId).execute()
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("500.00")
			.path("member.stats.fullyRefundedOrderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("0.00");
	}

	/**
	 * The request looked the member up, a merge of that member ran whole, then the request wrote the order and
	 * completes what it owes the member: the order, its stats, its place in the order list and its points are the
	 * survivor's. Before, they went to the tombstone, which the merge had already emptied: the order was counted by
	 * no one and earned no points.
	 */
	@Test
	void anOrderWrittenForAMemberMergedSinceItWasLookedUpGoesToTheSurvivor() throws Exception {
		String survivor = registerMember("Order Survivor");
		String merged = registerMember("Order Merged");
		int survivorPoints = points(survivor);
		asAdmin(() -> bean(io.membergraph.member.MemberMerge.class)
			.merge(new io.membergraph.member.MemberMerge.MergeMembersInput(survivor, merged, "duplicate")));
		int pointsAfterMerge = points(survivor);
		assertThat(pointsAfterMerge).isGreaterThan(survivorPoints);

		Order order = crashedOrder(merged, "MERGED-A-" + merged);
		Order completed = bean(PendingMemberUpdates.class).complete(order);

		assertThat(completed.memberId()).isEqualTo(survivor);
		assertThat(completed.pendingMemberUpdates()).isEmpty();
		assertStats(survivor, 1, "500.00");
		as("crm").documentName("memberOrders").variable("id", survivor).execute()
			.path("member.orders.edges[*].node.orderNumber").entityList(String.class).containsExactly(order.orderNumber());
		// 500 for the order and 200 for the survivor's first order.
		assertThat(points(survivor)).isEqualTo(pointsAfterMerge + 700);
		assertThat(bean(MongoTemplate.class).findById(merged, io.membergraph.member.Member.class).stats().orderCount())
			.isZero();
	}

	private int points(String memberId) {
		return as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.balance").entity(Integer.class).get();
	}

	/** The store as a crash right after step 1 leaves it: the order with all its member updates still pending. */
	private Order crashedOrder(String memberId, String number) {
		Order recorded = OrderRules.toOrder(new OrderInputs.RecordOrderInput(Channel.WEB, number, memberId, null, null,
				Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00Z"), null, null, null, null,
				List.of(new OrderInputs.OrderLineInput("SK-1001", 1, UnitPrice.of("500.00"), null, null)), null, null, null,
				null, null), Map.of(), now(), OrderSettings.DEFAULTS);
		List<String> pending = new ArrayList<>(recorded.pendingMemberUpdates());
		pending.addAll(bean(PendingMemberUpdates.class).followUpsOnRecord(recorded));
		return bean(MongoTemplate.class).insert(recorded.withBookkeeping(pending, recorded.fingerprint()));
	}

	/** This module's step of the recovery sweep, once the grace period is over. */
	private int sweep() {
		clock.advance(java.time.Duration.ofMinutes(11));
		return bean(PendingMemberUpdatesSweep.class).recover(now().minus(java.time.Duration.ofMinutes(10)));
	}

	private void assertStats(String memberId, int orders, String spend) {
		as("crm").documentName("memberStats").variable("id", memberId).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(orders)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo(spend);
	}

}
