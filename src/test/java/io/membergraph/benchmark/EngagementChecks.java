package io.membergraph.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * The interaction and campaign issue's benchmark: the default funnel, one campaign's response and the top product
 * associations, timed over GraphQL and computed again by DuckDB from the raw tables.
 * <p>
 * The campaign targets members with two or more orders, launches with a 10% control group, and is moved back to
 * 30 days before the end of the generated history (the launch itself stamps the current time) so that the
 * generated orders fall into its measured period; contacts are imported as CSV: every treated member sent, 95%
 * delivered, 30% opened, 8% clicked.
 */
final class EngagementChecks {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final LocalDate END = AnalyticsBenchmark.END;

	static final int FUNNEL_DAYS = 30;

	static final List<String> FUNNEL_STEPS = List.of("visit", "browse", "add_to_cart", "order", "pay");

	static final double MIN_SUPPORT = 0.0001;

	static final double MIN_CONFIDENCE = 0.01;

	private EngagementChecks() {
	}

	/** Saves the audience segment, creates, launches and back-dates the campaign, imports its contacts; its id. */
	static String launchCampaign(ConfigurableApplicationContext context, GraphQlClient graphQl) throws Exception {
		String segment = graphQl.query("mutation { saveSegment(input: {name: \"Benchmark repeat buyers\", "
				+ "query: \"orders(count >= 2)\"}) { segment { id members } errors { code message } } }").get("saveSegment").get("segment").get("id").asString();
		Instant launch = END.minusDays(30).atStartOfDay(ZONE).toInstant();
		String campaign = graphQl.query("mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } } }",
				Map.of("input", Map.of("name", "Benchmark push", "channel", "WECHAT", "startsAt", launch.toString(),
						"endsAt", launch.plusSeconds(14 * 86_400).toString(), "targetSegmentId", segment,
						"controlGroupShare", 0.1, "attributionWindowDays", 7, "cost", "50000.00")))
			.get("createCampaign").get("campaign").get("id").asString();
		graphQl.query("mutation { launchCampaign(input: {campaignId: \"" + campaign + "\"}) { campaign { id } } }");
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(campaign)), Update.update("launchedAt", launch), "campaigns");
		StringBuilder csv = new StringBuilder("memberId,kind,at\n");
		Random random = new Random(7);
		Instant sent = launch.plusSeconds(3_600);
		for (Document chunk : mongo.find(Query.query(Criteria.where("campaignId").is(campaign).and("control").is(false)),
				Document.class, "campaign_audiences")) {
			for (String member : chunk.getList("memberIds", String.class)) {
				csv.append(member).append(",SENT,").append(sent.atZone(ZONE).toOffsetDateTime()).append('\n');
				if (random.nextDouble() < 0.95) {
					csv.append(member).append(",DELIVERED,").append(sent.plusSeconds(60).atZone(ZONE).toOffsetDateTime()).append('\n');
					double engagement = random.nextDouble();
					if (engagement < 0.30) {
						csv.append(member).append(",OPENED,")
							.append(sent.plusSeconds(600 + random.nextInt(86_400)).atZone(ZONE).toOffsetDateTime()).append('\n');
					}
					if (engagement < 0.08) {
						csv.append(member).append(",CLICKED,")
							.append(sent.plusSeconds(90_000).atZone(ZONE).toOffsetDateTime()).append('\n');
					}
				}
			}
		}
		JsonNode recorded = graphQl.postCsv("/api/campaigns/" + campaign + "/contacts", csv.toString());
		System.out.printf("%ncampaign %s launched %s; %s contacts imported%n", campaign, launch, recorded.get("recorded"));
		return campaign;
	}

	static Map<String, String> queries(String campaignId) {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("default funnel (last " + FUNNEL_DAYS + " days, 7-day window)",
				"{ funnel(input: {scope: {asOf: \"" + END + "\", lookbackDays: " + FUNNEL_DAYS + "}}) { entered bottleneck steps { type reached } } }");
		queries.put("campaign response", "{ campaignResponse(input: {campaignId: \"" + campaignId + "\"}) { treated control"
				+ " contacts { sent delivered opened clicked } conversions orders revenue"
				+ " conversionUplift { treated control difference lower upper } revenueUplift { difference lower upper } } }");
		queries.put("top 20 product associations", "{ productAssociations(input: {scope: {asOf: \"" + END + "\"}, minSupport: "
				+ MIN_SUPPORT + ", minConfidence: " + MIN_CONFIDENCE + ", limit: 20}) { orders rules { antecedent consequent orders lift } } }");
		return queries;
	}

	/** Times each query (first call and median) and keeps its answer. */
	static Map<String, JsonNode> time(GraphQlClient graphQl, Map<String, String> queries, int runs,
			ServiceTime inService) throws Exception {
		Map<String, JsonNode> answers = new LinkedHashMap<>();
		System.out.printf("%n| interactions and campaigns | first call | median of %d | median in the service |"
				+ " median of %d once quiet, first / it | heap peak |%n|---|---|---|---|---|---|%n", runs, runs);
		for (Map.Entry<String, String> query : queries.entrySet()) {
			Heap.resetPeaks();
			Timed timed = Timed.of(() -> graphQl.query(query.getValue()), runs, inService, graphQl::wake);
			System.out.printf("| %s | %s | %.3f s | %.3f s | %s | %s |%n", query.getKey(), timed.first(),
					timed.medianSeconds(), timed.serviceMedianSeconds(), timed.firstOverQuietMedian(),
					Heap.mib(Heap.peak()));
			answers.put(query.getKey(), timed.answer());
		}
		// What was measured, so the figures can be read next to the timings.
		answers.forEach((name, answer) -> {
			String text = answer.toString();
			System.out.printf("%s: %s%n", name, text.length() > 600 ? text.substring(0, 600) + "…" : text);
		});
		return answers;
	}

	/** DuckDB's answers to the same three questions, each compared with the application's. */
	static List<String> compare(DuckDbAnswers duckDb, Map<String, JsonNode> answers, String campaignId, int runs)
			throws Exception {
		List<String> differences = new ArrayList<>();
		List<JsonNode> app = new ArrayList<>(answers.values());
		System.out.printf("%n| DuckDB from the raw tables | median of %d | equal |%n|---|---|---|%n", runs);
		duckDb.check("default funnel", runs, () -> funnel(duckDb, app.get(0).get("funnel").get(0)), differences);
		duckDb.check("campaign response", runs, () -> campaign(duckDb, app.get(1).get("campaignResponse"), campaignId),
				differences);
		duckDb.check("top 20 product associations", runs,
				() -> associations(duckDb, app.get(2).get("productAssociations")), differences);
		return differences;
	}

	/**
	 * The ordered funnel as a chain of joins: an actor (member, or visitor; a visitor seen with a member id is that
	 * member) enters at its first step-1 event of the window, and reaches each next step with its first event of that
	 * type at or after the previous step, within 7 days of entering.
	 */
	private static List<String> funnel(DuckDbAnswers duckDb, JsonNode app) throws Exception {
		long start = END.minusDays(FUNNEL_DAYS - 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
		long end = END.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
		long window = 7 * 86_400_000L;
		StringBuilder sql = new StringBuilder("""
				WITH period AS (SELECT * FROM all_interactions WHERE occurred_ms >= %d AND occurred_ms < %d),
				link AS (SELECT visitor_id, arg_min(member_id, occurred_ms) AS member_id FROM period
				         WHERE member_id IS NOT NULL AND visitor_id IS NOT NULL GROUP BY visitor_id),
				ev AS (SELECT coalesce(p.member_id, l.member_id, 'visitor:' || p.visitor_id) AS actor, p.occurred_ms AS t, p.type
				       FROM period p LEFT JOIN link l ON p.member_id IS NULL AND l.visitor_id = p.visitor_id),
				s0 AS (SELECT actor, min(t) AS t0, min(t) AS t FROM ev WHERE type = '%s' GROUP BY actor)
				""".formatted(start, end, FUNNEL_STEPS.get(0)));
		for (int step = 1; step < FUNNEL_STEPS.size(); step++) {
			sql.append(", s%d AS (SELECT s.actor, s.t0, min(e.t) AS t FROM s%d s JOIN ev e ON e.actor = s.actor AND e.type = '%s'"
				.formatted(step, step - 1, FUNNEL_STEPS.get(step)))
				.append(" AND e.t >= s.t AND e.t - s.t0 <= %d GROUP BY s.actor, s.t0)\n".formatted(window));
		}
		List<String> counts = new ArrayList<>();
		for (int step = 0; step < FUNNEL_STEPS.size(); step++) {
			counts.add("(SELECT count(*) FROM s" + step + ")");
		}
		sql.append("SELECT ").append(String.join(", ", counts));
		Object[] row = duckDb.query(sql.toString()).get(0);
		List<String> differences = new ArrayList<>();
		for (int step = 0; step < FUNNEL_STEPS.size(); step++) {
			DuckDbAnswers.equal(differences, FUNNEL_STEPS.get(step) + " reached",
					app.get("steps").get(step).get("reached").asLong(), ((Number) row[step]).longValue());
		}
		return differences;
	}

	/** Buyers of both groups in the measured period, and the orders credited to the campaign by last touch. */
	private static List<String> campaign(DuckDbAnswers duckDb, JsonNode app, String campaignId) throws Exception {
		Object[] row = duckDb.query("""
				WITH c AS (SELECT * FROM campaigns WHERE id = '%1$s'),
				period_orders AS (
				  SELECT o.id, o.member_id, o.placed_ms, o.campaign_id, o.paid - coalesce(r.refunded, 0) AS net
				  FROM orders o LEFT JOIN (SELECT order_id, sum(amount) AS refunded FROM refunds GROUP BY order_id) r ON r.order_id = o.id, c
				  WHERE o.placed_ms >= c.launched_ms AND o.placed_ms < c.ends_ms + c.window_days * 86400000
				    AND o.paid_ms IS NOT NULL AND o.cancelled_ms IS NULL AND o.member_id IS NOT NULL
				    AND o.paid - coalesce(r.refunded, 0) > 0),
				members AS (SELECT member_id, control FROM audience WHERE campaign_id = '%1$s'),
				touches AS (SELECT t.member_id, t.campaign_id, t.at_ms, t.at_ms + w.window_days * 86400000 AS until_ms
				            FROM contacts t JOIN campaigns w ON w.id = t.campaign_id),
				credited AS (
				  SELECT p.member_id, p.net, coalesce(p.campaign_id,
				    (SELECT arg_max(t.campaign_id, t.at_ms) FROM touches t
				     WHERE t.member_id = p.member_id AND t.at_ms <= p.placed_ms AND p.placed_ms < t.until_ms)) AS campaign
				  FROM period_orders p JOIN members m ON m.member_id = p.member_id AND NOT m.control)
				SELECT
				  (SELECT count(*) FROM members WHERE NOT control),
				  (SELECT count(*) FROM members WHERE control),
				  (SELECT count(DISTINCT p.member_id) FROM period_orders p JOIN members m USING (member_id) WHERE NOT m.control),
				  (SELECT count(DISTINCT p.member_id) FROM period_orders p JOIN members m USING (member_id) WHERE m.control),
				  (SELECT count(DISTINCT member_id) FROM credited WHERE campaign = '%1$s'),
				  (SELECT count(*) FROM credited WHERE campaign = '%1$s'),
				  (SELECT coalesce(sum(net), 0) FROM credited WHERE campaign = '%1$s'),
				  (SELECT count(DISTINCT member_id) FROM contacts WHERE campaign_id = '%1$s' AND kind = 'SENT')
				""".formatted(campaignId)).get(0);
		List<String> differences = new ArrayList<>();
		long treated = ((Number) row[0]).longValue();
		long control = ((Number) row[1]).longValue();
		DuckDbAnswers.equal(differences, "treated", app.get("treated").asLong(), treated);
		DuckDbAnswers.equal(differences, "control", app.get("control").asLong(), control);
		DuckDbAnswers.close(differences, "treated buying share", app.get("conversionUplift").get("treated").asDouble(),
				((Number) row[2]).doubleValue() / treated);
		DuckDbAnswers.close(differences, "control buying share", app.get("conversionUplift").get("control").asDouble(),
				((Number) row[3]).doubleValue() / control);
		DuckDbAnswers.equal(differences, "conversions", app.get("conversions").asLong(), ((Number) row[4]).longValue());
		DuckDbAnswers.equal(differences, "orders", app.get("orders").asLong(), ((Number) row[5]).longValue());
		DuckDbAnswers.equal(differences, "revenue", DuckDbAnswers.minor(app.get("revenue")), ((Number) row[6]).longValue());
		DuckDbAnswers.equal(differences, "sent", app.get("contacts").get("sent").asLong(), ((Number) row[7]).longValue());
		return differences;
	}

	/** Pairs counted in paid, not cancelled orders, rules ranked by lift, then confidence, then names. */
	private static List<String> associations(DuckDbAnswers duckDb, JsonNode app) throws Exception {
		List<Object[]> rules = duckDb.query("""
				WITH baskets AS (SELECT DISTINCT l.order_id, l.sku FROM lines l JOIN orders o ON o.id = l.order_id
				                 WHERE o.paid_ms IS NOT NULL AND o.cancelled_ms IS NULL AND l.sku IS NOT NULL),
				n AS (SELECT count(DISTINCT order_id) AS n FROM baskets),
				items AS (SELECT sku, count(*) AS c FROM baskets GROUP BY sku),
				pairs AS (SELECT a.sku AS x, b.sku AS y, count(*) AS together FROM baskets a JOIN baskets b
				          ON a.order_id = b.order_id AND a.sku <> b.sku GROUP BY 1, 2)
				SELECT p.x, p.y, p.together,
				       CAST(p.together AS DOUBLE) / ix.c AS confidence,
				       CAST(p.together AS DOUBLE) * n.n / (CAST(ix.c AS DOUBLE) * iy.c) AS lift
				FROM pairs p JOIN items ix ON ix.sku = p.x JOIN items iy ON iy.sku = p.y, n
				WHERE CAST(p.together AS DOUBLE) / n.n >= %s AND CAST(p.together AS DOUBLE) / ix.c >= %s
				ORDER BY lift DESC, confidence DESC, p.x, p.y LIMIT 20
				""".formatted(MIN_SUPPORT, MIN_CONFIDENCE));
		List<String> differences = new ArrayList<>();
		DuckDbAnswers.equal(differences, "rules", app.get("rules").size(), rules.size());
		for (int i = 0; i < Math.min(rules.size(), app.get("rules").size()); i++) {
			JsonNode rule = app.get("rules").get(i);
			Object[] row = rules.get(i);
			DuckDbAnswers.equal(differences, "rule " + (i + 1),
					rule.get("antecedent").asString() + " -> " + rule.get("consequent").asString() + " in " + rule.get("orders").asLong(),
					row[0] + " -> " + row[1] + " in " + ((Number) row[2]).longValue());
		}
		return differences;
	}

}
