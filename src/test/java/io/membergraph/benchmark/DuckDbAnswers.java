package io.membergraph.benchmark;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The same figures as the analyses, computed by DuckDB in SQL from the raw members, orders, order lines,
 * refunds and tier changes exported from the store: an independent implementation of docs/analytics.md, for
 * the benchmark to check the application's answers against and to time next to it.
 * <p>
 * Days are counted in the business zone, Asia/Shanghai, which has been UTC+8 without daylight saving since
 * 1991: a day number is {@code (epoch millis + 8 h) div 24 h}. DuckDB is on the benchmark's class path only.
 */
final class DuckDbAnswers implements AutoCloseable {

	private static final long ZONE_OFFSET_MS = 8 * 3_600_000L;

	private static final long DAY_MS = 86_400_000L;

	private final Connection duckDb;

	private final Path directory;

	private DuckDbAnswers(Connection duckDb, Path directory) {
		this.duckDb = duckDb;
		this.directory = directory;
	}

	/** Exports the raw collections to CSV and loads them into an in-memory DuckDB. */
	static DuckDbAnswers load(ConfigurableApplicationContext context) throws Exception {
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		Path directory = Files.createTempDirectory("duckdb-analytics-");
		long started = System.nanoTime();
		export(mongo, directory);
		Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
		DuckDbAnswers answers = new DuckDbAnswers(duckDb, directory);
		answers.execute("CREATE TABLE members AS SELECT * FROM read_csv('" + directory.resolve("members.csv")
				+ "', header = true, nullstr = '', columns = {'id': 'VARCHAR', 'joined_ms': 'BIGINT', 'join_channel': 'VARCHAR',"
				+ " 'province': 'VARCHAR', 'city': 'VARCHAR', 'status': 'VARCHAR', 'tier': 'VARCHAR', 'birth_day': 'BIGINT',"
				+ " 'sms': 'BOOLEAN', 'tags': 'VARCHAR', 'channels': 'VARCHAR'})");
		answers.execute("CREATE TABLE all_interactions AS SELECT * FROM read_csv('" + directory.resolve("interactions.csv")
				+ "', header = true, nullstr = '', columns = {'member_id': 'VARCHAR', 'visitor_id': 'VARCHAR',"
				+ " 'occurred_ms': 'BIGINT', 'type': 'VARCHAR', 'channel': 'VARCHAR'})");
		answers.execute("CREATE TABLE interactions AS SELECT member_id, occurred_ms, type FROM all_interactions"
				+ " WHERE member_id IS NOT NULL");
		answers.execute("CREATE TABLE contacts AS SELECT * FROM read_csv('" + directory.resolve("contacts.csv")
				+ "', header = true, nullstr = '', columns = {'campaign_id': 'VARCHAR', 'member_id': 'VARCHAR', 'kind': 'VARCHAR',"
				+ " 'at_ms': 'BIGINT'})");
		answers.execute("CREATE TABLE audience AS SELECT * FROM read_csv('" + directory.resolve("audience.csv")
				+ "', header = true, nullstr = '', columns = {'campaign_id': 'VARCHAR', 'member_id': 'VARCHAR', 'control': 'BOOLEAN'})");
		answers.execute("CREATE TABLE campaigns AS SELECT * FROM read_csv('" + directory.resolve("campaigns.csv")
				+ "', header = true, nullstr = '', columns = {'id': 'VARCHAR', 'window_days': 'BIGINT', 'launched_ms': 'BIGINT',"
				+ " 'ends_ms': 'BIGINT'})");
		answers.execute("CREATE TABLE accounts AS SELECT * FROM read_csv('" + directory.resolve("accounts.csv")
				+ "', header = true, nullstr = '', columns = {'member_id': 'VARCHAR', 'balance': 'BIGINT'})");
		answers.execute("CREATE TABLE lots AS SELECT * FROM read_csv('" + directory.resolve("lots.csv")
				+ "', header = true, nullstr = '', columns = {'member_id': 'VARCHAR', 'expires_ms': 'BIGINT', 'remaining': 'BIGINT'})");
		answers.execute("CREATE TABLE rfm AS SELECT * FROM read_csv('" + directory.resolve("rfm.csv")
				+ "', header = true, nullstr = '', columns = {'member_id': 'VARCHAR', 'segment': 'VARCHAR'})");
		answers.execute("CREATE TABLE orders AS SELECT * FROM read_csv('" + directory.resolve("orders.csv")
				+ "', header = true, nullstr = '', columns = {'id': 'VARCHAR', 'member_id': 'VARCHAR', 'placed_ms': 'BIGINT',"
				+ " 'paid_ms': 'BIGINT', 'shipped_ms': 'BIGINT', 'delivered_ms': 'BIGINT', 'cancelled_ms': 'BIGINT',"
				+ " 'paid': 'BIGINT', 'campaign_id': 'VARCHAR', 'discount': 'BIGINT'})");
		answers.execute("CREATE TABLE lines AS SELECT * FROM read_csv('" + directory.resolve("lines.csv")
				+ "', header = true, nullstr = '', columns = {'order_id': 'VARCHAR', 'sku': 'VARCHAR', 'category': 'VARCHAR',"
				+ " 'quantity': 'BIGINT', 'amount': 'BIGINT'})");
		answers.execute("CREATE TABLE refunds AS SELECT * FROM read_csv('" + directory.resolve("refunds.csv")
				+ "', header = true, nullstr = '', columns = {'order_id': 'VARCHAR', 'refunded_ms': 'BIGINT', 'amount': 'BIGINT'})");
		answers.execute("CREATE TABLE tier_changes AS SELECT * FROM read_csv('" + directory.resolve("tier_changes.csv")
				+ "', header = true, nullstr = '', columns = {'id': 'VARCHAR', 'member_id': 'VARCHAR', 'at_ms': 'BIGINT', 'to_tier': 'VARCHAR'})");
		answers.defineCountedOrders();
		System.out.printf("%nDuckDB: raw tables exported and loaded in %.0f s%n", (System.nanoTime() - started) / 1e9);
		return answers;
	}

	private static void export(MongoTemplate mongo, Path directory) throws Exception {
		try (BufferedWriter out = csv(directory, "members.csv",
				"id,joined_ms,join_channel,province,city,status,tier,birth_day,sms,tags,channels")) {
			for (Document m : mongo.getCollection("members").find().batchSize(1_000)) {
				Document region = m.get("region", Document.class);
				Document consent = m.get("consent", Document.class);
				Document sms = consent == null ? null : consent.get("SMS", Document.class);
				Set<String> channels = new TreeSet<>();
				if (m.getString("joinChannel") != null) {
					channels.add(m.getString("joinChannel"));
				}
				m.getList("identities", Document.class, List.of()).forEach(i -> channels.add(i.getString("channel")));
				Date birth = (Date) m.get("birthDate");
				row(out, m.getString("_id"), millis(m.get("joinedAt")), m.getString("joinChannel"),
						region == null ? null : region.getString("province"), region == null ? null : region.getString("city"),
						m.getString("status"), m.getString("tierCode"),
						birth == null ? null : birth.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay(),
						sms == null ? null : sms.getBoolean("granted"), String.join("|", m.getList("tags", String.class, List.of())),
						String.join("|", channels));
			}
		}
		try (BufferedWriter out = csv(directory, "interactions.csv", "member_id,visitor_id,occurred_ms,type,channel")) {
			for (Document i : mongo.getCollection("interactions").find().projection(new Document("memberId", 1)
				.append("visitorId", 1).append("occurredAt", 1).append("type", 1).append("channel", 1)).batchSize(1_000)) {
				row(out, i.getString("memberId"), i.getString("visitorId"), millis(i.get("occurredAt")),
						i.getString("type").toLowerCase(), i.getString("channel"));
			}
		}
		exportCampaigns(mongo, directory);
		try (BufferedWriter accounts = csv(directory, "accounts.csv", "member_id,balance");
				BufferedWriter lots = csv(directory, "lots.csv", "member_id,expires_ms,remaining")) {
			for (Document a : mongo.getCollection("points_accounts").find().batchSize(1_000)) {
				row(accounts, a.getString("_id"), number(a.get("balance")));
				for (Document lot : a.getList("lots", Document.class, List.of())) {
					row(lots, a.getString("_id"), millis(lot.get("expiresAt")), number(lot.get("remaining")));
				}
			}
		}
		try (BufferedWriter out = csv(directory, "rfm.csv", "member_id,segment")) {
			for (Document score : mongo.getCollection("member_scores").find().batchSize(1_000)) {
				Document rfm = score.get("rfm", Document.class);
				if (rfm != null) {
					row(out, score.getString("_id"), rfm.getString("segment"));
				}
			}
		}
		try (BufferedWriter orders = csv(directory, "orders.csv",
				"id,member_id,placed_ms,paid_ms,shipped_ms,delivered_ms,cancelled_ms,paid,campaign_id,discount");
				BufferedWriter lines = csv(directory, "lines.csv", "order_id,sku,category,quantity,amount");
				BufferedWriter refunds = csv(directory, "refunds.csv", "order_id,refunded_ms,amount")) {
			for (Document o : mongo.getCollection("orders").find().batchSize(1_000)) {
				String id = o.getString("_id");
				row(orders, id, o.getString("memberId"), millis(o.get("placedAt")), millis(o.get("paidAt")),
						millis(o.get("shippedAt")), millis(o.get("deliveredAt")), millis(o.get("cancelledAt")),
						number(o.get("paidAmount")), o.getString("campaignId"), number(o.get("discount")));
				for (Document line : o.getList("lines", Document.class, List.of())) {
					row(lines, id, line.getString("sku"), line.getString("category"), number(line.get("quantity")),
							number(line.get("amount")));
				}
				for (Document refund : o.getList("refunds", Document.class, List.of())) {
					row(refunds, id, millis(refund.get("refundedAt")), number(refund.get("amount")));
				}
			}
		}
		try (BufferedWriter out = csv(directory, "tier_changes.csv", "id,member_id,at_ms,to_tier")) {
			for (Document c : mongo.getCollection("tier_changes").find().batchSize(1_000)) {
				row(out, c.getString("_id"), c.getString("memberId"), millis(c.get("at")), c.getString("to"));
			}
		}
	}

	/** The counted orders as of an end instant, and the day numbers they fall on: docs/analytics.md. */
	/** Launched campaigns with their fixed audiences and recorded contacts. */
	private static void exportCampaigns(MongoTemplate mongo, Path directory) throws Exception {
		try (BufferedWriter out = csv(directory, "contacts.csv", "campaign_id,member_id,kind,at_ms")) {
			for (Document c : mongo.getCollection("campaign_contacts").find().batchSize(1_000)) {
				row(out, c.getString("campaignId"), c.getString("memberId"), c.getString("kind"), millis(c.get("at")));
			}
		}
		try (BufferedWriter out = csv(directory, "audience.csv", "campaign_id,member_id,control")) {
			for (Document chunk : mongo.getCollection("campaign_audiences").find().batchSize(10)) {
				for (String member : chunk.getList("memberIds", String.class)) {
					row(out, chunk.getString("campaignId"), member, chunk.getBoolean("control"));
				}
			}
		}
		try (BufferedWriter out = csv(directory, "campaigns.csv", "id,window_days,launched_ms,ends_ms")) {
			for (Document c : mongo.getCollection("campaigns").find(new Document("launchedAt", new Document("$ne", null)))) {
				row(out, c.getString("_id"), number(c.get("attributionWindowDays")), millis(c.get("launchedAt")),
						millis(c.get("endsAt")));
			}
		}
	}

	private void defineCountedOrders() throws SQLException {
		execute("CREATE TABLE order_lines AS SELECT order_id, sum(amount) AS gmv FROM lines GROUP BY order_id");
		execute("CREATE MACRO day_of(ms) AS (ms + " + ZONE_OFFSET_MS + ") // " + DAY_MS);
		execute("CREATE MACRO month_of(ms) AS (year(DATE '1970-01-01' + CAST(day_of(ms) AS INTEGER)) * 12"
				+ " + month(DATE '1970-01-01' + CAST(day_of(ms) AS INTEGER)) - 1)");
		execute("CREATE MACRO refunded_before(end_ms) AS TABLE SELECT order_id, sum(amount) AS refunded FROM refunds"
				+ " WHERE refunded_ms < end_ms GROUP BY order_id");
		execute("""
				CREATE MACRO counted(end_ms) AS TABLE
				SELECT o.id, o.member_id, o.placed_ms, day_of(o.placed_ms) AS day, month_of(o.placed_ms) AS month,
				       o.paid - coalesce(r.refunded, 0) AS net
				FROM orders o
				JOIN members m ON m.id = o.member_id AND m.status IS DISTINCT FROM 'MERGED'
				LEFT JOIN refunded_before(end_ms) r ON r.order_id = o.id
				WHERE o.paid_ms IS NOT NULL AND o.cancelled_ms IS NULL AND o.placed_ms < end_ms
				  AND (o.paid = 0 OR coalesce(r.refunded, 0) < o.paid)
				""");
	}

	/** Times each DuckDB answer and compares it with the application's; returns the differences found. */
	List<String> compare(Map<String, JsonNode> answers, int runs) throws Exception {
		List<String> differences = new ArrayList<>();
		long end = AnalyticsBenchmark.END.plusDays(1).atStartOfDay(ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
		long asOfDay = AnalyticsBenchmark.END.toEpochDay();
		System.out.printf("%n| analysis | DuckDB, median of %d | equal |%n|---|---|---|%n", runs);
		check("rfm", runs, () -> rfm(answers.get("rfm").get("rfm"), end, asOfDay), differences);
		check("valueMatrix", runs, () -> valueMatrix(answers.get("valueMatrix").get("valueMatrix"), end), differences);
		check("lifecycle", runs, () -> lifecycle(answers.get("lifecycle").get("lifecycle"), end, asOfDay), differences);
		check("cohortRetention", runs, () -> cohorts(answers.get("cohortRetention").get("cohortRetention"), end),
				differences);
		check("repurchase", runs, () -> repurchase(answers.get("repurchase").get("repurchase"), end), differences);
		check("memberBase", runs, () -> memberBase(answers.get("memberBase").get("memberBase"), end), differences);
		check("salesKpis", runs, () -> salesKpis(answers.get("salesKpis").get("salesKpis"), end), differences);
		return differences;
	}

	/** Counts the members of each example segment in SQL and compares with the previews' counts. */
	List<String> compareSegments(Map<String, Long> app, int runs) throws Exception {
		List<String> differences = new ArrayList<>();
		LocalDate today = AnalyticsBenchmark.END;
		long end = today.plusDays(1).atStartOfDay(ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
		long day = today.toEpochDay();
		String live = "m.status IS DISTINCT FROM 'MERGED'";
		Map<String, String> sql = new LinkedHashMap<>();
		sql.put("tier, region and age", "SELECT count(*) FROM members m WHERE " + live + " AND m.tier IN ('GOLD','PLATINUM')"
				+ " AND m.province = '广东' AND m.birth_day IS NOT NULL AND date_sub('year', DATE '1970-01-01' + CAST(m.birth_day AS"
				+ " INTEGER), DATE '" + today + "') BETWEEN 25 AND 35");
		sql.put("frequent buyers gone quiet", ("WITH c AS (SELECT * FROM counted(%d)) SELECT count(*) FROM (SELECT member_id FROM c"
				+ " WHERE day >= %d GROUP BY 1 HAVING count(*) >= 3 AND sum(net) > 100000) WHERE member_id NOT IN"
				+ " (SELECT member_id FROM c WHERE day >= %d)").formatted(end, day - 180, day - 60));
		sql.put("skincare without SK-1001", ("WITH c AS (SELECT c.member_id, c.day, l.sku, l.category FROM counted(%d) c JOIN lines l"
				+ " ON l.order_id = c.id) SELECT count(DISTINCT member_id) FROM c WHERE category = 'skincare' AND day >= %d"
				+ " AND member_id NOT IN (SELECT member_id FROM c WHERE sku = 'SK-1001')")
			.formatted(end, today.minusMonths(12).toEpochDay()));
		sql.put("abandoned carts", ("SELECT count(*) FROM (SELECT i.member_id FROM interactions i JOIN members m ON m.id = i.member_id"
				+ " AND " + live + " WHERE i.type = 'add_to_cart' AND day_of(i.occurred_ms) BETWEEN %d AND %d GROUP BY 1"
				+ " HAVING count(*) >= 2) WHERE member_id NOT IN (SELECT member_id FROM counted(%d) WHERE day >= %d)")
			.formatted(day - 7, day, end, day - 7));
		sql.put("win back or at risk", ("WITH b AS (SELECT member_id, min(day) AS first, max(day) AS last FROM counted(%d) GROUP BY 1),"
				+ " stages AS (SELECT m.id, CASE WHEN b.member_id IS NULL THEN 'PROSPECT' WHEN %d - first < 30 THEN 'NEW'"
				+ " WHEN %d - last <= 90 THEN 'ACTIVE' WHEN %d - last <= 180 THEN 'AT_RISK' WHEN %d - last <= 365 THEN 'LAPSED'"
				+ " ELSE 'CHURNED' END AS stage FROM members m LEFT JOIN b ON b.member_id = m.id WHERE " + live
				+ " AND m.joined_ms < %d) SELECT count(*) FROM members m LEFT JOIN stages s ON s.id = m.id LEFT JOIN rfm r"
				+ " ON r.member_id = m.id WHERE " + live + " AND (r.segment = 'IMPORTANT_WIN_BACK' OR s.stage IN ('AT_RISK','LAPSED'))")
			.formatted(end, day, day, day, day, end));
		sql.put("points about to expire", ("SELECT count(*) FROM members m JOIN accounts a ON a.member_id = m.id WHERE " + live
				+ " AND a.balance > 5000 AND (SELECT coalesce(sum(remaining), 0) FROM lots WHERE lots.member_id = m.id"
				+ " AND lots.expires_ms < %d) > 0").formatted(end + 30 * DAY_MS));
		sql.put("SMS consent", "SELECT count(*) FROM members m WHERE " + live + " AND m.sms");
		sql.put("vip tag", "SELECT count(*) FROM members m WHERE " + live + " AND list_contains(string_split(m.tags, '|'), 'vip')");
		sql.put("on Tmall", "SELECT count(*) FROM members m WHERE " + live
				+ " AND list_contains(string_split(m.channels, '|'), 'TMALL')");
		sql.put("joined since 2025", "SELECT count(*) FROM members m WHERE " + live + " AND day_of(m.joined_ms) >= "
				+ LocalDate.of(2025, 1, 1).toEpochDay());
		System.out.printf("%n| segment | DuckDB, median of %d | members | equal |%n|---|---|---|---|%n", runs);
		for (Map.Entry<String, String> query : sql.entrySet()) {
			double[] seconds = new double[runs];
			long count = 0;
			for (int i = 0; i < runs; i++) {
				long start = System.nanoTime();
				count = ((Number) query(query.getValue()).get(0)[0]).longValue();
				seconds[i] = (System.nanoTime() - start) / 1e9;
			}
			Arrays.sort(seconds);
			boolean same = Objects.equals(app.get(query.getKey()), count);
			System.out.printf("| %s | %.3f s | %,d | %s |%n", query.getKey(), seconds[runs / 2], count, same ? "yes" : "NO");
			if (!same) {
				differences.add("segment " + query.getKey() + ": application " + app.get(query.getKey()) + ", DuckDB " + count);
			}
		}
		return differences;
	}

	interface Answer {

		List<String> differences() throws Exception;

	}

	void check(String name, int runs, Answer answer, List<String> differences) throws Exception {
		double[] seconds = new double[runs];
		List<String> found = List.of();
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			found = answer.differences();
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		Arrays.sort(seconds);
		System.out.printf("| %s | %.3f s | %s |%n", name, seconds[runs / 2], found.isEmpty() ? "yes" : "NO");
		found.forEach(d -> differences.add(name + ": " + d));
	}

	private List<String> rfm(JsonNode app, long end, long asOfDay) throws SQLException {
		List<String> differences = new ArrayList<>();
		List<Object[]> refs = query("""
				WITH b AS (SELECT member_id, %d - max(day) AS r, count(*) AS f, sum(net) AS m FROM counted(%d) GROUP BY 1)
				SELECT avg(r), avg(f), avg(m), count(*), sum(m) FROM b
				""".formatted(asOfDay, end));
		Object[] ref = refs.get(0);
		close(differences, "recencyReference", app.get("recencyReference").asDouble(), ((Number) ref[0]).doubleValue());
		close(differences, "frequencyReference", app.get("frequencyReference").asDouble(), ((Number) ref[1]).doubleValue());
		equal(differences, "monetaryReference", minor(app.get("monetaryReference")), Math.round(((Number) ref[2]).doubleValue()));
		equal(differences, "members", app.get("members").asLong(), ((Number) ref[3]).longValue());
		equal(differences, "spend", minor(app.get("spend")), ((Number) ref[4]).longValue());
		List<Object[]> segments = query("""
				WITH b AS (SELECT member_id, %d - max(day) AS r, count(*) AS f, sum(net) AS m FROM counted(%d) GROUP BY 1),
				     refs AS (SELECT avg(r) AS ar, avg(f) AS af, avg(m) AS am FROM b)
				SELECT CASE WHEN m >= am THEN 'IMPORTANT_' ELSE 'GENERAL_' END
				       || CASE WHEN r <= ar AND f >= af THEN 'VALUE' WHEN r <= ar THEN 'DEVELOPMENT'
				               WHEN f >= af THEN 'RETENTION' ELSE 'WIN_BACK' END AS segment,
				       count(*), sum(m)
				FROM b, refs GROUP BY 1
				""".formatted(asOfDay, end));
		for (JsonNode segment : app.get("segments")) {
			Object[] row = find(segments, segment.get("segment").asString());
			equal(differences, segment.get("segment").asString() + " members", segment.get("members").asLong(),
					row == null ? 0 : ((Number) row[1]).longValue());
			equal(differences, segment.get("segment").asString() + " spend", minor(segment.get("spend")),
					row == null ? 0 : ((Number) row[2]).longValue());
		}
		return differences;
	}

	private List<String> valueMatrix(JsonNode app, long end) throws SQLException {
		List<String> differences = new ArrayList<>();
		List<Object[]> quadrants = query("""
				WITH b AS (SELECT member_id, count(*) AS f, sum(net) AS m, sum(net) / count(*) AS aov FROM counted(%d) GROUP BY 1),
				     refs AS (SELECT avg(aov) AS raov, avg(f) AS rf FROM b)
				SELECT CASE WHEN aov >= raov AND f >= rf THEN 'PREMIUM' WHEN f >= rf THEN 'FREQUENT'
				            WHEN aov >= raov THEN 'BIG_TICKET' ELSE 'UNCERTAIN' END AS type,
				       count(*), sum(f), sum(m), any_value(raov), any_value(rf)
				FROM b, refs GROUP BY 1
				""".formatted(end));
		double frequencyReference = quadrants.isEmpty() ? 0 : ((Number) quadrants.get(0)[5]).doubleValue();
		close(differences, "frequencyReference", app.get("frequencyReference").asDouble(), frequencyReference);
		long aov = quadrants.isEmpty() ? 0 : Math.round(((Number) quadrants.get(0)[4]).doubleValue());
		equal(differences, "aovReference", minor(app.get("aovReference")), aov);
		for (JsonNode quadrant : app.get("quadrants")) {
			String type = quadrant.get("type").asString();
			Object[] row = find(quadrants, type);
			equal(differences, type + " members", quadrant.get("members").asLong(), row == null ? 0 : ((Number) row[1]).longValue());
			equal(differences, type + " orders", quadrant.get("orders").asLong(), row == null ? 0 : ((Number) row[2]).longValue());
			equal(differences, type + " spend", minor(quadrant.get("spend")), row == null ? 0 : ((Number) row[3]).longValue());
		}
		return differences;
	}

	private List<String> lifecycle(JsonNode app, long end, long asOfDay) throws SQLException {
		List<String> differences = new ArrayList<>();
		List<Object[]> stages = query("""
				WITH b AS (SELECT member_id, min(day) AS first, max(day) AS last FROM counted(%d) GROUP BY 1)
				SELECT CASE WHEN b.member_id IS NULL THEN 'PROSPECT' WHEN %d - first < 30 THEN 'NEW'
				            WHEN %d - last <= 90 THEN 'ACTIVE' WHEN %d - last <= 180 THEN 'AT_RISK'
				            WHEN %d - last <= 365 THEN 'LAPSED' ELSE 'CHURNED' END AS stage, count(*)
				FROM members m LEFT JOIN b ON b.member_id = m.id
				WHERE m.status IS DISTINCT FROM 'MERGED' AND m.joined_ms < %d
				GROUP BY 1
				""".formatted(end, asOfDay, asOfDay, asOfDay, asOfDay, end));
		long members = stages.stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
		equal(differences, "members", app.get("members").asLong(), members);
		for (JsonNode stage : app.get("stages")) {
			Object[] row = find(stages, stage.get("stage").asString());
			equal(differences, stage.get("stage").asString(), stage.get("members").asLong(),
					row == null ? 0 : ((Number) row[1]).longValue());
		}
		return differences;
	}

	private List<String> cohorts(JsonNode app, long end) throws SQLException {
		List<String> differences = new ArrayList<>();
		int asOfMonth = AnalyticsBenchmark.END.getYear() * 12 + AnalyticsBenchmark.END.getMonthValue() - 1;
		List<Object[]> rows = query("""
				WITH c AS (SELECT * FROM counted(%d)),
				     cohort AS (SELECT member_id, min(month) AS cohort FROM c GROUP BY 1),
				     sizes AS (SELECT cohort, count(*) AS size FROM cohort WHERE cohort BETWEEN %d AND %d GROUP BY 1),
				     offsets AS (SELECT cohort, size, unnest(range(0, least(12, %d - cohort) + 1)) AS k FROM sizes),
				     bought AS (SELECT DISTINCT c.member_id, h.cohort, c.month - h.cohort AS k FROM c JOIN cohort h USING (member_id)),
				     counts AS (SELECT cohort, k, count(*) AS n FROM bought GROUP BY 1, 2)
				SELECT o.cohort, o.size, list(coalesce(n.n, 0) ORDER BY o.k)
				FROM offsets o LEFT JOIN counts n USING (cohort, k)
				GROUP BY o.cohort, o.size ORDER BY o.cohort
				""".formatted(end, asOfMonth - 11, asOfMonth, asOfMonth));
		JsonNode cohorts = app.get("cohorts");
		equal(differences, "cohorts", cohorts.size(), rows.size());
		for (int i = 0; i < Math.min(cohorts.size(), rows.size()); i++) {
			JsonNode cohort = cohorts.get(i);
			Object[] row = rows.get(i);
			int month = ((Number) row[0]).intValue();
			String name = String.format("%04d-%02d", month / 12, month % 12 + 1);
			equal(differences, "cohort " + i, cohort.get("month").asString(), name);
			equal(differences, name + " size", cohort.get("size").asLong(), ((Number) row[1]).longValue());
			List<Long> retained = new ArrayList<>();
			cohort.get("retained").forEach(n -> retained.add(n.asLong()));
			equal(differences, name + " retained", retained, longs(row[2]));
		}
		return differences;
	}

	private List<String> repurchase(JsonNode app, long end) throws SQLException {
		List<String> differences = new ArrayList<>();
		List<Object[]> items = query("""
				WITH days AS (SELECT DISTINCT c.member_id, l.sku, c.day FROM counted(%d) c JOIN lines l ON l.order_id = c.id),
				     gaps AS (SELECT sku, member_id, day - lag(day) OVER (PARTITION BY member_id, sku ORDER BY day) AS gap FROM days),
				     per_member AS (SELECT sku, member_id, count(*) AS days FROM days GROUP BY 1, 2),
				     per_item AS (SELECT sku, count(*) AS buyers, count(*) FILTER (WHERE days > 1) AS repeat FROM per_member GROUP BY 1),
				     intervals AS (SELECT sku, quantile_cont(gap, 0.5) AS median, avg(gap) AS mean FROM gaps WHERE gap IS NOT NULL GROUP BY 1)
				SELECT p.sku, p.buyers, p.repeat, i.median, i.mean, (SELECT count(*) FROM per_item) AS items
				FROM per_item p LEFT JOIN intervals i USING (sku)
				ORDER BY p.repeat DESC, p.repeat / p.buyers DESC, p.sku
				LIMIT 20
				""".formatted(end));
		equal(differences, "items", app.get("items").asLong(), items.isEmpty() ? 0 : ((Number) items.get(0)[5]).longValue());
		JsonNode top = app.get("top");
		equal(differences, "top size", top.size(), items.size());
		for (int i = 0; i < Math.min(top.size(), items.size()); i++) {
			JsonNode item = top.get(i);
			Object[] row = items.get(i);
			equal(differences, "top " + i, item.get("key").asString(), row[0]);
			equal(differences, row[0] + " buyers", item.get("buyers").asLong(), ((Number) row[1]).longValue());
			equal(differences, row[0] + " repeatBuyers", item.get("repeatBuyers").asLong(), ((Number) row[2]).longValue());
			if (row[3] != null) {
				close(differences, row[0] + " medianInterval", item.get("medianInterval").asDouble(), ((Number) row[3]).doubleValue());
				close(differences, row[0] + " meanInterval", item.get("meanInterval").asDouble(), ((Number) row[4]).doubleValue());
			}
		}
		return differences;
	}

	private List<String> memberBase(JsonNode app, long end) throws SQLException {
		List<String> differences = new ArrayList<>();
		String perMember = """
				WITH tiers AS (SELECT member_id, to_tier AS tier FROM (SELECT *, row_number() OVER
				                   (PARTITION BY member_id ORDER BY at_ms DESC, id DESC) AS latest
				               FROM tier_changes WHERE at_ms < %d) WHERE latest = 1),
				     spend AS (SELECT member_id, count(*) AS orders, sum(net) AS spend FROM counted(%d) GROUP BY 1),
				     base AS (SELECT m.id, coalesce(t.tier, '(none)') AS tier, coalesce(m.province, '(unknown)') AS province,
				                     s.orders, s.spend
				              FROM members m LEFT JOIN tiers t ON t.member_id = m.id LEFT JOIN spend s ON s.member_id = m.id
				              WHERE m.status IS DISTINCT FROM 'MERGED' AND m.joined_ms < %d)
				""".formatted(end, end, end);
		for (String dimension : List.of("tier", "province")) {
			List<Object[]> rows = query(perMember + "SELECT " + dimension + ", count(*), count(orders), coalesce(sum(orders), 0),"
					+ " coalesce(sum(spend), 0) FROM base GROUP BY 1 ORDER BY 1");
			JsonNode shares = app.get(dimension.equals("tier") ? "tiers" : "provinces");
			equal(differences, dimension + " groups", shares.size(), rows.size());
			for (JsonNode share : shares) {
				Object[] row = find(rows, share.get("key").asString());
				String key = dimension + " " + share.get("key").asString();
				if (row == null) {
					differences.add(key + ": missing in DuckDB");
					continue;
				}
				equal(differences, key + " members", share.get("members").asLong(), ((Number) row[1]).longValue());
				equal(differences, key + " buyers", share.get("buyers").asLong(), ((Number) row[2]).longValue());
				equal(differences, key + " orders", share.get("orders").asLong(), ((Number) row[3]).longValue());
				equal(differences, key + " spend", minor(share.get("spend")), ((Number) row[4]).longValue());
			}
		}
		List<Object[]> guests = query("""
				SELECT count(*), coalesce(sum(o.paid - coalesce(r.refunded, 0)), 0)
				FROM orders o LEFT JOIN refunded_before(%d) r ON r.order_id = o.id
				WHERE o.member_id IS NULL AND o.paid_ms IS NOT NULL AND o.cancelled_ms IS NULL AND o.placed_ms < %d
				  AND (o.paid = 0 OR coalesce(r.refunded, 0) < o.paid)
				""".formatted(end, end));
		JsonNode sales = app.get("sales");
		equal(differences, "guestOrders", sales.get("guestOrders").asLong(), ((Number) guests.get(0)[0]).longValue());
		equal(differences, "guestSpend", minor(sales.get("guestSpend")), ((Number) guests.get(0)[1]).longValue());
		List<Object[]> members = query("SELECT count(*), coalesce(sum(net), 0) FROM counted(%d)".formatted(end));
		equal(differences, "memberOrders", sales.get("memberOrders").asLong(), ((Number) members.get(0)[0]).longValue());
		equal(differences, "memberSpend", minor(sales.get("memberSpend")), ((Number) members.get(0)[1]).longValue());
		return differences;
	}

	private List<String> salesKpis(JsonNode app, long end) throws SQLException {
		List<String> differences = new ArrayList<>();
		long firstDay = AnalyticsBenchmark.END.withDayOfMonth(1).toEpochDay();
		List<Object[]> days = query("""
				WITH firsts AS (SELECT member_id, min(day) AS first FROM counted(%d) GROUP BY 1),
				     o AS (SELECT o.*, day_of(o.placed_ms) AS day, g.gmv, coalesce(r.refunded, 0) AS refunded,
				                  o.paid_ms IS NOT NULL AND o.paid_ms < %d AS is_paid, f.first
				           FROM orders o LEFT JOIN order_lines g ON g.order_id = o.id
				           LEFT JOIN refunded_before(%d) r ON r.order_id = o.id
				           LEFT JOIN firsts f ON f.member_id = o.member_id
				           WHERE o.cancelled_ms IS NULL AND o.placed_ms < %d AND day_of(o.placed_ms) >= %d)
				SELECT day, count(*), count(*) FILTER (WHERE is_paid), coalesce(sum(gmv), 0),
				       coalesce(sum(paid) FILTER (WHERE is_paid), 0), coalesce(sum(refunded) FILTER (WHERE is_paid), 0),
				       count(DISTINCT member_id) FILTER (WHERE is_paid AND first = day),
				       count(DISTINCT member_id) FILTER (WHERE is_paid AND first IS DISTINCT FROM day),
				       quantile_cont(((paid_ms - placed_ms) // 60000) / 60.0, 0.5) FILTER (WHERE is_paid AND paid_ms >= placed_ms),
				       list_sort(list(((paid_ms - placed_ms) // 60000) / 60.0) FILTER (WHERE is_paid AND paid_ms >= placed_ms))
				FROM o GROUP BY day ORDER BY day
				""".formatted(end, end, end, end, firstDay));
		JsonNode rows = app.get("rows");
		equal(differences, "days", rows.size(), days.size());
		for (int i = 0; i < Math.min(rows.size(), days.size()); i++) {
			JsonNode figures = rows.get(i).get("figures");
			Object[] day = days.get(i);
			String name = LocalDate.ofEpochDay(((Number) day[0]).longValue()).toString();
			equal(differences, "day " + i, rows.get(i).get("start").asString(), name);
			equal(differences, name + " orders", figures.get("orders").asLong(), ((Number) day[1]).longValue());
			equal(differences, name + " paidOrders", figures.get("paidOrders").asLong(), ((Number) day[2]).longValue());
			equal(differences, name + " gmv", minor(figures.get("gmv")), ((Number) day[3]).longValue());
			equal(differences, name + " paidAmount", minor(figures.get("paidAmount")), ((Number) day[4]).longValue());
			equal(differences, name + " refunds", minor(figures.get("refunds")), ((Number) day[5]).longValue());
			equal(differences, name + " newCustomers", figures.get("newCustomers").asLong(), ((Number) day[6]).longValue());
			equal(differences, name + " returningCustomers", figures.get("returningCustomers").asLong(),
					((Number) day[7]).longValue());
			JsonNode cycle = figures.get("paymentCycle");
			List<Double> hours = doubles(day[9]);
			equal(differences, name + " paymentCycle orders", cycle.get("orders").asLong(), (long) hours.size());
			if (!hours.isEmpty()) {
				close(differences, name + " payment median", cycle.get("medianHours").asDouble(), ((Number) day[8]).doubleValue());
				close(differences, name + " payment p90", cycle.get("p90Hours").asDouble(),
						hours.get((int) Math.ceil(0.9 * hours.size()) - 1));
			}
		}
		return differences;
	}

	List<Object[]> query(String sql) throws SQLException {
		List<Object[]> rows = new ArrayList<>();
		try (Statement statement = duckDb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			ResultSetMetaData meta = result.getMetaData();
			while (result.next()) {
				Object[] row = new Object[meta.getColumnCount()];
				for (int i = 0; i < row.length; i++) {
					Object value = result.getObject(i + 1);
					row[i] = value instanceof java.sql.Array array ? Arrays.asList((Object[]) array.getArray()) : value;
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = duckDb.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Object[] find(List<Object[]> rows, String key) {
		return rows.stream().filter(r -> key.equals(String.valueOf(r[0]))).findFirst().orElse(null);
	}

	private static List<Long> longs(Object list) {
		return ((List<?>) list).stream().map(n -> ((Number) n).longValue()).toList();
	}

	private static List<Double> doubles(Object list) {
		return list == null ? List.of() : ((List<?>) list).stream().map(n -> ((Number) n).doubleValue()).toList();
	}

	static long minor(JsonNode money) {
		return new BigDecimal(money.asString()).movePointRight(2).longValueExact();
	}

	static void equal(List<String> differences, String what, Object app, Object duckDb) {
		if (!Objects.equals(app, duckDb)) {
			differences.add(what + ": application " + app + ", DuckDB " + duckDb);
		}
	}

	static void close(List<String> differences, String what, double app, double duckDb) {
		if (Math.abs(app - duckDb) > 1e-9 * Math.max(1, Math.abs(duckDb))) {
			differences.add(what + ": application " + app + ", DuckDB " + duckDb);
		}
	}

	private static BufferedWriter csv(Path directory, String name, String header) throws Exception {
		BufferedWriter out = Files.newBufferedWriter(directory.resolve(name), StandardCharsets.UTF_8);
		out.write(header);
		out.newLine();
		return out;
	}

	private static void row(BufferedWriter out, Object... values) throws Exception {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.write(',');
			}
			if (values[i] != null) {
				String text = values[i].toString();
				out.write(text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text);
			}
		}
		out.newLine();
	}

	private static Long millis(Object date) {
		return date == null ? null : ((Date) date).getTime();
	}

	private static Long number(Object value) {
		return value == null ? null : ((Number) value).longValue();
	}

	@Override
	public void close() throws Exception {
		duckDb.close();
		try (var files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.delete(file);
			}
		}
		Files.delete(directory);
	}

}
