package io.membergraph.ingest;

import java.time.ZoneId;

import io.membergraph.ingest.internal.Cleaning;

/**
 * What reading one date of an import costs, per format the exports write, in a loop warm for the JIT: the import's
 * {@link Cleaning#dateTime} as the rows call it, one import's {@code Cleaning} per format. Lives beside
 * {@code Cleaning}, which is internal to the import. Run: {@code java -cp target/test-classes:target/classes:<test
 * class path> io.membergraph.ingest.DateReadingBenchmark}.
 */
public final class DateReadingBenchmark {

	private static final String[] WRITTEN = { "2026-03-01 10:42:09", "2016/5/31 0:37:00", "31.05.2016 00:37",
			"2016年5月31日 0:37", "2026-03-01T10:42:09+08:00" };

	private DateReadingBenchmark() {
	}

	public static void main(String[] args) {
		int dates = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
		for (String written : WRITTEN) {
			Cleaning cleaning = new Cleaning(ZoneId.of("Asia/Shanghai"));
			long sink = 0;
			for (int i = 0; i < dates / 2; i++) {
				sink += cleaning.dateTime("placedAt", written).getEpochSecond();
			}
			long start = System.nanoTime();
			for (int i = 0; i < dates; i++) {
				sink += cleaning.dateTime("placedAt", written).getEpochSecond();
			}
			// The sum is printed so that the loop's work cannot be left out.
			System.out.printf("| %s | %.2f µs | %d |%n", written, (System.nanoTime() - start) / 1000.0 / dates, sink % 10);
		}
	}

}
