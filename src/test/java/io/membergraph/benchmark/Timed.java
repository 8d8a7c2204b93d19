package io.membergraph.benchmark;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

import tools.jackson.databind.JsonNode;

/**
 * A query timed as a caller sees it: the first call (which may load in-memory views), the median of the following
 * calls, and the first call's answer; and, when the service's own clock is given, the median of the same calls as
 * the service timed them (the GraphQL request, without the HTTP exchange and the client's JSON), which is what an
 * engine's own figure like DuckDB's compares with.
 */
record Timed(JsonNode answer, double firstSeconds, double medianSeconds, double serviceMedianSeconds) {

	interface Call {

		JsonNode run() throws Exception;

	}

	static Timed of(Call call, int runs) throws Exception {
		return of(call, runs, () -> Double.NaN);
	}

	/** @param serviceSeconds the service's total time in GraphQL requests so far */
	static Timed of(Call call, int runs, DoubleSupplier serviceSeconds) throws Exception {
		long first = System.nanoTime();
		JsonNode answer = call.run();
		double firstSeconds = (System.nanoTime() - first) / 1e9;
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
		return new Timed(answer, firstSeconds, seconds[runs / 2], inService[runs / 2]);
	}

}
