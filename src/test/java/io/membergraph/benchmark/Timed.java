package io.membergraph.benchmark;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

import tools.jackson.databind.JsonNode;

/**
 * A query timed as a caller sees it: the first call (which may load in-memory views; with the collector's time in it), the median of the following
 * calls, and the first call's answer; and, when the service's own clock is given, the median of the same calls as
 * the service timed them (the GraphQL request, without the HTTP exchange and the client's JSON), which is what an
 * engine's own figure like DuckDB's compares with.
 */
record Timed(JsonNode answer, double firstSeconds, double firstServiceSeconds, double firstGcSeconds,
		double medianSeconds, double serviceMedianSeconds) {

	interface Call {

		JsonNode run() throws Exception;

	}

	static Timed of(Call call, int runs) throws Exception {
		return of(call, runs, () -> Double.NaN);
	}

	/** @param serviceSeconds the service's total time in GraphQL requests so far */
	static Timed of(Call call, int runs, DoubleSupplier serviceSeconds) throws Exception {
		long gcBefore = gcMillis();
		double serviceBeforeFirst = serviceSeconds.getAsDouble();
		long first = System.nanoTime();
		JsonNode answer = call.run();
		double firstSeconds = (System.nanoTime() - first) / 1e9;
		double firstServiceSeconds = serviceSeconds.getAsDouble() - serviceBeforeFirst;
		double firstGcSeconds = (gcMillis() - gcBefore) / 1e3;
		double[] seconds = new double[runs];
		double[] inService = new double[runs];
		for (int i = 0; i < runs; i++) {
			double serviceBefore = serviceSeconds.getAsDouble();
			long start = System.nanoTime();
			call.run();
			seconds[i] = (System.nanoTime() - start) / 1e9;
			inService[i] = serviceSeconds.getAsDouble() - serviceBefore;
		}
		Arrays.sort(seconds);
		Arrays.sort(inService);
		return new Timed(answer, firstSeconds, firstServiceSeconds, firstGcSeconds, seconds[runs / 2],
				inService[runs / 2]);
	}

	/**
	 * The first call as printed: its time, the part of it the service timed (the rest is the HTTP exchange and the
	 * client) when its clock is given, and the collector's pauses in it when there were any.
	 */
	String first() {
		StringBuilder printed = new StringBuilder(String.format("%.3f s", firstSeconds));
		if (!Double.isNaN(firstServiceSeconds)) {
			printed.append(String.format(" (%.3f s in the service)", firstServiceSeconds));
		}
		if (firstGcSeconds > 0) {
			printed.append(String.format(" (GC %.3f s)", firstGcSeconds));
		}
		return printed.toString();
	}

	/**
	 * The collectors' time so far, all of it in the service's JVM (the benchmark runs the service in process): a
	 * first call slower than its median may have met a pause over the views' gigabytes rather than cold code.
	 */
	private static long gcMillis() {
		long total = 0;
		for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
			.getGarbageCollectorMXBeans()) {
			total += Math.max(0, gc.getCollectionTime());
		}
		return total;
	}

}
