package io.membergraph.commerce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.internal.OrderRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

class OrderApiTests extends ApplicationTest {

	private String memberId;

	@BeforeEach
	void newMember() {
		memberId = registerMember("Buyer");
	}

	@Test
	void aPaidOrderUpdatesTheMembersStatsAndReplayingItChangesNothing() {
		Map<String, Object> order = order("T-" + memberId + "-1", "2026-11-11T10:00:00+08:00",
				line("SK-1001", 2, "420.00"), line("MU-2002", 1, "270.00"));
		order.put("discount", "110.00");

		record(order)
			.path("recordOrder.replayed").entity(Boolean.class).isEqualTo(false)
			.path("recordOrder.order.paidAmount").entity(String.class).isEqualTo("1000.00")
			.path("recordOrder.order.status").entity(String.class).isEqualTo("PAID")
			.path("recordOrder.order.lines[0].amount").entity(String.class).isEqualTo("840.00");
		record(order)
			.path("recordOrder.replayed").entity(Boolean.class).isEqualTo(true)
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);

		stats()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("1000.00")
			.path("member.stats.averageOrderValue").entity(String.class).isEqualTo("1000.00")
			.path("member.stats.firstOrderAt").entity(String.class).isEqualTo("2026-11-11T02:00:00Z");
	}

	@Test
	void theSameOrderNumberWithOtherContentIsAConflictAndChangesNothing() {
		String number = "T-" + memberId + "-2";
		record(order(number, "2026-10-01T10:00:00+08:00", line("SK-1003", 1, "160.00")));
		record(order(number, "2026-10-01T10:00:00+08:00", line("SK-1003", 3, "160.00")))
			.path("recordOrder.order").valueIsNull()
			.path("recordOrder.errors[0].code").entity(String.class).isEqualTo("ORDER_CONFLICT");
		stats().path("member.stats.totalSpend").entity(String.class).isEqualTo("160.00");
	}

	@Test
	void refundsReduceSpendAndAFullRefundStopsTheOrderCountingInAverageOrderValue() {
		String big = "T-" + memberId + "-3";
		String small = "T-" + memberId + "-4";
		record(order(big, "2026-09-01T10:00:00+08:00", line("FR-3001", 1, "980.00")));
		record(order(small, "2026-09-02T10:00:00+08:00", line("HC-4001", 1, "129.00")));

		refund(small, "R-1", "29.00").path("refundOrder.order.refundedAmount").entity(String.class).isEqualTo("29.00");
		refund(small, "R-1", "29.00").path("refundOrder.replayed").entity(Boolean.class).isEqualTo(true);
		refund(big, "R-2", "980.00").path("refundOrder.order.refundedAmount").entity(String.class).isEqualTo("980.00");

		stats()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.fullyRefundedOrderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("1109.00")
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("1009.00")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("100.00")
			.path("member.stats.averageOrderValue").entity(String.class).isEqualTo("100.00");
	}

	@Test
	void aRefundBeyondWhatWasPaidOrForAnUnknownOrderIsATypedErrorAndChangesNothing() {
		String number = "T-" + memberId + "-5";
		record(order(number, "2026-08-01T10:00:00+08:00", line("SK-1007", 1, "220.00")));
		refund(number, "R-1", "200.00");
		refund(number, "R-2", "20.01")
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("REFUND_EXCEEDS_PAID")
			.path("refundOrder.errors[0].field").entity(String.class).isEqualTo("amount");
		refund(number, "R-1", "50.00")
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("REFUND_CONFLICT");
		refund("no-such-order", "R-1", "1.00")
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("ORDER_NOT_FOUND");
		stats().path("member.stats.refundAmount").entity(String.class).isEqualTo("200.00");

		// Yen have no cents: a refund of half a yen is refused naming the amount, and the order keeps what it had.
		String yen = "T-" + memberId + "-JPY";
		Map<String, Object> inYen = order(yen, "2026-08-02T10:00:00+08:00", line("SK-1007", 1, "2200"));
		inYen.put("currency", "JPY");
		record(inYen).path("recordOrder.errors").entityList(Object.class).hasSize(0);
		refund(yen, "R-Y", "100.50").errors().satisfy(errors -> assertThat(errors.get(0).getExtensions())
			.containsEntry("field", "amount")
			.containsEntry("reason", "100.50 has more than 0 decimal places, as JPY amounts have"));
		stats().path("member.stats.refundAmount").entity(String.class).isEqualTo("200.00");
	}

	@Test
	void aRefundReturnsOnlyUnitsTheOrderSoldAndHasNotTakenBackAlready() {
		String number = "T-" + memberId + "-7";
		record(order(number, "2026-08-03T10:00:00+08:00", line("SK-1001", 2, "50.00"), line("HC-4001", 1, "10.00"),
				line("SK-1001", 1, "50.00")));
		returning(number, "R-1", "50.00", returned("SK-1001", 2)).path("refundOrder.errors").entityList(Object.class)
			.hasSize(0);

		returning(number, "R-2", "100.00", returned("SK-1001", 2))
			.path("refundOrder.order").valueIsNull()
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("REFUND_EXCEEDS_QUANTITY")
			.path("refundOrder.errors[0].field").entity(String.class).isEqualTo("lines[0].quantity")
			.path("refundOrder.errors[0].message").entity(String.class)
			.isEqualTo("Returning 2 of 'SK-1001', but order " + number + " has 1 of the 3 it sold left to return");
		returning(number, "R-3", "1.00", returned("HC-4001", 1), returned("FR-3001", 1))
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("REFUND_LINE_NOT_ON_ORDER")
			.path("refundOrder.errors[0].field").entity(String.class).isEqualTo("lines[1].sku");
		returning(number, "R-4", "1.00", returned("HC-4001", 1), returned("HC-4001", 1))
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("REFUND_EXCEEDS_QUANTITY")
			.path("refundOrder.errors[0].field").entity(String.class).isEqualTo("lines[1].quantity");
		stats().path("member.stats.refundAmount").entity(String.class).isEqualTo("50.00")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(1);

		// What is left goes back, and a refund naming no lines gives money only.
		returning(number, "R-5", "60.00", returned("SK-1001", 1), returned("HC-4001", 1))
			.path("refundOrder.errors").entityList(Object.class).hasSize(0);
		refund(number, "R-6", "10.00").path("refundOrder.order.refundedAmount").entity(String.class).isEqualTo("120.00");
	}

	@Test
	void aRefundDatedBeforeItsOrderWasPlacedIsRefused() {
		String number = "T-" + memberId + "-9";
		Map<String, Object> order = order(number, "2026-08-05T10:00:00+08:00", line("SK-1001", 1, "50.00"));
		order.put("paidAt", "2026-08-05T11:00:00+08:00");
		record(order);

		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "TMALL", "orderNumber", number, "refundId", "R-old", "amount", "5.00",
					"refundedAt", "2025-01-01T00:00:00Z"))
			.execute()
			.path("refundOrder.order").valueIsNull()
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("REFUND_BEFORE_ORDER")
			.path("refundOrder.errors[0].field").entity(String.class).isEqualTo("refundedAt");
		// Before the payment but after the order: two systems' clocks may disagree by that much.
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "TMALL", "orderNumber", number, "refundId", "R-skew", "amount", "5.00",
					"refundedAt", "2026-08-05T10:30:00+08:00"))
			.execute()
			.path("refundOrder.errors").entityList(Object.class).hasSize(0);
		stats().path("member.stats.refundAmount").entity(String.class).isEqualTo("5.00");
	}

	@Test
	void returnsOfTheSameUnitsSentAtOnceTakeThemBackOnce() throws Exception {
		String number = "T-" + memberId + "-8";
		record(order(number, "2026-08-04T10:00:00+08:00", line("SK-1001", 2, "50.00")));
		int returns = 8;
		java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(returns);
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(returns);
		List<java.util.concurrent.Future<List<Object>>> answers = new java.util.ArrayList<>();
		for (int i = 0; i < returns; i++) {
			String refundId = "R-" + i;
			answers.add(senders.submit(() -> {
				together.await();
				return returning(number, refundId, "1.00", returned("SK-1001", 1)).path("refundOrder.errors")
					.entityList(Object.class).get();
			}));
		}
		int taken = 0;
		for (java.util.concurrent.Future<List<Object>> answer : answers) {
			taken += answer.get().isEmpty() ? 1 : 0;
		}
		senders.shutdown();

		assertThat(taken).isEqualTo(2);
		stats().path("member.stats.refundCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("2.00");
	}

	@Test
	void badOrderInputIsABadRequestNamingTheFieldAndRecordsNothing() {
		String number = "T-" + memberId + "-6";
		Map<String, Object> order = order(number, "2026-07-01T10:00:00+08:00", line("SK-1001", 0, "420.00"));
		as("storefront").documentName("recordOrder").variable("input", order).execute()
			.errors().satisfy(errors -> {
				assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "lines[0].quantity");
			});
		Map<String, Object> paidBeforePlaced = order(number, "2026-07-01T10:00:00+08:00", line("SK-1001", 1, "420.00"));
		paidBeforePlaced.put("paidAt", "2026-06-30T10:00:00+08:00");
		as("storefront").documentName("recordOrder").variable("input", paidBeforePlaced).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "paidAt"));
		as("storefront").documentName("recordOrder").variable("input", Map.of("channel", "TMALL", "orderNumber", number,
				"placedAt", "2026-07-01T10:00:00+08:00", "lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "1.00001"))))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("more than 4 decimal places"));

		as("storefront").documentName("order").variable("channel", "TMALL").variable("orderNumber", number)
			.execute().path("order").valueIsNull();
		stats().path("member.stats.orderCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void anOrderForAnUnknownMemberIsATypedErrorWhileGuestOrdersAreRecorded() {
		Map<String, Object> unknown = order("T-unknown-" + memberId, "2026-07-01T10:00:00+08:00", line("SK-1001", 1, "1.00"));
		unknown.put("memberId", "M99999999");
		record(unknown).path("recordOrder.errors[0].code").entity(String.class).isEqualTo("MEMBER_NOT_FOUND");

		Map<String, Object> guest = order("T-guest-" + memberId, "2026-07-01T10:00:00+08:00", line("SK-1001", 1, "1.00"));
		guest.remove("memberId");
		record(guest).path("recordOrder.order.memberId").valueIsNull();
	}

	@Test
	void anUnpaidOrderIsRecordedButDoesNotCountUntilPaid() {
		Map<String, Object> placed = order("T-" + memberId + "-7", "2026-07-01T10:00:00+08:00", line("SK-1001", 1, "420.00"));
		placed.remove("paidAt");
		record(placed).path("recordOrder.order.status").entity(String.class).isEqualTo("PLACED");
		stats().path("member.stats.orderCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void aStorefrontReadsAProfileWithTierAndTheLastFiveOrdersInOneQuery() {
		for (int day = 1; day <= 7; day++) {
			record(order("W-" + memberId + "-" + day, "2026-05-0" + day + "T10:00:00+08:00", line("SK-1010", 1, "89.00")));
		}
		GraphQlTester.Response profile = as("storefront").documentName("memberProfile").variable("id", memberId).execute();
		profile.path("member.tier.code").entity(String.class).isEqualTo("BASIC")
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(7);
		as("storefront").documentName("memberOrders").variable("id", memberId).execute()
			.path("member.orders.edges[*].node.orderNumber").entityList(String.class)
			.containsExactly("W-" + memberId + "-7", "W-" + memberId + "-6", "W-" + memberId + "-5",
					"W-" + memberId + "-4", "W-" + memberId + "-3")
			.path("member.orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void anOrderTakesAtMostAThousandRefundsThroughTheApiOrAnImport() {
		String number = "MANY-" + newPhone();
		java.time.Instant placed = now().minus(java.time.Duration.ofDays(2));
		Order order = OrderRules.toOrder(new OrderInputs.RecordOrderInput(io.membergraph.shared.Channel.TMALL, number, null,
				null, null, placed, placed, null, null, null, null, List.of(new OrderInputs.OrderLineInput("SK-1001", 1,
						io.membergraph.shared.UnitPrice.of("5000.00"), null, null)), null, null, null, null, null),
				Map.of(), now(), OrderSettings.DEFAULTS);
		for (int i = 0; i < Order.MAX_REFUNDS - 1; i++) {
			order = order.withRefund(new Refund("P" + i, io.membergraph.shared.Money.of("0.01"), placed, null, List.of(),
					null));
		}
		bean(org.springframework.data.mongodb.core.MongoTemplate.class).insert(order);

		refund(number, "LAST", "0.01").path("refundOrder.errors").entityList(Object.class).hasSize(0);
		refund(number, "ONE-MORE", "0.01")
			.path("refundOrder.errors[0].code").entity(String.class).isEqualTo("TOO_MANY_REFUNDS")
			.path("refundOrder.errors[0].field").entity(String.class).isEqualTo("refundId");
		String job = startImport("orders", "crm", "单号,时间,商品,数量,单价,原单号\nRET-%1$s,%2$s,SK-1001,-1,0.01,%1$s\n"
			.formatted(number, "2026-11-24 10:00"), """
				{"orderNumber":"单号","channel":{"value":"TMALL"},"placedAt":"时间","paidAt":{"sameAs":"placedAt"},
				 "sku":"商品","quantity":"数量","unitPrice":"单价","originalOrderNumber":"原单号"}""", null);
		awaitImport(job).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.satisfies(reason -> assertThat(reason).contains("1000 refunds, the most one order takes"));
		as("crm").documentName("creditNote").variable("channel", "TMALL").variable("orderNumber", number).execute()
			.path("order.refunds").entityList(Object.class).hasSize(Order.MAX_REFUNDS);
	}

	private GraphQlTester.Response record(Map<String, Object> order) {
		return as("storefront").documentName("recordOrder").variable("input", order).execute();
	}

	private GraphQlTester.Response refund(String orderNumber, String refundId, String amount) {
		return as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "TMALL", "orderNumber", orderNumber, "refundId", refundId, "amount", amount,
					"reason", "return"))
			.execute();
	}

	private GraphQlTester.Response returning(String orderNumber, String refundId, String amount, Map<?, ?>... lines) {
		return as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "TMALL", "orderNumber", orderNumber, "refundId", refundId, "amount", amount,
					"lines", List.of(lines)))
			.execute();
	}

	private static Map<String, Object> returned(String sku, int quantity) {
		return Map.of("sku", sku, "quantity", quantity);
	}

	private GraphQlTester.Response stats() {
		return as("crm").documentName("memberStats").variable("id", memberId).execute();
	}

	private Map<String, Object> order(String number, String placedAt, Map<?, ?>... lines) {
		Map<String, Object> order = new HashMap<>();
		order.put("channel", number.startsWith("W") ? "WEB" : "TMALL");
		order.put("orderNumber", number);
		order.put("memberId", memberId);
		order.put("placedAt", placedAt);
		order.put("paidAt", placedAt);
		order.put("lines", List.of(lines));
		return order;
	}

	private static Map<String, Object> line(String sku, int quantity, String unitPrice) {
		return Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice);
	}

}
