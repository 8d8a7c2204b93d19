package io.membergraph.benchmark;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJobs;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A wholesale buyer's history corrected: one member's orders imported with the wrong price column (the programme
 * running over the history: points, tiers, expiry), then imported again with the right one and
 * {@code changedOrders=CORRECT}. The reference, in the same run: the same orders read right the first time, for a
 * twin member. A correction settles each order's points on its member, so its cost must grow with the orders
 * corrected, not with the orders times the member's history.
 * <p>
 * Run: {@code mvn -Pbenchmark test-compile exec:exec@correction -Dbenchmark.correctionOrders=3000}
 */
public final class CorrectionBenchmark {

	private static final String MAPPING = "{\"paidAt\": {\"sameAs\": \"placedAt\"}, \"unitPrice\": \"%s\"}";

	private CorrectionBenchmark() {
	}

	public static void main(String[] args) {
		try {
			System.exit(run(Integer.parseInt(args[0])));
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(2);
		}
	}

	private static int run(int orders) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.web(WebApplicationType.NONE)
			.run("--membergraph.seed.enabled=false", "--membergraph.demo.accounts=false", "--logging.level.root=warn");
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("benchmark", "", "ROLE_ADMIN"));
		ImportJobs imports = context.getBean(ImportJobs.class);
		Path members = Files.createTempFile("buyers-", ".csv");
		Files.writeString(members, "name,phone,joinedAt,joinChannel\nBuyer,%s,2020-01-01,WEB\nTwin,%s,2020-01-01,WEB\n"
			.formatted(BenchmarkMembers.phone(0), BenchmarkMembers.phone(1)), StandardCharsets.UTF_8);
		ImportJob registered = imports.runFile(ImportJob.ImportEntity.MEMBERS, members, Map.of(), reported -> {
		});
		Files.delete(members);
		Path buyer = write("W", BenchmarkMembers.phone(0), orders);
		Path twin = write("R", BenchmarkMembers.phone(1), orders);

		Timed wrong = timed(imports, buyer, Map.of("mapping", MAPPING.formatted("listPrice")));
		Timed corrected = timed(imports, buyer, Map.of("mapping", MAPPING.formatted("unitPrice"), "changedOrders",
				"CORRECT"));
		Timed right = timed(imports, twin, Map.of("mapping", MAPPING.formatted("unitPrice")));

		System.out.printf("%n| what | orders of one member | seconds | orders/s |%n|---|---|---|---|%n");
		System.out.printf("| import, wrong price column | %,d | %.2f | %,.0f |%n", orders, wrong.seconds(),
				orders / wrong.seconds());
		System.out.printf("| import again with the right column, changedOrders=CORRECT | %,d | %.2f | %,.0f |%n", orders,
				corrected.seconds(), orders / corrected.seconds());
		System.out.printf("| reference: the twin's orders imported right the first time | %,d | %.2f | %,.0f |%n", orders,
				right.seconds(), orders / right.seconds());
		System.out.printf("%ncorrection %s: %,d read, %,d linked (corrected), %,d rejected; %.1fx the right import%n",
				corrected.job().status(), corrected.job().rowsRead(), corrected.job().rowsLinked(),
				corrected.job().rowsRejected(), corrected.seconds() / right.seconds());
		Files.delete(buyer);
		Files.delete(twin);
		context.close();
		boolean complete = registered.rowsLoaded() == 2 && wrong.job().rowsLoaded() == orders
				&& corrected.job().rowsLinked() == orders && right.job().rowsLoaded() == orders;
		return complete ? 0 : 1;
	}

	private record Timed(ImportJob job, double seconds) {
	}

	private static Timed timed(ImportJobs imports, Path file, Map<String, String> parameters) throws Exception {
		long start = System.nanoTime();
		ImportJob job = imports.runFile(ImportJob.ImportEntity.ORDERS, file, parameters, reported -> {
		});
		return new Timed(job, (System.nanoTime() - start) / 1e9);
	}

	/** One line per order, an order every seven hours from 2021 on: points earned long ago expire on the way. */
	private static Path write(String prefix, String phone, int orders) throws Exception {
		Path csv = Files.createTempFile("orders-", ".csv");
		Instant first = Instant.parse("2021-01-01T10:00:00Z");
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("orderNumber,channel,memberPhone,placedAt,sku,quantity,unitPrice,listPrice\n");
			for (int i = 0; i < orders; i++) {
				out.write(prefix + i + ",WEB," + phone + "," + first.plus(Duration.ofHours(7L * i)) + ",SK-1001,1,"
						+ (100 + i % 50) + ".00,99.00\n");
			}
		}
		return csv;
	}

}
