package io.membergraph.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.segment.internal.SegmentMembership;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedSegmentsApiTests extends ApplicationTest {

	private static final String SEGMENT = "id name query owner members evaluatedOn sizes { members }";

	private final String province = "存群省" + newPhone();

	private final List<String> buyers = new java.util.ArrayList<>();

	@BeforeAll
	void threeBuyersAndAProspect() {
		for (int i = 0; i < 3; i++) {
			String member = member();
			order(member);
			buyers.add(member);
		}
		member();
		buyers.sort(null);
	}

	@Test
	void aSavedSegmentIsEvaluatedAndPagesThroughItsMembersInIdOrder() {
		GraphQlTester.Response saved = save("买家 " + province, "region.province = '" + province + "' AND orders()");
		saved.path("saveSegment.segment.owner").entity(String.class).isEqualTo("crm");
		saved.path("saveSegment.segment.members").entity(Integer.class).isEqualTo(3);
		saved.path("saveSegment.segment.sizes[*].members").entityList(Integer.class).containsExactly(3);
		String id = saved.path("saveSegment.segment.id").entity(String.class).get();

		GraphQlTester.Response first = as("crm")
			.document("query($id: ID!) { segmentMembers(id: $id, first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }")
			.variable("id", id).execute();
		first.path("segmentMembers.edges[*].node.id").entityList(String.class).containsExactly(buyers.get(0), buyers.get(1));
		first.path("segmentMembers.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String cursor = first.path("segmentMembers.pageInfo.endCursor").entity(String.class).get();

		as("marketer")
			.document("query($id: ID!, $after: String) { segmentMembers(id: $id, first: 2, after: $after) { edges { node { id phone } } "
					+ "pageInfo { hasNextPage } } }")
			.variable("id", id).variable("after", cursor).execute()
			.path("segmentMembers.edges[*].node.id").entityList(String.class).containsExactly(buyers.get(2))
			.path("segmentMembers.edges[0].node.phone").entity(String.class).satisfies(phone -> assertThat(phone).contains("*"))
			.path("segmentMembers.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void updatingReevaluatesAndTheSizeHistoryGrows() {
		String id = save("全员 " + province, "region.province = '" + province + "'").path("saveSegment.segment.id").entity(String.class).get();

		GraphQlTester.Response updated = as("crm")
			.document("mutation($input: UpdateSegmentInput!) { updateSegment(input: $input) { segment { " + SEGMENT + " } errors { code field message } } }")
			.variable("input", Map.of("id", id, "name", "全员 " + province, "query",
					"region.province = '" + province + "' AND NOT orders()"))
			.execute();
		updated.path("updateSegment.segment.members").entity(Integer.class).isEqualTo(1);
		updated.path("updateSegment.segment.sizes[*].members").entityList(Integer.class).containsExactly(4, 1);

		as("admin").document("mutation($id: ID!) { evaluateSegment(input: {id: $id}) { segment { sizes { members } } } }").variable("id", id).execute()
			.path("evaluateSegment.segment.sizes[*].members").entityList(Integer.class).containsExactly(4, 1, 1);
		as("marketer").document("{ segments { name members } }").execute()
			.path("segments[?(@.name == '全员 " + province + "')].members").entityList(Integer.class).containsExactly(1);

		as("crm").document("mutation($id: ID!) { deleteSegment(input: {id: $id}) { deletedSegmentId } }").variable("id", id).execute()
			.path("deleteSegment.deletedSegmentId").entity(String.class).isEqualTo(id);
		as("crm").document("query($id: ID!) { segment(id: $id) { id } }").variable("id", id).execute()
			.path("segment").valueIsNull();
	}

	/** The hourly evaluation reads every segment first, then evaluates them one by one: a long while for the last. */
	@Test
	void anEvaluationFinishingAfterAnUpdateOrADeleteLeavesTheChangeStanding() {
		String id = save("迟评 " + province, "region.province = '" + province + "'").path("saveSegment.segment.id")
			.entity(String.class).get();
		MongoTemplate mongo = bean(MongoTemplate.class);
		Segment asReadByTheSchedule = mongo.findById(id, Segment.class);
		as("crm")
			.document("mutation($input: UpdateSegmentInput!) { updateSegment(input: $input) { errors { code } } }")
			.variable("input", Map.of("id", id, "name", "迟评改 " + province, "query",
					"region.province = '" + province + "' AND orders()"))
			.execute()
			.path("updateSegment.errors").entityList(Object.class).hasSize(0);

		bean(SavedSegments.class).evaluate(asReadByTheSchedule);

		as("crm").document("query($id: ID!) { segment(id: $id) { " + SEGMENT + " } }").variable("id", id).execute()
			.path("segment.name").entity(String.class).isEqualTo("迟评改 " + province)
			.path("segment.members").entity(Integer.class).isEqualTo(3)
			.path("segment.sizes[*].members").entityList(Integer.class).containsExactly(4, 3);
		assertThat(evaluationsOf(id)).containsExactly(mongo.findById(id, Segment.class).evaluation());

		Segment beforeTheDelete = mongo.findById(id, Segment.class);
		as("crm").document("mutation($id: ID!) { deleteSegment(input: {id: $id}) { deletedSegmentId } }").variable("id", id)
			.execute();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> bean(SavedSegments.class).evaluate(beforeTheDelete))
			.isInstanceOf(io.membergraph.shared.RefusedException.class);
		assertThat(mongo.findById(id, Segment.class)).isNull();
		assertThat(evaluationsOf(id)).isEmpty();
	}

	private java.util.Set<String> evaluationsOf(String segmentId) {
		java.util.Set<String> evaluations = new java.util.HashSet<>();
		bean(MongoTemplate.class).findAll(SegmentMembership.class).stream()
			.filter(chunk -> chunk.evaluation().startsWith(segmentId + "|"))
			.forEach(chunk -> evaluations.add(chunk.evaluation()));
		return evaluations;
	}

	@Test
	void theScheduledEvaluationPicksUpNewMembersAndRecordsTheSize() {
		String tag = "晚到" + newPhone();
		String id = save("晚到 " + province, "tags CONTAINS '" + tag + "'").path("saveSegment.segment.id").entity(String.class).get();
		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "晚", "phone", newPhone(), "joinChannel", "APP", "tags", List.of(tag)))
			.execute()
			.path("registerMember.member.id").entity(String.class).get();

		bean(SavedSegments.class).evaluateAll();

		as("crm").document("query($id: ID!) { segment(id: $id) { members sizes { members } } }").variable("id", id).execute()
			.path("segment.members").entity(Integer.class).isEqualTo(1)
			.path("segment.sizes[*].members").entityList(Integer.class).containsExactly(0, 1);
	}

	@Test
	void badDefinitionsAreRefusedAndNothingIsSaved() {
		save("坏 " + province, "orders(cout >= 1)").errors()
			.satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("unknown property 'cout'"));
		save("", "tier = 'GOLD'").errors()
			.satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("name"));
		save("坏\u0000名 " + province, "tier = 'GOLD'").errors()
			.satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "name"));
		save("坏\n名 " + province, "tier = 'GOLD'").errors()
			.satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "name"));
		save("重名 " + province, "tier = 'GOLD'");
		GraphQlTester.Response taken = save("重名 " + province, "tier = 'SILVER'");
		taken.path("saveSegment.segment").valueIsNull();
		taken.path("saveSegment.errors[0].code").entity(String.class).isEqualTo("SEGMENT_NAME_TAKEN");
		taken.path("saveSegment.errors[0].field").entity(String.class).isEqualTo("name");
		taken.path("saveSegment.errors[0].message").entity(String.class).satisfies(m -> assertThat(m).contains("exists already"));
		as("crm").document("{ segments { name } }").execute()
			.path("segments[*].name").entityList(String.class).doesNotContain("坏 " + province);
	}

	@Test
	void aDescriptionKeepsItsLineBreaksButNoOtherControlCharacter() {
		String mutation = "mutation($input: SegmentInput!) { saveSegment(input: $input) { segment { description } errors { field } } }";
		as("crm").document(mutation)
			.variable("input", Map.of("name", "说明 " + province, "query", "tier = 'GOLD'", "description", "Gold members\n\twho bought twice"))
			.execute().path("saveSegment.segment.description").entity(String.class).isEqualTo("Gold members\n\twho bought twice");
		as("crm").document(mutation)
			.variable("input", Map.of("name", "说明坏 " + province, "query", "tier = 'GOLD'", "description", "Gold\u001b[31m"))
			.execute().errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "description")
				.containsEntry("reason", "holds a control character (U+001B)"));
	}

	@Test
	void anUnknownSegmentIsRefusedInThePayloadOfEachMutation() {
		for (String mutation : List.of("evaluateSegment(input: {id: \"nope\"}) { segment { id } errors { code field } }",
				"deleteSegment(input: {id: \"nope\"}) { deletedSegmentId errors { code field } }",
				"updateSegment(input: {id: \"nope\", name: \"x\", query: \"tier = 'GOLD'\"}) { segment { id } errors { code field } }")) {
			String name = mutation.substring(0, mutation.indexOf('('));
			as("crm").document("mutation { " + mutation + " }").execute()
				.path(name + ".errors[0].code").entity(String.class).isEqualTo("SEGMENT_NOT_FOUND")
				.path(name + ".errors[0].field").entity(String.class).isEqualTo("id");
		}
	}

	@Test
	void eachRoleIsOfferedTheFieldsItMayUseInConditions() {
		as("crm").documentName("segmentFields").execute()
			.path("segmentFields[*].path").entityList(String.class).contains("tier", "age", "points.balance", "rfm.segment")
			.path("segmentFields[?(@.path == 'gender')].choices[*]").entityList(String.class).contains("FEMALE", "MALE");
		as("marketer").documentName("segmentFields").execute()
			.path("segmentFields[*].path").entityList(String.class).contains("tier", "tags", "consent.sms")
			.doesNotContain("age", "points.balance", "points.expiringSoon", "rfm.segment", "prediction.churnBand");
	}

	@Test
	void marketersReadSegmentsButDoNotChangeThem() {
		as("marketer").document("mutation { saveSegment(input: {name: \"m\", query: \"tier = 'GOLD'\"}) { segment { id } } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		as("support").document("{ segments { id } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
	}

	@Test
	void anExportHasTheColumnsTheRoleMaySeeAndIsAudited() {
		String id = save("导出 " + province, "region.province = '" + province + "' AND orders()").path("saveSegment.segment.id")
			.entity(String.class).get();

		String full = download(id, "crm");
		clock.advance(Duration.ofMinutes(5));
		assertThat(full.lines().toList()).hasSize(4).first().isEqualTo(String.join(",", SegmentExports.COLUMNS));
		assertThat(full.lines().skip(1).map(line -> line.split(",")[0]).toList()).containsExactlyElementsOf(buyers);
		assertThat(full.lines().skip(1).map(line -> line.split(",")[3])).noneMatch(phone -> phone.contains("*"));
		String masked = download(id, "marketer");
		assertThat(masked.lines().skip(1).map(line -> line.split(",")[3])).allMatch(phone -> phone.contains("*"));

		as("admin").document("query($id: ID!) { segmentExports(segmentId: $id) { exportedBy personalData members } }")
			.variable("id", id).execute()
			.path("segmentExports[*].exportedBy").entityList(String.class).containsExactly("marketer", "crm")
			.path("segmentExports[*].personalData").entityList(Boolean.class).containsExactly(false, true)
			.path("segmentExports[*].members").entityList(Integer.class).containsExactly(3, 3);
		http().get().uri("/api/segments/" + id + "/members.csv").header("Authorization", "Bearer " + token("support"))
			.exchange().expectStatus().isForbidden();
		http().get().uri("/api/segments/nope/members.csv").header("Authorization", "Bearer " + token("crm"))
			.exchange().expectStatus().isBadRequest();
	}

	/** Members merged after the evaluation: one into an account outside the segment, one into another member of it. */
	@Test
	void anExportListsEachMemberAsItLivesNow() throws Exception {
		String mergedProvince = "合并" + province;
		List<String> chosen = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			chosen.add(registerMemberIn(mergedProvince, Instant.parse("2026-01-05T02:00:00Z")));
		}
		String id = save("合并 " + province, "region.province = '" + mergedProvince + "'").path("saveSegment.segment.id")
			.entity(String.class).get();
		String elsewhere = registerMemberIn("别省" + province, Instant.parse("2026-01-06T02:00:00Z"));
		mergeMembers(elsewhere, chosen.get(0));
		mergeMembers(chosen.get(2), chosen.get(1));

		String csv = download(id, "crm");

		assertThat(csv.lines().skip(1).map(line -> line.split(",")[0]).toList())
			.containsExactlyElementsOf(java.util.stream.Stream.of(elsewhere, chosen.get(2), chosen.get(3)).sorted().toList());
		as("admin").document("query($id: ID!) { segmentExports(segmentId: $id) { members } }")
			.variable("id", id).execute()
			.path("segmentExports[*].members").entityList(Integer.class).containsExactly(3);
	}

	@Test
	void anExportedCellThatASpreadsheetWouldRunAsAFormulaIsNeutralised() {
		String formulaProvince = "公式" + province;
		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "=HYPERLINK(\"http://evil\")", "phone", newPhone(), "joinChannel", "APP",
					"region", Map.of("province", formulaProvince, "city", "@SUM(A1)")))
			.execute().path("registerMember.errors").entityList(Object.class).hasSize(0);
		String id = save("公式 " + province, "region.province = '" + formulaProvince + "'").path("saveSegment.segment.id")
			.entity(String.class).get();

		String csv = download(id, "crm");

		assertThat(csv).contains("'=HYPERLINK").contains("'@SUM(A1)").doesNotContain(",=HYPERLINK").doesNotContain(",@SUM");
	}

	@Test
	void analysesTakeASavedSegmentAsTheirMembers() {
		String id = save("分析 " + province, "region.province = '" + province + "' AND orders()").path("saveSegment.segment.id")
			.entity(String.class).get();

		as("crm").document("query($scope: AnalysisScopeInput!) { rfm(input: {scope: $scope}) { scope { segmentId } members spend } "
				+ "lifecycle(input: {scope: $scope}) { members } }")
			.variable("scope", Map.of("asOf", "2026-03-31", "segmentId", id))
			.execute()
			.path("rfm.scope.segmentId").entity(String.class).isEqualTo(id)
			.path("rfm.members").entity(Integer.class).isEqualTo(3)
			.path("rfm.spend").entity(String.class).isEqualTo("30.00")
			.path("lifecycle.members").entity(Integer.class).isEqualTo(3);
		as("marketer").document("{ rfm(input: {scope: {asOf: \"2026-03-31\", segmentId: \"nope\"}}) { members } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("no segment 'nope'"));
	}

	@Test
	void aCampaignTargetsASavedSegmentAsItsAudience() {
		String id = save("受众 " + province, "region.province = '" + province + "' AND orders()").path("saveSegment.segment.id")
			.entity(String.class).get();
		Map<String, Object> campaign = Map.of("name", "回购 " + province, "channel", "WECHAT", "startsAt",
				"2026-12-01T00:00:00Z", "endsAt", "2026-12-24T00:00:00Z", "targetSegmentId", id);

		as("marketer").document("mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { "
				+ "targetSegment { name members } } } }")
			.variable("input", campaign).execute()
			.path("createCampaign.campaign.targetSegment.name").entity(String.class).isEqualTo("受众 " + province)
			.path("createCampaign.campaign.targetSegment.members").entity(Integer.class).isEqualTo(3);
		Map<String, Object> unknown = new java.util.HashMap<>(campaign);
		unknown.put("targetSegmentId", "no-such-segment");
		as("marketer").document("mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } } }")
			.variable("input", unknown).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("no saved segment 'no-such-segment'"));

		// A page of campaigns finds each one's target (read for the page at once): another segment, and none.
		String other = save("受众二 " + province, "region.province = '" + province + "'").path("saveSegment.segment.id")
			.entity(String.class).get();
		Map<String, Object> second = new java.util.HashMap<>(campaign);
		second.put("targetSegmentId", other);
		Map<String, Object> untargeted = new java.util.HashMap<>(campaign);
		untargeted.remove("targetSegmentId");
		String create = "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } } }";
		String secondId = as("marketer").document(create).variable("input", second).execute()
			.path("createCampaign.campaign.id").entity(String.class).get();
		String untargetedId = as("marketer").document(create).variable("input", untargeted).execute()
			.path("createCampaign.campaign.id").entity(String.class).get();
		Map<String, Object> targets = new java.util.HashMap<>();
		String after = null;
		do {
			var page = as("marketer").document("query($after: String) { campaigns(first: 50, after: $after) { "
					+ "edges { node { id targetSegment { name } } } pageInfo { hasNextPage endCursor } } }")
				.variable("after", after).execute();
			page.path("campaigns.edges[*].node").entityList(Map.class).get()
				.forEach(node -> targets.put((String) node.get("id"), node.get("targetSegment")));
			after = page.path("campaigns.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("campaigns.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null);
		assertThat(targets).containsEntry(secondId, Map.of("name", "受众二 " + province)).containsEntry(untargetedId, null);
	}

	private String download(String id, String role) {
		return http().get().uri("/api/segments/" + id + "/members.csv").header("Authorization", "Bearer " + token(role))
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	private GraphQlTester.Response save(String name, String query) {
		return as("crm").document("mutation($input: SegmentInput!) { saveSegment(input: $input) { segment { " + SEGMENT + " } errors { code field message } } }")
			.variable("input", Map.of("name", name, "query", query))
			.execute();
	}

	private String member() {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "存", "phone", newPhone(), "joinChannel", "APP", "joinedAt",
					"2025-12-01T00:00:00Z", "region", Map.of("province", province, "city", "测试市")))
			.execute()
			.path("registerMember.member.id").entity(String.class).get();
	}

	private void order(String member) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "SV-" + newPhone(), "memberId", member,
					"placedAt", "2026-03-01T02:00:00Z", "paidAt", "2026-03-01T02:00:00Z",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "10.00"))))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

}
