package io.membergraph.analytics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interaction analytics through the API on three members of their own saved segment, in July 2024: m1 visits,
 * browses and adds to cart, answers 10 and buys twice; m2 visits and browses, answers 3 and never buys; m3 visits,
 * answers 8 and buys once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteractionAnalyticsApiTests extends ApplicationTest {

	private String m1;

	private String m2;

	private String m3;

	private Map<String, Object> july;

	private String segment;

	@BeforeAll
	void julyOfThreeMembers() {
		String tag = "ia" + newPhone();
		m1 = registerMember("Interacting one", newPhone(), List.of(tag));
		m2 = registerMember("Interacting two", newPhone(), List.of(tag));
		m3 = registerMember("Interacting three", newPhone(), List.of(tag));
		segment = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Interacting " + tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute()
			.path("saveSegment.segment.id").entity(String.class).get();
		july = Map.of("asOf", "2024-07-31", "lookbackDays", 31, "segmentId", segment);
		interaction(m1, "VISIT", "2024-07-01T02:00:00Z", null);
		interaction(m1, "BROWSE", "2024-07-01T02:05:00Z", null);
		interaction(m1, "ADD_TO_CART", "2024-07-01T02:10:00Z", null);
		interaction(m2, "VISIT", "2024-07-02T02:00:00Z", null);
		interaction(m2, "BROWSE", "2024-07-02T02:01:00Z", null);
		interaction(m3, "VISIT", "2024-07-02T03:00:00Z", null);
		interaction(m1, "SURVEY_RESPONSE", "2024-07-05T02:00:00Z", 10);
		interaction(m2, "SURVEY_RESPONSE", "2024-07-05T02:00:00Z", 3);
		interaction(m3, "SURVEY_RESPONSE", "2024-07-05T02:00:00Z", 8);
		order(m1, "2024-07-03T02:00:00Z", "SK-1001", "SK-1002");
		order(m3, "2024-07-04T02:00:00Z", "SK-1001", "SK-1002");
		order(m1, "2024-07-06T02:00:00Z", "SK-1001");
	}

	@Test
	void aFunnelCountsTheSegmentsMembersAtEachStep() {
		as("crm").documentName("funnel")
			.variable("input", Map.of("scope", july, "steps", List.of("VISIT", "BROWSE", "ADD_TO_CART")))
			.execute()
			.path("funnel[0].steps[*].reached").entityList(Integer.class).containsExactly(3, 2, 1)
			.path("funnel[0].bottleneck").entity(String.class).isEqualTo("add_to_cart")
			.path("funnel[0].steps[1].medianSecondsFromPrevious").entity(Double.class).isEqualTo(180.0);
	}

	@Test
	void aFunnelSplitBySegmentAddsOneFunnelPerSegment() {
		as("crm").documentName("funnel")
			.variable("input", Map.of("scope", july, "steps", List.of("VISIT", "BROWSE"), "split", "SEGMENT", "segmentIds",
					List.of(segment)))
			.execute()
			.path("funnel[*].group").entityList(String.class).containsExactly(null, segment)
			.path("funnel[1].entered").entity(Integer.class).isEqualTo(3)
			.path("funnel[1].completed").entity(Integer.class).isEqualTo(2);
		as("crm").documentName("funnel")
			.variable("input", Map.of("scope", july, "split", "SEGMENT"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "segmentIds"));
	}

	@Test
	void satisfactionGivesNpsAndCountsTheDetractorWhoNeverBought() {
		as("crm").documentName("satisfaction").variable("scope", july).variable("from", "2024-07-01").execute()
			.path("satisfaction.nps[0].responses").entity(Integer.class).isEqualTo(3)
			.path("satisfaction.nps[0].nps").entity(Double.class).isEqualTo(0.0)
			.path("satisfaction.nps[0].averageScore").entity(Double.class).isEqualTo(7.0)
			.path("satisfaction.complaints[0].orders").entity(Integer.class).isEqualTo(3)
			.path("satisfaction.complaints[0].buyers").entity(Integer.class).isEqualTo(2)
			.path("satisfaction.detractorsNotBoughtSince").entity(Integer.class).isEqualTo(1);
	}

	/**
	 * Three members' survey answers, orders and registrations: a marketer would read what those three scored, how often
	 * they bought and how soon. Withheld, as every group too small to hide in (the orders as in the sales KPIs).
	 */
	@Test
	void surveysAndLeadsOfAFewMembersAreWithheldFromAMarketer() {
		as("marketer").documentName("satisfaction").variable("scope", july).variable("from", "2024-07-01").execute()
			.path("satisfaction.nps[0].responses").valueIsNull()
			.path("satisfaction.nps[0].promoters").valueIsNull()
			.path("satisfaction.nps[0].nps").valueIsNull()
			.path("satisfaction.nps[0].averageScore").valueIsNull()
			.path("satisfaction.complaints[0].orders").valueIsNull()
			.path("satisfaction.complaints[0].buyers").valueIsNull()
			.path("satisfaction.complaints[0].perThousandOrders").valueIsNull()
			.path("satisfaction.detractorsNotBoughtSince").valueIsNull();
		as("marketer").documentName("interactionSummary").variable("scope", july).variable("from", "2024-07-01")
			.variable("by", "TYPE").execute()
			.path("interactionSummary.rows[?(@.type == 'visit')].actors").entityList(Object.class).containsExactly((Object) null)
			.path("interactionSummary.rows[?(@.type == 'visit')].interactions").entityList(Object.class)
			.containsExactly((Object) null);
		Map<String, Object> scope = new HashMap<>(july);
		scope.put("asOf", today().toString());
		scope.remove("lookbackDays");
		as("marketer").documentName("leadConversion").variable("scope", scope).variable("from", today().toString()).execute()
			.path("leadConversion.rows[0].source").entity(String.class).isEqualTo("WEB")
			.path("leadConversion.rows[0].leads").valueIsNull()
			.path("leadConversion.rows[0].converted").valueIsNull()
			.path("leadConversion.rows[0].prospects").valueIsNull();
		as("crm").documentName("leadConversion").variable("scope", scope).variable("from", today().toString()).execute()
			.path("leadConversion.rows[0].leads").entity(Integer.class).isEqualTo(3);
		// The points they earned through activities and redeemed: each period rests on whose points moved.
		assertSmallGroupsWithheldFromMarketer(user -> as(user).documentName("interactionSummary").variable("scope", july)
			.variable("from", "2024-07-01").variable("by", "TYPE"), "interactionSummary.points", "members",
				"earnedThroughActivities");
	}

	@Test
	void onlyAdminsAndCrmSpecialistsSeeWhoTheDetractorsAre() {
		as("crm").documentName("detractorsNotBoughtSince").variable("scope", july).execute()
			.path("detractorsNotBoughtSince[*].memberId").entityList(String.class).containsExactly(m2);
		as("marketer").documentName("detractorsNotBoughtSince").variable("scope", july).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		as("storefront").documentName("funnel").variable("input", Map.of("scope", july)).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
	}

	@Test
	void interactionsByTypeCountMembersAndThoseWhoBoughtWithinAWeek() {
		as("crm").documentName("interactionSummary").variable("scope", july).variable("from", "2024-07-01")
			.variable("by", "TYPE")
			.execute()
			.path("interactionSummary.rows[?(@.type == 'visit')].interactions").entityList(Integer.class).containsExactly(3)
			// m1 and m3 bought within 7 days of visiting; m2 never did
			.path("interactionSummary.rows[?(@.type == 'visit')].convertedMembers").entityList(Integer.class)
			.containsExactly(2);
	}

	@Test
	void productsBoughtTogetherAnswerWhoBoughtAlsoBought() {
		Map<String, Object> allTime = new HashMap<>(july);
		allTime.remove("lookbackDays");
		as("crm").documentName("productAssociations")
			.variable("input", Map.of("scope", allTime, "item", "SK-1002", "minSupport", 0.1, "minConfidence", 0.1))
			.execute()
			.path("productAssociations.orders").entity(Integer.class).isEqualTo(3)
			.path("productAssociations.rules[0].consequent").entity(String.class).isEqualTo("SK-1001")
			.path("productAssociations.rules[0].confidence").entity(Double.class).isEqualTo(1.0)
			.path("productAssociations.rules[0].lift").entity(Double.class).isEqualTo(1.0)
			.path("productAssociations.buyers").entity(Integer.class).isEqualTo(2);
		// Two buyers' baskets: what those two bought together is not a marketer's to read.
		as("marketer").documentName("productAssociations")
			.variable("input", Map.of("scope", allTime, "item", "SK-1002", "minSupport", 0.1, "minConfidence", 0.1))
			.execute()
			.path("productAssociations.buyers").valueIsNull()
			.path("productAssociations.orders").valueIsNull()
			.path("productAssociations.rules").valueIsNull();
	}

	@Test
	void leadsBySourceCountTheMembersWhoRegisteredAndWhetherTheyBought() {
		String today = today().toString();
		Map<String, Object> scope = new HashMap<>(july);
		scope.put("asOf", today);
		scope.remove("lookbackDays");
		as("crm").documentName("leadConversion").variable("scope", scope).variable("from", today).execute()
			.path("leadConversion.rows[*].leads").entityList(Integer.class).containsExactly(3)
			// the orders were placed in 2024, before the members registered today: none counts as conversion
			.path("leadConversion.rows[0].source").entity(String.class).isEqualTo("WEB");
	}

	@Test
	void leadsByStoreComeFromTheStoreRecordedOnRegistration() {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", m1, "channel", "STORE", "type", "REGISTER", "properties",
					Map.of("storeId", "ST-SH-01")))
			.execute()
			.path("recordInteraction.errors").entityList(Object.class).hasSize(0);
		String today = today().toString();
		Map<String, Object> scope = new HashMap<>(july);
		scope.put("asOf", today);
		scope.remove("lookbackDays");
		as("crm").documentName("leadConversion").variable("scope", scope).variable("from", today).variable("by", "STORE")
			.execute()
			.path("leadConversion.rows[?(@.source == 'ST-SH-01')].leads").entityList(Integer.class).containsExactly(1)
			.path("leadConversion.rows[?(@.source == 'none')].leads").entityList(Integer.class).containsExactly(2);
	}

	@Test
	void referralsCountTheReferrersAndTheReferredWhoBought() {
		// A segment of its own: a referral comes before the new member's first order, which is placed today.
		String tag = "rf" + newPhone();
		String referrer = registerMember("Referring one", newPhone(), List.of(tag));
		String newcomer = registerMember("Referred one", newPhone(), List.of(tag));
		String referrals = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Referring " + tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute()
			.path("saveSegment.segment.id").entity(String.class).get();
		as("crm").documentName("recordReferral").variable("input", Map.of("referrerId", referrer, "referredId", newcomer))
			.execute()
			.path("recordReferral.errors").entityList(Object.class).hasSize(0);
		order(newcomer, clock.instant().toString(), "SK-1001");
		String today = today().toString();
		Map<String, Object> scope = new HashMap<>(Map.of("asOf", today, "segmentId", referrals));
		as("crm").documentName("referralEffect").variable("scope", scope).variable("from", today).execute()
			.path("referralEffect.rows[0].referrers").entity(Integer.class).isEqualTo(1)
			.path("referralEffect.rows[0].referred").entity(Integer.class).isEqualTo(1)
			.path("referralEffect.rows[0].referredBuyers").entity(Integer.class).isEqualTo(1);
	}

	private void interaction(String member, String type, String at, Integer score) {
		Map<String, Object> input = new HashMap<>(Map.of("memberId", member, "channel", "APP", "type", type, "occurredAt", at));
		if (score != null) {
			input.put("score", score);
		}
		as("storefront").documentName("recordInteraction").variable("input", input).execute()
			.path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

	private void order(String member, String at, String... skus) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "IA-" + newPhone(), "memberId", member,
					"placedAt", at, "paidAt", at,
					"lines", java.util.Arrays.stream(skus).map(sku -> Map.of("sku", sku, "quantity", 1, "unitPrice", "10.00")).toList()))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
