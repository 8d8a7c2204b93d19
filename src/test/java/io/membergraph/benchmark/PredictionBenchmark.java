package io.membergraph.benchmark;

import io.membergraph.MemberGraphApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prediction on the embedded store filled by the demo generator (interactions play no part, so few are made):
 * fitting and scoring at the given size, forecasts and clusters over GraphQL, and the CDNOW sample's fit.
 * <p>
 * Run: {@code mvn -Pbenchmark test-compile exec:exec@prediction}
 */
public final class PredictionBenchmark {

	private PredictionBenchmark() {
	}

	public static void main(String[] args) {
		try {
			int members = Integer.parseInt(args[0]);
			int orders = Integer.parseInt(args[1]);
			long loadStart = System.nanoTime();
			ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class).run(
					"--server.port=0", "--membergraph.seed.enabled=true", "--membergraph.seed.members=" + members,
					"--membergraph.seed.orders=" + orders, "--membergraph.seed.interactions=" + members,
					"--membergraph.seed.end-date=" + AnalyticsBenchmark.END, "--logging.level.root=warn");
			System.out.printf("%nstarted with %,d members and %,d orders in %.0f s; heap retained %s%n", members, orders,
					(System.nanoTime() - loadStart) / 1e9, Heap.mib(Heap.retained()));
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			PredictionChecks.run(new GraphQlClient(port, "admin"), AnalyticsBenchmark.END);
			context.close();
			System.exit(0);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			System.exit(2);
		}
	}

}
