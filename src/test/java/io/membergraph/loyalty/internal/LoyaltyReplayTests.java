package io.membergraph.loyalty.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.ReplayedAsLive;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk-loaded history must be what the live path leaves: same entries, same points, same account, same tier. */
class LoyaltyReplayTests extends ApplicationTest {

	@Test
	void replayingAHistoryGivesWhatRecordingItLiveGave() {
		String member = memberJoinedOn("Twin", "2025-01-05T10:00:00+08:00");
		record(member, "RP1-" + member, "2025-02-01T10:00:00+08:00", "FR-3001", "fragrance", 2, "980.00");
		record(member, "RP2-" + member, "2025-03-01T10:00:00+08:00", "SK-1001", "skincare", 3, "420.00");
		record(member, "RP3-" + member, "2025-04-01T10:00:00+08:00", "HC-4001", "haircare", 1, "129.00");
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "RP2-" + member, "refundId", "R1", "amount", "420.00",
					"refundedAt", "2025-03-10T10:00:00+08:00"))
			.execute();

		LoyaltyReplay.Result replayed = replayedAsLive(member, Instant.parse("2025-05-01T00:00:00Z"));
		// 100 + 200 + 2940 fragrance, then at SILVER 3024 skincare less 1008 refunded, 154 haircare: 5410 points
		assertThat(replayed.tier().tierCode()).isEqualTo("SILVER");
	}

	@Test
	void aReturnAfterTheOrdersPointsExpiredIsReplayedAsTheLivePathTookIt() {
		String member = memberJoinedOn("Expired Twin", "2020-01-05T10:00:00+08:00");
		record(member, "RX1-" + member, "2020-02-01T10:00:00+08:00", "HC-4001", "haircare", 1, "300.00");
		as("admin").documentName("runPointsExpiry").variable("asOf", "2022-01-01T00:00:00+08:00").execute();
		record(member, "RX2-" + member, "2022-03-01T10:00:00+08:00", "HC-4001", "haircare", 1, "400.00");
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "RX1-" + member, "refundId", "R1", "amount", "300.00",
					"refundedAt", "2022-04-01T10:00:00+08:00"))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);

		// RX1's points and its first-order reward expired unused: its return takes nothing from RX2's 400.
		assertThat(replayedAsLive(member, Instant.parse("2022-05-01T00:00:00Z")).account().balance()).isEqualTo(400);
	}

	private LoyaltyReplay.Result replayedAsLive(String member, Instant asOf) {
		return ReplayedAsLive.replayed(context(), member, asOf);
	}

	private String memberJoinedOn(String name, String joinedAt) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", "APP", "joinedAt", joinedAt))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	private void record(String member, String number, String at, String sku, String category, int quantity, String price) {
		Map<String, Object> order = new HashMap<>(Map.of("channel", "APP", "orderNumber", number, "memberId", member,
				"placedAt", at, "paidAt", at,
				"lines", List.of(Map.of("sku", sku, "category", category, "quantity", quantity, "unitPrice", price))));
		as("storefront").documentName("recordOrder").variable("input", order).execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
