package io.membergraph.commerce;

import java.util.List;

/**
 * Work another feature owes each recorded order or refund (points earned, points taken back), done as one
 * more step of recording: its keys are marked pending on the order in the same atomic write, and the step
 * is completed by the recording request or, after a crash, by the recovery sweep. Completing must be
 * idempotent.
 */
public interface OrderFollowUp {

	/** Keys of the follow-ups a newly recorded order owes. */
	List<String> dueOnRecord(Order order);

	/** Keys of the follow-ups a new refund of the order owes. */
	List<String> dueOnRefund(Order order, Refund refund);

	/**
	 * Keys of the follow-ups a correction owes ({@link OrderCorrections}): {@code before} is the order as recorded,
	 * {@code after} as corrected, with the refunds it keeps; {@code mode} is the loyalty treatment its import asked for.
	 */
	List<String> dueOnCorrection(Order before, Order after, LoyaltyMode mode);

	boolean handles(String key);

	/** Does the follow-up for the key, at most once in effect however often it is called. */
	void complete(Order order, String key);

	/**
	 * Does the follow-ups of a whole batch ({@link OrderBatches}): its members' orders and refunds, in the
	 * order they happened in the batch, with the loyalty treatment the batch asked for. Keyed by the batch, so
	 * it lands at most once however often it is called; the end state must be what {@link #complete} leaves
	 * after each event in turn (for {@link LoyaltyMode#LIVE}).
	 */
	void completeBatch(String batch, java.util.List<OrderEvent> events, LoyaltyMode mode);

}
