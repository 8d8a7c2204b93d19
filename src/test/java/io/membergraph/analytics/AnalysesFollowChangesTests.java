package io.membergraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The analyses keep the member facts, purchase rollups and orders in memory between calls; each test runs an
 * analysis first (so the views are loaded), changes something through the API, and expects the next
 * analysis to show the change.
 */
class AnalysesFollowChangesTests extends ApplicationTest {

	private String province;

	@BeforeEach
	void ownProvince() {
		province = "变化省" + newPhone();
	}

	@Test
	void aNewMemberAndItsOrderCountInTheNextAnalysis() {
		assertThat(rfm(province).path("rfm.members").entity(Integer.class).get()).isZero();

		String member = member(province);
		order(member, "N-" + newPhone(), "120.00");

		GraphQlTester.Response after = rfm(province);
		after.path("rfm.members").entity(Integer.class).isEqualTo(1);
		after.path("rfm.spend").entity(String.class).isEqualTo("120.00");
	}

	@Test
	void aRefundLowersTheSpendAndAFullRefundTakesTheOrderOut() {
		String member = member(province);
		String number = "R-" + newPhone();
		order(member, number, "100.00");
		rfm(province).path("rfm.spend").entity(String.class).isEqualTo("100.00");

		refund(number, "RF1", "40.00");
		rfm(province).path("rfm.spend").entity(String.class).isEqualTo("60.00");

		refund(number, "RF2", "60.00");
		rfm(province).path("rfm.members").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void aMemberWhoMovesLeavesTheOldRegionsAnalysis() {
		String member = member(province);
		order(member, "M-" + newPhone(), "80.00");
		rfm(province).path("rfm.members").entity(Integer.class).isEqualTo(1);

		String elsewhere = "别处省" + newPhone();
		as("admin").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", member, "region", Map.of("province", elsewhere, "city", "新城")))
			.execute()
			.path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);

		rfm(province).path("rfm.members").entity(Integer.class).isEqualTo(0);
		rfm(elsewhere).path("rfm.members").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void aMergeCountsBothMembersOrdersOnceForTheSurvivor() {
		String survivor = member(province);
		String merged = member(province);
		order(survivor, "S-" + newPhone(), "30.00");
		order(merged, "D-" + newPhone(), "70.00");
		rfm(province).path("rfm.members").entity(Integer.class).isEqualTo(2);

		as("admin").documentName("mergeMembers")
			.variable("input", Map.of("survivorId", survivor, "mergedId", merged, "reason", "same person"))
			.execute()
			.path("mergeMembers.errors").entityList(Object.class).hasSize(0);

		GraphQlTester.Response after = rfm(province);
		after.path("rfm.members").entity(Integer.class).isEqualTo(1);
		after.path("rfm.spend").entity(String.class).isEqualTo("100.00");
		after.path("rfm.frequencyReference").entity(Double.class).isEqualTo(2.0);
	}

	@Test
	void aTierChangeMovesTheMemberBetweenTierFilters() {
		String member = member(province);
		order(member, "T-" + newPhone(), "50.00");
		rfmInTier(province, "PLATINUM").path("rfm.members").entity(Integer.class).isEqualTo(0);

		as("admin").documentName("overrideTier")
			.variable("input", Map.of("memberId", member, "tierCode", "PLATINUM", "reason", "test"))
			.execute()
			.path("overrideTier.errors").entityList(Object.class).hasSize(0);

		rfmInTier(province, "PLATINUM").path("rfm.members").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void aGuestOrderCountsInTheNextMemberBase() {
		int before = guestOrders();

		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "G-" + newPhone(), "placedAt",
					"2026-03-02T02:00:00Z", "paidAt", "2026-03-02T02:00:00Z",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "10.00"))))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);

		assertThat(guestOrders()).isEqualTo(before + 1);
	}

	@Test
	void aStoreFilterCountsOnlyTheOrdersPlacedInThatStore() {
		String member = member(province);
		String store = "S-" + newPhone();
		order(member, "ST-" + newPhone(), "70.00", store);
		order(member, "ST-" + newPhone(), "30.00", null);

		GraphQlTester.Response inStore = as("crm")
			.document("query($scope: AnalysisScopeInput!) { rfm(input: {scope: $scope}) { scope { storeId } members spend } "
					+ "lifecycle(input: {scope: $scope}) { members stages { stage members } } }")
			.variable("scope", Map.of("asOf", "2026-03-31", "province", province, "storeId", store))
			.execute();
		inStore.path("rfm.scope.storeId").entity(String.class).isEqualTo(store);
		inStore.path("rfm.spend").entity(String.class).isEqualTo("70.00");
		inStore.path("lifecycle.members").entity(Integer.class).isEqualTo(1);

		as("crm")
			.document("query($scope: AnalysisScopeInput!) { rfm(input: {scope: $scope}) { members } "
					+ "lifecycle(input: {scope: $scope}) { stages { stage members } } }")
			.variable("scope", Map.of("asOf", "2026-03-31", "province", province, "storeId", "NO-SUCH-STORE"))
			.execute()
			.path("rfm.members").entity(Integer.class).isEqualTo(0)
			.path("lifecycle.stages[?(@.stage == 'PROSPECT')].members").entityList(Integer.class).containsExactly(1);
	}

	private int guestOrders() {
		return as("admin").document("{ memberBase(input: {scope: {asOf: \"2026-03-31\"}}) { sales { guestOrders } } }")
			.execute()
			.path("memberBase.sales.guestOrders").entity(Integer.class).get();
	}

	private GraphQlTester.Response rfm(String inProvince) {
		return as("crm").documentName("rfm")
			.variable("input", Map.of("scope", Map.of("asOf", "2026-03-31", "province", inProvince)))
			.execute();
	}

	private GraphQlTester.Response rfmInTier(String inProvince, String tier) {
		return as("crm").documentName("rfm")
			.variable("input", Map.of("scope", Map.of("asOf", "2026-03-31", "province", inProvince, "tier", tier)))
			.execute();
	}

	private String member(String inProvince) {
		return registerMemberIn(inProvince, Instant.parse("2025-12-01T00:00:00Z"));
	}

	private void order(String member, String number, String amount) {
		order(member, number, amount, null);
	}

	private void order(String member, String number, String amount, String store) {
		Map<String, Object> input = new HashMap<>(Map.of("channel", "APP", "orderNumber", number, "memberId", member,
				"placedAt", "2026-03-01T02:00:00Z", "paidAt", "2026-03-01T02:00:00Z",
				"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", amount))));
		if (store != null) {
			input.put("storeId", store);
		}
		as("storefront").documentName("recordOrder")
			.variable("input", input)
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	private void refund(String number, String refundId, String amount) {
		as("admin").documentName("refundOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", number, "refundId", refundId, "amount", amount,
					"refundedAt", "2026-03-03T02:00:00Z"))
			.execute()
			.path("refundOrder.errors").entityList(Object.class).hasSize(0);
	}

}
