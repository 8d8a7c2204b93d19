package io.membergraph.analytics;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyses through the API, on members of a province of their own so no other test's data counts:
 * RFM, a scoring run stored on the members, and the cohort triangle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiTests extends ApplicationTest {

	/** As a storefront writes it, with its suffix; members keep it without ({@link #KEPT}). */
	private static final String PROVINCE = "分析省";

	private static final String KEPT = "分析";

	private String frequent;

	private String lapsed;

	private String newcomer;

	@BeforeAll
	void threeBuyers() {
		frequent = member("常客");
		lapsed = member("流失");
		newcomer = member("新客");
		order(frequent, "2026-01-05T02:00:00Z", "100.00");
		order(frequent, "2026-02-05T02:00:00Z", "100.00");
		order(frequent, "2026-03-05T02:00:00Z", "100.00");
		order(lapsed, "2026-01-10T02:00:00Z", "50.00");
		order(newcomer, "2026-03-10T02:00:00Z", "800.00");
	}

	@Test
	void rfmSegmentsTheBuyersOfTheScopeAndCarriesItsParameters() {
		// As of 31 March: R 26, 80, 21 (mean 42.33); F 3, 1, 1 (mean 1.67); M 300, 50, 800 (mean 383.33).
		as("crm").documentName("rfm").variable("input", rfmInput()).execute()
			.path("rfm.scope.zone").entity(String.class).isEqualTo("Asia/Shanghai")
			.path("rfm.scope.province").entity(String.class).isEqualTo(KEPT)
			.path("rfm.scoring").entity(String.class).isEqualTo("QUINTILES")
			.path("rfm.members").entity(Integer.class).isEqualTo(3)
			.path("rfm.spend").entity(String.class).isEqualTo("1150.00")
			.path("rfm.monetaryReference").entity(String.class).isEqualTo("383.33")
			.path("rfm.segments[?(@.members > 0)].segment").entityList(String.class)
			.satisfies(segments -> assertThat(segments).containsExactlyInAnyOrder("IMPORTANT_DEVELOPMENT", "GENERAL_VALUE",
					"GENERAL_WIN_BACK"));
	}

	@Test
	void aScoringRunStoresEachMembersRfmForTheRolesThatServeMembers() {
		as("crm").documentName("scoreRfm").variable("input", rfmInput()).execute()
			.path("scoreRfm.scoring.analysis.members").entity(Integer.class).isEqualTo(3);

		as("storefront").documentName("memberRfm").variable("id", frequent).execute()
			.path("member.rfm.segment").entity(String.class).isEqualTo("GENERAL_VALUE")
			.path("member.rfm.frequency").entity(Integer.class).isEqualTo(3)
			.path("member.rfm.recencyDays").entity(Integer.class).isEqualTo(26);
		as("marketer").documentName("memberRfm").variable("id", lapsed).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getPath()).isEqualTo("member.rfm")));
	}

	@Test
	void segmentsSelectOnTheLatestScoringRunIncludingTheScoresItCleared() {
		String valued = "region.province = '" + PROVINCE + "' AND rfm.segment = 'GENERAL_VALUE'";
		as("crm").documentName("scoreRfm").variable("input", rfmInput()).execute()
			.path("scoreRfm.scoring.analysis.members").entity(Integer.class).isEqualTo(3);
		// An hour later, so that the view reads only scores written after this preview by their change stamp.
		clock.advance(java.time.Duration.ofHours(1));
		as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 10) { sample { id } } }")
			.variable("q", valued).execute()
			.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(frequent);

		// As of December 2025 the three had joined and bought nothing yet: the run clears their scores.
		as("crm").documentName("scoreRfm")
			.variable("input", Map.of("scope", Map.of("asOf", "2025-12-31", "province", PROVINCE))).execute()
			.path("scoreRfm.scoring.cleared").entity(Integer.class).isEqualTo(3);
		as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 10) { members } }")
			.variable("q", valued).execute()
			.path("previewSegment.members").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void theCohortTriangleByFirstOrderMonth() {
		as("crm").documentName("cohortRetention")
			.variable("input", Map.of("scope", scope(), "from", "2026-01", "to", "2026-03")).execute()
			.path("cohortRetention.basis").entity(String.class).isEqualTo("FIRST_ORDER")
			.path("cohortRetention.cohorts[*].month").entityList(String.class).containsExactly("2026-01", "2026-03")
			.path("cohortRetention.cohorts[0].retained").entityList(Integer.class).containsExactly(2, 1, 1)
			.path("cohortRetention.cohorts[0].rates").entityList(Double.class).containsExactly(1.0, 0.5, 0.5);
	}

	@Test
	void theValueMatrixAndLifecycleOfTheScope() {
		// AOV 100, 50, 800 (mean 316.67); F 3, 1, 1 (mean 1.67): frequent, uncertain, big-ticket.
		as("crm").documentName("valueMatrix").variable("input", rfmInput()).execute()
			.path("valueMatrix.aovReference").entity(String.class).isEqualTo("316.67")
			.path("valueMatrix.quadrants[*].members").entityList(Integer.class).containsExactly(0, 1, 1, 1);
		// As of 31 March: the newcomer's first order is 21 days old, the others active (26 and 80 days); on
		// 28 February the newcomer was a prospect and the other two already active.
		as("crm").documentName("lifecycle").variable("input", rfmInput()).execute()
			.path("lifecycle.members").entity(Integer.class).isEqualTo(3)
			.path("lifecycle.stages[?(@.members > 0)].stage").entityList(String.class).containsExactly("NEW", "ACTIVE");
		as("crm").documentName("lifecycleTransitions").variable("input", Map.of("scope", scope(), "fromDate", "2026-02-28"))
			.execute()
			.path("lifecycleTransitions.cells[*]").entityList(Object.class).hasSize(2)
			.path("lifecycleTransitions.cells[?(@.from == 'PROSPECT')].to").entityList(String.class).containsExactly("NEW");
	}

	@Test
	void repurchaseOfTheScopesProductsAndWhoIsDue() {
		// Only the frequent buyer bought SK-1001 again: on 5 January, 5 February, 5 March (31 and 28 days).
		as("crm").documentName("repurchase").variable("input", rfmInput()).execute()
			.path("repurchase.top[0].key").entity(String.class).isEqualTo("SK-1001")
			.path("repurchase.top[0].buyers").entity(Integer.class).isEqualTo(3)
			.path("repurchase.top[0].repeatBuyers").entity(Integer.class).isEqualTo(1)
			.path("repurchase.top[0].medianInterval").entity(Double.class).isEqualTo(29.5);
		// Due again on 4 April (5 March + its median interval 29.5, rounded), within 7 days of 31 March.
		as("crm").documentName("dueForRepurchase").variable("input", Map.of("scope", scope(), "key", "SK-1001")).execute()
			.path("dueForRepurchase[*].memberId").entityList(String.class).contains(frequent)
			.path("dueForRepurchase[?(@.memberId == '" + frequent + "')].due").entityList(String.class)
			.containsExactly("2026-04-04");
		as("marketer").documentName("dueForRepurchase").variable("input", Map.of("scope", scope(), "key", "SK-1001")).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
	}

	@Test
	void acquisitionAndRetentionPerMonth() {
		// January: the frequent and the lapsed member buy for the first time; February the frequent one again
		// (1 of 2 retained); March the frequent one again and the newcomer for the first time.
		as("crm").documentName("acquisition").variable("scope", scope()).variable("from", "2026-01-01").execute()
			.path("acquisition.periods[*].firstTimeBuyers").entityList(Integer.class).containsExactly(2, 0, 1)
			.path("acquisition.periods[*].customers").entityList(Integer.class).containsExactly(2, 1, 2)
			.path("acquisition.periods[1].retentionRate").entity(Double.class).isEqualTo(0.5)
			.path("acquisition.periods[0].retentionRate").valueIsNull();
	}

	@Test
	void theMemberBaseByTierAndRegionWithTierMigrationAndPointsPerMonth() {
		GraphQlTester.Response response = as("crm").documentName("memberBase").variable("scope", scope())
			.variable("fromDate", "2025-11-30").variable("from", "2025-12-01").execute();

		response.path("memberBase.members").entity(Integer.class).isEqualTo(3)
			.path("memberBase.cities[0].key").entity(String.class).isEqualTo(KEPT + " 测试")
			.path("memberBase.sales.memberOrders").entity(Integer.class).isEqualTo(5)
			.path("memberBase.sales.memberSpend").entity(String.class).isEqualTo("1150.00")
			.path("memberBase.tiers[*].members").entityList(Integer.class).satisfies(counts ->
					assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3))
			// None of them existed on 30 November: every one moved from no tier.
			.path("tierMigration[*].from").entityList(String.class).satisfies(from ->
					assertThat(from).containsOnly("(none)"));
		long issued = response.path("pointsFlows[*].issued").entityList(Long.class).get().stream().mapToLong(Long::longValue).sum();
		long earned = List.of(frequent, lapsed).stream().mapToLong(this::lifetimeEarned).sum() + lifetimeEarned(newcomer);
		assertThat(issued).isEqualTo(earned);
	}

	@Test
	void pointsMovedByEveryMemberAreTheSumOverTheirJoinChannels() {
		// Everyone's report reads the members view's ids; a channel's reads the members it admits.
		Map<String, Object> everyone = Map.of("asOf", "2026-03-31");
		List<Map<String, Object>> total = pointsFlows(everyone);
		long[] summed = new long[total.size() * 5];
		for (io.membergraph.shared.Channel channel : io.membergraph.shared.Channel.values()) {
			List<Map<String, Object>> rows = pointsFlows(Map.of("asOf", "2026-03-31", "channel", channel.name()));
			for (int i = 0; i < rows.size(); i++) {
				int k = 0;
				for (String flow : FLOWS) {
					summed[5 * i + k++] += ((Number) rows.get(i).get(flow)).longValue();
				}
			}
		}
		long issued = 0;
		for (int i = 0; i < total.size(); i++) {
			int k = 0;
			for (String flow : FLOWS) {
				assertThat(summed[5 * i + k++]).as(flow + " of " + total.get(i).get("start"))
					.isEqualTo(((Number) total.get(i).get(flow)).longValue());
			}
			issued += ((Number) total.get(i).get("issued")).longValue();
		}
		assertThat(issued).isGreaterThanOrEqualTo(List.of(frequent, lapsed, newcomer).stream()
			.mapToLong(this::lifetimeEarned).sum()).isPositive();
	}

	private static final List<String> FLOWS = List.of("issued", "redeemed", "expired", "adjusted", "reversed");

	private List<Map<String, Object>> pointsFlows(Map<String, Object> scope) {
		return as("crm").documentName("pointsFlows").variable("scope", scope).variable("from", "2025-12-01").execute()
			.path("pointsFlows").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
	}

	@Test
	void salesKpisPerMonthWithThePreviousMonth() {
		// March: the frequent member's third order (100) and the newcomer's first (800); February: 100.
		as("crm").documentName("salesKpis").variable("scope", scope()).variable("period", "MONTH")
			.variable("from", "2026-03-01").execute()
			.path("salesKpis.rows[0].figures.orders").entity(Integer.class).isEqualTo(2)
			.path("salesKpis.rows[0].figures.paidAmount").entity(String.class).isEqualTo("900.00")
			.path("salesKpis.rows[0].figures.aov").entity(String.class).isEqualTo("450.00")
			.path("salesKpis.rows[0].figures.newCustomers").entity(Integer.class).isEqualTo(1)
			.path("salesKpis.rows[0].figures.returningCustomers").entity(Integer.class).isEqualTo(1)
			.path("salesKpis.rows[0].figures.paymentCycle.medianHours").entity(Double.class).isEqualTo(0.0)
			.path("salesKpis.rows[0].previous.paidAmount").entity(String.class).isEqualTo("100.00")
			.path("salesKpis.rows[0].previousToDate.paidAmount").entity(String.class).isEqualTo("100.00");
	}

	/** On March 4th, March so far compares with February 1st to 4th: not with February's order of the 5th. */
	@Test
	void salesKpisOfAMonthUnderWayCompareWithTheSameDaysOfThePreviousMonth() {
		as("crm").documentName("salesKpis").variable("scope", Map.of("asOf", "2026-03-04", "province", PROVINCE))
			.variable("period", "MONTH").variable("from", "2026-03-01").execute()
			.path("salesKpis.rows[0].figures.orders").entity(Integer.class).isEqualTo(0)
			.path("salesKpis.rows[0].previous.paidAmount").entity(String.class).isEqualTo("100.00")
			.path("salesKpis.rows[0].previousToDate.paidAmount").entity(String.class).isEqualTo("0.00")
			.path("salesKpis.rows[0].previousToDate.orders").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("salesKpis").variable("scope", Map.of("asOf", "2026-03-05", "province", PROVINCE))
			.variable("period", "MONTH").variable("from", "2026-03-01").execute()
			.path("salesKpis.rows[0].previousToDate.paidAmount").entity(String.class).isEqualTo("100.00");
	}

	@Test
	void badParametersNameTheirField() {
		Map<String, Object> badZone = Map.of("asOf", "2026-03-31", "zone", "Mars/Olympus");
		as("crm").documentName("rfm").variable("input", Map.of("scope", badZone)).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "scope.zone"));
		as("crm").documentName("cohortRetention")
			.variable("input", Map.of("scope", scope(), "from", "2026-13", "to", "2026-03")).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "from"));
		as("crm").documentName("lifecycleTransitions").variable("input", Map.of("scope", scope(), "fromDate", "2026-04-01"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "fromDate"));
		as("support").documentName("rfm").variable("input", rfmInput()).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
	}

	private long lifetimeEarned(String member) {
		return as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.lifetimeEarned").entity(Long.class).get();
	}

	private static Map<String, Object> scope() {
		return Map.of("asOf", "2026-03-31", "province", PROVINCE);
	}

	private static Map<String, Object> rfmInput() {
		return Map.of("scope", scope());
	}

	private String member(String name) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", "APP",
					"joinedAt", "2025-12-01T00:00:00Z", "region", Map.of("province", PROVINCE, "city", "测试市")))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	private void order(String member, String at, String amount) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "AN-" + newPhone(), "memberId", member, "placedAt", at,
					"paidAt", at, "lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", amount))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
