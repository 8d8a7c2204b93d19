package io.membergraph.console;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in headless Chromium against the running application: every page renders without console errors,
 * shows the numbers the API gives for the same scope and the same user, and keeps to the role rules. Screenshots of
 * each page (1440×900) are written to target/console-screenshots. Skips where no Chromium is installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests extends ApplicationTest {

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

	private Browser browser;

	private final List<String> phones = new java.util.ArrayList<>();

	private String segmentId;

	@BeforeAll
	void openBrowserAndRecordSales() throws IOException {
		Browser.assumeInstalled();
		LocalDate today = today();
		for (int i = 0; i < 8; i++) {
			String phone = newPhone();
			phones.add(phone);
			String member = as("admin").documentName("registerMember")
				.variable("input", Map.of("name", "浏览器" + i, "phone", phone, "joinChannel", "WEB", "tags", List.of("console"),
						"region", Map.of("province", i % 3 == 0 ? "浙江" : "广东")))
				.execute().path("registerMember.member.id").entity(String.class).get();
			// A journey for the funnel: all visit, two in three order, one in three pays too.
			List<String> journey = List.of("VISIT", "ORDER", "PAY").subList(0, 1 + i % 3);
			for (int step = 0; step < journey.size(); step++) {
				as("storefront").documentName("recordInteraction")
					.variable("input", Map.of("memberId", member, "channel", "APP", "type", journey.get(step),
							"occurredAt", today.minusDays(2).atTime(10, step) + ":00+08:00"))
					.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
			}
			for (int order = 0; order <= i % 3; order++) {
				String paid = today.minusDays(3 + 11L * order + i).atTime(10, 0) + ":00+08:00";
				as("storefront").documentName("recordOrder")
					.variable("input", Map.of("channel", "APP", "orderNumber", "CB-" + phone + "-" + order, "memberId", member,
							"placedAt", paid, "paidAt", paid,
							"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1 + order, "unitPrice", "129.90"))))
					.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
			}
		}
		segmentId = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Console buyers " + phones.get(0), "query", "tags CONTAINS 'console' AND orders()"))
			.execute().path("saveSegment.segment.id").entity(String.class).get();
		browser = Browser.open(port);
	}

	/** Each test sees only the browser console messages of its own pages. */
	@BeforeEach
	void forgetEarlierConsoleMessages() {
		browser.consoleErrors();
	}

	@AfterEach
	void signOut() {
		if (browser != null) {
			browser.signOutIfSignedIn();
		}
	}

	@AfterAll
	void closeBrowser() throws IOException {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void theOverviewShowsTheApisKpisAndRfmSegmentsForTheSameScope() throws IOException {
		browser.signIn("crm", "demo");
		browser.waitFor("[data-card=kpis] [data-kpi=gmv]");
		browser.waitFor("[data-card=rfm] canvas");

		Map<String, Object> figures = as("crm").document("""
				query($scope: AnalysisScopeInput!, $from: Date!) {
				  salesKpis(input: {scope: $scope, period: MONTH, from: $from}) { rows { figures { gmv orders aov newCustomers } } }
				}""").variable("scope", Map.of("asOf", today().toString())).variable("from", today().withDayOfMonth(1).toString())
			.execute().path("salesKpis.rows[0].figures").entity(Map.class).get();
		Map<String, Object> sameDaysBefore = as("crm").document("""
				query($scope: AnalysisScopeInput!, $from: Date!) {
				  salesKpis(input: {scope: $scope, period: MONTH, from: $from}) { rows { previousToDate { gmv orders aov newCustomers } } }
				}""").variable("scope", Map.of("asOf", today().toString())).variable("from", today().withDayOfMonth(1).toString())
			.execute().path("salesKpis.rows[0].previousToDate").entity(Map.class).get();
		for (String kpi : List.of("gmv", "orders", "aov", "newCustomers")) {
			assertThat(browser.waitFor("[data-kpi=" + kpi + "]").getAttribute("data-value")).as(kpi)
				.isEqualTo(String.valueOf(figures.get(kpi)));
			// The month so far against the same days of the month before, as the API counts them.
			assertThat(browser.waitFor("[data-kpi=" + kpi + "]").getAttribute("data-previous")).as(kpi)
				.isEqualTo(String.valueOf(sameDaysBefore.get(kpi)));
		}
		assertThat(browser.waitFor("[data-kpi=orders] .compare").getText()).startsWith("vs the same days of the previous month");
		// A rate moves by percentage points, not by a share of itself.
		assertThat(browser.waitFor("[data-kpi=refundRateByAmount] .compare").getText())
			.matches("vs the same days of the previous month [+-]\\d+\\.\\d pp · vs the same days last year [+-]\\d+\\.\\d pp");
		List<Map<String, Object>> segments = as("crm").document(
				"query($scope: AnalysisScopeInput!) { rfm(input: {scope: $scope}) { segments { segment members spend } } }")
			.variable("scope", Map.of("asOf", today().toString())).execute()
			.path("rfm.segments").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
		assertThat(tableColumn("rfm", "segment")).containsExactlyElementsOf(segments.stream().map(s -> String.valueOf(s.get("segment"))).toList());
		assertThat(tableColumn("rfm", "members")).containsExactlyElementsOf(segments.stream().map(s -> String.valueOf(s.get("members"))).toList());
		assertThat(tableColumn("rfm", "spend")).containsExactlyElementsOf(segments.stream().map(s -> String.valueOf(s.get("spend"))).toList());
		// The codes read as words; the table's data keeps them.
		assertThat(browser.driver().findElement(By.cssSelector("[data-card=rfm] td[data-key=segment][data-value=IMPORTANT_WIN_BACK]"))
			.getAttribute("textContent"))
			.isEqualTo("Important win-back");

		// The lifecycle moves since 90 days before and the value matrix, as the API gives them for the same scope.
		List<Map<String, Object>> cells = as("crm").document("""
				query($scope: AnalysisScopeInput!, $from: Date!) {
				  lifecycleTransitions(input: {scope: $scope, fromDate: $from}) { cells { from to members } } }""")
			.variable("scope", Map.of("asOf", today().toString())).variable("from", today().minusDays(90).toString())
			.execute().path("lifecycleTransitions.cells")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
		assertThat(tableColumn("transitions", "members")).containsExactlyElementsOf(
				cells.stream().map(c -> String.valueOf(c.get("members"))).toList());
		assertThat(tableColumn("transitions", "to")).containsExactlyElementsOf(
				cells.stream().map(c -> String.valueOf(c.get("to"))).toList());
		List<Object> quadrants = as("crm").document(
				"query($scope: AnalysisScopeInput!) { valueMatrix(input: {scope: $scope}) { quadrants { members } } }")
			.variable("scope", Map.of("asOf", today().toString())).execute()
			.path("valueMatrix.quadrants[*].members").entityList(Object.class).get();
		assertThat(tableColumn("valueMatrix", "members")).containsExactlyElementsOf(
				quadrants.stream().map(m -> m == null ? "" : String.valueOf(m)).toList());

		// Every province on the map, as the API counts them; the map itself drawn from the outline the build unpacked.
		// Charts below the fold are drawn when scrolled to.
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
				browser.waitFor("[data-card=provinceMap]"));
		browser.waitFor("[data-card=provinceMap] canvas");
		List<Map<String, Object>> provinces = as("crm").document(
				"query($scope: AnalysisScopeInput!) { memberBase(input: {scope: $scope}) { provinces { key members } } }")
			.variable("scope", Map.of("asOf", today().toString())).execute()
			.path("memberBase.provinces").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
		assertThat(tableColumn("provinceMap", "key")).containsExactlyInAnyOrderElementsOf(
				provinces.stream().map(p -> String.valueOf(p.get("key"))).toList()).contains("广东", "浙江");
		assertThat(browser.all("[data-card=provinceMap] .error")).isEmpty();
		browser.screenshot("province-map");
		((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");

		// Churn bands: before any scoring, no chart of zeros that would read as "no one at risk".
		List<Object> scored = as("crm").document("{ churnBands { members } }").execute().path("churnBands[*].members")
			.entityList(Object.class).get();
		if (scored.stream().allMatch(members -> ((Number) members).intValue() == 0)) {
			assertThat(browser.waitFor("[data-card=churnBands] p.muted").getText()).startsWith("No member scored yet");
		}
		else {
			assertThat(tableColumn("churnBands", "members")).containsExactlyElementsOf(scored.stream().map(String::valueOf).toList());
		}

		browser.screenshot("overview");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theOverviewsDocumentsAreFetchedWhileTheUserSignsIn() {
		// After the click only the API is asked: the first figures wait for no static file, one after another.
		WebElement signIn = browser.signInForm("marketer", "demo");
		JavascriptExecutor page = (JavascriptExecutor) browser.driver();
		Number clickedAt = (Number) page.executeScript("return performance.now()");
		signIn.click();
		browser.waitFor("[data-card=rfm] canvas");
		browser.waitFor("[data-card=churnBands]");

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> documents = (List<Map<String, Object>>) page.executeScript("""
				return performance.getEntriesByType('resource')
				  .filter((entry) => entry.name.includes('/console/graphql/'))
				  .map((entry) => ({ name: entry.name, startTime: entry.startTime }));""");
		assertThat(documents).extracting(d -> d.get("name").toString().replaceAll(".*/", ""))
			.contains("me.graphql", "businessCalendar.graphql", "overview.graphql", "overviewCustomers.graphql",
					"overviewMoves.graphql", "overviewBase.graphql", "segmentList.graphql", "tierCodes.graphql");
		assertThat(documents).allSatisfy(d -> assertThat(((Number) d.get("startTime")).doubleValue())
			.as(d.get("name").toString()).isLessThan(clickedAt.doubleValue()));
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void aProvinceScopesEveryChart() {
		browser.signIn("crm", "demo");
		browser.waitFor("[data-card=rfm] canvas");
		browser.waitFor("input[name=province]").sendKeys("浙江");
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();
		browser.waiting().until(page -> tableColumn("provinces", "key").equals(List.of("浙江")));

		Map<String, Object> scope = Map.of("asOf", today().toString(), "province", "浙江");
		Object rfmMembers = as("crm").document("query($scope: AnalysisScopeInput!) { rfm(input: {scope: $scope}) { segments { members } } }")
			.variable("scope", scope).execute().path("rfm.segments[*].members").entityList(Object.class).get()
			.stream().mapToInt(n -> n == null ? 0 : ((Number) n).intValue()).sum();
		assertThat(tableColumn("rfm", "members").stream().mapToInt(v -> v.isEmpty() ? 0 : Integer.parseInt(v)).sum())
			.as("the RFM segments of the members in 浙江 only").isEqualTo(rfmMembers).isEqualTo(3);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theLastFullMonthIsComparedLikeForLike() {
		browser.signIn("crm", "demo");
		browser.waitFor("[data-card=kpis] [data-kpi=gmv]");
		new Select(browser.waitFor("select[name=period]")).selectByValue("LAST_FULL_MONTH");
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();

		LocalDate monthEnd = today().withDayOfMonth(1).minusDays(1);
		browser.waitUntilText("[data-card=kpis] .when", monthEnd.toString());
		String gmv = String.valueOf(as("crm").document("""
				query($scope: AnalysisScopeInput!, $from: Date!) {
				  salesKpis(input: {scope: $scope, period: MONTH, from: $from}) { rows { figures { gmv } } }
				}""").variable("scope", Map.of("asOf", monthEnd.toString())).variable("from", monthEnd.withDayOfMonth(1).toString())
			.execute().path("salesKpis.rows[0].figures.gmv").entity(Object.class).get());
		assertThat(browser.waitFor("[data-kpi=gmv]").getAttribute("data-value")).isEqualTo(gmv);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void retentionShowsTheApisCohortsAndTheFunnelItsSteps() throws IOException {
		browser.signIn("marketer", "demo");
		browser.waitFor("a[data-page=retention]").click();
		browser.waitFor("[data-card=cohorts] canvas");
		String from = today().minusMonths(11).toString().substring(0, 7);
		List<Object> sizes = as("marketer").document(
				"query($scope: AnalysisScopeInput!, $from: String!, $to: String!) { cohortRetention(input: {scope: $scope, from: $from, to: $to}) { cohorts { size } } }")
			.variable("scope", Map.of("asOf", today().toString())).variable("from", from)
			.variable("to", today().toString().substring(0, 7))
			.execute().path("cohortRetention.cohorts[*].size").entityList(Object.class).get();
		assertThat(tableColumn("cohorts", "size"))
			.containsExactlyElementsOf(sizes.stream().map(size -> size == null ? "" : String.valueOf(size)).toList());
		// Days between repeat purchases of the item bought again most, bucket by bucket as the API counts them.
		Map<String, Object> top = as("marketer").document("""
				query($scope: AnalysisScopeInput!) {
				  repurchase(input: {scope: $scope, dimension: PRODUCT, top: 20}) { top { key histogram { intervals } } } }""")
			.variable("scope", Map.of("asOf", today().toString())).execute().path("repurchase.top[0]").entity(Map.class).get();
		assertThat(browser.waitFor("[data-card=intervals] h2").getText()).endsWith(String.valueOf(top.get("key")));
		assertThat(tableColumn("intervals", "intervals")).containsExactlyElementsOf(((List<Map<String, Object>>) top.get("histogram"))
			.stream().map(bucket -> String.valueOf(bucket.get("intervals"))).toList()).isNotEmpty();
		browser.screenshot("retention");
		assertThat(browser.consoleErrors()).isEmpty();

		browser.waitFor("a[data-page=funnel]").click();
		browser.waitFor("[data-card=funnel-0]");
		List<Object> reached = as("marketer").document(
				"query($scope: AnalysisScopeInput!) { funnel(input: {scope: $scope}) { steps { reached } } }")
			.variable("scope", Map.of("asOf", today().toString(), "lookbackDays", 30))
			.execute().path("funnel[0].steps[*].reached").entityList(Object.class).get();
		assertThat(tableColumn("funnel-0", "reached"))
			.containsExactlyElementsOf(reached.stream().map(n -> n == null ? "" : String.valueOf(n)).toList());
		browser.screenshot("funnel");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theFunnelFollowsTheChosenStepsAndSplitAndShowsLeadsBySource() {
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=funnel]").click();
		browser.waitFor("[data-card=funnel-0]");
		while (browser.all("[data-role=steps] li").size() > 3) {
			browser.all("[data-role=steps] button[data-action=remove-step]").get(3).click();
		}
		List<String> steps = List.of("VISIT", "ORDER", "PAY");
		for (int i = 0; i < steps.size(); i++) {
			new Select(browser.all("[data-role=steps] select").get(i)).selectByValue(steps.get(i));
		}
		new Select(browser.waitFor("select[name=split]")).selectByValue("SEGMENT");
		new Select(browser.waitFor("select[name=segmentIds]")).selectByValue(segmentId);
		new Select(browser.waitFor("select[name=leadSource]")).selectByValue("JOIN_CHANNEL");
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();
		browser.waitFor("[data-card=funnel-1]");

		List<Map<String, Object>> funnels = as("crm").document("""
				query($scope: AnalysisScopeInput!, $ids: [ID!]) {
				  funnel(input: {scope: $scope, steps: [VISIT, ORDER, PAY], split: SEGMENT, segmentIds: $ids}) {
				    group steps { type reached } } }""")
			.variable("scope", Map.of("asOf", today().toString(), "lookbackDays", 30)).variable("ids", List.of(segmentId))
			.execute().path("funnel").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
		assertThat(funnels).hasSize(2);
		for (int i = 0; i < funnels.size(); i++) {
			List<Map<String, Object>> apiSteps = (List<Map<String, Object>>) funnels.get(i).get("steps");
			assertThat(tableColumn("funnel-" + i, "type"))
				.containsExactlyElementsOf(apiSteps.stream().map(step -> String.valueOf(step.get("type"))).toList())
				.hasSize(steps.size());
			assertThat(tableColumn("funnel-" + i, "reached")).containsExactlyElementsOf(
					apiSteps.stream().map(step -> step.get("reached") == null ? "" : String.valueOf(step.get("reached"))).toList());
		}
		assertThat(browser.all("[data-card=funnel-0] td[data-key=type]")).extracting(cell -> cell.getAttribute("textContent"))
			.as("the steps read as words").containsExactly("Visit", "Order", "Pay");
		assertThat(browser.waitFor("[data-card=funnel-1] h2").getText()).startsWith("Console buyers");
		assertThat(tableColumn("funnel-1", "reached")).as("the journeys recorded for this class").startsWith("8", "5", "2");

		List<Object> leads = as("crm").document("""
				query($scope: AnalysisScopeInput!, $from: Date!) {
				  leadConversion(input: {scope: $scope, from: $from, by: JOIN_CHANNEL, windowDays: 30}) { rows { leads } } }""")
			.variable("scope", Map.of("asOf", today().toString()))
			.variable("from", today().withDayOfMonth(1).minusMonths(5).toString())
			.execute().path("leadConversion.rows[*].leads").entityList(Object.class).get();
		assertThat(tableColumn("leads", "leads")).containsExactlyElementsOf(leads.stream().map(String::valueOf).toList());
		assertThat(leads).as("the members registered for this class").isNotEmpty();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void anImportRunsFromUploadToRejectReport() throws IOException {
		String first = newPhone();
		java.nio.file.Path file = java.nio.file.Files.createTempFile("console-members", ".csv");
		// Dates as a spreadsheet writes them, separated as European spreadsheets save CSV: read only with the date
		// format, separator and time zone the page is given.
		java.nio.file.Files.writeString(file, "姓名;手机;注册时间\n导入甲;" + first + ";3/1/2025\n导入乙;" + newPhone()
				+ ";4/2/2025\n导入丙;12345;5/3/2025\n");
		// A week on, so that this import is the newest of the team's (other tests' run at most a day past the default).
		clock.advance(java.time.Duration.ofDays(7));
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=imports]").click();
		// The order import's options show only for orders.
		assertThat(browser.waitFor("input[name=dateFormat]").isDisplayed()).isTrue();
		assertThat(browser.driver().findElement(By.cssSelector("input[name=returnRule]")).isDisplayed()).isFalse();
		assertThat(browser.driver().findElement(By.cssSelector("input[name=unknownMembers]")).isDisplayed()).isFalse();
		new Select(browser.waitFor("select[name=entity]")).selectByValue("ORDERS");
		assertThat(browser.waitFor("input[name=returnRule]").isDisplayed()).isTrue();
		assertThat(browser.driver().findElement(By.cssSelector("input[name=changedOrders]")).isDisplayed()).isTrue();
		new Select(browser.waitFor("select[name=entity]")).selectByValue("MEMBERS");
		assertThat(browser.driver().findElement(By.cssSelector("input[name=changedOrders]")).isDisplayed()).isFalse();
		browser.waitFor("input[name=dateFormat]").sendKeys("M/d/yyyy");
		new Select(browser.waitFor("select[name=delimiter]")).selectByValue("semicolon");
		browser.waitFor("input[name=zone]").sendKeys("Europe/Berlin");
		browser.waitFor("input[name=file]").sendKeys(file.toAbsolutePath().toString());
		// The columns are chosen as the API suggests them (names Chinese member exports use), and what is still
		// missing is named before anything is chosen by hand: where members joined, which no column says.
		browser.waitFor("[data-role=mapping-problems] li[data-field='mapping.joinChannel']");
		assertThat(browser.all("[data-role=mapping-problems] li")).hasSize(1);
		assertThat(new Select(browser.waitFor("select[data-field=name]")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("c:姓名");
		assertThat(new Select(browser.waitFor("select[data-field=phone]")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("c:手机");
		assertThat(new Select(browser.waitFor("select[data-field=joinedAt]")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("c:注册时间");
		new Select(browser.waitFor("select[data-field=joinChannel]")).selectByValue("v:");
		browser.waitFor("input[data-value-for=joinChannel]").sendKeys("STORE");
		browser.waitFor("[data-role=mapping-complete]");
		// joinChannel or channel: with the one given, the other is no longer marked as needed.
		assertThat(browser.waitFor("tr[data-field=joinChannel] .required").isDisplayed()).isTrue();
		assertThat(browser.driver().findElement(By.cssSelector("tr[data-field=channel] .required")).isDisplayed()).isFalse();
		assertThat(browser.all("[data-role=mapping-problems]")).isEmpty();
		assertThat(JSON.readValue(browser.driver().findElement(By.cssSelector("[data-role=mapping-json]"))
			.getAttribute("textContent"), Map.class))
			.isEqualTo(Map.of("name", "姓名", "phone", "手机", "joinedAt", "注册时间", "joinChannel", Map.of("value", "STORE")));

		browser.waitFor("button[data-action=preview]").click();
		browser.waitFor("[data-role=preview] tbody tr");
		assertThat(browser.all("[data-role=preview] tbody tr")).hasSize(3);
		assertThat(browser.waitFor("[data-role=preview]").getText()).contains("12345");

		browser.waitFor("button[data-action=start]").click();
		browser.waitFor("button[data-action=rejects]");
		String jobId = browser.waitFor("[data-role=import-output] h2").getText().replaceFirst("^Import ", "");
		Map<String, Object> job = as("crm").document("query($id: ID!) { importJob(id: $id) { status rowsLoaded rowsRejected } }")
			.variable("id", jobId).execute().path("importJob").entity(Map.class).get();
		assertThat(job).containsEntry("status", "COMPLETED").containsEntry("rowsLoaded", 2).containsEntry("rowsRejected", 1);
		assertThat(browser.waitFor("[data-role=job-counts] td[data-key=rowsLoaded]").getAttribute("data-value")).isEqualTo("2");
		assertThat(browser.waitFor("[data-role=job-counts] td[data-key=rowsRejected]").getAttribute("data-value")).isEqualTo("1");
		as("crm").document("query($phone: String!) { memberByContact(phone: $phone) { name joinedAt } }").variable("phone", first)
			.execute().path("memberByContact.name").entity(String.class).isEqualTo("导入甲")
			.path("memberByContact.joinedAt").entity(String.class).isEqualTo("2025-02-28T23:00:00Z");
		browser.screenshot("imports");

		// Back on the page later, the job is among the team's recent imports and is followed again from there.
		browser.waitFor("a[data-page=members]").click();
		browser.waitFor("a[data-page=imports]").click();
		browser.waitFor("[data-role=recent-imports] tr[data-job='" + jobId + "'] button[data-action=follow]").click();
		assertThat(browser.waitFor("[data-role=import-output] h2").getText()).endsWith(jobId);
		assertThat(browser.waitFor("[data-role=job-counts] td[data-key=rowsLoaded]").getAttribute("data-value")).isEqualTo("2");
		assertThat(browser.consoleErrors()).isEmpty();
		java.nio.file.Files.delete(file);
	}

	/**
	 * An older back office's member export, an Excel 97-2003 workbook with a column of the brand's own (a skin type),
	 * loads from the console: the custom attribute is offered by its label with its column chosen.
	 */
	@Test
	void anExcel97ExportLoadsWithTheBrandsCustomAttribute() throws IOException {
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "consoleSkin", "label", "肤质", "type", "CHOICE", "choices", List.of("dry", "oily")))
			.execute().path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		String phone = newPhone();
		java.nio.file.Path file = java.nio.file.Files.createTempFile("console-members", ".xls");
		try (var workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
				var out = java.nio.file.Files.newOutputStream(file)) {
			var sheet = workbook.createSheet("会员");
			String[][] rows = { { "姓名", "手机", "肤质" }, { "表格甲", phone, "oily" } };
			for (int r = 0; r < rows.length; r++) {
				for (int c = 0; c < 3; c++) {
					(sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r)).createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(out);
		}
		clock.advance(java.time.Duration.ofDays(7));
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=imports]").click();
		browser.waitFor("input[name=file]").sendKeys(file.toAbsolutePath().toString());
		browser.waiting().until(driver -> new Select(driver.findElement(By.cssSelector("select[data-field='attributes.consoleSkin']")))
			.getFirstSelectedOption().getAttribute("value").equals("c:肤质"));
		assertThat(browser.waitFor("tr[data-field='attributes.consoleSkin']").getText()).contains("肤质");
		new Select(browser.waitFor("select[data-field=joinChannel]")).selectByValue("v:");
		browser.waitFor("input[data-value-for=joinChannel]").sendKeys("STORE");
		browser.waitFor("[data-role=mapping-complete]");
		browser.waitFor("button[data-action=start]").click();
		browser.waitFor("[data-role=job-status][data-status=COMPLETED]");

		String id = as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.name").entity(String.class).isEqualTo("表格甲")
			.path("member.attributes[?(@.key == 'consoleSkin')].value").entityList(String.class).containsExactly("oily");
		assertThat(browser.consoleErrors()).isEmpty();
		java.nio.file.Files.delete(file);
	}

	/**
	 * Orders in three files, as Olist publishes them: the lines are the file, the orders and customers lookup files
	 * joined by their keys; the mapping is offered every file's columns, and customers no member has register.
	 */
	@Test
	void ordersInSeveralFilesAreMappedFromEveryFilesColumnsAndLoad() throws IOException {
		String n = newPhone().substring(4);
		java.nio.file.Path items = java.nio.file.Files.createTempFile("olist_order_items", ".csv");
		java.nio.file.Files.writeString(items, "order_id,order_item_id,product_id,price\n"
				+ "co%1$s,1,p-lamp,29.99\nco%1$s,2,p-desk,118.70\n".formatted(n));
		java.nio.file.Path orders = java.nio.file.Files.createTempFile("olist_orders", ".csv");
		java.nio.file.Files.writeString(orders, "order_id,customer_id,order_purchase_timestamp,order_approved_at\n"
				+ "co%1$s,cc%1$s,2017-10-02 10:56:33,2017-10-02 11:07:15\n".formatted(n));
		java.nio.file.Path customers = java.nio.file.Files.createTempFile("olist_customers", ".csv");
		java.nio.file.Files.writeString(customers, "customer_id,customer_unique_id\ncc%1$s,cu%1$s\n".formatted(n));
		// A week on, so that this import is among the team's newest (other tests' run at most a day past the default).
		clock.advance(java.time.Duration.ofDays(7));
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=imports]").click();
		new Select(browser.waitFor("select[name=entity]")).selectByValue("ORDERS");
		browser.waitFor("input[name=file]").sendKeys(items.toAbsolutePath().toString());
		browser.waitFor("input[name=joinOn1]").sendKeys("order_id");
		browser.waitFor("input[name=lookup1]").sendKeys(orders.toAbsolutePath().toString());
		browser.waitFor("input[name=joinOn2]").sendKeys("customer_id");
		browser.waitFor("input[name=lookup2]").sendKeys(customers.toAbsolutePath().toString());
		browser.waitFor("input[name=unknownMembers]").click();
		// The lookup files' columns are offered, and the layout suggests Olist's names from them.
		browser.waiting().until(driver -> new Select(driver.findElement(By.cssSelector("select[data-field=memberExternalId]")))
			.getFirstSelectedOption().getAttribute("value").equals("c:customer_unique_id"));
		assertThat(new Select(browser.waitFor("select[data-field=placedAt]")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("c:order_purchase_timestamp");
		new Select(browser.waitFor("select[data-field=channel]")).selectByValue("v:");
		browser.waitFor("input[data-value-for=channel]").sendKeys("WEB");
		new Select(browser.waitFor("select[data-field=quantity]")).selectByValue("v:");
		browser.waitFor("input[data-value-for=quantity]").sendKeys("1");
		new Select(browser.waitFor("select[data-field=paidAt]")).selectByValue("c:order_approved_at");
		browser.waitFor("[data-role=mapping-complete]");

		browser.waitFor("button[data-action=preview]").click();
		browser.waiting().until(driver -> driver.findElement(By.cssSelector("[data-role=preview]")).getText()
			.contains("memberExternalId=cu" + n));
		browser.waitFor("button[data-action=start]").click();
		browser.waitFor("[data-role=job-status][data-status=COMPLETED]");
		assertThat(browser.waitFor("[data-role=job-counts] td[data-key=rowsLoaded]").getAttribute("data-value")).isEqualTo("2");
		String member = as("crm").documentName("memberByIdentity").variable("channel", "WEB").variable("externalId", "cu" + n)
			.execute().path("memberByIdentity.id").entity(String.class).get();
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("148.69");
		// The team's recent imports name the lookup files each job read.
		String jobId = browser.waitFor("[data-role=import-output] h2").getText().replaceFirst("^Import ", "");
		browser.waitFor("a[data-page=members]").click();
		browser.waitFor("a[data-page=imports]").click();
		assertThat(browser.waitFor("[data-role=recent-imports] tr[data-job='" + jobId + "']").getText())
			.contains(items.getFileName() + " + " + orders.getFileName() + " + " + customers.getFileName());
		assertThat(browser.consoleErrors()).isEmpty();
		for (java.nio.file.Path file : List.of(items, orders, customers)) {
			java.nio.file.Files.delete(file);
		}
	}

	/** Shopify's customer export splits the name: the page chooses both columns joined, as the layout suggests. */
	@Test
	void aNameSplitInTwoColumnsIsChosenJoined() throws IOException {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("customers_export", ".csv");
		java.nio.file.Files.writeString(file, "Customer ID,First Name,Last Name,Email,Accepts Email Marketing\n"
				+ "7%s,Ada,Lovelace,ada.%s@example.com,yes\n".formatted(newPhone(), newPhone()));
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=imports]").click();
		browser.waitFor("input[name=file]").sendKeys(file.toAbsolutePath().toString());
		browser.waiting().until(driver -> "j:".equals(new Select(driver.findElement(By.cssSelector("select[data-field=name]")))
			.getFirstSelectedOption().getAttribute("value")));
		assertThat(new Select(browser.waitFor("select[data-field=name]")).getFirstSelectedOption().getText())
			.isEqualTo("First Name + Last Name");
		new Select(browser.waitFor("select[data-field=channel]")).selectByValue("v:");
		browser.waitFor("input[data-value-for=channel]").sendKeys("WEB");
		browser.waitFor("[data-role=mapping-complete]");
		assertThat(JSON.readValue(browser.driver().findElement(By.cssSelector("[data-role=mapping-json]"))
			.getAttribute("textContent"), Map.class))
			.containsEntry("name", Map.of("columns", List.of("First Name", "Last Name"), "separator", " "));

		browser.waitFor("button[data-action=preview]").click();
		browser.waiting().until(driver -> driver.findElement(By.cssSelector("[data-role=preview]")).getText()
			.contains("name=Ada Lovelace"));
		assertThat(browser.consoleErrors()).isEmpty();
		java.nio.file.Files.delete(file);
	}

	/** A workbook's header lies in the zip's last bytes, not its first: the page sends it whole for the layout. */
	@Test
	void anExcelWorkbookIsMappedFromItsHeaderRowOnTheSheetGivenAndPreviewed() throws IOException {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("console-members", ".xlsx");
		String phone = newPhone();
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
				java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
			// Exports often open with a sheet of notes; the members are on the second.
			workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("导出说明");
			// The members' sheet has the report's title above its columns, which are in Excel's row 3.
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("会员");
			sheet.createRow(0).createCell(0).setCellValue("会员信息导出");
			sheet.createRow(2).createCell(0).setCellValue("会员姓名");
			sheet.getRow(2).createCell(1).setCellValue("手机号");
			sheet.getRow(2).createCell(2).setCellValue("备注");
			sheet.createRow(3).createCell(0).setCellValue("表格甲");
			sheet.getRow(3).createCell(1).setCellValue(Double.parseDouble(phone));
			// Notes that do not compress: the workbook well past the 64 KiB the page sends of other files for a layout.
			java.util.Random random = new java.util.Random(7);
			for (int i = 4; i < 3_000; i++) {
				sheet.createRow(i).createCell(0).setCellValue("会员 " + Long.toString(random.nextLong(), 36));
				sheet.getRow(i).createCell(2).setCellValue(Long.toString(random.nextLong(), 36));
			}
			workbook.write(out);
		}
		assertThat(java.nio.file.Files.size(file)).isGreaterThan(64 * 1024);
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=imports]").click();
		// Typed and left, as a person does: a sheet changed later lays the mapping out afresh.
		browser.waitFor("input[name=sheet]").sendKeys("会员" + org.openqa.selenium.Keys.TAB);
		browser.waitFor("input[name=headerRow]").sendKeys("3" + org.openqa.selenium.Keys.TAB);
		browser.waitFor("input[name=file]").sendKeys(file.toAbsolutePath().toString());
		browser.waitFor("[data-role=mapping-problems] li[data-field='mapping.joinChannel']");
		new Select(browser.waitFor("select[data-field=name]")).selectByValue("c:会员姓名");
		new Select(browser.waitFor("select[data-field=phone]")).selectByValue("c:手机号");
		new Select(browser.waitFor("select[data-field=joinChannel]")).selectByValue("v:");
		browser.waitFor("input[data-value-for=joinChannel]").sendKeys("STORE");
		browser.waitFor("[data-role=mapping-complete]");

		browser.waitFor("button[data-action=preview]").click();
		browser.waitFor("[data-role=preview] tbody tr");
		assertThat(browser.all("[data-role=preview] tbody tr")).hasSize(10);
		assertThat(browser.waitFor("[data-role=preview]").getText()).contains("表格甲");

		// What the table cannot say is written as the API's JSON: here the name is two columns joined.
		browser.waitFor("[data-role=mapping] details summary").click();
		WebElement json = browser.waitFor("[data-role=mapping-json]");
		json.clear();
		json.sendKeys("[1]");
		assertThat(browser.waitFor("[data-role=mapping-json-error]").getText()).contains("JSON");
		json.clear();
		json.sendKeys("""
				{"name": {"columns": ["会员姓名", "手机号"], "separator": " / "}, "phone": "手机号",
				 "joinChannel": {"value": "STORE"}}""");
		browser.waitFor("[data-role=mapping-complete]");
		browser.waitFor("button[data-action=preview]").click();
		browser.waitFor("[data-role=preview] tbody tr");
		// The preview redraws as its answer arrives: a wait that looks again when the element it held is replaced.
		browser.waiting().until(driver -> driver.findElement(By.cssSelector("[data-role=preview]")).getText()
			.contains("表格甲 / " + phone));
		assertThat(browser.consoleErrors()).isEmpty();
		java.nio.file.Files.delete(file);
	}

	@Test
	void anAdminReadsTheLoyaltySettingsAndRunsThePointsAudit() {
		browser.signIn("admin", "demo");
		browser.waitFor("a[data-page=loyalty]").click();
		browser.waitFor("[data-card=tierSettings] table");
		// The programme's tiers, not a count of members in them.
		assertThat(browser.waitFor("[data-card=tierSettings] h2").getText()).isEqualTo("Tiers");
		List<String> codes = as("admin").document("{ tiers { code rank } }").execute()
			.path("tiers[*].code").entityList(String.class).get();
		assertThat(tableColumn("tierSettings", "code")).containsExactlyInAnyOrderElementsOf(codes);

		browser.waitFor("button[data-action=audit]").click();
		int discrepancies = as("admin").document("{ pointsAudit { memberId } }").execute()
			.path("pointsAudit").entityList(Object.class).get().size();
		if (discrepancies == 0) {
			browser.waitFor("[data-role=audit-clean]");
		}
		else {
			browser.waitFor("[data-card=audit] table");
			assertThat(tableColumn("audit", "memberId")).hasSize(discrepancies);
		}
		assertThat(browser.consoleErrors()).isEmpty();
		browser.signOutIfSignedIn();

		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=overview]");
		assertThat(browser.all("a[data-page=loyalty]")).as("loyalty settings are for ADMIN").isEmpty();
	}

	@Test
	void theLabelsSwitchToChinese() {
		browser.signIn("marketer", "demo");
		browser.waitFor("[data-card=rfm]");
		browser.waitFor("#language").click();

		browser.waitUntilText("a[data-page=overview]", "概览");
		browser.waitUntilText("[data-card=rfm] h2", "RFM 分群");
		browser.waitFor("#language").click();
		browser.waitUntilText("a[data-page=overview]", "Overview");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void crmSeesMembersDueToBuyAndMarketersDoNotAndEachPageLeavesOutWhatTheRoleIsNotOffered() {
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=retention]").click();
		browser.waitFor("button[data-action=due]").click();
		List<Object> due = as("crm").document("{ membersDueToBuy(input: {withinDays: 14}, first: 50) { memberId } }").execute()
			.path("membersDueToBuy[*].memberId").entityList(Object.class).get();
		if (due.isEmpty()) {
			browser.waitFor("[data-role=none-due]");
		}
		else {
			browser.waitFor("[data-card=dueToBuy] table");
			assertThat(tableColumn("dueToBuy", "memberId")).containsExactlyElementsOf(due.stream().map(String::valueOf).toList());
		}
		assertThat(browser.consoleErrors()).isEmpty();

		browser.waitFor("a[data-page=campaigns]").click();
		browser.waitFor("[data-role=campaigns]");
		assertThat(browser.all("form.form")).as("a CRM specialist reads campaigns, and plans none").isEmpty();
		assertNothingShownAsNull();
		browser.signOutIfSignedIn();

		browser.signIn("marketer", "demo");
		browser.waitFor("a[data-page=retention]").click();
		browser.waitFor("[data-card=cohorts]");
		assertThat(browser.all("button[data-action=due]")).isEmpty();
		assertNothingShownAsNull();
	}

	@Test
	void eachChartCanBeReadAsATable() {
		browser.signIn("crm", "demo");
		WebElement card = browser.waitFor("[data-card=lifecycle]");
		WebElement table = card.findElement(By.tagName("table"));
		assertThat(table.isDisplayed()).isFalse();

		card.findElement(By.cssSelector("button.toggle")).click();

		assertThat(table.isDisplayed()).isTrue();
		assertThat(card.findElement(By.cssSelector(".chart")).isDisplayed()).isFalse();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theSegmentBuilderShowsTheParsersErrorWhereItIsAndTheApisLiveCount() throws IOException {
		browser.signIn("marketer", "demo");
		browser.waitFor("a[data-page=segments]").click();
		WebElement query = browser.waitFor("textarea[name=query]");

		// The example the empty box offers is a condition a marketer may run as it is.
		String example = query.getAttribute("placeholder").replaceFirst("^e\\.g\\. ", "");
		query.sendKeys(example);
		Object exampleCount = as("marketer").document("query($q: String!) { previewSegment(query: $q) { members } }")
			.variable("q", example).execute().path("previewSegment.members").entity(Object.class).get();
		String shown = exampleCount == null ? "" : String.valueOf(exampleCount);
		browser.waiting().until(driver -> shown.equals(browser.waitFor("[data-role=live-count]").getAttribute("data-value")));
		query.clear();

		query.sendKeys("tier = ");
		WebElement marker = browser.waitFor("pre.marker");
		assertThat(marker.getAttribute("data-line") + ":" + marker.getAttribute("data-column")).isEqualTo(position("tier = "));
		assertThat(browser.waitFor("[data-role=query-error]").getText()).contains("at " + position("tier = "));

		query.clear();
		query.sendKeys("tags CONTAINS 'console' AND orders()");
		browser.waitUntilText("[data-role=live-count]", "");
		Map<String, Object> preview = as("marketer").document(
				"{ previewSegment(query: \"tags CONTAINS 'console' AND orders()\") { members suppressed } }")
			.execute().path("previewSegment").entity(Map.class).get();
		browser.waiting().until(driver -> !browser.waitFor("[data-role=live-count]").getText().equals("—"));
		assertThat(browser.waitFor("[data-role=live-count]").getAttribute("data-value"))
			.isEqualTo(preview.get("members") == null ? "" : String.valueOf(preview.get("members")));
		assertThat(browser.all(".suggestions button").stream().map(WebElement::getText))
			.as("a marketer is not offered figures of one member").doesNotContain("points.balance", "age");

		browser.screenshot("segments");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void conditionsBuiltWithControlsBecomeTheApisTextAndItsCount() throws IOException {
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=segments]").click();
		WebElement query = browser.waitFor("textarea[name=query]");
		browser.waitFor(".condition-builder summary").click();

		new Select(browser.waitFor("select[name=conditionField]")).selectByValue("tags");
		new Select(browser.waitFor("select[name=conditionOperator]")).selectByValue("CONTAINS");
		browser.waitFor("input[name=conditionValue]").sendKeys("console");
		browser.waitFor("[data-role=field-condition] button[type=submit]").click();
		browser.waiting().until(page -> !query.getAttribute("value").isBlank());

		new Select(browser.waitFor("select[name=activity]")).selectByValue("ORDERS");
		WebElement amount = browser.waitFor("input[name=measureValue]");
		amount.clear();
		amount.sendKeys("2");
		browser.waitFor("input[name=since]").sendKeys("-365d");
		browser.waitFor("[data-role=behaviour-condition] button[type=submit]").click();
		browser.waiting().until(page -> query.getAttribute("value").contains(" AND "));

		// The text is what the API writes for each condition given as its structured input, joined by AND.
		String written = written(Map.of("field", "tags", "operator", "CONTAINS", "value", "console")) + " AND "
				+ written(Map.of("behaviour", Map.of("activity", "ORDERS", "since", "-365d",
						"thresholds", List.of(Map.of("measure", "count", "operator", "GE", "value", 2)))));
		assertThat(query.getAttribute("value")).isEqualTo(written);
		Integer members = as("crm").document("query($q: String!) { previewSegment(query: $q) { members } }")
			.variable("q", written).execute().path("previewSegment.members").entity(Integer.class).get();
		browser.waiting().until(page -> String.valueOf(members)
			.equals(browser.waitFor("[data-role=live-count]").getAttribute("data-value")));
		assertThat(members).as("buyers of two or more orders tagged console").isPositive();

		browser.waitFor("[data-role=compiled] summary").click();
		assertThat(browser.all("[data-role=compiled] [data-kind]").stream().map(e -> e.getAttribute("data-kind")))
			.contains("All", "Contains", "Behaviour");
		browser.screenshot("segment-controls");

		// A value the field cannot take is refused by the API, named, and the text stays as it was.
		new Select(browser.waitFor("select[name=conditionField]")).selectByValue("age");
		new Select(browser.waitFor("select[name=conditionOperator]")).selectByValue("GE");
		browser.waitFor("input[name=conditionValue]").sendKeys("old");
		browser.waitFor("[data-role=field-condition] button[type=submit]").click();
		browser.waitUntilText("[data-role=condition-error]", "old");
		assertThat(query.getAttribute("value")).isEqualTo(written);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void aCrmSpecialistSavesASegmentAndIsOfferedEveryField() {
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=segments]").click();
		WebElement query = browser.waitFor("textarea[name=query]");
		assertThat(browser.all(".suggestions button").stream().map(WebElement::getText)).contains("points.balance", "age");

		query.sendKeys("tags CONTAINS 'console'");
		// The live count and sample first: they appear above the form and would move its button under the click.
		browser.waiting().until(page -> {
			String members = browser.waitFor("[data-role=live-count]").getAttribute("data-value");
			return members != null && !members.isEmpty();
		});
		browser.waitFor("input[name=segmentName]").sendKeys("Console tag " + phones.get(1));
		browser.driver().findElement(By.cssSelector("form[data-role=save-segment] button[type=submit]")).click();

		browser.waitUntilText("form[data-role=save-segment] [role=status]", "Console tag " + phones.get(1));
		as("crm").document("{ segments { name members } }").execute()
			.path("segments[?(@.name == 'Console tag " + phones.get(1) + "')].members").entityList(Integer.class)
			.containsExactly(8);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void aCrmSpecialistMergesADuplicateAfterGivingAReasonAndConfirming() {
		String phone = newPhone();
		String name = "合并" + phone.substring(phone.length() - 4);
		String first = registerTwin(name, phone, "STORE");
		String second = registerTwin(name, newPhone(), "TMALL");
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=members]").click();
		browser.waitFor("input[name=phone]").sendKeys(phone);
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();
		browser.waitFor("[data-role=results] a").click();
		// The profile, and then its ledger, come in above the duplicates' card and move its button: click it once they have.
		browser.waitFor("[data-role=profile] [data-card=ledger]");
		browser.waitFor("button[data-action=duplicates]").click();
		String row = "[data-role=duplicates] tr[data-pair='" + first + ":" + second + "']";
		browser.waitFor(row + " button[data-action=merge]").click();

		// Confirming without a reason does nothing; with one, the second becomes a tombstone pointing at the first.
		browser.waitFor(row + " button[data-action=confirm-merge]").click();
		assertThat(as("crm").document("query($id: ID!) { member(id: $id) { status } }").variable("id", second).execute()
			.path("member.status").entity(String.class).get()).isEqualTo("ACTIVE");
		browser.waitFor(row + " input[name=reason]").sendKeys("same customer, store and Tmall");
		browser.waitFor(row + " button[data-action=confirm-merge]").click();
		browser.waiting().until(page -> browser.all(row).isEmpty());

		Map<String, Object> merged = as("crm").document("query($id: ID!) { member(id: $id) { id status mergedInto } }")
			.variable("id", second).execute().path("member").entity(Map.class).get();
		assertThat(merged).as("the merged id redirects to the survivor").containsEntry("id", first);
		assertThat(as("admin").document("query($id: ID!) { member(id: $id) { status } }").variable("id", first).execute()
			.path("member.status").entity(String.class).get()).isEqualTo("ACTIVE");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private String registerTwin(String name, String phone, String channel) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", phone, "joinChannel", channel, "birthDate", "1971-02-03",
					"region", Map.of("city", "苏州")))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	@Test
	void aNameMoreMembersBearThanTheListShowsSaysSo() {
		String name = "同名" + newPhone().substring(7);
		for (int i = 0; i < 21; i++) {
			as("admin").documentName("registerMember")
				.variable("input", Map.of("name", name + " " + i, "phone", newPhone(), "joinChannel", "STORE"))
				.execute().path("registerMember.errors").entityList(Object.class).hasSize(0);
		}
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=members]").click();
		browser.waitFor("input[name=name]").sendKeys(name);
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();

		browser.waitFor("[data-role=more-members]");
		assertThat(browser.all("[data-role=results] tr")).hasSize(20);
		browser.waitFor("input[name=name]").sendKeys(" 1");
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();
		// "… 1" and "… 10" to "… 19": eleven, all of them shown.
		browser.waiting().until(driver -> browser.all("[data-role=results] tr").size() == 11);
		assertThat(browser.all("[data-role=more-members]")).isEmpty();
	}

	@Test
	void aMarketerComparesTheChosenLaunchedCampaignsSideBySide() {
		List<String> ids = new java.util.ArrayList<>();
		// A name with markup in it: text in the table, and text in the chart's tooltip, whose formatter writes HTML.
		for (String name : List.of("Compared <b>A</b> " + phones.get(5), "Compared B " + phones.get(5))) {
			String id = as("marketer").documentName("createCampaign")
				.variable("input", Map.of("name", name, "channel", "TMALL", "targetSegmentId", segmentId, "controlGroupShare", 0.2,
						"startsAt", today() + "T00:00:00+08:00", "endsAt", today().plusDays(7) + "T00:00:00+08:00"))
				.execute().path("createCampaign.campaign.id").entity(String.class).get();
			as("marketer").documentName("launchCampaign").variable("campaignId", id).execute()
				.path("launchCampaign.errors").entityList(Object.class).hasSize(0);
			ids.add(id);
		}
		browser.signIn("marketer", "demo");
		browser.waitFor("a[data-page=campaigns]").click();
		browser.waitFor("tr[data-campaign='" + ids.get(0) + "'] input[name=compare]").click();
		browser.driver().findElement(By.cssSelector("button[data-action=compare]")).click();
		browser.waitUntilText("[data-role=response] .error", "Choose 2 to 20 launched campaigns");

		browser.waitFor("tr[data-campaign='" + ids.get(1) + "'] input[name=compare]").click();
		browser.driver().findElement(By.cssSelector("button[data-action=compare]")).click();
		browser.waitFor("[data-card=compare]");
		List<Map<String, Object>> compared = as("marketer").document("""
				query($ids: [ID!]!) { compareCampaigns(input: {campaignIds: $ids}) {
				  campaign { name } treated conversions conversionUplift { difference } } }""")
			.variable("ids", ids).execute().path("compareCampaigns")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
		assertThat(tableColumn("compare", "campaign"))
			.containsExactlyElementsOf(compared.stream().map(c -> String.valueOf(((Map<?, ?>) c.get("campaign")).get("name"))).toList());
		for (String figure : List.of("treated", "conversions")) {
			assertThat(tableColumn("compare", figure)).as(figure).containsExactlyElementsOf(
					compared.stream().map(c -> c.get(figure) == null ? "" : String.valueOf(c.get(figure))).toList());
		}
		// The tooltip's text as the chart's formatter writes it, for the campaign with markup in its name (pointing
		// at a box of a withheld uplift shows no tooltip to look at).
		Object tooltip = browser.waiting().until(driver -> ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
				const chart = document.querySelector('[data-card=compare] .chart');
				chart.scrollIntoView();
				const instance = window.echarts.getInstanceByDom(chart);
				const formatter = instance?.getOption()?.tooltip?.[0]?.formatter;
				if (!formatter) return null;
				const names = [...document.querySelectorAll('[data-card=compare] td[data-key=campaign]')]
				  .map((cell) => cell.dataset.value);
				return formatter([{ dataIndex: names.findIndex((name) => name.includes('<b>')) }]);"""));
		assertThat(String.valueOf(tooltip)).as("the tooltip's HTML").contains("Compared &lt;b&gt;A&lt;/b&gt;")
			.doesNotContain("<b>");
		assertNothingShownAsNull();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void supportFindsAMemberByEmailWhateverItsCase() {
		String phone = newPhone();
		String email = "Browser.Mail" + phone + "@Example.COM";
		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "邮件" + phone.substring(7), "phone", phone, "email", email, "joinChannel", "WEB"))
			.execute().path("registerMember.errors").entityList(Object.class).hasSize(0);
		browser.signIn("support", "demo");
		browser.waitFor("a[data-page=members]").click();
		browser.waitFor("input[name=email]").sendKeys(email.toLowerCase(java.util.Locale.ROOT));
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();
		browser.waitFor("[data-role=results] a").click();

		assertThat(browser.waitFor("[data-role=profile]").getText()).contains("邮件" + phone.substring(7));
		assertNothingShownAsNull();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void member360ShowsTheProfileToCrmAndIsNotOfferedToMarketers() throws IOException {
		browser.signIn("crm", "demo");
		browser.waitFor("a[data-page=members]").click();
		browser.waitFor("input[name=phone]").sendKeys(phones.get(2));
		browser.driver().findElement(By.cssSelector("form.controls button[type=submit]")).click();
		browser.waitFor("[data-role=results] a").click();

		WebElement profile = browser.waitFor("[data-role=profile]");
		assertThat(profile.getText()).contains(phones.get(2)).contains("浏览器2");
		String memberId = profile.getAttribute("data-member");
		browser.waitFor("[data-card=ledger] table");
		Map<String, Object> history = as("crm").document("""
				query($id: ID!) { member(id: $id) { tierHistory { to } interactions(first: 20) { edges { node { id } } } } }""")
			.variable("id", memberId).execute().path("member").entity(Map.class).get();
		assertThat(browser.all("[data-card=tierHistory] tbody tr")).hasSize(((List<?>) history.get("tierHistory")).size()).isNotEmpty();
		List<String> interactionIds = ((List<Map<String, Map<String, String>>>) ((Map<String, Object>) history.get("interactions"))
			.get("edges")).stream().map(edge -> edge.get("node").get("id")).toList();
		assertThat(browser.all("[data-card=interactions] li").stream().map(li -> li.getAttribute("data-interaction")))
			.as("the journey recorded for this member, newest first").containsExactlyElementsOf(interactionIds).hasSize(3);
		int entries = as("crm").document("query($id: ID!) { pointsLedger(memberId: $id, first: 20) { edges { node { id } } } }")
			.variable("id", memberId).execute().path("pointsLedger.edges").entityList(Object.class).get().size();
		assertThat(browser.all("[data-card=ledger] tbody tr")).hasSize(entries);
		browser.waitFor("button[data-action=duplicates]").click();
		int pairs = as("crm").document("{ duplicateCandidates(first: 20) { score } }").execute()
			.path("duplicateCandidates").entityList(Object.class).get().size();
		if (pairs == 0) {
			browser.waitFor("[data-role=no-duplicates]");
		}
		else {
			browser.waitFor("[data-role=duplicates] tr[data-pair]");
			assertThat(browser.all("[data-role=duplicates] tr[data-pair]")).hasSize(pairs);
		}
		browser.screenshot("member-360");
		assertThat(browser.consoleErrors()).isEmpty();
		browser.signOutIfSignedIn();

		browser.signIn("marketer", "demo");
		browser.waitFor("a[data-page=overview]");
		assertThat(browser.all("a[data-page=members]")).isEmpty();
		browser.go("/console/#/members");
		browser.waiting().until(page -> page.getCurrentUrl().endsWith("#/overview"));
		browser.waitFor("[data-page=overview] h1");
	}

	@Test
	void aMarketerCreatesAndLaunchesACampaignAndReadsItsResponse() throws IOException {
		// A history of 120 campaigns, ended without ever being launched here, as the demo data holds them: their ids
		// come before any the API gives a new campaign, and more than a page of them.
		List<io.membergraph.campaign.Campaign> history = new java.util.ArrayList<>();
		for (int i = 0; i < 120; i++) {
			history.add(new io.membergraph.campaign.Campaign("C-past-%s-%03d".formatted(phones.get(3), i),
					"Past sale %s %03d".formatted(phones.get(3), i), io.membergraph.shared.Channel.TMALL,
					now().minus(java.time.Duration.ofDays(400 - i)), now().minus(java.time.Duration.ofDays(390 - i)), null, 0.1, 7,
					io.membergraph.campaign.CampaignStatus.ENDED, "seed", now().minus(java.time.Duration.ofDays(410 - i))));
		}
		bean(io.membergraph.campaign.CampaignPlanner.class).saveAll(history);
		String past = history.get(0).id();
		browser.signIn("marketer", "demo");
		browser.waitFor("a[data-page=campaigns]").click();
		String name = "Console push " + phones.get(3);
		browser.waitFor("input[name=campaignName]").sendKeys(name);
		new Select(browser.driver().findElement(By.name("targetSegmentId"))).selectByValue(segmentId);
		setValue("input[name=startsAt]", today().toString());
		setValue("input[name=endsAt]", today().plusDays(10).toString());
		browser.driver().findElement(By.cssSelector("form.form button[type=submit]")).click();

		browser.waitUntilText("[data-role=campaigns]", name);
		// Every campaign is listed, the newest first, whatever its id.
		List<String> listed = browser.all("tr[data-campaign]").stream().map(row -> row.getAttribute("data-campaign")).toList();
		assertThat(listed).containsAll(history.stream().map(io.membergraph.campaign.Campaign::id).toList());
		assertThat(listed.indexOf(campaignRowNamed(name))).isLessThan(listed.indexOf(history.get(119).id()));
		assertThat(listed.indexOf(history.get(119).id())).isLessThan(listed.indexOf(past));
		// It says why it has no response, rather than offering one that can only be refused.
		assertThat(browser.waitFor("tr[data-campaign='" + past + "'] [data-role=never-launched]").getText())
			.isEqualTo("Never launched: no audience to measure");
		assertThat(browser.all("tr[data-campaign='" + past + "'] button")).isEmpty();
		String campaignId = campaignRowNamed(name);
		assertThat(browser.waitFor("tr[data-campaign='" + campaignId + "'] td[data-status]").getText()).isEqualTo("Draft");
		assertThat(browser.waitFor("tr[data-campaign='" + campaignId + "'] td[data-status]").getAttribute("data-status"))
			.isEqualTo("DRAFT");
		browser.driver().findElement(By.cssSelector("tr[data-campaign='" + campaignId + "'] button[data-action=launch]")).click();
		browser.waitFor("tr[data-campaign='" + campaignId + "'] button[data-action=response]").click();

		browser.waitFor("[data-card=response] [data-kpi=treated]");
		Map<String, Object> response = as("marketer").document(
				"query($id: ID!) { campaignResponse(input: {campaignId: $id}) { treated control } }").variable("id", campaignId)
			.execute().path("campaignResponse").entity(Map.class).get();
		for (String figure : List.of("treated", "control")) {
			assertThat(browser.waitFor("[data-card=response] [data-kpi=" + figure + "]").getAttribute("data-value"))
				.isEqualTo(response.get(figure) == null ? "" : String.valueOf(response.get(figure)));
		}
		browser.waitFor("[data-card=daily]");
		assertNothingShownAsNull();

		java.nio.file.Path contacts = java.nio.file.Files.createTempFile("console-contacts", ".csv");
		java.nio.file.Files.writeString(contacts, "memberId,kind\nM-not-in-this-campaign,SENT\n");
		WebElement row = browser.waitFor("tr[data-campaign='" + campaignId + "']");
		row.findElement(By.cssSelector("input[name=contacts]")).sendKeys(contacts.toAbsolutePath().toString());
		row.findElement(By.cssSelector("button[data-action=contacts]")).click();
		browser.waitUntilText("[data-role=response] .error", "memberId");
		assertThat(as("marketer").document("query($id: ID!) { campaignResponse(input: {campaignId: $id}) { contacts { sent } } }")
			.variable("id", campaignId).execute().path("campaignResponse.contacts.sent").entity(Object.class).get())
			.as("a refused file records nothing").isIn(0, null);
		java.nio.file.Files.delete(contacts);
		assertThat(browser.consoleErrors()).as("the browser reports the refused upload's 400, nothing else")
			.allMatch(message -> message.contains("/contacts") && message.contains("400"));

		browser.waitFor("tr[data-campaign='" + campaignId + "'] button[data-action=response]").click();
		new Select(browser.waitFor("select[name=attribution]")).selectByValue("FIRST_TOUCH");
		browser.waitFor("select[name=attribution] option[value=FIRST_TOUCH]:checked");
		browser.waitFor("[data-card=response] [data-kpi=treated]");
		browser.screenshot("campaigns");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void aBusinessDayStartsInTheBrowserWhereTheApisCalendarStartsIt() {
		// Campaign dates are sent as the instant their day starts in the business's zone: summer time changes,
		// a change at midnight (São Paulo, 2018) and half-hour offsets included.
		browser.go("/console/");
		browser.waitFor("input[name=username]");
		List<String> days = List.of("2026-12-01", "2026-03-08", "2026-11-01", "2026-03-29", "2026-10-25", "2018-11-04",
				"2019-02-17", "2026-06-01");
		for (String zone : List.of("Asia/Shanghai", "America/New_York", "Europe/Berlin", "America/Sao_Paulo",
				"Asia/Kolkata", "Australia/Lord_Howe", "UTC")) {
			@SuppressWarnings("unchecked")
			List<String> starts = (List<String>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
					const [zone, days, done] = arguments;
					import('/console/js/format.js').then((format) => {
					  format.useCalendar({ zone, today: days[0] });
					  done(days.map((day) => format.dayStart(day)));
					});""", zone, days);
			assertThat(starts).as(zone).containsExactlyElementsOf(days.stream()
				.map(day -> LocalDate.parse(day).atStartOfDay(java.time.ZoneId.of(zone)).toInstant().toString()
					.replace("Z", ".000Z"))
				.toList());
		}
	}

	@Test
	void aStorefrontAccountCannotSignInToTheConsole() {
		browser.signIn("storefront", "demo");

		browser.waitUntilText(".signin .error", "This account cannot use the console.");
		assertThat(browser.all("#nav a")).isEmpty();
	}

	@Test
	void aSessionWhoseAccountIsDisabledEndsWithAMessage() {
		String username = "console-" + phones.get(4);
		String oneTime = as("admin").document("mutation($u: String!) { createUser(input: {username: $u, roles: [MARKETER]}) { oneTimePassword } }")
			.variable("u", username).execute().path("createUser.oneTimePassword").entity(String.class).get();
		String firstToken = http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", oneTime)).exchange()
			.expectBody(Map.class).returnResult().getResponseBody().get("access_token").toString();
		String password = "console-password-" + phones.get(4);
		withBearer(firstToken).documentName("changeMyPassword")
			.variable("input", Map.of("oldPassword", oneTime, "newPassword", password)).execute()
			.path("changeMyPassword.errors").entityList(Object.class).hasSize(0);
		browser.signIn(username, password);
		browser.waitFor("a[data-page=segments]");

		as("admin").document("mutation($u: String!) { disableUser(input: {username: $u}) { user { status } } }")
			.variable("u", username).execute();
		browser.waitFor("a[data-page=segments]").click();

		browser.waitUntilText("#notice", "Your session has ended");
		browser.waitFor("input[name=username]");
	}

	private List<String> tableColumn(String card, String key) {
		return browser.all("[data-card=" + card + "] td[data-key=" + key + "]").stream()
			.map(cell -> cell.getAttribute("data-value"))
			.toList();
	}

	/** A structured condition as the API writes it in the segment language. */
	private String written(Map<String, Object> condition) {
		return as("crm").document("query($c: SegmentConditionInput!) { previewSegment(condition: $c, sample: 0) { query } }")
			.variable("c", condition).execute().path("previewSegment.query").entity(String.class).get();
	}

	/** Where the API's parser says the mistake is, as line:column. */
	private String position(String query) {
		Map<String, Object> extensions = new HashMap<>();
		as("marketer").document("query($q: String!) { previewSegment(query: $q) { members } }").variable("q", query).execute()
			.errors().satisfy(errors -> extensions.putAll(errors.get(0).getExtensions()));
		java.util.regex.Matcher at = java.util.regex.Pattern.compile("at (\\d+):(\\d+)")
			.matcher(String.valueOf(extensions.get("reason")));
		assertThat(at.find()).as("the parser names the position: " + extensions).isTrue();
		return at.group(1) + ":" + at.group(2);
	}

	/** A part of the page a role is not offered is left out, not written out as "null" or "undefined". */
	private void assertNothingShownAsNull() {
		assertThat(browser.waitFor("main#page").getText()).doesNotContainPattern("\\b(null|undefined)\\b");
	}

	private void setValue(String css, String value) {
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
				browser.waitFor(css), value);
	}

	private String campaignRowNamed(String name) {
		return browser.all("tr[data-campaign]").stream()
			.filter(row -> row.getText().contains(name))
			.map(row -> row.getAttribute("data-campaign"))
			.findFirst()
			.orElseThrow();
	}

}
