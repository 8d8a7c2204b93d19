package io.membergraph.ingest.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** What the command-line import prints: a progress bar while the job runs, and its outcome when it ends. */
public final class ImportProgressPrinter {

	private static final int BAR_WIDTH = 30;

	private final PrintStream out;

	public ImportProgressPrinter(PrintStream out) {
		this.out = out;
	}

	public void progress(long rows, long rejected, long bytes, long size, double rate, Long secondsLeft) {
		int done = size == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, bytes * BAR_WIDTH / size);
		out.printf("\r[%s%s] %3d%%  %,d rows, %,d rejected, %,.0f rows/s, %s left", "#".repeat(done),
				".".repeat(BAR_WIDTH - done), size == 0 ? 100 : Math.min(100, bytes * 100 / size), rows, rejected, rate,
				secondsLeft == null ? "?" : Duration.ofSeconds(secondsLeft).toString().substring(2).toLowerCase(Locale.ROOT));
		out.flush();
	}

	/** Prints how the job ended; the process's exit code: 0 when it completed, 1 otherwise. */
	public int finished(String id, String status, long read, long loaded, long linked, long duplicates, long rejected,
			String failure, String base) {
		out.println();
		out.printf("Import %s %s: %,d rows read, %,d loaded, %,d linked, %,d duplicates, %,d rejected%n", id, status, read,
				loaded, linked, duplicates, rejected);
		if (rejected > 0) {
			out.printf("Rejects: GET %s/api/import/jobs/%s/rejects.csv, or the GraphQL query importRejects(jobId: \"%s\")%n",
					base, id, id);
		}
		if (failure != null) {
			out.println("Failed: " + failure);
		}
		out.flush();
		return "COMPLETED".equals(status) ? 0 : 1;
	}

}
