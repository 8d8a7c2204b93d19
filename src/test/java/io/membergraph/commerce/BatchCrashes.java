package io.membergraph.commerce;

import java.util.concurrent.atomic.AtomicInteger;

import io.membergraph.commerce.internal.PendingMemberUpdatesSweep;
import org.springframework.context.ApplicationContext;

/**
 * Crashes on demand for tests: a batch stops at a step as if the process had died there, and the recovery sweep
 * runs as it would after the restart.
 */
public final class BatchCrashes {

	/** What a crash looks like to the batch: it stops at that point. */
	public static final class Crash extends RuntimeException {

		Crash(BatchSteps.Step step, String batch) {
			super("crashed after " + step + " in batch " + batch, null, false, false);
		}

	}

	private BatchCrashes() {
	}

	/** The {@code nth} batch (from 1) to reach the step crashes there; the others go on. */
	public static void crashAt(ApplicationContext context, BatchSteps.Step step, int nth) {
		AtomicInteger reached = new AtomicInteger();
		context.getBean(BatchSteps.class).listen((at, batch) -> {
			if (at == step && reached.incrementAndGet() == nth) {
				throw new Crash(step, batch);
			}
		});
	}

	/**
	 * The first batch to reach the step waits there until {@code release} opens, after opening {@code reached}: a
	 * batch that takes as long as the test wants.
	 */
	public static void holdAt(ApplicationContext context, BatchSteps.Step step, java.util.concurrent.CountDownLatch reached,
			java.util.concurrent.CountDownLatch release) {
		AtomicInteger count = new AtomicInteger();
		context.getBean(BatchSteps.class).listen((at, batch) -> {
			if (at == step && count.incrementAndGet() == 1) {
				reached.countDown();
				try {
					release.await(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
	}

	/** The first batch to reach the step runs {@code meanwhile} there, as if another request ran at that moment. */
	public static void runAt(ApplicationContext context, BatchSteps.Step step, Runnable meanwhile) {
		AtomicInteger count = new AtomicInteger();
		context.getBean(BatchSteps.class).listen((at, batch) -> {
			if (at == step && count.incrementAndGet() == 1) {
				meanwhile.run();
			}
		});
	}

	/** The first batch to reach {@code runAt} runs {@code meanwhile} there, and then crashes at {@code crashAt}. */
	public static void runThenCrash(ApplicationContext context, BatchSteps.Step runAt, Runnable meanwhile,
			BatchSteps.Step crashAt) {
		AtomicInteger ran = new AtomicInteger();
		AtomicInteger crashed = new AtomicInteger();
		context.getBean(BatchSteps.class).listen((at, batch) -> {
			if (at == runAt && ran.incrementAndGet() == 1) {
				meanwhile.run();
			}
			if (at == crashAt && ran.get() > 0 && crashed.incrementAndGet() == 1) {
				throw new Crash(crashAt, batch);
			}
		});
	}

	/** Every batch tells {@code listener} each step it reaches, on the thread that reaches it. */
	public static void onSteps(ApplicationContext context, java.util.function.BiConsumer<BatchSteps.Step, String> listener) {
		context.getBean(BatchSteps.class).listen(listener);
	}

	/** No more crashes. */
	public static void calm(ApplicationContext context) {
		context.getBean(BatchSteps.class).listen((step, batch) -> {
		});
	}

	/** The recovery sweep after a restart, once the grace period of the batches a crash cut short is over. */
	public static int sweep(ApplicationContext context) {
		return context.getBean(PendingMemberUpdatesSweep.class)
			.recover(context.getBean(java.time.Clock.class).instant().minus(java.time.Duration.ofMinutes(10)));
	}

}
