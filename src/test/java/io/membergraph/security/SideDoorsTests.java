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
