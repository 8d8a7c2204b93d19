package io.membergraph.security;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differencing, as an attacker tries it once no single answer shows a small group: two answers a MARKETER may read,
 * each about many members, set against each other to describe the few between them. Scopes a few members apart, a
 * preview against an analysis, thresholds and cluster counts moved, windows and periods cut differently, time zones
 * and days. Each second answer is refused to a MARKETER and answered to a CRM specialist.
 */
class AnswersSetAgainstEachOtherTests extends ApplicationTest {

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
		as("marketer").document(base).variable("scope", Map.of("asOf", "2026-11-25", "province", "预省", "channel", "WEB")).execute()
			.errors().satisfy(refused("from a segment preview you were shown recently"));
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
		as("marketer").document(matrix).variable("scope", scope).variable("aov", "750.00").execute()
			.errors().satisfy(refused("differs by fewer than 5 members from a group you were shown recently",
					"value matrix of province 阈, as of 2026-11-24"));
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
		as("marketer").document(clusters).variable("scope", scope).variable("k", 3).execute()
			.errors().satisfy(refused("clusters of province 簇, as of 2026-11-24"));
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
		as("marketer").document(effect).variable("scope", scope).variable("days", 2).execute()
			.errors().satisfy(refused("referral effect of province 荐, as of"));
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
		as("marketer").document(effect).variable("scope", beijing).execute()
			.errors().satisfy(refused("period shows 2026-11-23 to 2026-11-29",
					"referral effect of province 引, UTC, 2026-11-23 to 2026-11-29"));
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
		as("marketer").document(cohorts).variable("scope", beijing).execute()
			.errors().satisfy(refused("period shows first order, 2026-10-01 to 2026-10-31",
					"cohort retention of province 群, UTC, first order, 2026-10-01 to 2026-10-31"));
		as("crm").document(cohorts).variable("scope", beijing).execute()
			.path("cohortRetention.cohorts[*].size").entityList(Integer.class).containsExactly(8, 9);
	}

	/**
	 * The referral effect looks up the members a province's referrers brought in wherever they live: a lookup, not a
	 * scope the marketer asked about. Shown the whole base on one day, a marketer is answered the referral effect of a
	 * province on a later day, though the whole base of the two days differs by one member.
	 */
	@Test
	void aMarketersReferralEffectIsNotSetAgainstTheWholeBaseItLooksReferredMembersUpIn() {
		for (int i = 0; i < 6; i++) {
			joinedAt("基" + i, "2003-03-03T02:00:00Z");
		}
		joinedAt("基单", "2003-03-05T02:00:00Z");
		as("marketer").document("{ memberBase(input: {scope: {asOf: \"2003-03-04\"}}) { members } }").execute()
			.path("memberBase.members").entity(Integer.class).isEqualTo(6);
		as("marketer").document("{ referralEffect(input: {scope: {asOf: \"2003-03-06\", province: \"基他省\"}, "
				+ "from: \"2003-03-01\"}) { rows { referred } } }").execute().errors().verify();
	}

	private void joinedAt(String name, String at) {
		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", "APP", "joinedAt", at,
					"region", Map.of("province", "基省", "city", "基城")))
			.execute().path("registerMember.errors").entityList(Object.class).hasSize(0);
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
			.execute().errors().satisfy(refused("period shows 2026-10-01 to 2026-10-04, whose records differ by those "
					+ "of fewer than 5 members from periods you were shown recently",
					"2026-09-28 to 2026-10-04"));
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
			.execute().errors().satisfy(refused("period shows 2026-10-19 to 2026-10-25",
					"2026-10-01 to 2026-10-31, less this period and 2 other periods inside it"));
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
			.execute().errors().satisfy(refused("period shows customers, 2026-09-28 to 2026-10-04",
					"customers, 2026-10-01 to 2026-10-04"));
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
		as("marketer").document(summary).variable("scope", scope).variable("period", "WEEK").execute()
			.errors().satisfy(refused("period shows APP visit, 2026-09-28 to 2026-10-04",
					"APP visit, 2026-10-01 to 2026-10-04"));
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
					"2026-09-28").execute().errors().satisfy(refused("period shows ", ", 2026-09-28 to 2026-10-04",
							", 2026-10-01 to 2026-10-04"));
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
			as("marketer").document(query).variable("scope", scope).variable("period", "WEEK").execute()
				.errors().satisfy(refused("period shows 2026-11-30 to 2026-12-03", "periods you were shown recently",
						"2026-12-01 to 2026-12-03"));
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
				.variable("scope", Map.of("asOf", "2026-11-22", "province", "点省")).execute()
				.errors().satisfy(refused("of province 点, as of 2026-11-24"));
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

	private void checkInAndVisit(String memberId, String at) {
		as("admin").documentName("earnPoints")
			.variable("input", Map.of("memberId", memberId, "activity", "CHECK_IN", "idempotencyKey", "in-" + memberId + at,
					"occurredAt", at))
			.execute().errors().verify();
		visit(memberId, at);
	}

	/** One FORBIDDEN error, whose message says each of {@code mentions}. */
	private static Consumer<List<ResponseError>> refused(String... mentions) {
		return errors -> assertThat(errors).singleElement().satisfies(error -> {
			assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
			assertThat(error.getMessage()).contains(mentions);
		});
	}

}
