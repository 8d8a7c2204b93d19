package io.membergraph.benchmark;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;

import tools.jackson.databind.JsonNode;

/**
 * A query timed as a caller sees it: the first call (which may load in-memory views; made once the JIT compilers are
 * quiet, with the collector's and the compilers' time in it), the median of the following calls, and the first call's
 * answer; and, when the service's own clock is given, the median of the same calls as the service timed them (the
 * GraphQL request, without the HTTP exchange and the client's JSON), which is what an engine's own figure like
 * DuckDB's compares with.
 */
record Timed(JsonNode answer, double firstSeconds, double firstServiceSeconds, double firstGcSeconds,
		double quietWaitSeconds, double firstCompileSeconds, double wakeSeconds, double medianSeconds,
		double serviceMedianSeconds, double quietMedianSeconds, double quietServiceMedianSeconds, double quietSlowestSeconds,
		int quietOverTwice, int quietCalls) {

	/** How long the compilers must have been idle before a first call: longer than the gap between two compilations. */
	private static final long QUIET_MILLIS = 100;

	/** The kernel's clock ticks ({@code USER_HZ}), in which {@code /proc} gives a thread's CPU time. */
	private static final double TICKS_PER_SECOND = 100;

	/** The longest wait for them: a service that never stops compiling is timed anyway, and the wait printed. */
	private static final long QUIET_AT_MOST_MILLIS = 10_000;

	interface Call {

		JsonNode run() throws Exception;

	}

	/** Times the first call and the median of the next {@code runs}, one after the other. */
	static Timed of(Call call, int runs) throws Exception {
		return timed(call, runs, () -> Double.NaN, null);
	}

	/**
	 * Times the first call, the median of the next {@code runs} one after the other (in the caller and in the
	 * service), and the median of {@code runs} more each made the way the first was: once the compilers are quiet,
	 * after the pause that takes. The first call is compared with the last figure. On this machine a request after an
	 * idle tenth of a second takes two to three milliseconds longer than one right after another (the same code, run
	 * with cold caches: 0.7 against 0.25 ms of CPU per trivial request, and waking the threads), so a first call
	 * compared with calls made back to back would measure the pause, not the first call's cold state.
	 *
	 * <p>
	 * The first call comes after the benchmark's full collection for the heap's peak (12–18 s at 100,000 members) and
	 * many seconds without a request, the calls once the compilers are quiet a tenth of a second or so after the one
	 * before. So that they compare, each of them, the first and those, comes right after a trivial request
	 * ({@code wake}, the first one's timed and printed), which runs none of the call's code: what is left over in the
	 * first call is its own cold state, not the connection and threads woken after the pause.
	 *
	 * @param serviceSeconds the service's total time in GraphQL requests so far
	 * @param wake the trivial request sent just before the first call
	 */
	static Timed of(Call call, int runs, DoubleSupplier serviceSeconds, Call wake) throws Exception {
		return timed(call, runs, serviceSeconds, Objects.requireNonNull(wake));
	}

	/** Without a wake, the first call comes after the pause alone and no calls are made once the compilers are quiet. */
	private static Timed timed(Call call, int runs, DoubleSupplier serviceSeconds, Call wake) throws Exception {
		double quietWait = awaitQuietCompilers();
		double wakeSeconds = Double.NaN;
		if (wake != null) {
			long woken = System.nanoTime();
			wake.run();
			wakeSeconds = (System.nanoTime() - woken) / 1e9;
		}
		long compileBefore = compilerTicks();
		long gcBefore = gcMillis();
		double serviceBeforeFirst = serviceSeconds.getAsDouble();
		long first = System.nanoTime();
		JsonNode answer = call.run();
		double firstSeconds = (System.nanoTime() - first) / 1e9;
		double firstServiceSeconds = serviceSeconds.getAsDouble() - serviceBeforeFirst;
		double firstGcSeconds = (gcMillis() - gcBefore) / 1e3;
		double firstCompileSeconds = (compilerTicks() - compileBefore) / TICKS_PER_SECOND;
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
		double quietMedian = Double.NaN;
		double quietServiceMedian = Double.NaN;
		double quietSlowest = Double.NaN;
		int quietOverTwice = 0;
		if (wake != null) {
			double[] afterQuiet = new double[runs];
			double[] afterQuietInService = new double[runs];
			for (int i = 0; i < runs; i++) {
				awaitQuietCompilers();
				wake.run();
				double serviceBefore = serviceSeconds.getAsDouble();
				long start = System.nanoTime();
				call.run();
				afterQuiet[i] = (System.nanoTime() - start) / 1e9;
				afterQuietInService[i] = serviceSeconds.getAsDouble() - serviceBefore;
			}
			Arrays.sort(afterQuiet);
			Arrays.sort(afterQuietInService);
			quietMedian = afterQuiet[runs / 2];
			quietServiceMedian = afterQuietInService[runs / 2];
			quietSlowest = afterQuiet[runs - 1];
			for (double each : afterQuiet) {
				quietOverTwice += each > 2 * quietMedian ? 1 : 0;
			}
		}
		return new Timed(answer, firstSeconds, firstServiceSeconds, firstGcSeconds, quietWait, firstCompileSeconds,
				wakeSeconds, seconds[runs / 2], inService[runs / 2], quietMedian, quietServiceMedian, quietSlowest,
				quietOverTwice, wake == null ? 0 : runs);
	}

	/**
	 * The first call as a multiple of the median of the calls made the same way (once the compilers were quiet), and
	 * the slowest of those calls as a multiple of the same median: how far a call that is not the first strays on
	 * this machine, against which a first call's ratio is read (a call of a few milliseconds meets the scheduler's
	 * and the collector's pauses of as much). Then the first call's time in the service over the median of those
	 * calls' times in the service: the caller's ratio also holds this benchmark's own client (its HTTP client and JSON
	 * writer run in this JVM, and meet a request's new content, such as text beyond Latin-1, cold too), the
	 * service's holds the GraphQL request alone.
	 */
	String firstOverQuietMedian() {
		return String.format("%.3f s, first / it %.2f, slowest / it %.2f (%d of %d over 2×); in the service %.3f s, "
				+ "first / it %.2f", quietMedianSeconds, firstSeconds / quietMedianSeconds,
				quietSlowestSeconds / quietMedianSeconds, quietOverTwice, quietCalls, quietServiceMedianSeconds,
				firstServiceSeconds / quietServiceMedianSeconds);
	}

	/**
	 * The first call as printed: its time, the part of it the service timed (the rest is the HTTP exchange and the
	 * client) when its clock is given, the collector's pauses in it when there were any, how long it waited for the
	 * compilers to go quiet, and their CPU time during it.
	 */
	String first() {
		StringBuilder printed = new StringBuilder(String.format("%.3f s", firstSeconds));
		if (!Double.isNaN(firstServiceSeconds)) {
			printed.append(String.format(" (%.3f s in the service)", firstServiceSeconds));
		}
		if (firstGcSeconds > 0) {
			printed.append(String.format(" (GC %.3f s)", firstGcSeconds));
		}
		if (quietWaitSeconds >= 0.001) {
			printed.append(String.format(" (after %.3f s for the compilers to go quiet)", quietWaitSeconds));
		}
		if (firstCompileSeconds > 0) {
			printed.append(String.format(" (compilers' CPU %.2f s)", firstCompileSeconds));
		}
		if (!Double.isNaN(wakeSeconds)) {
			printed.append(String.format(" (after a trivial request of %.3f s)", wakeSeconds));
		}
		return printed.toString();
	}

	/**
	 * Waits until the JIT compilers have done no work for {@link #QUIET_MILLIS}, and answers the wait. On two cores a
	 * first call made while the compilers still work on the previous call's code (a scoring run keeps them busy for a
	 * few hundred milliseconds after it answers) gets half the CPU: that measures the previous call, not this one's cold
	 * state. Every first call waits the same way, the first after ready too.
	 */
	private static double awaitQuietCompilers() throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + QUIET_AT_MOST_MILLIS * 1_000_000;
		long worked = compilerTicks();
		long quietSince = System.nanoTime();
		while (System.nanoTime() - quietSince < QUIET_MILLIS * 1_000_000 && System.nanoTime() < deadline) {
			Thread.sleep(10);
			long now = compilerTicks();
			if (now != worked) {
				worked = now;
				quietSince = System.nanoTime();
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * The compiler threads' CPU time so far, in the kernel's ticks, from {@code /proc} (Linux): the JVM's own figure
	 * ({@code CompilationMXBean}) grows only when a compilation ends, so a long one would pass for quiet. 0 where there
	 * is no {@code /proc}: then a first call waits the quiet time alone.
	 */
	private static long compilerTicks() {
		long ticks = 0;
		java.io.File[] threads = new java.io.File("/proc/self/task").listFiles();
		if (threads == null) {
			return 0;
		}
		for (java.io.File thread : threads) {
			try {
				String name = java.nio.file.Files.readString(thread.toPath().resolve("comm")).strip();
				if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
					String stat = java.nio.file.Files.readString(thread.toPath().resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					// After the name: state is field 3 of stat(5), utime 14 and stime 15.
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				}
			}
			catch (java.io.IOException | RuntimeException gone) {
				// A thread that ended while we looked: it compiles no more.
			}
		}
		return ticks;
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
