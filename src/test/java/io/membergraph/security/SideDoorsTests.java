package io.membergraph.security;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The side doors an attacker tries once the front doors hold: asking whether a masked value matches, learning who
 * holds a phone from an error, reading orders through a member, setting the fields campaigns select on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SideDoorsTests extends ApplicationTest {

	private String phone;

	private String memberId;

	@BeforeAll
	void aMemberWithAnOrder() {
		phone = newPhone();
		memberId = registerMember("王小明", phone, List.of("side-door"));
		as("admin").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", "SIDE-" + memberId, "memberId", memberId,
					"placedAt", "2026-01-01T10:00:00Z", "paidAt", "2026-01-01T10:00:00Z",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "100.00"))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	@Test
	void aMarketerCannotAskWhetherAMaskedNameOrContactMatches() {
		for (Map<String, Object> filter : List.of(Map.<String, Object>of("name", "王"), Map.<String, Object>of("phone", phone),
				Map.<String, Object>of("email", "a@example.com"))) {
			String field = "filter." + filter.keySet().iterator().next();
			as("marketer").documentName("members").variable("filter", filter).variable("first", 5).execute()
				.errors().satisfy(errors -> {
					assertThat(errors).hasSize(1);
					assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
					assertThat(errors.get(0).getExtensions()).containsEntry("field", field);
				});
		}
		as("marketer").documentName("members").variable("filter", Map.of("tag", "side-door")).variable("first", 5).execute()
			.path("members.edges[0].node.name").entity(String.class)
			.satisfies(name -> assertThat(name).startsWith("王").isNotEqualTo("王小明"));
		as("crm").documentName("members").variable("filter", Map.of("phone", phone)).variable("first", 5).execute()
			.path("members.edges[0].node.id").entity(String.class).isEqualTo(memberId);
	}

	/**
	 * Nothing here keeps a session: no request, let in or refused, signed in or not, opens one (a cookie for the
	 * client, memory on the server), and none, the error page asked for directly among them, is a server error.
	 */
	@Test
	void noRequestOpensASessionOrFailsTheServer() {
		List<String> failures = new java.util.ArrayList<>();
		for (String token : java.util.Arrays.asList(null, token("crm"))) {
			for (String path : List.of("/", "/error", "/nonexistent", "/graphql", "/auth/token", "/api/import/members",
					"/console/", "/actuator/health")) {
				for (org.springframework.http.HttpMethod method : List.of(org.springframework.http.HttpMethod.GET,
						org.springframework.http.HttpMethod.POST, org.springframework.http.HttpMethod.PUT)) {
					var request = http().method(method).uri(path)
						.contentType(org.springframework.http.MediaType.APPLICATION_JSON);
					if (token != null) {
						request = request.header("Authorization", "Bearer " + token);
					}
					var answer = request.bodyValue("{}").exchange().returnResult(String.class);
					if (answer.getResponseHeaders().containsHeader("Set-Cookie") || answer.getStatus().is5xxServerError()) {
						failures.add(method + " " + path + (token == null ? "" : " signed in") + ": " + answer.getStatus()
								+ " " + answer.getResponseHeaders().get("Set-Cookie"));
					}
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void aMarketerCannotLookAMemberUpByContact() {
		as("marketer").documentName("memberByContact").variable("phone", phone).execute()
			.errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType()).containsExactly(ErrorType.FORBIDDEN));
	}

	@Test
	void ordersAreReadByTheSameRolesWhetherByNumberOrThroughTheMember() {
		String query = "query($id: ID!) { member(id: $id) { orders(first: 5) { edges { node { orderNumber } } } } }";
		as("marketer").document(query).variable("id", memberId).execute()
			.errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType()).contains(ErrorType.FORBIDDEN));
		as("marketer").document("{ order(channel: WEB, orderNumber: \"SIDE-" + memberId + "\") { id } }").execute()
			.errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType()).contains(ErrorType.FORBIDDEN));
		for (GraphQlTester allowed : List.of(as("crm"), as("support"), asMember(memberId))) {
			allowed.document(query).variable("id", memberId).execute()
				.path("member.orders.edges[0].node.orderNumber").entity(String.class).isEqualTo("SIDE-" + memberId);
		}
	}

	@Test
	void aTakenIdentityNamesItsHolderOnlyToRolesThatMayReadThatMember() {
		Map<String, Object> input = Map.of("name", "Someone Else", "phone", phone, "joinChannel", "APP");
		String toStorefront = as("storefront").documentName("registerMember").variable("input", input).execute()
			.path("registerMember.errors[0].message").entity(String.class).get();
		String toCrm = as("crm").documentName("registerMember").variable("input", input).execute()
			.path("registerMember.errors[0].message").entity(String.class).get();

		assertThat(toStorefront).contains("already taken").doesNotContain(memberId);
		assertThat(toCrm).contains(memberId);
	}

	@Test
	void aMemberChangesItsOwnProfileButNotTheTagsAndAttributesCampaignsSelectOn() {
		asMember(memberId).documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", memberId, "tags", List.of("side-door", "free-gift")))
			.execute()
			.errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "tags");
			});
		asMember(memberId).documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", memberId, "occupation", "教师"))
			.execute().path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);

		as("crm").documentName("memberProfile").variable("id", memberId).execute()
			.path("member.tags").entityList(String.class).containsExactly("side-door");
	}

	@Test
	void freeTextPropertiesAreMaskedForMaskedRolesExceptTheKeysAnAdminAllows() {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", memberId, "channel", "APP", "type", "INQUIRY", "eventId", "side-note",
					"properties", Map.of("note", "call 王小明 on " + phone, "storeId", "S-01")))
			.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
		String query = "query($id: ID!) { member(id: $id) { interactions(types: [INQUIRY]) { edges { node { properties } } } } }";
		try {
			as("marketer").document(query).variable("id", memberId).execute()
				.path("member.interactions.edges[0].node.properties").entity(Map.class)
				.isEqualTo(Map.of("note", "***", "storeId", "***"));

			as("admin").documentName("setVisiblePropertyKeys").variable("input", Map.of("keys", List.of("storeId")))
				.execute().path("setVisiblePropertyKeys.keys").entityList(String.class).containsExactly("storeId");

			as("marketer").document(query).variable("id", memberId).execute()
				.path("member.interactions.edges[0].node.properties").entity(Map.class)
				.isEqualTo(Map.of("note", "***", "storeId", "S-01"));
			as("crm").document(query).variable("id", memberId).execute()
				.path("member.interactions.edges[0].node.properties.note").entity(String.class).isEqualTo("call 王小明 on " + phone);
		}
		finally {
			as("admin").documentName("setVisiblePropertyKeys").variable("input", Map.of("keys", List.of())).execute();
		}
	}

	@Test
	void aMarketerSegmentsOnBehaviourButNotOnFiguresOfOneMemberItMayNotReadNorOnGroupsTooSmallToHideIn() {
		for (String field : List.of("points.balance", "age", "prediction.churnBand", "rfm.segment")) {
			String query = "tags CONTAINS 'side-door' AND " + field + (field.contains("Band") || field.startsWith("rfm")
					? " IS NOT NULL" : " >= 1");
			as("marketer").documentName("previewSegment").variable("query", query).execute()
				.errors().satisfy(errors -> {
					assertThat(errors).hasSize(1);
					assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
					assertThat(errors.get(0).getExtensions()).containsEntry("field", field);
				});
			as("crm").documentName("previewSegment").variable("query", query).execute().errors().verify();
		}
		as("marketer").document("query($q: String!) { previewSegment(query: $q) { members suppressed sample { id } } }")
			.variable("q", "tags CONTAINS 'side-door' AND NOT (orders(count >= 5))").execute()
			.path("previewSegment.members").valueIsNull()
			.path("previewSegment.suppressed").entity(Boolean.class).isEqualTo(true)
			.path("previewSegment.sample").entityList(Object.class).hasSize(0);
		as("crm").document("query($q: String!) { previewSegment(query: $q) { members suppressed } }")
			.variable("q", "tags CONTAINS 'side-door' AND NOT (orders(count >= 5))").execute()
			.path("previewSegment.members").entity(Integer.class).isEqualTo(1)
			.path("previewSegment.suppressed").entity(Boolean.class).isEqualTo(false);
	}

	/**
	 * Differencing: "everyone tagged" minus "everyone tagged but the target" is the target. The second preview
	 * differs from the first by one member, so a MARKETER does not see it; a CRM specialist, who may read the
	 * members anyway, does.
	 */
	@Test
	void aMarketerCannotSingleSomeoneOutBySubtractingTwoPreviews() {
		for (int i = 0; i < 12; i++) {
			registerMember("差分 " + i, newPhone(), i == 0 ? List.of("diff-door", "diff-door-target")
					: i % 2 == 0 ? List.of("diff-door", "diff-door-half") : List.of("diff-door"));
		}
		String query = "query($q: String!) { previewSegment(query: $q) { members suppressed } }";
		as("marketer").document(query).variable("q", "tags CONTAINS 'diff-door'").execute()
			.path("previewSegment.members").entity(Integer.class).isEqualTo(12);
		as("marketer").document(query).variable("q", "tags CONTAINS 'diff-door' AND NOT tags CONTAINS 'diff-door-target'")
			.execute()
			.path("previewSegment.members").valueIsNull()
			.path("previewSegment.suppressed").entity(Boolean.class).isEqualTo(true);
		as("marketer").document(query).variable("q", "tags CONTAINS 'diff-door' AND NOT tags CONTAINS 'diff-door-half'")
			.execute()
			.path("previewSegment.members").entity(Integer.class).isEqualTo(7);
		as("crm").document(query).variable("q", "tags CONTAINS 'diff-door' AND NOT tags CONTAINS 'diff-door-target'")
			.execute()
			.path("previewSegment.members").entity(Integer.class).isEqualTo(11);
	}

	/**
	 * An analysis scoped to a handful of members (a city only three live in) would show their spend: a MARKETER gets
	 * the counts and the figures resting on them withheld, and the response lists where; a CRM specialist sees them.
	 */
	@Test
	void analysesWithholdFiguresOfGroupsTooSmallToHideInFromAMarketer() {
		for (int i = 0; i < 3; i++) {
			String id = memberIn("小城 " + i, "WEB", "小省", "小城");
			as("admin").documentName("recordOrder")
				.variable("input", Map.of("channel", "WEB", "orderNumber", "SMALL-" + id, "memberId", id,
						"placedAt", "2026-03-01T10:00:00Z", "paidAt", "2026-03-01T10:00:00Z",
						"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "100.00"))))
				.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
		}
		String query = "{ memberBase(input: {scope: {asOf: \"2026-06-30\", city: \"小城\"}}) { members cities { key members buyers spend } "
				+ "sales { memberBuyers memberSpend memberSpendShare } } "
				+ "rfm(input: {scope: {asOf: \"2026-06-30\", city: \"小城\"}}) { members spend segments { members spend } } "
				+ "salesKpis(input: {scope: {asOf: \"2026-03-31\", city: \"小城\"}, period: MONTH, from: \"2026-03-01\"}) "
				+ "{ rows { figures { customers gmv newCustomerSales } } } }";
		as("marketer").document(query).execute()
			.path("memberBase.members").valueIsNull()
			.path("memberBase.cities[0].key").entity(String.class).isEqualTo("小 小城")
			.path("memberBase.cities[0].members").valueIsNull()
			.path("memberBase.cities[0].spend").valueIsNull()
			.path("memberBase.sales.memberBuyers").valueIsNull()
			.path("memberBase.sales.memberSpend").valueIsNull()
			.path("memberBase.sales.memberSpendShare").valueIsNull()
			.path("rfm.members").valueIsNull()
			.path("rfm.spend").valueIsNull()
			.path("salesKpis.rows[0].figures.customers").valueIsNull()
			.path("salesKpis.rows[0].figures.gmv").valueIsNull()
			.path("salesKpis.rows[0].figures.newCustomerSales").valueIsNull()
			.path("rfm.segments[*].spend").entityList(Object.class)
			.satisfies(spends -> assertThat(spends).containsNull().allMatch(spend -> spend == null || spend.equals("0.00")))
			.path("rfm.segments[*].members").entityList(Object.class)
			.satisfies(counts -> assertThat(counts).containsNull().allMatch(count -> count == null || count.equals(0)));
		org.springframework.graphql.test.tester.GraphQlTester.Response marketer = as("marketer").document(query).execute();
		marketer.errors().verify();
		assertThat(marketer.returnResponse().getExtensions()).extractingByKey("privacy").asString()
			.contains("memberBase/members", "rfm/spend", "minGroupSize=5");
		// The points the three moved: withheld too, month by month.
		String points = "{ pointsFlows(input: {scope: {asOf: \"2026-06-30\", city: \"小城\"}, period: MONTH, from: \"2026-01-01\"}) "
				+ "{ start members issued } }";
		as("marketer").document(points).execute()
			.path("pointsFlows[?(@.start == '2026-03-01')].members").entityList(Object.class).containsExactly((Object) null)
			.path("pointsFlows[?(@.start == '2026-03-01')].issued").entityList(Object.class).containsExactly((Object) null)
			.path("pointsFlows[?(@.start == '2026-02-01')].members").entityList(Integer.class).containsExactly(0);
		as("crm").document(points).execute()
			.path("pointsFlows[?(@.start == '2026-03-01')].members").entityList(Integer.class).containsExactly(3)
			.path("pointsFlows[?(@.start == '2026-03-01')].issued").entityList(Long.class)
			.satisfies(issued -> assertThat(issued.get(0)).isPositive());
		as("crm").document(query).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(3)
			.path("memberBase.cities[0].spend").entity(String.class).isEqualTo("300.00")
			.path("memberBase.sales.memberBuyers").entity(Integer.class).isEqualTo(3)
			.path("rfm.members").entity(Integer.class).isEqualTo(3)
			.path("salesKpis.rows[0].figures.customers").entity(Integer.class).isEqualTo(3)
			.path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("300.00");
	}

	/**
	 * A city too small to show is not told by its province less its other cities: the smallest other city of the
	 * province is withheld beside it. So are a month's returning customers beside its few new ones, whose sum, the
	 * month's customers, is shown.
	 */
	@Test
	void aSmallGroupIsNotToldByAWholeLessItsOtherParts() {
		// A city of another province smaller than 乙城: withholding the list's smallest count alone would not do.
		Map<String, Integer> cities = Map.of("另省/甲城", 3, "另省/乙城", 6, "另省/丙城", 8, "丁省/丁城", 5);
		cities.forEach((place, members) -> {
			String[] provinceAndCity = place.split("/");
			for (int i = 0; i < members; i++) {
				String id = as("admin").documentName("registerMember")
					.variable("input", Map.of("name", provinceAndCity[1] + i, "phone", newPhone(), "joinChannel", "WEB",
							"joinedAt", "2026-01-10T02:00:00Z",
							"region", Map.of("province", provinceAndCity[0], "city", provinceAndCity[1])))
					.execute().path("registerMember.member.id").entity(String.class).get();
				// 甲城's members first buy in March; 乙城's in January and again in March.
				if (!provinceAndCity[1].equals("丙城") && !provinceAndCity[1].equals("丁城")) {
					List<String> months = provinceAndCity[1].equals("甲城") ? List.of("03") : List.of("01", "03");
					months.forEach(month -> as("admin").documentName("recordOrder")
						.variable("input", Map.of("channel", "WEB", "orderNumber", "PART-" + month + "-" + id,
								"memberId", id, "placedAt", "2026-" + month + "-05T10:00:00Z",
								"paidAt", "2026-" + month + "-05T10:00:00Z",
								"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "100.00"))))
						.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0));
				}
			}
		});
		String kpis = "{ salesKpis(input: {scope: {asOf: \"2026-03-31\", province: \"另\"}, period: MONTH, from: \"2026-03-01\"}) "
				+ "{ rows { figures { customers gmv newCustomers returningCustomers newCustomerSales returningCustomerSales } } } }";
		as("marketer").document(kpis).execute()
			.path("salesKpis.rows[0].figures.customers").entity(Integer.class).isEqualTo(9)
			.path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("900.00")
			.path("salesKpis.rows[0].figures.newCustomers").valueIsNull()
			.path("salesKpis.rows[0].figures.returningCustomers").valueIsNull()
			.path("salesKpis.rows[0].figures.newCustomerSales").valueIsNull()
			.path("salesKpis.rows[0].figures.returningCustomerSales").valueIsNull();
		as("crm").document(kpis).execute()
			.path("salesKpis.rows[0].figures.newCustomers").entity(Integer.class).isEqualTo(3)
			.path("salesKpis.rows[0].figures.returningCustomers").entity(Integer.class).isEqualTo(6);
		String query = "{ memberBase(input: {scope: {asOf: \"2026-06-30\"}}) "
				+ "{ provinces { key members } cities { key province members memberShare } } }";

		as("marketer").document(query).execute()
			.path("memberBase.provinces[?(@.key == '另')].members").entityList(Integer.class).containsExactly(17)
			.path("memberBase.cities[?(@.key == '另 甲城')].members").entityList(Object.class).containsExactly((Object) null)
			.path("memberBase.cities[?(@.key == '另 乙城')].members").entityList(Object.class).containsExactly((Object) null)
			.path("memberBase.cities[?(@.key == '另 乙城')].memberShare").entityList(Object.class)
			.containsExactly((Object) null)
			.path("memberBase.cities[?(@.key == '另 丙城')].members").entityList(Integer.class).containsExactly(8)
			.path("memberBase.cities[?(@.key =~ /另 .*/)].province").entityList(String.class)
			.containsExactly("另", "另", "另");
		as("crm").document(query).execute()
			.path("memberBase.cities[?(@.key == '另 甲城')].members").entityList(Integer.class).containsExactly(3)
			.path("memberBase.cities[?(@.key == '另 乙城')].members").entityList(Integer.class).containsExactly(6);
	}

	/**
	 * Across two questions: a province's spend less the spend of its members who joined online is the spend of the
	 * two who joined in the app, whom no single answer shows; the end of March less 9 March is one member's order.
	 * The second scope is refused to a MARKETER; asking the first again, a scope too small to show anything, or a day
	 * before every member's orders, is not.
	 */
	@Test
	void aMarketerCannotSingleAFewOutBySettingTwoScopesAgainstEachOther() {
		String again = null;
		for (int i = 0; i < 12; i++) {
			String channel = i < 2 ? "APP" : "WEB";
			String id = as("admin").documentName("registerMember")
				.variable("input", Map.of("name", "差额" + i, "phone", newPhone(), "joinChannel", channel,
						"joinedAt", "2026-01-10T02:00:00Z", "region", Map.of("province", "差省", "city", "差城")))
				.execute().path("registerMember.member.id").entity(String.class).get();
			again = id;
			as("admin").documentName("recordOrder")
				.variable("input", Map.of("channel", channel, "orderNumber", "SCOPE-" + id, "memberId", id,
						"placedAt", "2026-02-05T10:00:00Z", "paidAt", "2026-02-05T10:00:00Z",
						"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", i < 2 ? "999.00" : "100.00"))))
				.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
		}
		// One member buys again on 10 March.
		as("admin").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", "SCOPE-AGAIN", "memberId", again, "placedAt",
					"2026-03-10T10:00:00Z", "paidAt", "2026-03-10T10:00:00Z",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "123.00"))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
		String query = "query($scope: AnalysisScopeInput!) { memberBase(input: {scope: $scope}) { members sales { memberSpend } } }";
		Map<String, Object> province = Map.of("asOf", "2026-03-31", "province", "差省");
		Map<String, Object> online = Map.of("asOf", "2026-03-31", "province", "差省", "channel", "WEB");
		as("marketer").document(query).variable("scope", province).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(12)
			.path("memberBase.sales.memberSpend").entity(String.class).isEqualTo("3121.00");
		as("marketer").document(query).variable("scope", online).execute().errors().satisfy(errors -> {
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
			assertThat(errors.get(0).getExtensions()).containsEntry("field", "scope");
			assertThat(errors.get(0).getMessage()).contains("differs by fewer than 5 members", "(province 差, as of 2026-03-31");
		});
		as("marketer").document("query($scope: AnalysisScopeInput!) { rfm(input: {scope: $scope}) { segments { members } } }")
			.variable("scope", online).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().extracting(e -> e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN));
		as("marketer").document(query).variable("scope", Map.of("asOf", "2026-03-31", "province", "差省", "channel", "APP"))
			.execute()
			.path("memberBase.members").valueIsNull()
			.path("memberBase.sales.memberSpend").valueIsNull();
		as("marketer").document(query).variable("scope", Map.of("asOf", "2026-04-30", "province", "差省")).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(12);
		as("crm").document(query).variable("scope", online).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(10)
			.path("memberBase.sales.memberSpend").entity(String.class).isEqualTo("1123.00");
		as("marketer").document(query).variable("scope", Map.of("asOf", "2026-03-09", "province", "差省")).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).contains("(province 差, as of 2026-04-30")));
		as("marketer").document(query).variable("scope", Map.of("asOf", "2026-03-09", "province", "差省", "lookbackDays", 60))
			.execute().errors().satisfy(errors -> assertThat(errors).singleElement()
				.extracting(e -> e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN));
		as("marketer").document(query).variable("scope", Map.of("asOf", "2026-02-04", "province", "差省")).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(12);
		// The stages on 9 March rest on the orders up to it: against the end of March, one member's order again.
		String transitions = "query($scope: AnalysisScopeInput!, $fromDate: Date!) { lifecycleTransitions(input: "
				+ "{scope: $scope, fromDate: $fromDate}) { members } }";
		as("marketer").document(transitions).variable("scope", province).variable("fromDate", "2026-03-09").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.extracting(e -> e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN));
		as("marketer").document(transitions).variable("scope", province).variable("fromDate", "2026-03-20").execute()
			.path("lifecycleTransitions.members").entity(Integer.class).isEqualTo(12);
	}

	/**
	 * A segment preview's count and an analysis's member count tell the same: a province previewed whole, then
	 * analysed for its members who joined online, would tell how many joined elsewhere; the other way round too.
	 */
	@Test
	void aMarketerCannotSetAPreviewAgainstAnAnalysisAFewMembersApart() {
		for (String province : List.of("预省", "析省")) {
			for (int i = 0; i < 12; i++) {
				as("admin").documentName("registerMember")
					.variable("input", Map.of("name", "计数" + i, "phone", newPhone(), "joinChannel", i < 2 ? "APP" : "WEB",
							"joinedAt", "2026-01-10T02:00:00Z", "region", Map.of("province", province, "city", province)))
					.execute().path("registerMember.errors").entityList(Object.class).hasSize(0);
			}
		}
		String preview = "query($q: String!) { previewSegment(query: $q) { members suppressed } }";
		String base = "query($scope: AnalysisScopeInput!) { memberBase(input: {scope: $scope}) { members } }";
		as("marketer").document(preview).variable("q", "region.province = '预省'").execute()
			.path("previewSegment.members").entity(Integer.class).isEqualTo(12);
		as("marketer").document(base).variable("scope", Map.of("asOf", "2026-11-25", "province", "预省", "channel", "WEB")).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("from a segment preview you were shown recently");
			}));
		as("crm").document(base).variable("scope", Map.of("asOf", "2026-11-25", "province", "预省", "channel", "WEB")).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(10);

		as("marketer").document(base).variable("scope", Map.of("asOf", "2026-11-25", "province", "析省")).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(12);
		as("marketer").document(preview).variable("q", "region.province = '析省' AND joinChannel = 'WEB'").execute()
			.path("previewSegment.members").valueIsNull()
			.path("previewSegment.suppressed").entity(Boolean.class).isEqualTo(true);
		// The same scope again.
		as("marketer").document(base).variable("scope", Map.of("asOf", "2026-11-25", "province", "析省")).execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(12);
	}

	/**
	 * A value matrix cut at an AOV of 650.00 and again at 750.00: the high-value groups differ by the one member whose
	 * AOV lies between, and their spend by that member's whole spend. So do RFM segments cut at two spend thresholds.
	 * The second cut is refused to a MARKETER; a cut far from it, or the first again, is answered.
	 */
	@Test
	void aMarketerCannotTellOneMembersSpendByMovingAThresholdBetweenTwoAnswers() {
		for (int i = 1; i <= 20; i++) {
			recordPaidOrder(memberIn("阈" + i, "APP", "阈省", "阈城"), java.time.Instant.parse("2026-10-01T02:00:00Z"), i + "00.00");
		}
		Map<String, Object> scope = Map.of("asOf", "2026-11-24", "province", "阈省");
		String matrix = "query($scope: AnalysisScopeInput!, $aov: Money) { valueMatrix(input: {scope: $scope, "
				+ "aovThreshold: $aov}) { quadrants { type members spend } } }";
		as("marketer").document(matrix).variable("scope", scope).variable("aov", "650.00").execute()
			.path("valueMatrix.quadrants[?(@.type == 'PREMIUM')].members").entityList(Integer.class).containsExactly(14)
			.path("valueMatrix.quadrants[?(@.type == 'PREMIUM')].spend").entityList(String.class).containsExactly("18900.00");
		as("marketer").document(matrix).variable("scope", scope).variable("aov", "750.00").execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("differs by fewer than 5 members from a group you were shown recently",
						"value matrix of province 阈, as of 2026-11-24");
			}));
		as("crm").document(matrix).variable("scope", scope).variable("aov", "750.00").execute()
			.path("valueMatrix.quadrants[?(@.type == 'PREMIUM')].spend").entityList(String.class).containsExactly("18200.00");
		as("marketer").document(matrix).variable("scope", scope).variable("aov", "1250.00").execute()
			.path("valueMatrix.quadrants[?(@.type == 'FREQUENT')].members").entityList(Integer.class).containsExactly(12);
		as("marketer").document(matrix).variable("scope", scope).variable("aov", "650.00").execute()
			.path("valueMatrix.quadrants[?(@.type == 'PREMIUM')].members").entityList(Integer.class).containsExactly(14);

		String rfm = "query($scope: AnalysisScopeInput!, $spend: Money) { rfm(input: {scope: $scope, reference: THRESHOLDS, "
				+ "recencyThreshold: 1000, frequencyThreshold: 1, monetaryThreshold: $spend}) { segments { segment members } } }";
		as("marketer").document(rfm).variable("scope", scope).variable("spend", "650.00").execute().errors().verify();
		as("marketer").document(rfm).variable("scope", scope).variable("spend", "750.00").execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).contains("RFM of province 阈, as of 2026-11-24")));
	}

	/**
	 * Twenty small buyers, twenty big ones and one far bigger: in two clusters the biggest joins the big ones, in three
	 * it is a cluster of its own (withheld), and the big ones' cluster differs from before by that one member, whose
	 * spend the two mean spends would tell. The three clusters are refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellOneMembersSpendFromClustersCutIntoAnotherNumber() {
		for (int i = 0; i < 41; i++) {
			recordPaidOrder(memberIn("簇" + i, "APP", "簇省", "簇城"), java.time.Instant.parse("2026-10-01T02:00:00Z"),
					i < 20 ? "100.00" : i < 40 ? "10000.00" : "900000.00");
		}
		String clusters = "query($scope: AnalysisScopeInput!, $k: Int) { clusters(input: {scope: $scope, k: $k}) { "
				+ "clusters { members meanSpend } } }";
		Map<String, Object> scope = Map.of("asOf", "2026-11-24", "province", "簇省");
		as("crm").document(clusters).variable("scope", scope).variable("k", 2).execute()
			.path("clusters.clusters[*].members").entityList(Integer.class).containsExactly(21, 20);
		as("marketer").document(clusters).variable("scope", scope).variable("k", 2).execute()
			.path("clusters.clusters[*].members").entityList(Integer.class).containsExactly(21, 20);
		as("marketer").document(clusters).variable("scope", scope).variable("k", 3).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("clusters of province 簇, as of 2026-11-24");
			}));
		as("crm").document(clusters).variable("scope", scope).variable("k", 3).execute()
			.path("clusters.clusters[*].members").entityList(Integer.class).containsExactly(20, 20, 1);
	}

	/**
	 * Referrers' spend in the day before their first referral, less that in the two days before: the second day's
	 * orders of the one referrer who bought then. The second window is refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellOneReferrersOrdersBySettingTwoWindowsAgainstEachOther() {
		java.time.Instant referred = now();
		for (int i = 0; i < 6; i++) {
			String referrer = memberIn("荐" + i, "APP", "荐省", "荐城");
			String newcomer = registerMember("荐新" + i, newPhone(), List.of("referred"));
			as("crm").documentName("recordReferral").variable("input", Map.of("referrerId", referrer, "referredId", newcomer))
				.execute().path("recordReferral.errors").entityList(Object.class).hasSize(0);
			recordPaidOrder(referrer, referred.minus(java.time.Duration.ofHours(12)), "100.00");
			if (i == 0) {
				recordPaidOrder(referrer, referred.minus(java.time.Duration.ofHours(36)), "37.00");
			}
		}
		clock.advance(java.time.Duration.ofDays(3));
		String effect = "query($scope: AnalysisScopeInput!, $days: Int) { referralEffect(input: {scope: $scope, "
				+ "from: \"2026-11-01\", referrerWindowDays: $days}) { referrerSpend { referrers spendBefore } } }";
		Map<String, Object> scope = Map.of("asOf", today().toString(), "province", "荐省");
		as("marketer").document(effect).variable("scope", scope).variable("days", 1).execute()
			.path("referralEffect.referrerSpend.referrers").entity(Integer.class).isEqualTo(6)
			.path("referralEffect.referrerSpend.spendBefore").entity(String.class).isEqualTo("600.00");
		as("marketer").document(effect).variable("scope", scope).variable("days", 2).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("referral effect of province 荐, as of");
			}));
		as("crm").document(effect).variable("scope", scope).variable("days", 2).execute()
			.path("referralEffect.referrerSpend.spendBefore").entity(String.class).isEqualTo("637.00");
		// The same window again.
		as("marketer").document(effect).variable("scope", scope).variable("days", 1).execute()
			.path("referralEffect.referrerSpend.spendBefore").entity(String.class).isEqualTo("600.00");
	}

	/**
	 * Referrals by week in UTC and in Beijing's time: eight referrals on the Wednesday of each week, and one at 20:00 UTC
	 * on the Sunday between, which is Monday in Beijing. Both answers read the same referrals and orders, so the guard
	 * on whole answers lets both through; the weeks set against each other are the spend of the one member referred
	 * on that Sunday evening. The second is refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellOneReferredMembersSpendBySettingWeeksInTwoTimeZonesAgainstEachOther() {
		refer(8, "2026-11-25T04:00:00Z", "100.00");
		refer(1, "2026-11-29T20:00:00Z", "444.00");
		refer(8, "2026-12-02T04:00:00Z", "100.00");
		String effect = "query($scope: AnalysisScopeInput!) { referralEffect(input: {scope: $scope, period: WEEK, "
				+ "from: \"2026-11-23\"}) { rows { period referred referredSpend } } }";
		Map<String, Object> utc = Map.of("asOf", "2026-12-02", "province", "引省", "zone", "UTC");
		Map<String, Object> beijing = Map.of("asOf", "2026-12-02", "province", "引省", "zone", "Asia/Shanghai");
		as("marketer").document(effect).variable("scope", utc).execute()
			.path("referralEffect.rows[*].referredSpend").entityList(String.class).containsExactly("1244.00", "800.00");
		as("marketer").document(effect).variable("scope", beijing).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("period shows 2026-11-23 to 2026-11-29",
						"referral effect of province 引, UTC, 2026-11-23 to 2026-11-29");
			}));
		as("crm").document(effect).variable("scope", beijing).execute()
			.path("referralEffect.rows[*].referredSpend").entityList(String.class).containsExactly("800.00", "1244.00");
	}

	/**
	 * Cohorts by first order in UTC and in Beijing's time: eight members first bought in mid October, eight in mid
	 * November, and one at 20:00 UTC on 31 October, which is 1 November in Beijing. Both answers rest on the same
	 * members and orders; the Octobers set against each other are that one member, with the months it bought in.
	 * The second is refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellOneMembersFirstOrderBySettingCohortsInTwoTimeZonesAgainstEachOther() {
		for (int i = 0; i < 8; i++) {
			recordPaidOrder(memberIn("群十" + i, "APP", "群省", "群城"), java.time.Instant.parse("2026-10-15T04:00:00Z"),
					"100.00");
			recordPaidOrder(memberIn("群冬" + i, "APP", "群省", "群城"), java.time.Instant.parse("2026-11-15T04:00:00Z"),
					"100.00");
		}
		recordPaidOrder(memberIn("群单", "APP", "群省", "群城"), java.time.Instant.parse("2026-10-31T20:00:00Z"), "100.00");
		String cohorts = "query($scope: AnalysisScopeInput!) { cohortRetention(input: {scope: $scope, from: \"2026-10\", "
				+ "to: \"2026-11\"}) { cohorts { month size } } }";
		Map<String, Object> utc = Map.of("asOf", "2026-11-20", "province", "群省", "zone", "UTC");
		Map<String, Object> beijing = Map.of("asOf", "2026-11-20", "province", "群省", "zone", "Asia/Shanghai");
		as("marketer").document(cohorts).variable("scope", utc).execute()
			.path("cohortRetention.cohorts[*].size").entityList(Integer.class).containsExactly(9, 8);
		as("marketer").document(cohorts).variable("scope", beijing).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("period shows first order, 2026-10-01 to 2026-10-31",
						"cohort retention of province 群, UTC, first order, 2026-10-01 to 2026-10-31");
			}));
		as("crm").document(cohorts).variable("scope", beijing).execute()
			.path("cohortRetention.cohorts[*].size").entityList(Integer.class).containsExactly(8, 9);
	}

	/**
	 * Members of the province who each bring a new member in at the time given, who then buys for the amount. The clock
	 * only moves on: the views reread what was written since their last read by the time of the writes.
	 */
	private void refer(int referrers, String at, String amount) {
		clock.set(java.time.Instant.parse(at));
		for (int i = 0; i < referrers; i++) {
			String referrer = memberIn("引" + at + i, "APP", "引省", "引城");
			String newcomer = registerMember("引新" + at + i, newPhone(), List.of("referred"));
			as("crm").documentName("recordReferral").variable("input", Map.of("referrerId", referrer, "referredId", newcomer))
				.execute().path("recordReferral.errors").entityList(Object.class).hasSize(0);
			recordPaidOrder(newcomer, java.time.Instant.parse(at), amount);
		}
	}

	/**
	 * Periods cut differently: the week of 28 September to 4 October less October to date is the one member who bought
	 * on 29 September; 2 October in UTC less 2 October in Beijing's time is the one member who bought in the hours
	 * between; July less July to its 30th is the one member who bought on the 31st, in one answer. Each is refused to
	 * a MARKETER; periods that fit into those shown, the same periods again, and periods a few members apart from
	 * nothing shown are answered.
	 */
	@Test
	void aMarketerCannotTellOneMembersOrdersBySettingPeriodsCutDifferentlyAgainstEachOther() {
		for (int i = 0; i < 8; i++) {
			recordPaidOrder(memberIn("期" + i, "APP", "期省", "期城"), java.time.Instant.parse("2026-10-02T04:00:00Z"), "100.00");
			recordPaidOrder(memberIn("时" + i, "APP", "时省", "时城"), java.time.Instant.parse("2026-10-02T04:00:00Z"), "100.00");
			recordPaidOrder(memberIn("时次" + i, "APP", "时省", "时城"), java.time.Instant.parse("2026-10-03T04:00:00Z"),
					"100.00");
			recordPaidOrder(memberIn("比" + i, "APP", "比省", "比城"), java.time.Instant.parse("2026-07-10T04:00:00Z"), "100.00");
		}
		recordPaidOrder(memberIn("期单", "APP", "期省", "期城"), java.time.Instant.parse("2026-09-29T04:00:00Z"), "777.00");
		// In Beijing, 3 October; in UTC, still the 2nd.
		recordPaidOrder(memberIn("时单", "APP", "时省", "时城"), java.time.Instant.parse("2026-10-02T20:00:00Z"), "555.00");
		recordPaidOrder(memberIn("比单", "APP", "比省", "比城"), java.time.Instant.parse("2026-07-31T04:00:00Z"), "333.00");
		String kpis = "query($scope: AnalysisScopeInput!, $period: ReportPeriod, $from: Date!) { salesKpis(input: {scope: "
				+ "$scope, period: $period, from: $from}) { rows { start figures { gmv } } } }";
		Map<String, Object> weeks = Map.of("asOf", "2026-10-04", "province", "期省");
		as("marketer").document(kpis).variable("scope", weeks).variable("period", "WEEK").variable("from", "2026-09-28")
			.execute().path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("1577.00");
		as("marketer").document(kpis).variable("scope", weeks).variable("period", "MONTH").variable("from", "2026-10-01")
			.execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("period shows 2026-10-01 to 2026-10-04, whose records differ by those "
						+ "of fewer than 5 members from periods you were shown recently", "2026-09-28 to 2026-10-04");
			}));
		as("crm").document(kpis).variable("scope", weeks).variable("period", "MONTH").variable("from", "2026-10-01")
			.execute().path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("800.00");
		// The same week again.
		as("marketer").document(kpis).variable("scope", weeks).variable("period", "WEEK").variable("from", "2026-09-28")
			.execute().path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("1577.00");

		Map<String, Object> beijing = Map.of("asOf", "2026-10-04", "province", "时省");
		Map<String, Object> utc = Map.of("asOf", "2026-10-04", "province", "时省", "zone", "UTC");
		as("marketer").document(kpis).variable("scope", beijing).variable("period", "DAY").variable("from", "2026-10-01")
			.execute().path("salesKpis.rows[1].figures.gmv").entity(String.class).isEqualTo("800.00")
			.path("salesKpis.rows[2].figures.gmv").entity(String.class).isEqualTo("1355.00");
		as("marketer").document(kpis).variable("scope", utc).variable("period", "DAY").variable("from", "2026-10-01")
			.execute().errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).contains("period shows 2026-10-02 to 2026-10-02",
						"Asia/Shanghai, 2026-10-02 to 2026-10-02")));
		as("crm").document(kpis).variable("scope", utc).variable("period", "DAY").variable("from", "2026-10-01")
			.execute().path("salesKpis.rows[1].figures.gmv").entity(String.class).isEqualTo("1355.00");
		// In UTC, the days together: many members from each day shown.
		as("marketer").document(kpis).variable("scope", utc).variable("period", "MONTH").variable("from", "2026-10-01")
			.execute().path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("2155.00");

		String toDate = "query($scope: AnalysisScopeInput!) { salesKpis(input: {scope: $scope, period: MONTH, "
				+ "from: \"2026-08-01\"}) { rows { previousToDate { gmv } %s } } }";
		Map<String, Object> august = Map.of("asOf", "2026-08-30", "province", "比省");
		as("marketer").document(toDate.formatted("previous { gmv }")).variable("scope", august).execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage())
				.contains("period shows 2026-07-01 to 2026-07-31", "(sales KPIs of province", "2026-07-01 to 2026-07-30")));
		as("marketer").document(toDate.formatted("")).variable("scope", august).execute()
			.path("salesKpis.rows[0].previousToDate.gmv").entity(String.class).isEqualTo("800.00");
		as("crm").document(toDate.formatted("previous { gmv }")).variable("scope", august).execute()
			.path("salesKpis.rows[0].previous.gmv").entity(String.class).isEqualTo("1133.00");
	}

	/**
	 * A month less the whole weeks inside it: October's sales less those of the weeks from 5 to 25 October are the one
	 * member who bought on 2 October, though no week differs from the month by a few members. The weeks are refused to
	 * a MARKETER who was shown the month.
	 */
	@Test
	void aMarketerCannotTellOneMembersOrdersBySettingAMonthAgainstTheWeeksInsideIt() {
		for (String day : List.of("2026-10-07", "2026-10-14", "2026-10-21")) {
			for (int i = 0; i < 8; i++) {
				recordPaidOrder(memberIn("月" + day + i, "APP", "月省", "月城"), java.time.Instant.parse(day + "T04:00:00Z"),
						"100.00");
			}
		}
		recordPaidOrder(memberIn("月单", "APP", "月省", "月城"), java.time.Instant.parse("2026-10-02T04:00:00Z"), "444.00");
		String kpis = "query($scope: AnalysisScopeInput!, $period: ReportPeriod, $from: Date!) { salesKpis(input: {scope: "
				+ "$scope, period: $period, from: $from}) { rows { start figures { gmv } } } }";
		as("marketer").document(kpis).variable("scope", Map.of("asOf", "2026-10-31", "province", "月省"))
			.variable("period", "MONTH").variable("from", "2026-10-01").execute()
			.path("salesKpis.rows[0].figures.gmv").entity(String.class).isEqualTo("2844.00");
		Map<String, Object> weeks = Map.of("asOf", "2026-10-25", "province", "月省");
		as("marketer").document(kpis).variable("scope", weeks).variable("period", "WEEK").variable("from", "2026-10-05")
			.execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("period shows 2026-10-19 to 2026-10-25", "2026-10-01 to 2026-10-31, "
						+ "less this period and 2 other periods inside it");
			}));
		as("crm").document(kpis).variable("scope", weeks).variable("period", "WEEK").variable("from", "2026-10-05")
			.execute().path("salesKpis.rows[*].figures.gmv").entityList(String.class)
			.containsExactly("800.00", "800.00", "800.00");
	}

	/**
	 * Customers by period cut differently: the week of 28 September to 4 October less October to date counts the one
	 * member who bought on 29 September. Both answers rest on the same scope; the second is refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellWhetherOneMemberBoughtOnADayBySettingAWeekAgainstAMonth() {
		for (int i = 0; i < 8; i++) {
			recordPaidOrder(memberIn("获" + i, "APP", "获省", "获城"), java.time.Instant.parse("2026-10-02T04:00:00Z"), "100.00");
		}
		recordPaidOrder(memberIn("获单", "APP", "获省", "获城"), java.time.Instant.parse("2026-09-29T04:00:00Z"), "100.00");
		String acquisition = "query($scope: AnalysisScopeInput!, $period: ReportPeriod, $from: Date!) { acquisition(input: "
				+ "{scope: $scope, period: $period, from: $from}) { periods { start customers } } }";
		Map<String, Object> scope = Map.of("asOf", "2026-10-04", "province", "获省");
		as("marketer").document(acquisition).variable("scope", scope).variable("period", "MONTH").variable("from", "2026-10-01")
			.execute().path("acquisition.periods[0].customers").entity(Integer.class).isEqualTo(8);
		as("marketer").document(acquisition).variable("scope", scope).variable("period", "WEEK").variable("from", "2026-09-28")
			.execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("period shows customers, 2026-09-28 to 2026-10-04",
						"customers, 2026-10-01 to 2026-10-04");
			}));
		as("crm").document(acquisition).variable("scope", scope).variable("period", "WEEK").variable("from", "2026-09-28")
			.execute().path("acquisition.periods[0].customers").entity(Integer.class).isEqualTo(9);
	}

	/**
	 * Visits by period cut differently, from the same day: the week of 28 September to 4 October less October to date
	 * counts the visit of the one member who came on 29 September. The second is refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellWhetherOneMemberVisitedOnADayBySettingAWeekAgainstAMonth() {
		for (int i = 0; i < 8; i++) {
			visit(memberIn("访" + i, "APP", "访省", "访城"), "2026-10-02T04:00:00Z");
		}
		visit(memberIn("访单", "APP", "访省", "访城"), "2026-09-29T04:00:00Z");
		String summary = "query($scope: AnalysisScopeInput!, $period: ReportPeriod) { interactionSummary(input: {scope: "
				+ "$scope, period: $period, from: \"2026-06-01\"}) { rows { period interactions } } }";
		Map<String, Object> scope = Map.of("asOf", "2026-10-04", "province", "访省");
		as("marketer").document(summary).variable("scope", scope).variable("period", "MONTH").execute().errors().verify();
		as("marketer").document(summary).variable("scope", scope).variable("period", "WEEK").execute().errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
				assertThat(error.getMessage()).contains("period shows APP visit, 2026-09-28 to 2026-10-04",
						"APP visit, 2026-10-01 to 2026-10-04");
			}));
		as("crm").document(summary).variable("scope", scope).variable("period", "WEEK").execute().errors().verify();
	}

	/**
	 * Survey answers by period cut differently: eight members scored 9 on 2 October and one scored 2 on 29 September.
	 * The week of 28 September to 4 October against October to date gives that one member's score by the averages
	 * (9 × 8 against 74 over 9 answers), and the one order placed on the 29th by the order counts beside the
	 * complaints. Both answers rest on the same scope; the week is refused to a MARKETER, for the answers and, asked
	 * alone, for the orders.
	 */
	@Test
	void aMarketerCannotTellOneMembersSurveyScoreOrOrderBySettingAWeekAgainstAMonth() {
		for (int i = 0; i < 8; i++) {
			String member = memberIn("评" + i, "APP", "评省", "评城");
			answerSurvey(member, "2026-10-02T04:00:00Z", 9);
			recordPaidOrder(member, java.time.Instant.parse("2026-10-02T04:00:00Z"), "100.00");
		}
		String single = memberIn("评单", "APP", "评省", "评城");
		answerSurvey(single, "2026-09-29T04:00:00Z", 2);
		recordPaidOrder(single, java.time.Instant.parse("2026-09-29T04:00:00Z"), "100.00");
		String answers = "query($scope: AnalysisScopeInput!, $period: ReportPeriod, $from: Date!) { satisfaction(input: "
				+ "{scope: $scope, period: $period, from: $from}) { nps { period responses averageScore } } }";
		String orders = "query($scope: AnalysisScopeInput!, $period: ReportPeriod, $from: Date!) { satisfaction(input: "
				+ "{scope: $scope, period: $period, from: $from}) { complaints { period orders } } }";
		Map<String, Object> scope = Map.of("asOf", "2026-10-04", "province", "评省");
		for (String query : List.of(answers, orders)) {
			as("marketer").document(query).variable("scope", scope).variable("period", "MONTH").variable("from",
					"2026-10-01").execute().errors().verify();
		}
		as("marketer").document(answers).variable("scope", scope).variable("period", "MONTH").variable("from", "2026-10-01")
			.execute().path("satisfaction.nps[0].averageScore").entity(Double.class).isEqualTo(9.0);
		for (String query : List.of(answers, orders)) {
			as("marketer").document(query).variable("scope", scope).variable("period", "WEEK").variable("from",
					"2026-09-28").execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
						assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
						assertThat(error.getMessage()).contains("period shows ", ", 2026-09-28 to 2026-10-04",
								", 2026-10-01 to 2026-10-04");
					}));
		}
		as("crm").document(answers).variable("scope", scope).variable("period", "WEEK").variable("from", "2026-09-28")
			.execute().path("satisfaction.nps[0].responses").entity(Integer.class).isEqualTo(9);
		as("crm").document(orders).variable("scope", scope).variable("period", "WEEK").variable("from", "2026-09-28")
			.execute().path("satisfaction.complaints[0].orders").entity(Integer.class).isEqualTo(9);
	}

	private void answerSurvey(String memberId, String at, int score) {
		as("admin").documentName("recordInteraction")
			.variable("input", Map.of("memberId", memberId, "channel", "APP", "type", "SURVEY_RESPONSE", "occurredAt", at,
					"score", score))
			.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

	private void visit(String memberId, String at) {
		as("admin").documentName("recordInteraction")
			.variable("input", Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "occurredAt", at))
			.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

	/**
	 * Points by period cut differently, from the same day: the week from 30 November to date less December to date is
	 * the check-in of the one member who checked in on 30 November. Both answers read the same movements, so the guard
	 * on whole answers lets both through; the second is refused to a MARKETER, in the points flows and in the
	 * interaction summary's points.
	 */
	@Test
	void aMarketerCannotTellOneMembersPointsBySettingAWeekAgainstAMonth() {
		clock.advance(java.time.Duration.ofDays(8));
		for (int i = 0; i < 8; i++) {
			checkInAndVisit(memberIn("周" + i, "APP", "周省", "周城"), "2026-12-02T04:00:00Z");
		}
		checkInAndVisit(memberIn("周单", "APP", "周省", "周城"), "2026-11-30T04:00:00Z");
		Map<String, Object> scope = Map.of("asOf", "2026-12-03", "province", "周省");
		String flows = "query($scope: AnalysisScopeInput!, $period: ReportPeriod) { pointsFlows(input: {scope: $scope, "
				+ "period: $period, from: \"2026-06-01\"}) { start members issued } }";
		String summary = "query($scope: AnalysisScopeInput!, $period: ReportPeriod) { interactionSummary(input: {scope: "
				+ "$scope, period: $period, from: \"2026-06-01\"}) { points { period members earnedThroughActivities } } }";
		for (String query : List.of(flows, summary)) {
			as("marketer").document(query).variable("scope", scope).variable("period", "MONTH").execute().errors()
				.verify();
			as("marketer").document(query).variable("scope", scope).variable("period", "WEEK").execute().errors()
				.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
					assertThat(error.getMessage()).contains("period shows 2026-11-30 to 2026-12-03",
							"periods you were shown recently", "2026-12-01 to 2026-12-03");
				}));
			as("crm").document(query).variable("scope", scope).variable("period", "WEEK").execute().errors().verify();
		}
	}

	/**
	 * Points, visits and tiers across two days: a province's points flows or interactions up to 24 November, less those
	 * up to 22 November, are one member's check-in and visit on 23 November; its tiers today less yesterday's are one
	 * member's new tier. The second day is refused to a MARKETER.
	 */
	@Test
	void aMarketerCannotTellOneMembersPointsVisitsOrTierOfADayBySettingTwoDaysAgainstEachOther() {
		String last = null;
		for (int i = 0; i < 8; i++) {
			last = as("admin").documentName("registerMember")
				.variable("input", Map.of("name", "积分" + i, "phone", newPhone(), "joinChannel", "APP",
						"joinedAt", "2026-01-10T02:00:00Z", "region", Map.of("province", "点省", "city", "点城")))
				.execute().path("registerMember.member.id").entity(String.class).get();
			checkInAndVisit(last, "2026-11-20T10:00:00Z");
		}
		checkInAndVisit(last, "2026-11-23T10:00:00Z");
		for (String document : List.of("pointsFlows", "interactionSummary")) {
			as("marketer").documentName(document).variable("from", "2026-11-01")
				.variable("scope", Map.of("asOf", "2026-11-24", "province", "点省")).execute().errors().verify();
			as("marketer").documentName(document).variable("from", "2026-11-01")
				.variable("scope", Map.of("asOf", "2026-11-22", "province", "点省")).execute().errors()
				.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
					assertThat(error.getMessage()).contains("of province 点, as of 2026-11-24");
				}));
			as("crm").documentName(document).variable("from", "2026-11-01")
				.variable("scope", Map.of("asOf", "2026-11-22", "province", "点省")).execute().errors().verify();
		}
		// One member's tier changes today, after no order: the tiers up to today less those up to yesterday.
		as("admin").documentName("overrideTier")
			.variable("input", Map.of("memberId", last, "tierCode", "GOLD", "reason", "side door"))
			.execute().path("overrideTier.errors").entityList(Object.class).hasSize(0);
		String tiers = "query($scope: AnalysisScopeInput!) { memberBase(input: {scope: $scope}) { tiers { key members } } }";
		String migration = "query($scope: AnalysisScopeInput!) { tierMigration(input: {scope: $scope, fromDate: \"2026-11-20\"}) "
				+ "{ from to members } }";
		for (String query : List.of(tiers, migration)) {
			as("marketer").document(query).variable("scope", Map.of("asOf", "2026-11-24", "province", "点省")).execute()
				.errors().verify();
			as("marketer").document(query).variable("scope", Map.of("asOf", "2026-11-25", "province", "点省")).execute()
				.errors().satisfy(errors -> assertThat(errors).singleElement()
					.satisfies(error -> assertThat(error.getMessage()).contains("of province 点, as of 2026-11-24")));
		}
	}

	/** A member who joined on 10 January 2026 through the channel, living in the province and city; its id. */
	private String memberIn(String name, String joinChannel, String province, String city) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", joinChannel,
					"joinedAt", "2026-01-10T02:00:00Z", "region", Map.of("province", province, "city", city)))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	private void checkInAndVisit(String memberId, String at) {
		as("admin").documentName("earnPoints")
			.variable("input", Map.of("memberId", memberId, "activity", "CHECK_IN", "idempotencyKey", "in-" + memberId + at,
					"occurredAt", at))
			.execute().errors().verify();
		visit(memberId, at);
	}

	@Test
	void pointsBeyondThirtyTwoBitsStayReadable() {
		String rich = registerMember("Big Spender");
		for (int i = 0; i < 3; i++) {
			as("admin").documentName("recordOrder")
				.variable("input", Map.of("channel", "WEB", "orderNumber", "BIG-" + i + "-" + rich, "memberId", rich,
						"placedAt", "2026-01-0" + (i + 1) + "T10:00:00Z", "paidAt", "2026-01-0" + (i + 1) + "T10:00:00Z",
						"lines", List.of(Map.of("sku", "SK-1001", "quantity", 9, "unitPrice", "100000000.00"))))
				.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
		}
		as("crm").documentName("memberPoints").variable("id", rich).execute()
			.path("member.points.balance").entity(Long.class)
			.satisfies(balance -> assertThat(balance).isGreaterThan((long) Integer.MAX_VALUE));
	}

	@Test
	void numbersAndDatesThatWouldBreakLaterReadsAreRefusedAtTheDoorNamingTheField() {
		assertOrderRefused(Map.of("quantity", Integer.MAX_VALUE, "unitPrice", "10.00"), "lines[0].quantity");
		assertOrderRefused(Map.of("quantity", 1_000_000, "unitPrice", "10000.00"), "lines[0].amount");
		assertOrderRefused(Map.of("quantity", 1, "unitPrice", "10.00"), "placedAt", "1970-01-01T00:00:00Z");
		as("storefront").documentName("recordOrder")
			.variable("input", order(Map.of("quantity", 1, "unitPrice", "11.77"), "1997-01-01T10:00:00Z"))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);

		as("storefront").documentName("recordOrder").variable("input", order(Map.of("quantity", 1, "unitPrice", "1e10"),
				"2026-01-01T10:00:00Z")).execute()
			.errors().satisfy(SideDoorsTests::refusedAsInvalidValue);
		String year99999 = "+99999-01-01T00:00:00Z";
		as("storefront").documentName("recordOrder").variable("input", order(Map.of("quantity", 1, "unitPrice", "1.00"),
				year99999)).execute()
			.errors().satisfy(SideDoorsTests::refusedAsInvalidValue);
		String huge = "2026-01-01T00:00:00Z" + "x".repeat(100_000);
		as("storefront").documentName("recordOrder").variable("input", order(Map.of("quantity", 1, "unitPrice", "1.00"),
				huge)).execute()
			.errors().satisfy(errors -> assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).hasSizeLessThan(500)));
	}

	@Test
	void plannedDatesReachAtMostTenYearsAheadAndPastOnesNoFurtherBackThan1990() {
		refusedNaming(as("marketer").documentName("createCampaign").variable("input", Map.of("name", "Forever",
				"channel", "APP", "startsAt", "2026-12-01T00:00:00Z", "endsAt", "2099-01-01T00:00:00Z")).execute(), "endsAt");
		refusedNaming(as("admin").document("mutation($input: OverrideTierInput!) { overrideTier(input: $input) { errors { code } } }")
			.variable("input", Map.of("memberId", memberId, "tierCode", "GOLD", "reason", "probe",
					"expiresAt", "2099-01-01T00:00:00Z")).execute(), "expiresAt");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-rule",
				"type", "BASE_RATE", "tierCode", "BASIC", "factor", 1.0, "validTo", "2099-01-01T00:00:00Z")).execute(), "validTo");
		for (String programmes : List.of("REGISTRATION", "FIRST_ORDER", "REFERRAL")) {
			refusedNaming(as("storefront").documentName("earnPoints").variable("input", Map.of("memberId", memberId,
					"activity", programmes, "idempotencyKey", "probe-" + programmes)).execute(), "activity");
		}
		refusedNaming(as("storefront").documentName("earnPoints").variable("input", Map.of("memberId", memberId,
				"activity", "REVIEW", "idempotencyKey", "probe-1970", "occurredAt", "1970-01-01T00:00:00Z")).execute(),
				"occurredAt");
		// A member who joined in 1900 would open a cohort, and a tenure, a century before any order may be dated.
		refusedNaming(as("storefront").documentName("registerMember").variable("input", Map.of("name", "Probe Joined",
				"joinChannel", "WEB", "phone", newPhone(), "joinedAt", "1900-01-01T00:00:00Z")).execute(), "joinedAt");
	}

	/** The loyalty programme's own numbers have bounds too: an admin's typo does not grant two billion points a review. */
	@Test
	void programmeRulesAndTiersKeepTheirNumbersAndTextsInBounds() {
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-huge",
				"type", "ACTIVITY_REWARD", "activity", "REVIEW", "points", Integer.MAX_VALUE)).execute(), "points");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-bonus",
				"type", "CAMPAIGN_BONUS", "campaignPrefix", "X", "points", -50)).execute(), "points");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-tier",
				"type", "BASE_RATE", "tierCode", "GOLDD", "factor", 3.0)).execute(), "tierCode");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-sku",
				"type", "SKU_MULTIPLIER", "sku", "S".repeat(101), "factor", 2.0)).execute(), "sku");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-limit",
				"type", "ACTIVITY_REWARD", "activity", "CHECK_IN", "points", 5, "dailyLimit", 1_000)).execute(), "dailyLimit");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-limit",
				"type", "ACTIVITY_REWARD", "activity", "CHECK_IN", "points", 5, "dailyLimit", 0)).execute(), "dailyLimit");
		refusedNaming(as("admin").documentName("defineEarnRule").variable("input", Map.of("id", "probe-limit",
				"type", "ACTIVITY_REWARD", "activity", "REGISTRATION", "points", 5, "dailyLimit", 2)).execute(), "dailyLimit");
		refusedNaming(as("admin").documentName("defineTier").variable("input", Map.of("code", "PROBE_RANK", "name", "Probe",
				"rank", 1_000_000, "threshold", 5)).execute(), "rank");
		refusedNaming(as("admin").documentName("defineTier").variable("input", Map.of("code", "PROBE_RANK", "name", "Probe",
				"rank", 90, "threshold", Integer.MAX_VALUE)).execute(), "threshold");
		refusedNaming(as("admin").documentName("defineTier").variable("input", Map.of("code", "PROBE_RANK", "name", "Probe",
				"rank", 90, "threshold", 5, "benefits", List.of(Map.of("code", "gift", "name", "Gift\nfor admins")))).execute(),
				"benefits[0].name");
		as("admin").documentName("tiers").execute().path("tiers[*].code").entityList(String.class)
			.doesNotContain("PROBE_RANK");
		refusedNaming(as("admin").documentName("defineAttribute").variable("input", Map.of("key", "probe_pick", "type",
				"CHOICE", "choices", java.util.stream.IntStream.range(0, 201).mapToObj(i -> "c" + i).toList())).execute(),
				"choices");
		refusedNaming(as("admin").documentName("defineAttribute").variable("input", Map.of("key", "probe_pick", "type",
				"CHOICE", "choices", List.of("fine", "two\nlines"))).execute(), "choices[1]");
		refusedNaming(as("storefront").documentName("recordInteraction").variable("input", Map.of("memberId", memberId,
				"channel", "WEB", "type", "BROWSE", "properties", Map.of("page", "x".repeat(1_001)))).execute(),
				"properties.page");
	}

	private static void refusedNaming(GraphQlTester.Response response, String field) {
		response.errors().satisfy(errors -> {
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).getExtensions()).containsEntry("field", field);
		});
	}

	/** A line's category is a name in every breakdown of sales: one line, as long as a shop's product type may be. */
	@Test
	void aLinesCategoryIsOneLineOfAtMost255Characters() {
		Map<String, Object> longest = new java.util.HashMap<>(order(Map.of("quantity", 1, "unitPrice", "1.00",
				"category", "c".repeat(255)), "2026-01-02T10:00:00Z"));
		longest.put("memberId", registerMember("分类", newPhone(), List.of()));
		as("storefront").documentName("recordOrder").variable("input", longest).execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
		for (String category : List.of("c".repeat(256), "skin\ncare", "skin\u0000care")) {
			assertOrderRefused(Map.of("quantity", 1, "unitPrice", "1.00", "category", category), "lines[0].category");
		}
	}

	@Test
	void aRefundDatedBeforeHistoryOrDaysAheadIsRefused() {
		for (String refundedAt : List.of("1989-12-31T00:00:00Z", now().plusSeconds(3 * 86_400).toString())) {
			as("storefront").documentName("refundOrder")
				.variable("input", Map.of("channel", "WEB", "orderNumber", "SIDE-" + memberId, "refundId", "R-" + refundedAt.substring(0, 4),
						"amount", "1.00", "refundedAt", refundedAt))
				.execute().errors().satisfy(errors -> {
					assertThat(errors).hasSize(1);
					assertThat(errors.get(0).getExtensions()).containsEntry("field", "refundedAt");
				});
		}
	}

	/**
	 * Half of a surrogate pair, as a client that cut a character in two sends it (valid JSON, invalid text), is
	 * refused naming the field: stored, it would read back as a '?' no one wrote.
	 */
	@Test
	void textCutInTheMiddleOfACharacterIsRefusedNotStoredAsAQuestionMark() {
		String body = """
				{"query": "mutation($i: UpdateMemberProfileInput!) { updateMemberProfile(input: $i) { errors { field } } }",
				 "variables": {"i": {"memberId": "%s", "name": "Wang \\ud83d"}}}""".formatted(memberId);
		http().post().uri("/graphql").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + token("admin")).bodyValue(body).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.errors[0].extensions.field").isEqualTo("name")
			.jsonPath("$.errors[0].extensions.reason").value(reason -> assertThat(reason.toString()).contains("garbled"));
		as("crm").document("query($id: ID!) { member(id: $id) { name } }").variable("id", memberId).execute()
			.path("member.name").entity(String.class).isEqualTo("王小明");
		as("admin").document("mutation($i: UpdateMemberProfileInput!) { updateMemberProfile(input: $i) { errors { field } } }")
			.variable("i", Map.of("memberId", memberId, "name", "王小明 \uD83D\uDE00")).execute()
			.path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);
		as("admin").document("mutation($i: UpdateMemberProfileInput!) { updateMemberProfile(input: $i) { errors { field } } }")
			.variable("i", Map.of("memberId", memberId, "name", "王小明")).execute()
			.path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);
	}

	/** A scalar out of bounds fails the request's variables: a client error, never an internal one. */
	private static void refusedAsInvalidValue(List<org.springframework.graphql.ResponseError> errors) {
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).getErrorType().toString()).isIn("ValidationError", "BAD_REQUEST");
		assertThat(errors.get(0).getMessage()).hasSizeLessThan(500);
	}

	private void assertOrderRefused(Map<String, Object> line, String field) {
		assertOrderRefused(line, field, "2026-01-01T10:00:00Z");
	}

	private void assertOrderRefused(Map<String, Object> line, String field, String placedAt) {
		as("storefront").documentName("recordOrder").variable("input", order(line, placedAt)).execute()
			.errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getExtensions()).containsEntry("field", field);
			});
	}

	private Map<String, Object> order(Map<String, Object> line, String placedAt) {
		Map<String, Object> withSku = new java.util.HashMap<>(line);
		withSku.put("sku", "SK-1001");
		return Map.of("channel", "WEB", "orderNumber", "BOUND-" + Math.abs(line.hashCode() + placedAt.hashCode()),
				"memberId", memberId, "placedAt", placedAt, "paidAt", placedAt, "lines", List.of(withSku));
	}

}
