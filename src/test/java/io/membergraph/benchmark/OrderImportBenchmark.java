package io.membergraph.benchmark;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.membergraph.MemberGraphApplication;
import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJobs;
import org.bson.Document;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An order-line import on the embedded store: rows per second through the import (orders recorded with stats,
 * rollups, points and tiers) against a plain insertMany of the same lines, and the heap's peak during
 * each, from a generated CSV of the given number of lines. The orders are imported as history (the import's
 * default) unless a third argument names another loyalty treatment: {@code NONE} shows what the replay of the
 * programme costs beside the rest.
 * <p>
 * Run: {@code mvn -Pbenchmark test-compile exec:exec@order-import -Dbenchmark.importLines=20000
 * -Dbenchmark.importMembers=2000 [-Dbenchmark.importLoyalty=NONE]}
 */
public final class OrderImportBenchmark {

	private OrderImportBenchmark() {
	}

	public static void main(String[] args) {
		try {
			System.exit(run(Integer.parseInt(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 2_000,
					args.length > 2 ? LoyaltyMode.valueOf(args[2]) : LoyaltyMode.HISTORY));
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(2);
		}
	}

	private static int run(int lines, int members, LoyaltyMode loyalty) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.web(WebApplicationType.NONE)
			.run("--membergraph.seed.enabled=false", "--membergraph.demo.accounts=false", "--logging.level.root=warn");
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("benchmark", "", "ROLE_ADMIN"));
		StoredDocuments empty = StoredDocuments.of(mongo);
		MemberRates memberRates = importMembers(context, members);
		StoredDocuments withMembers = StoredDocuments.of(mongo);
		LeftAgain membersLeft = insertAgain(mongo, withMembers.grownSince(empty));
		Path csv = Files.createTempFile("orders-", ".csv");
		int orders = write(csv, lines, members);

		Heap.resetPeaks();
		double plainSeconds = insertPlain(mongo, "plain_lines", csv, v -> new Document("orderNumber", v[0])
			.append("channel", v[1]).append("memberPhone", v[2]).append("placedAt", v[3]).append("sku", v[4])
			.append("quantity", v[5]).append("unitPrice", v[6]));
		long plainPeak = Heap.peak();

		long storedBefore = Heap.retained();
		Heap.resetPeaks();
		long importStart = System.nanoTime();
		long[] nextReport = { 50_000 };
		ImportJob job = context.getBean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, csv,
				Map.of("mapping", "{\"paidAt\": {\"sameAs\": \"placedAt\"}}", "loyalty", loyalty.name()), reported -> {
					if (reported.rowsRead() >= nextReport[0]) {
						double seconds = (System.nanoTime() - importStart) / 1e9;
						System.out.printf("  %,d lines in %.0f s: %,.0f lines/s so far%n", reported.rowsRead(), seconds,
								reported.rowsRead() / seconds);
						nextReport[0] += 50_000;
					}
				});
		double importSeconds = (System.nanoTime() - importStart) / 1e9;
		long importPeak = Heap.peak();
		long storedAfter = Heap.retained();
		StoredDocuments withOrders = StoredDocuments.of(mongo);

		System.out.printf("%n| what | lines | seconds | lines/s | heap peak |%n|---|---|---|---|---|%n");
		System.out.printf("| plain insertMany of the lines, 1,000 per batch | %,d | %.2f | %,.0f | %,d MiB |%n", lines,
				plainSeconds, lines / plainSeconds, plainPeak >> 20);
		System.out.printf("| import as %,d orders (stats, rollups, loyalty %s) | %,d | %.2f | %,.0f | %,d MiB |%n",
				orders, loyalty, lines, importSeconds, lines / importSeconds, importPeak >> 20);
		System.out.printf("| plain insertMany of the member rows, 1,000 per batch | %,d | %.2f | %,.0f rows/s | |%n", members,
				memberRates.plainSeconds(), members / memberRates.plainSeconds());
		System.out.printf("| import as members (cleaning, identity resolution, claims, counters) | %,d | %.2f | %,.0f rows/s | |%n",
				members, memberRates.importSeconds(), members / memberRates.importSeconds());
		System.out.printf("| plain insertMany of the %,d documents the member import left, 1,000 per batch, into copies "
				+ "of their collections with the same indexes | %,d | %.2f | %,.0f rows/s | |%n", membersLeft.documents(),
				members, membersLeft.seconds(), members / membersLeft.seconds());
		System.out.print(withMembers.perRow(empty, members, "member row"));
		System.out.print(withOrders.perRow(withMembers, lines, "order line"));
		System.out.printf("%nmember import %s: %,d read, %,d loaded, %,d rejected%n", memberRates.job().status(),
				memberRates.job().rowsRead(), memberRates.job().rowsLoaded(), memberRates.job().rowsRejected());
		System.out.printf("%nimport %s: %,d read, %,d loaded, %,d rejected; %.1fx the plain insert%n", job.status(),
				job.rowsRead(), job.rowsLoaded(), job.rowsRejected(), importSeconds / plainSeconds);
		// The embedded store lives in this heap and keeps everything imported; what the import itself needs is
		// the peak above what the store retains afterwards.
		System.out.printf("heap retained after GC: %,d MiB before the import, %,d MiB after (the in-memory store's data); "
				+ "import's own working memory at its peak: at most %,d MiB%n", storedBefore >> 20, storedAfter >> 20,
				Math.max(0, importPeak - storedAfter) >> 20);
		Files.delete(csv);
		context.close();
		return job.status() == ImportJob.Status.COMPLETED && job.rowsRejected() == 0
				&& memberRates.job().status() == ImportJob.Status.COMPLETED && memberRates.job().rowsLoaded() == members ? 0 : 1;
	}

	/**
	 * The reference: the file's rows (header skipped) as plain documents, 1,000 per {@code insertMany}; its seconds.
	 */
	private static double insertPlain(MongoTemplate mongo, String collection, Path csv,
			java.util.function.Function<String[], Document> document) throws java.io.IOException {
		long start = System.nanoTime();
		List<Document> batch = new ArrayList<>();
		try (java.util.stream.Stream<String> lines = Files.lines(csv)) {
			for (String line : (Iterable<String>) lines.skip(1)::iterator) {
				batch.add(document.apply(line.split(",")));
				if (batch.size() == 1_000) {
					mongo.getCollection(collection).insertMany(batch);
					batch = new ArrayList<>();
				}
			}
		}
		if (!batch.isEmpty()) {
			mongo.getCollection(collection).insertMany(batch);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private record MemberRates(double plainSeconds, double importSeconds, ImportJob job) {
	}

	private record LeftAgain(long documents, double seconds) {
	}

	/**
	 * The store's own part of an import: every document of the collections it grew (all empty before it), read back
	 * and inserted again by plain {@code insertMany}, 1,000 per batch, into copies of the collections carrying the
	 * same indexes (made before the clock starts). No import can write those documents faster, whatever it does
	 * besides; its seconds.
	 */
	private static LeftAgain insertAgain(MongoTemplate mongo, List<String> collections) {
		Map<MongoCollection<Document>, List<Document>> left = new LinkedHashMap<>();
		for (String collection : collections) {
			MongoCollection<Document> copy = mongo.getCollection("plain_copy_" + collection);
			for (Document index : mongo.getCollection(collection).listIndexes()) {
				if (!"_id_".equals(index.getString("name"))) {
					copy.createIndex(index.get("key", Document.class), new IndexOptions().name(index.getString("name"))
						.unique(index.getBoolean("unique", false))
						.sparse(index.getBoolean("sparse", false)));
				}
			}
			left.put(copy, mongo.getCollection(collection).find().into(new ArrayList<>()));
		}
		long documents = 0;
		long start = System.nanoTime();
		for (Map.Entry<MongoCollection<Document>, List<Document>> collection : left.entrySet()) {
			List<Document> all = collection.getValue();
			for (int from = 0; from < all.size(); from += 1_000) {
				collection.getKey().insertMany(all.subList(from, Math.min(all.size(), from + 1_000)));
			}
			documents += all.size();
		}
		return new LeftAgain(documents, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * The members the orders belong to, imported from a POS-style member export (phones 139 + their index), after
	 * a plain insertMany of the same rows.
	 */
	private static MemberRates importMembers(ConfigurableApplicationContext context, int members) throws Exception {
		Path csv = Files.createTempFile("members-", ".csv");
		Random random = new Random(7);
		String[] provinces = { "广东省", "上海", "浙江省", "北京", "江苏省", "四川省" };
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("姓名,手机号,性别,生日,省份,注册时间\n");
			for (int i = 0; i < members; i++) {
				out.write("会员" + i + "," + BenchmarkMembers.phone(i) + "," + (random.nextBoolean() ? "男" : "女") + ","
						+ (1960 + random.nextInt(45)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + ","
						+ provinces[random.nextInt(provinces.length)] + ",2023-0" + (1 + random.nextInt(9)) + "-0"
						+ (1 + random.nextInt(9)) + " 10:00\n");
			}
		}
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		double plainSeconds = insertPlain(mongo, "plain_member_rows", csv, v -> new Document("name", v[0])
			.append("phone", v[1]).append("gender", v[2]).append("birthDate", v[3]).append("province", v[4])
			.append("joinedAt", v[5]));
		long importStart = System.nanoTime();
		ImportJob job = context.getBean(ImportJobs.class).runFile(ImportJob.ImportEntity.MEMBERS, csv,
				Map.of("mapping", "{\"name\":\"姓名\",\"phone\":\"手机号\",\"gender\":\"性别\",\"birthDate\":\"生日\","
						+ "\"province\":\"省份\",\"joinedAt\":\"注册时间\",\"joinChannel\":{\"value\":\"STORE\"}}"),
				reported -> {
				});
		double importSeconds = (System.nanoTime() - importStart) / 1e9;
		Files.delete(csv);
		return new MemberRates(plainSeconds, importSeconds, job);
	}

	/** Order lines: 1 to 3 lines per order, members by phone, as a POS export writes them. */
	static int write(Path csv, int lines, int members) throws Exception {
		Random random = new Random(7);
		String[][] products = { { "SK-1001", "420.00" }, { "HC-4001", "129.00" }, { "FR-3001", "980.00" } };
		int orders = 0;
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("orderNumber,channel,memberPhone,placedAt,sku,quantity,unitPrice,paidAt\n");
			int written = 0;
			while (written < lines) {
				orders++;
				String phone = BenchmarkMembers.phone(random.nextInt(members));
				String at = "2025-%02d-%02d 10:00:00".formatted(1 + random.nextInt(12), 1 + random.nextInt(28));
				int size = Math.min(1 + random.nextInt(3), lines - written);
				for (int l = 0; l < size; l++) {
					String[] product = products[random.nextInt(products.length)];
					out.write("B" + orders + ",WEB," + phone + "," + at + "," + product[0] + "-" + l + "," + (1 + random.nextInt(2))
							+ "," + product[1] + "," + at + "\n");
					written++;
				}
			}
		}
		return orders;
	}

}
