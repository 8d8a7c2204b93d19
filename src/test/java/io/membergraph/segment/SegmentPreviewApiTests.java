package io.membergraph.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.segment.internal.ScoredSegmentsWarmUp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentPreviewApiTests extends ApplicationTest {

	private static final String PREVIEW = "query($q: String!) { previewSegment(query: $q, sample: 5) { members sources "
			+ "condition sample { id phone } } }";

	private final String province = "分群省" + newPhone();

	private String loyal;

	private String once;

	private String prospect;

	@Autowired
	private ScoredSegmentsWarmUp scoredSegmentsWarmUp;

	@Autowired
	private MongoTemplate mongo;

	@BeforeAll
	void threeMembers() {
		loyal = member("常客", List.of("vip"));
		once = member("一次", List.of());
		prospect = member("潜客", List.of("vip"));
		order(loyal, "120.00");
		order(loyal, "80.00");
		order(once, "50.00");
	}

	@Test
	void previewCountsTheMembersTheQuerySelectsAndSaysWhatItRead() {
		GraphQlTester.Response preview = preview("crm", "region.province = '" + province + "' AND orders(count >= 2)");

		preview.path("previewSegment.members").entity(Integer.class).isEqualTo(1);
		preview.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(loyal);
		preview.path("previewSegment.sources").entityList(String.class)
			.contains("members (in memory)", "purchase rollups (in memory)");
		preview.path("previewSegment.condition.kind").entity(String.class).isEqualTo("All");
	}

	/**
	 * A sample asked for ids alone is answered from the evaluation; anything more (a field behind a fragment, a field
	 * under a directive) reads the members, so every field asked for is answered.
	 */
	@Test
	void aSampleAskedForMoreThanIdsReadsTheMembersHoweverItIsAsked() {
		String query = "region.province = '" + province + "' AND tags CONTAINS 'vip'";
		as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 5) { sample { memberId: id } } }")
			.variable("q", query).execute()
			.path("previewSegment.sample[*].memberId").entityList(String.class).contains(loyal, prospect).hasSize(2);
		as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 5) { sample { id ... on Member { name } } } }")
			.variable("q", query).execute()
			.path("previewSegment.sample[*].name").entityList(String.class).contains("常客", "潜客").hasSize(2);
		as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 5) { sample { id ...Named } } }"
				+ " fragment Named on Member { name }")
			.variable("q", query).execute()
			.path("previewSegment.sample[*].name").entityList(String.class).contains("常客", "潜客").hasSize(2);
		as("crm").document("query($q: String!, $n: Boolean!) { previewSegment(query: $q, sample: 5) "
				+ "{ sample { id @include(if: $n) name } } }")
			.variable("q", query).variable("n", false).execute()
			.path("previewSegment.sample[*].name").entityList(String.class).contains("常客", "潜客").hasSize(2);
	}

	/**
	 * The start-up warm-up runs segments on stored scores as if every member were scored: nothing of that is
	 * stored or seen by a preview after it.
	 */
	@Test
	void theWarmUpAsIfEveryoneWereScoredStoresNothingAndChangesNoPreview() {
		String scored = "region.province = '" + province + "' AND rfm.segment IN ('IMPORTANT_VALUE','IMPORTANT_DEVELOPMENT',"
				+ "'IMPORTANT_RETENTION','IMPORTANT_WIN_BACK','GENERAL_VALUE','GENERAL_DEVELOPMENT','GENERAL_RETENTION',"
				+ "'GENERAL_WIN_BACK')";
		int before = preview("crm", scored).path("previewSegment.members").entity(Integer.class).get();
		long storedBefore = mongo.getCollection("member_scores").countDocuments();

		scoredSegmentsWarmUp.warm();

		preview("crm", scored).path("previewSegment.members").entity(Integer.class).isEqualTo(before);
		assertThat(mongo.getCollection("member_scores").countDocuments()).isEqualTo(storedBefore);
		assertThat(mongo.getCollection("member_scores").countDocuments(new org.bson.Document("_id", prospect))).isZero();
	}

	@Test
	void tagsNegationAndPlainFieldsCombine() {
		preview("crm", "region.province = '" + province + "' AND tags CONTAINS 'vip' AND NOT orders()")
			.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(prospect);
		preview("crm", "region.province = '" + province + "' AND orders(spend >= 200)")
			.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(loyal);
	}

	@Test
	void aTreeSelectsWhatTheSameTextSelects() {
		GraphQlTester.Response preview = as("crm")
			.document("query($c: SegmentConditionInput!) { previewSegment(condition: $c, sample: 5) { query members sample { id } } }")
			.variable("c", Map.of("all", List.of(
					Map.of("field", "region.province", "operator", "EQ", "value", province),
					Map.of("behaviour", Map.of("activity", "ORDERS", "thresholds",
							List.of(Map.of("measure", "count", "operator", "GE", "value", 2)))))))
			.execute();
		preview.path("previewSegment.members").entity(Integer.class).isEqualTo(1);
		preview.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(loyal);
		preview.path("previewSegment.query").entity(String.class)
			.isEqualTo("(region.province = '" + province + "') AND (orders(count >= 2))");
		as("crm").document("{ previewSegment { members } }").execute().errors()
			.satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("give either query (text) or condition"));
	}

	/** A tree too large to write in the language is refused naming the tree the client sent, not a text it never wrote. */
	@Test
	void aTreeTooLargeForTheLanguageIsRefusedNamingTheCondition() {
		Map<String, Object> leaf = Map.of("field", "age", "operator", "GT", "value", "1");
		as("crm").document("query($c: SegmentConditionInput!) { previewSegment(condition: $c) { members } }")
			.variable("c", Map.of("all", java.util.Collections.nCopies(500, leaf)))
			.execute().errors().satisfy(errors -> {
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "condition");
				assertThat(errors.get(0).getExtensions().get("reason").toString())
					.startsWith("is too large: written in the segment language it is").endsWith("; at most 4000");
			});
	}

	@Test
	void aMarketerPreviewsButSeesNoPersonalDataAndNoGroupTooSmallToHideIn() {
		String crowd = "人群省" + newPhone();
		for (int i = 0; i < 5; i++) {
			as("admin").documentName("registerMember").variable("input", Map.of("name", "群" + i, "phone", newPhone(),
					"joinChannel", "APP", "region", Map.of("province", crowd))).execute();
		}
		GraphQlTester.Response preview = preview("marketer", "region.province = '" + crowd + "'");

		preview.path("previewSegment.members").entity(Integer.class).isEqualTo(5);
		preview.path("previewSegment.sample[*].phone").entityList(String.class)
			.satisfies(phones -> assertThat(phones).hasSize(5).allMatch(p -> p.contains("*")));
		preview("marketer", "region.province = '" + province + "' AND orders()")
			.path("previewSegment.members").valueIsNull();
		preview("crm", "region.province = '" + province + "' AND orders()")
			.path("previewSegment.sample[*].phone").entityList(String.class)
			.satisfies(phones -> assertThat(phones).noneMatch(p -> p.contains("*")));
	}

	@Test
	void aPointsConditionSeesEveryChangeOfABalanceAtTheNextPreview() {
		String rich = "region.province = '" + province + "' AND points.balance > 1000";
		preview("crm", rich).path("previewSegment.members").entity(Integer.class).isEqualTo(0);

		adjust(once, 2_000);
		GraphQlTester.Response afterEarning = preview("crm", rich);
		afterEarning.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(once);
		afterEarning.path("previewSegment.sources").entityList(String.class).contains("points accounts (in memory, by column)");

		adjust(once, -1_500);
		preview("crm", rich).path("previewSegment.members").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void aConditionOnTraitsSeesEveryProfileChangeAndMergeAtTheNextPreview() {
		String here = "region.province = '" + province + "' AND region.city = '新城'";
		GraphQlTester.Response before = preview("crm", here);
		before.path("previewSegment.members").entity(Integer.class).isEqualTo(0);
		before.path("previewSegment.sources").entityList(String.class).containsExactly("members (in memory, by column)");

		String mover = member("搬家", List.of());
		String twin = member("搬家二", List.of());
		for (String moved : List.of(mover, twin)) {
			as("crm").documentName("updateMemberProfile")
				.variable("input", Map.of("memberId", moved, "region", Map.of("province", province, "city", "新城")))
				.execute()
				.path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);
		}
		preview("crm", here).path("previewSegment.sample[*].id").entityList(String.class).containsExactly(mover, twin);

		as("crm").documentName("mergeMembers")
			.variable("input", Map.of("survivorId", mover, "mergedId", twin, "reason", "same person"))
			.execute()
			.path("mergeMembers.errors").entityList(Object.class).hasSize(0);
		preview("crm", here).path("previewSegment.sample[*].id").entityList(String.class).containsExactly(mover);
	}

	@Test
	void interactionsRecordedOrMovedByAMergeReachTheNextPreview() {
		String twiceOrMore = "region.province = '" + province + "' AND interactions(type = 'add_to_cart', count >= 2, since -7d)";
		String threeOrMore = twiceOrMore.replace("count >= 2", "count >= 3");
		String mover = member("加购", List.of());
		String twin = member("加购二", List.of());
		addToCart(mover);
		addToCart(twin);
		preview("crm", twiceOrMore).path("previewSegment.members").entity(Integer.class).isEqualTo(0);

		addToCart(twin);
		preview("crm", twiceOrMore).path("previewSegment.sample[*].id").entityList(String.class).containsExactly(twin);
		preview("crm", threeOrMore).path("previewSegment.members").entity(Integer.class).isEqualTo(0);

		as("crm").documentName("mergeMembers")
			.variable("input", Map.of("survivorId", mover, "mergedId", twin, "reason", "same person"))
			.execute()
			.path("mergeMembers.errors").entityList(Object.class).hasSize(0);
		preview("crm", threeOrMore).path("previewSegment.sample[*].id").entityList(String.class).containsExactly(mover);
		preview("crm", twiceOrMore).path("previewSegment.sample[*].id").entityList(String.class).containsExactly(mover);
	}

	/**
	 * A preview builds a member's orders only from the earliest window any behaviour on orders looks at: an order
	 * before it still counts wherever a behaviour looks at all time or reaches back to its day.
	 */
	@Test
	void anOrderBeforeEveryWindowCountsWhereABehaviourReachesIt() {
		String place = "窗口省" + newPhone();
		String member = member("老客", List.of(), place);
		// 1 March is 269 days before the pinned day (25 November), 20 November 5 days before it.
		order(member, "300.00", "2026-03-01T02:00:00Z");
		order(member, "400.00", "2026-11-20T02:00:00Z");
		Map<String, Integer> expected = new LinkedHashMap<>();
		expected.put("orders(count >= 2)", 1);
		expected.put("orders(since -30d) AND orders(count >= 2)", 1);
		expected.put("orders(count >= 2) AND NOT orders(since -3d)", 1);
		expected.put("orders(count >= 2, since -180d)", 0);
		expected.put("orders(count >= 2, since -269d)", 1);
		expected.put("orders(spend > 600, since 2026-03-01)", 1);
		expected.put("orders(spend > 600, since 2026-03-02)", 0);
		expected.put("orders(spend > 600, since -30d) OR orders(count >= 2, since -300d, until -200d)", 0);
		expected.put("orders(since -300d, until -200d) AND NOT orders(since -100d, count >= 2)", 1);
		expected.put("bought(sku = 'SK-1001', count >= 2, since -1y)", 1);
		expected.put("bought(sku = 'SK-1001', count >= 2, since -6m)", 0);
		Map<String, Integer> previewed = new LinkedHashMap<>();
		expected.keySet().forEach(query -> previewed.put(query,
				preview("crm", "region.province = '" + place + "' AND (" + query + ")")
					.path("previewSegment.members").entity(Integer.class).get()));
		assertThat(previewed).isEqualTo(expected);
	}

	@Test
	void aMistakeIsABadRequestNamingWhere() {
		preview("crm", "teir = 'GOLD'").errors().satisfy(errors -> {
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).getMessage()).contains("unknown field 'teir' at 1:1 — did you mean 'tier'?");
			assertThat(errors.get(0).getErrorType().toString()).isEqualTo("BAD_REQUEST");
		});
		preview("crm", "interactions(type = 'hover')").errors()
			.satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("'hover' is not an interaction type"));
	}

	@Test
	void supportAndStorefrontMayNotPreview() {
		for (String role : List.of("support", "storefront")) {
			preview(role, "tier = 'GOLD'").errors()
				.satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		}
	}

	private GraphQlTester.Response preview(String role, String query) {
		return as(role).document(PREVIEW).variable("q", query).execute();
	}

	private String member(String name, List<String> tags) {
		return member(name, tags, province);
	}

	private String member(String name, List<String> tags, String province) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", "APP", "tags", tags,
					"joinedAt", "2025-12-01T00:00:00Z", "region", Map.of("province", province, "city", "测试市")))
			.execute()
			.path("registerMember.member.id").entity(String.class).get();
	}

	private void adjust(String member, int points) {
		as("crm").documentName("adjustPoints")
			.variable("input", Map.of("memberId", member, "points", points, "idempotencyKey", "seg-" + newPhone(),
					"reason", "segment test"))
			.execute()
			.path("adjustPoints.entry.status").entity(String.class).isEqualTo("APPLIED");
	}

	private void addToCart(String member) {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", member, "channel", "APP", "type", "ADD_TO_CART", "sku", "SK-1001"))
			.execute()
			.path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

	private void order(String member, String amount) {
		order(member, amount, "2026-03-01T02:00:00Z");
	}

	/** An order of one line, placed and paid at the same instant. */
	private void order(String member, String amount, String placedAndPaidAt) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "SEG-" + newPhone(), "memberId", member,
					"placedAt", placedAndPaidAt, "paidAt", placedAndPaidAt,
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", amount))))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
