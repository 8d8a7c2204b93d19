package io.membergraph.console.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.SettingOutOfBounds;
import io.membergraph.shared.WarmUp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs the console's first page (the calendar and lists a sign-in reads, the overview's four documents, as a
 * marketer would), its retention and funnel pages, the API's other analyses, a launched campaign's response, and
 * the segment builder's live count with its masked sample (a few kinds of condition; as a CRM specialist, those on
 * one member's figures with the sample's ids only) a few times before the application reports itself ready, after
 * the read models are warm and after the first requests through the port ({@code FrontDoorWarmUp}). The first
 * overview after a start took 3.6 s against 0.9 s after it: the difference is the JIT compiling the request's
 * paths (GraphQL execution, the analyses, the JSON), which this pays at start-up instead of the first user. No
 * personal data is read: aggregates, samples masked as a marketer sees them, and members' ids.
 */
@Component
@Order(WarmUp.OVER_READ_MODELS)
public class ConsoleWarmUp implements WarmUp {

	private static final Log log = LogFactory.getLog(ConsoleWarmUp.class);

	/** What a sign-in runs (but the account's own {@code me}) and the overview's documents. */
	private static final List<String> FIRST_PAGE = List.of("businessCalendar", "segmentList", "tierCodes", "overview",
			"overviewCustomers", "overviewMoves", "overviewBase");

	/**
	 * The segment builder's live count and its sample, for each kind of condition, behaviours on orders over a window
	 * and over all time among them (a preview builds a member's orders only from the earliest window, unless one looks
	 * at all time). Run as a marketer, who sees the sample masked: no personal data is read, so no read of it is
	 * audited.
	 */
	private static final String PREVIEW = "query warmPreview($query: String!) { previewSegment(query: $query, sample: 10) "
			+ "{ members sample { id memberNumber name phone } } }";

	private static final List<String> PREVIEWS = List.of("tier IN ('GOLD','PLATINUM') AND region.province = '广东'",
			"orders(count >= 2, spend > 100, since -180d) AND NOT orders(since -30d)",
			"bought(category = 'skincare', since -12m) AND NOT bought(sku = 'SK-1001')",
			"interactions(type = 'add_to_cart', since -7d)",
			"tags CONTAINS 'vip' OR consent.sms = true", "lifecycle IN ('AT_RISK','LAPSED') OR joined >= 2025-01-01",
			"channel.has('TMALL')");

	/**
	 * Conditions on one member's figures (points, scores, age), which only roles that read members may put in a
	 * segment: previewed as a CRM specialist asking for nothing but the sample's ids, so no personal data is read.
	 * Their first call after a start was 2.3–4 times their median (the rollups they read and their paths cold). The
	 * last two warm the count of a condition on one trait alone, which a role reading members gets (4 ms in a
	 * benchmark's first five calls at 100,000 members, 1.4–2.4 ms once compiled).
	 */
	private static final String PREVIEW_IDS = "query warmPreviewIds($query: String!) { previewSegment(query: $query, "
			+ "sample: 10) { members sample { id } } }";

	private static final List<String> PERSONAL_PREVIEWS = List.of(
			"rfm.segment = 'IMPORTANT_WIN_BACK' OR lifecycle IN ('AT_RISK','LAPSED')",
			"points.balance > 5000 AND points.expiringSoon > 0",
			"tier IN ('GOLD','PLATINUM') AND region.province = '广东' AND age BETWEEN 25 AND 35",
			"prediction.churnBand = 'HIGH' OR consent.sms = true", "consent.sms = true", "joined >= 2025-01-01");

	/**
	 * The analyses of the API that no console page above runs (or runs for fewer fields), in one document: their
	 * first call after a start was 2.4–3.1 times their median (the JIT compiling them), like the overview's before
	 * this warm-up. Each asks for every figure, as the paths that compute them differ; the sales KPIs also by day
	 * with their cycles (the overview reads them by month).
	 */
	private static final String OTHER_ANALYSES = """
			query warmAnalyses($scope: AnalysisScopeInput!, $from: Date!, $fromDate: Date!, $dayFrom: Date!) {
			  rfm(input: {scope: $scope}) {
			    recencyReference frequencyReference monetaryReference members spend segments { segment members spend }
			  }
			  acquisition(input: {scope: $scope, period: MONTH, from: $from}) {
			    periods { start newMembers firstTimeBuyers customers retained retentionRate }
			  }
			  lifecycle(input: {scope: $scope}) { members stages { stage members } }
			  tierMigration(input: {scope: $scope, fromDate: $fromDate}) { from to members }
			  pointsFlows(input: {scope: $scope, period: MONTH, from: $from}) { start issued redeemed expired }
			  salesKpis(input: {scope: $scope, period: DAY, from: $dayFrom}) {
			    rows { start figures { orders paidOrders gmv paidAmount aov itemsPerOrder refunds refundRateByAmount
			      refundRateByOrders newCustomers returningCustomers newCustomerSales returningCustomerSales
			      paymentCycle { medianHours p90Hours orders } shippingCycle { medianHours p90Hours orders } } }
			  }
			}""";

	/** More rounds only lengthen the start. */
	private static final int MAX_ROUNDS = 100;

	private final ExecutionGraphQlService graphQl;

	private final Clock clock;

	private final BusinessCalendar calendar;

	private final int rounds;

	ConsoleWarmUp(ExecutionGraphQlService graphQl, Clock clock, BusinessCalendar calendar,
			@Value("${membergraph.console.warm-up-rounds:3}") int rounds) {
		this.graphQl = graphQl;
		this.clock = clock;
		this.calendar = calendar;
		this.rounds = SettingOutOfBounds.within("membergraph.console.warm-up-rounds", rounds, 0, MAX_ROUNDS);
	}

	@Override
	public void warm() {
		List<String> problems = run();
		if (!problems.isEmpty()) {
			log.warn("Console warm-up: the overview's documents answered errors: " + problems);
		}
	}

	/**
	 * Runs the rounds; the errors the documents answered, if any (a document the schema no longer takes). Each round
	 * runs every page and query once, rather than each page its rounds in a row: code that several of them share
	 * (the GraphQL execution, the columns' scans, the conditions) is compiled again whenever a later page shows it a
	 * case it had not seen (the compilation log shows such code thrown away and compiled again during the warm-up),
	 * so the last round runs every page on code that has already seen all of them.
	 */
	List<String> run() {
		List<String> problems = new java.util.ArrayList<>();
		LocalDate today = calendar.dayOf(clock.instant());
		try {
			signIn("ROLE_MARKETER");
			String launched = firstLaunchedCampaign();
			for (int round = 0; round < rounds; round++) {
				runRound(today, launched, round, round == 0 ? problems : null);
			}
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		return problems;
	}

	/**
	 * One round: every page and query once, as a marketer, then the previews on one member's figures as a CRM
	 * specialist.
	 */
	private void runRound(LocalDate today, String launched, int round, List<String> problems) {
		Map<String, Object> scope = Map.of("asOf", today.toString());
		Map<String, Object> variables = Map.of("scope", scope, "kpiScope", scope, "from", today.withDayOfMonth(1).toString(),
				"fromDate", today.minusDays(90).toString());
		signIn("ROLE_MARKETER");
		for (String name : FIRST_PAGE) {
			run(document(name), name, variables, "warm-up-" + name + "-" + round, problems);
		}
		// The retention and funnel pages, and the API's other analyses.
		Map<String, Object> retention = Map.of("scope", scope, "from", today.minusMonths(11).toString().substring(0, 7),
				"to", today.toString().substring(0, 7), "byChannel", false, "dimension", "PRODUCT");
		Map<String, Object> funnel = Map.of("scope", Map.of("asOf", today.toString(), "lookbackDays", 30),
				"windowDays", 7, "ordered", true, "split", "NONE");
		Map<String, Object> analyses = Map.of("scope", scope, "from", today.minusMonths(11).withDayOfMonth(1).toString(),
				"fromDate", today.minusYears(1).toString(), "dayFrom", today.withDayOfMonth(1).toString());
		run(document("retention"), "retention", retention, "warm-up-retention-" + round, problems);
		run(document("funnel"), "funnel", funnel, "warm-up-funnel-" + round, problems);
		run(OTHER_ANALYSES, "warmAnalyses", analyses, "warm-up-analyses-" + round, problems);
		// The campaigns page and a launched campaign's response, both attributions.
		if (launched != null) {
			for (String attribution : List.of("LAST_TOUCH", "FIRST_TOUCH")) {
				run(document("campaignResponse"), "campaignResponse",
						Map.of("campaignId", launched, "attribution", attribution, "confidence", 0.95),
						"warm-up-campaign-" + round, problems);
			}
		}
		// The segment builder's counts and samples; the previews this principal was shown are its own history.
		for (String query : PREVIEWS) {
			run(PREVIEW, "warmPreview", Map.of("query", query), "warm-up-preview-" + round, problems);
		}
		signIn("ROLE_CRM_SPECIALIST");
		for (String query : PERSONAL_PREVIEWS) {
			run(PREVIEW_IDS, "warmPreviewIds", Map.of("query", query), "warm-up-preview-ids-" + round, problems);
		}
	}

	/** A launched campaign of the campaigns page's list, or null when none has been launched. */
	private String firstLaunchedCampaign() {
		var answer = graphQl.execute(new DefaultExecutionGraphQlRequest(document("campaignList"), "campaignList", Map.of(),
				Map.of(), "warm-up-campaign-list", null)).block(Duration.ofMinutes(2));
		if (answer == null || !answer.isValid()) {
			return null;
		}
		List<Map<String, Object>> edges = answer.field("campaigns.edges").getValue();
		return edges == null ? null : edges.stream()
			.map(edge -> (Map<?, ?>) edge.get("node"))
			.filter(node -> node.get("launchedAt") != null)
			.map(node -> (String) node.get("id"))
			.findFirst()
			.orElse(null);
	}

	private static void signIn(String role) {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("console-warm-up", null,
				AuthorityUtils.createAuthorityList(role)));
		SecurityContextHolder.setContext(context);
	}

	/** Runs one document; its errors go to {@code problems} when given. */
	private void run(String document, String name, Map<String, Object> variables, String id, List<String> problems) {
		var answer = graphQl.execute(new DefaultExecutionGraphQlRequest(document, name, variables, Map.of(), id, null))
			.block(Duration.ofMinutes(2));
		if (answer != null && problems != null) {
			answer.getErrors().forEach(error -> problems.add(name + ": " + error.getMessage()));
		}
	}

	private static String document(String name) {
		try {
			return new ClassPathResource("static/console/graphql/" + name + ".graphql")
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "console overview";
	}

}
