package io.membergraph.benchmark;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Every customer analysis over GraphQL on the embedded store, filled with the demo generator at the given
 * size: the first call after start-up, the median of the following calls, the median of calls made the way the
 * first was (once the JIT compilers are quiet, see {@link Timed}), and the heap; then DuckDB computes the same
 * figures from the raw orders and members in the same run, and the two answers must be equal.
 * <p>
 * Run: {@code mvn -Pbenchmark test-compile exec:exec@analytics -Dbenchmark.analyticsMembers=100000
 * -Dbenchmark.analyticsOrders=1000000 -Dbenchmark.analyticsInteractions=3000000}
 */
public final class AnalyticsBenchmark {

	/** Today in the business zone: the generated history ends here, so relative days in segments find data. */
	static final LocalDate END = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	private AnalyticsBenchmark() {
	}

	public static void main(String[] args) {
		try {
			System.exit(run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
					args.length > 3 ? Integer.parseInt(args[3]) : 5));
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			System.exit(2);
		}
	}

	private static int run(int members, int orders, int interactions, int runs) throws Exception {
		long loadStart = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class).run(
				"--server.port=0", "--membergraph.seed.enabled=true", "--membergraph.seed.members=" + members,
				"--membergraph.seed.orders=" + orders, "--membergraph.seed.interactions=" + interactions,
				"--membergraph.seed.end-date=" + END, "--logging.level.root=warn",
				"--logging.level.io.membergraph=info");
		double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
		long stored = Heap.retained();
		System.out.printf("%nstarted with %,d members, %,d orders, %,d interactions in %.0f s; heap retained %s%n",
				members, orders, interactions, loadSeconds, Heap.mib(stored));
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		GraphQlClient graphQl = new GraphQlClient(port, "admin");
		ServiceTime inService = new ServiceTime(context);

		Map<String, JsonNode> answers = new LinkedHashMap<>();
		System.out.printf("%n| analysis | first call | median of %d | median in the service | median of %d once quiet, first / it |"
				+ " heap peak during the calls |%n|---|---|---|---|---|---|%n", runs, runs);
		for (Map.Entry<String, String> analysis : AnalyticsQueries.ALL.entrySet()) {
			Heap.resetPeaks();
			Timed timed = Timed.of(() -> graphQl.query(analysis.getValue()), runs, inService, graphQl::wake);
			System.out.printf("| %s | %s | %.3f s | %.3f s | %s | %s |%n", analysis.getKey(), timed.first(),
					timed.medianSeconds(), timed.serviceMedianSeconds(), timed.firstOverQuietMedian(),
					Heap.mib(Heap.peak()));
			answers.put(analysis.getKey(), timed.answer());
		}

		// Segments: the RFM segment field reads the latest scoring run, so score first.
		long scoringStart = System.nanoTime();
		graphQl.query("mutation { scoreRfm(input: {scope: " + AnalyticsQueries.SCOPE + "}) { scoring { analysis { members } } errors { code message } } }");
		System.out.printf("%nscoreRfm (scoring and storing every member's RFM): %.3f s%n",
				(System.nanoTime() - scoringStart) / 1e9);
		Map<String, Long> counts = new LinkedHashMap<>();
		System.out.printf("%n| segment preview | query | first call | median of %d | median in the service |"
				+ " median of %d once quiet, first / it | members | heap peak |%n|---|---|---|---|---|---|---|---|%n", runs,
				runs);
		for (Map.Entry<String, String> example : SegmentQueries.EXAMPLES.entrySet()) {
			String preview = "query($q: String!) { previewSegment(query: $q, sample: 10) { members sample { id } } }";
			Map<String, Object> variables = Map.of("q", example.getValue());
			Heap.resetPeaks();
			Timed timed = Timed.of(() -> graphQl.query(preview, variables), runs, inService, graphQl::wake);
			long selected = timed.answer().get("previewSegment").get("members").asLong();
			counts.put(example.getKey(), selected);
			System.out.printf("| %s | `%s` | %s | %.3f s | %.3f s | %s | %,d | %s |%n", example.getKey(),
					example.getValue(), timed.first(), timed.medianSeconds(), timed.serviceMedianSeconds(),
					timed.firstOverQuietMedian(), selected, Heap.mib(Heap.peak()));
		}

		// Interactions and campaigns (issue 7): the default funnel, a campaign's response, product associations.
		String campaign = EngagementChecks.launchCampaign(context, graphQl);
		Map<String, JsonNode> engagement = EngagementChecks.time(graphQl, EngagementChecks.queries(campaign), runs,
				inService);

		// Prediction (issue 8): fit and score at this size, forecasts, clusters.
		PredictionChecks.run(graphQl, END);

		List<String> differences = new ArrayList<>();
		try (DuckDbAnswers duckDb = DuckDbAnswers.load(context)) {
			differences.addAll(duckDb.compare(answers, runs));
			differences.addAll(duckDb.compareSegments(counts, runs));
			differences.addAll(EngagementChecks.compare(duckDb, engagement, campaign, runs));
		}
		context.close();
		if (differences.isEmpty()) {
			System.out.println("\nEvery analysis equals DuckDB's answer from the raw orders.");
			return 0;
		}
		System.out.println("\nDIFFERENCES:");
		differences.forEach(d -> System.out.println("  " + d));
		return 1;
	}

}
