package io.membergraph.benchmark;

import java.util.Arrays;

import tools.jackson.databind.JsonNode;

/**
 * A query timed as a caller sees it: the first call (which may load in-memory views), the median of the following
 * calls, and the first call's answer.
 */
record Timed(JsonNode answer, double firstSeconds, double medianSeconds) {

	interface Call {

		JsonNode run() throws Exception;

	}

	static Timed of(Call call, int runs) throws Exception {
		long first = System.nanoTime();
		JsonNode answer = call.run();
		double firstSeconds = (System.nanoTime() - first) / 1e9;
		double[] seconds = new double[runs];
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			call.run();
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		Arrays.sort(seconds);
		return new Timed(answer, firstSeconds, seconds[runs / 2]);
	}

}
