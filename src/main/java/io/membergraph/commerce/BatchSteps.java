package io.membergraph.commerce;

import java.util.function.BiConsumer;

import org.springframework.stereotype.Component;

/**
 * The points between a batch's steps where a crash can fall. The application only passes them; tests stop a
 * batch at each to prove that completing it afterwards ends where an uninterrupted batch ends.
 */
@Component
public class BatchSteps {

	public enum Step {

		/** The batch's journal is written, nothing else. */
		JOURNAL_WRITTEN,
		/** Its orders and refunds are written, marked; no member is updated. */
		ORDERS_WRITTEN,
		/**
		 * The orders' members are checked for merges (those of a member merged away moved to the survivor); no
		 * member-side write is done.
		 */
		MEMBERS_CHECKED,
		/** The loyalty programme decided the batch's points and tiers; nothing of it is written. */
		LOYALTY_DECIDED,
		/** The loyalty journal is written; no points account is. */
		LOYALTY_JOURNAL_WRITTEN,
		/** The points accounts took the batch; its ledger entries and tier changes are not written. */
		ACCOUNTS_WRITTEN,
		/** Every member-side write is done; the marks are not cleared. */
		MEMBERS_WRITTEN,
		/** A correction's order is written with its follow-ups marked ({@link OrderCorrections}); none is done. */
		CORRECTION_WRITTEN

	}

	private volatile BiConsumer<Step, String> listener = (step, batch) -> {
	};

	public void reached(Step step, String batch) {
		listener.accept(step, batch);
	}

	/** For tests: what happens when a batch reaches a step. */
	void listen(BiConsumer<Step, String> listener) {
		this.listener = listener;
	}

}
