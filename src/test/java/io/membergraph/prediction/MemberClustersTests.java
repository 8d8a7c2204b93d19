package io.membergraph.prediction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clusters within an analysis scope, over members of a province of their own: fifteen who spent much in the last
 * months, fifteen who bought once ten months ago, ten who bought only twenty months ago, and five elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberClustersTests extends ApplicationTest {

	private static final String CLUSTERS = """
			query($input: ClustersInput) {
			  clusters(input: $input) {
			    scope { asOf lookbackDays province } k buyers clusters { members meanSpend meanPurchaseDays meanRecencyDays }
			  }
			}""";

	private String province;

	private LocalDate today;

	@BeforeAll
	void threeKindsOfBuyer() {
		today = today();
		province = "聚类省" + newPhone();
		for (int i = 0; i < 15; i++) {
			String member = member(province);
			for (int week = 0; week < 5; week++) {
				order(member, today.minusDays(30 + 7 * week), "300.00");
			}
		}
		for (int i = 0; i < 15; i++) {
			order(member(province), today.minusDays(300), "20.00");
		}
		for (int i = 0; i < 10; i++) {
			String member = member(province);
			order(member, today.minusDays(610), "100.00");
			order(member, today.minusDays(600), "100.00");
		}
		for (int i = 0; i < 5; i++) {
			order(member("别处" + newPhone()), today.minusDays(30), "300.00");
		}
	}

	@Test
	void aScopeClustersOnlyTheMembersItAdmitsOnTheirOrdersInItsWindow() {
		GraphQlTester.Response lastYear = clusters(Map.of("k", 2,
				"scope", Map.of("asOf", today.toString(), "lookbackDays", 365, "province", province)));

		lastYear.path("clusters.buyers").entity(Integer.class).isEqualTo(30)
			.path("clusters.scope.province").entity(String.class).isEqualTo(province)
			.path("clusters.scope.lookbackDays").entity(Integer.class).isEqualTo(365);
		assertThat(lastYear.path("clusters.clusters[*].members").entityList(Integer.class).get())
			.containsExactlyInAnyOrder(15, 15);
		assertThat(lastYear.path("clusters.clusters[*].meanSpend").entityList(Double.class).get())
			.containsExactlyInAnyOrder(1500.0, 20.0);
	}

	@Test
	void anEarlierAsOfDayLeavesLaterOrdersOutAndCountsRecencyFromThatDay() {
		LocalDate asOf = today.minusDays(200);
		GraphQlTester.Response then = clusters(Map.of("k", 2, "scope", Map.of("asOf", asOf.toString(), "province", province)));

		then.path("clusters.buyers").entity(Integer.class).isEqualTo(25);
		assertThat(then.path("clusters.clusters[*].meanRecencyDays").entityList(Double.class).get())
			.containsExactlyInAnyOrder(100.0, 400.0);
		assertThat(then.path("clusters.clusters[*].meanPurchaseDays").entityList(Double.class).get())
			.containsExactlyInAnyOrder(1.0, 2.0);
	}

	@Test
	void aMarketerSeesNothingOfAClusterTooSmallToShowNotEvenItsLabel() {
		String small = provinceWithThreeBigSpenders("小群省", 0);
		Map<String, Object> input = Map.of("k", 2, "scope", Map.of("asOf", today.toString(), "province", small));
		String query = "query($input: ClustersInput) { clusters(input: $input) { buyers clusters { members meanSpend label } } }";

		assertThat(as("crm").document(query).variable("input", input).execute()
			.path("clusters.clusters[*].members").entityList(Integer.class).get()).containsExactlyInAnyOrder(20, 3);
		GraphQlTester.Response marketer = as("marketer").document(query).variable("input", input).execute();
		marketer.path("clusters.buyers").entity(Integer.class).isEqualTo(23);
		List<Map<String, Object>> clusters = marketer.path("clusters.clusters").entity(List.class).get();
		// The 23 buyers less the other cluster would tell the small one's 3, so the other is withheld beside it.
		assertThat(clusters).hasSize(2).allSatisfy(c -> {
			assertThat(c.get("members")).isNull();
			assertThat(c.get("label")).isNull();
			assertThat(c.get("meanSpend")).isNull();
		});
	}

	@Test
	void aMarketerSeesTheClustersBesideASmallOneWhenTwoOthersHideIt() {
		String small = provinceWithThreeBigSpenders("三群省", 12);
		Map<String, Object> input = Map.of("k", 3, "scope", Map.of("asOf", today.toString(), "province", small));
		String query = "query($input: ClustersInput) { clusters(input: $input) { buyers clusters { members label } } }";

		assertThat(as("crm").document(query).variable("input", input).execute()
			.path("clusters.clusters[*].members").entityList(Integer.class).get()).containsExactlyInAnyOrder(20, 12, 3);
		List<Map<String, Object>> clusters = as("marketer").document(query).variable("input", input).execute()
			.path("clusters.clusters").entity(List.class).get();
		assertThat(clusters).extracting(c -> c.get("members")).containsExactlyInAnyOrder(null, null, 20);
		assertThat(clusters).filteredOn(c -> c.get("members") != null)
			.singleElement()
			.satisfies(c -> assertThat(c.get("label")).isNotNull());
	}

	/**
	 * A new province of 20 members who bought once 300 days ago, {@code middling} who bought once 40 days ago and 3 big
	 * spenders who buy every week.
	 */
	private String provinceWithThreeBigSpenders(String name, int middling) {
		String province = name + newPhone();
		for (int i = 0; i < 20; i++) {
			order(member(province), today.minusDays(300), "20.00");
		}
		for (int i = 0; i < middling; i++) {
			order(member(province), today.minusDays(40), "900.00");
		}
		for (int i = 0; i < 3; i++) {
			String big = member(province);
			for (int week = 0; week < 10; week++) {
				order(big, today.minusDays(5 + 7 * week), "5000.00");
			}
		}
		return province;
	}

	@Test
	void tooFewBuyersOrAnUnknownSegmentAreRefusedByName() {
		clusters(Map.of("k", 4, "scope", Map.of("asOf", today.toString(), "lookbackDays", 365, "province", province)))
			.errors()
			.satisfy(errors -> {
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "k");
				assertThat(errors.get(0).getMessage()).contains("only 30 members have bought").contains("needs at least 40");
			});
		clusters(Map.of("k", 2, "scope", Map.of("asOf", today.toString(), "segmentId", "no-such-segment")))
			.errors()
			.satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "scope.segmentId"));
	}

	@Test
	void theArgumentsOnceGivenOneByOneStillWorkButNotBesideTheInput() {
		as("crm").document("{ clusters(k: 2) { scope { asOf province } k buyers } }").execute()
			.path("clusters.scope.asOf").entity(String.class).isEqualTo(today.toString())
			.path("clusters.scope.province").valueIsNull()
			.path("clusters.k").entity(Integer.class).isEqualTo(2)
			.path("clusters.buyers").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(45));

		as("crm").document("{ clusters(k: 2, input: {k: 3}) { k } }").execute()
			.errors()
			.satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "input"));
	}

	private GraphQlTester.Response clusters(Map<String, Object> input) {
		return as("crm").document(CLUSTERS).variable("input", input).execute();
	}

	private String member(String inProvince) {
		return registerMemberIn(inProvince, Instant.parse("2024-01-01T00:00:00Z"));
	}

	private void order(String member, LocalDate day, String amount) {
		recordPaidOrder(member, Instant.parse(day + "T04:00:00Z"), amount);
	}

}
