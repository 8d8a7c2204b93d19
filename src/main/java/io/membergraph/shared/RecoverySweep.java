package io.membergraph.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One sweep for every module's {@link RecoveryStep}, at start-up (before readiness) and every {@code membergraph.recovery.interval}.
 * It finishes only work begun more than {@code membergraph.recovery.grace} ago, so that it never "recovers" a write
 * still in flight; a step that fails is logged and tried again at the next sweep, and does not stop the others.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class RecoverySweep implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(RecoverySweep.class);

	private final List<RecoveryStep> steps;

	private final Clock clock;

	private final Duration grace;

	RecoverySweep(List<RecoveryStep> steps, Clock clock, @Value("${membergraph.recovery.grace:PT10M}") Duration grace,
			@Value("${membergraph.recovery.interval:PT5M}") Duration interval) {
		this.steps = steps;
		this.clock = clock;
		// Shorter, and the sweep would take over writes still in flight; the grace is what keeps two writers apart.
		this.grace = DurationSetting.within("membergraph.recovery.grace", grace, Duration.ofSeconds(30), Duration.ofDays(1));
		// Each sweep scans every module's pending work; every few seconds it would compete with the writes it guards.
		DurationSetting.within("membergraph.recovery.interval", interval, Duration.ofSeconds(10), Duration.ofDays(1));
	}

	/**
	 * The first sweep is a start-up step, after the demo data and before the read models warm (readiness waits
	 * for both): what a crash left is finished before anyone reads, and the sweep's scans on the embedded store
	 * (seconds at 100,000 members) do not run beside the first requests.
	 */
	@Override
	public void run(ApplicationArguments args) {
		sweep();
	}

	@Scheduled(initialDelayString = "${membergraph.recovery.interval:PT5M}",
			fixedDelayString = "${membergraph.recovery.interval:PT5M}")
	void sweepOnSchedule() {
		sweep();
	}

	/** Runs every step; returns how many pieces of work were finished in all. */
	public synchronized int sweep() {
		Instant startedBefore = clock.instant().minus(grace);
		int finished = 0;
		for (RecoveryStep step : steps) {
			try {
				int done = step.recover(startedBefore);
				if (done > 0) {
					log.info("Recovery: " + step.getClass().getSimpleName() + " finished " + done
							+ " pieces of work a crash interrupted");
				}
				finished += done;
			}
			catch (RuntimeException failure) {
				log.warn("Recovery: " + step.getClass().getSimpleName() + " failed; it is tried again at the next sweep",
						failure);
			}
		}
		return finished;
	}

}
