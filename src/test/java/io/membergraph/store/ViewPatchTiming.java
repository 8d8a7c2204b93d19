package io.membergraph.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.membergraph.store.internal.PatchedMap;

/**
 * What the next read of a view pays after a few writes, at the analytics benchmark's size of the interaction view
 * (3.8 million entries): a whole copy patched in place, as views did, against the earlier map with the changes
 * laid over it ({@link PatchedMap}); and what a full walk of each costs. Not a test: run by hand, e.g.
 * {@code java -Xmx4g -cp target/test-classes:target/classes io.membergraph.store.ViewPatchTiming}.
 */
final class ViewPatchTiming {

	private ViewPatchTiming() {
	}

	public static void main(String[] args) {
		int entries = args.length > 0 ? Integer.parseInt(args[0]) : 3_800_000;
		Map<String, long[]> loaded = new LinkedHashMap<>();
		for (int i = 0; i < entries; i++) {
			loaded.put(String.format("%024x", i), new long[] { i });
		}
		Map<String, long[]> first = Collections.unmodifiableMap(loaded);
		System.out.printf("| refreshes of 10 changes each | whole copy, median | patched, median |%n|---|---|---|%n");
		for (int round = 0; round < 3; round++) {
			double[] copies = new double[20];
			double[] patches = new double[20];
			Map<String, long[]> copied = first;
			Map<String, long[]> patched = first;
			for (int refresh = 0; refresh < copies.length; refresh++) {
				Map<String, long[]> changed = new LinkedHashMap<>();
				for (int c = 0; c < 10; c++) {
					changed.put(String.format("%024x", entries + refresh * 10 + c), new long[] { c });
				}
				long start = System.nanoTime();
				Map<String, long[]> next = new LinkedHashMap<>(copied);
				changed.forEach(next::put);
				copied = Collections.unmodifiableMap(next);
				copies[refresh] = (System.nanoTime() - start) / 1e6;
				start = System.nanoTime();
				patched = PatchedMap.of(patched, changed);
				patches[refresh] = (System.nanoTime() - start) / 1e6;
			}
			System.out.printf("| round %d | %.1f ms | %.3f ms |%n", round + 1, median(copies), median(patches));
			System.out.printf("| a walk of every entry (round %d) | %.1f ms (plain) | %.1f ms (patched) |%n", round + 1,
					walk(copied), walk(patched));
		}
	}

	private static double walk(Map<String, long[]> map) {
		long start = System.nanoTime();
		long sum = 0;
		for (long[] value : map.values()) {
			sum += value[0];
		}
		if (sum == 42) {
			System.out.print("");
		}
		return (System.nanoTime() - start) / 1e6;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
