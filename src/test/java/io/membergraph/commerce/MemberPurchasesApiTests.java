package io.membergraph.commerce;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.StoreReads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's purchase rollup follows its orders and refunds as they are recorded. */
class MemberPurchasesApiTests extends ApplicationTest {

	@Test
	void ordersAndRefundsShowInTheMonthAndProductRollups() {
		String member = registerMember("购买 汇总");
		String number = "PR-" + newPhone();
		order(member, number, "2026-03-01T02:00:00Z", "SK-1001", 2, "100.00");
		order(member, number + "-2", "2026-04-15T02:00:00Z", "SK-1001", 1, "100.00");
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "refundId", "R1", "amount", "100.00",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1))))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);

		as("crm").documentName("memberActivity").variable("id", member).execute()
			.path("member.purchases.months[*].month").entityList(String.class).containsExactly("2026-03", "2026-04")
			.path("member.purchases.months[0].netSpend").entity(String.class).isEqualTo("100.00")
			.path("member.purchases.months[0].refundAmount").entity(String.class).isEqualTo("100.00")
			.path("member.purchases.products[0].sku").entity(String.class).isEqualTo("SK-1001")
			.path("member.purchases.products[0].quantity").entity(Integer.class).isEqualTo(2)
			.path("member.purchases.products[0].days").entityList(String.class).containsExactly("2026-03-01", "2026-04-15");
	}

	/**
	 * A new order goes on from the member's rollup as it stands: a buyer's next order reads itself, not the buyer's
	 * whole history (a wholesale account of thousands of orders made each new one read every earlier one).
	 */
	@Test
	void aNewOrderReadsNoneOfTheMembersEarlierOrders() {
		String member = registerMember("常客 汇总");
		for (int i = 0; i < 30; i++) {
			order(member, "PH-" + newPhone(), "2026-02-%02dT02:00:00Z".formatted(1 + i % 27), "SK-1001", 1, "10.00");
		}
		StoreReads reads = bean(StoreReads.class);
		long before = reads.documentsOf("orders");

		order(member, "PH-" + newPhone(), "2026-03-02T02:00:00Z", "HC-4001", 1, "20.00");

		assertThat(reads.documentsOf("orders") - before).as("orders read to record one").isLessThanOrEqualTo(2);
		as("crm").documentName("memberActivity").variable("id", member).execute()
			.path("member.purchases.months[*].month").entityList(String.class).containsExactly("2026-02", "2026-03")
			.path("member.purchases.months[1].netSpend").entity(String.class).isEqualTo("20.00")
			.path("member.purchases.products[*].sku").entityList(String.class).contains("HC-4001", "SK-1001");
		assertReadModelsAgreeFor(member);
	}

	private void order(String member, String number, String at, String sku, int quantity, String price) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "memberId", member, "placedAt", at, "paidAt", at,
					"lines", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", price))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
