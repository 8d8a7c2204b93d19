package io.membergraph.seed.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes batches on two background threads while the generator makes the next ones, so mapping documents
 * and storing them overlap. The queue is short: a slow store slows the generator instead of filling the heap.
 * Closing waits for every batch and rethrows the first failure.
 */
public final class BatchWriters implements AutoCloseable {

	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(4), runnable -> new Thread(runnable, "demo-data-writer"),
			new ThreadPoolExecutor.CallerRunsPolicy());

	private final List<Future<?>> submitted = new ArrayList<>();

	void submit(Runnable write) {
		submitted.add(executor.submit(write));
	}

	@Override
	public void close() {
		executor.shutdown();
		try {
			for (Future<?> write : submitted) {
				write.get();
			}
			executor.awaitTermination(10, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while writing demo data", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Writing demo data failed: " + ex.getCause().getMessage(), ex.getCause());
		}
	}

}
