package io.membergraph.shared;

import java.time.Instant;

/**
 * Work a module leaves in steps that a crash can cut short (a merge, a pending points entry, an order's member
 * updates, an interaction's monthly count), and how to finish it. {@link RecoverySweep} runs every module's step.
 */
public interface RecoveryStep {

	/**
	 * Finishes the work a crash left unfinished, among what began before {@code startedBefore}: anything younger may
	 * still be in flight in this or another instance. Idempotent.
	 * @return how many pieces of work were finished
	 */
	int recover(Instant startedBefore);

}
