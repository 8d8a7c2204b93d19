package io.membergraph.commerce;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

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

	private void order(String member, String number, String at, String sku, int quantity, String price) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "memberId", member, "placedAt", at, "paidAt", at,
					"lines", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", price))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
