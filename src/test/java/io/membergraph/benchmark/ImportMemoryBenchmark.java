package io.membergraph.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJobs;
import io.membergraph.member.MemberBulkLoad;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whether an import's memory grows with the file: the same order-line import at several sizes, each against
 * a fresh in-memory store in a separate process, so this JVM's heap holds only the application and the
 * import. Run with a small heap (the pom gives it 384 MiB): an import that held the file would run out.
 * Reports the live heap after a full GC every 25,000 lines (its maximum) and the heap's peak.
 * <p>
 * Run: {@code mvn -Pbenchmark test-compile exec:exec@import-memory -Dbenchmark.memoryLines=20000,100000}
 */
public final class ImportMemoryBenchmark {

	private static final int MEMBERS = 20_000;

	private ImportMemoryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		System.out.printf("%n| lines | orders | seconds | lines/s | live heap after GC, max during import | heap peak |%n"
				+ "|---|---|---|---|---|---|%n");
		boolean ok = true;
		for (String size : args[0].split(",")) {
			ok &= run(Integer.parseInt(size.strip()));
		}
		System.exit(ok ? 0 : 1);
	}

	private static boolean run(int lines) throws Exception {
		Process store = new ProcessBuilder("java", "-Xmx12g", "-cp", System.getProperty("java.class.path"),
				StoreProcess.class.getName()).redirectErrorStream(true).start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(store.getInputStream()));
			String line = out.readLine();
			while (line != null && !line.startsWith("PORT ")) {
				line = out.readLine();
			}
			if (line == null) {
				throw new IllegalStateException("the store process ended before it gave its port");
			}
			String port = line.substring("PORT ".length());
			// Keep draining the store's log, so a full pipe never stops it.
			Thread drain = new Thread(() -> out.lines().forEach(l -> {
			}), "store-log");
			drain.setDaemon(true);
			drain.start();
			ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
				.web(WebApplicationType.NONE)
				.run("--spring.mongodb.uri=mongodb://127.0.0.1:" + port + "/membergraph", "--membergraph.seed.enabled=false",
						"--membergraph.demo.accounts=false", "--membergraph.security.jwt-secret=benchmark-secret-of-32-bytes-or-more!!",
						"--logging.level.root=warn");
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken("benchmark", "", "ROLE_ADMIN"));
			context.getBean(MemberBulkLoad.class).insert(BenchmarkMembers.generate(MEMBERS));
			Path csv = Files.createTempFile("orders-", ".csv");
			int orders = OrderImportBenchmark.write(csv, lines, MEMBERS);
			System.gc();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long[] maxLive = { liveHeap() };
			long[] nextSample = { 25_000 };
			long start = System.nanoTime();
			ImportJob job = context.getBean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, csv,
					Map.of("mapping", "{\"paidAt\": {\"sameAs\": \"placedAt\"}}"), reported -> {
						if (reported.rowsRead() >= nextSample[0]) {
							maxLive[0] = Math.max(maxLive[0], liveHeap());
							nextSample[0] += 25_000;
						}
					});
			double seconds = (System.nanoTime() - start) / 1e9;
			long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.mapToLong(pool -> pool.getPeakUsage().getUsed())
				.sum();
			System.out.printf("| %,d | %,d | %.1f | %,.0f | %,d MiB | %,d MiB |%n", lines, orders, seconds, lines / seconds,
					maxLive[0] >> 20, peak >> 20);
			Files.delete(csv);
			context.close();
			return job.status() == ImportJob.Status.COMPLETED && job.rowsRejected() == 0;
		}
		finally {
			store.getOutputStream().close();
			store.waitFor();
		}
	}

	private static long liveHeap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
