package io.membergraph.commerce;

import java.util.List;

import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.shared.UserError;

/**
 * Orders and refunds to record together ({@link OrderBatches}), in the order they happened, with the loyalty
 * treatment they get.
 *
 * @param source what sends the batch (an import job's id), carried in the ids of its batches so that what one
 * source wrote can be told from what others wrote before; null when it does not matter
 */
public record OrderBatch(List<Entry> entries, LoyaltyMode loyalty, String source) {

	public OrderBatch(List<Entry> entries, LoyaltyMode loyalty) {
		this(entries, loyalty, null);
	}

	/** Whether the batch that recorded something ({@link Refund#batch()}) was one of {@code source}'s. */
	static boolean sentBy(String batchId, String source) {
		return batchId != null && source != null && batchId.endsWith("-" + source);
	}

	/** One thing to record. */
	public sealed interface Entry permits NewOrder, NewRefund, NewCreditNote {
	}

	public record NewOrder(RecordOrderInput input) implements Entry {
	}

	public record NewRefund(RefundOrderInput input) implements Entry {
	}

	/**
	 * Money given back with no order of ours to refund: a credit note numbered {@code refund.refundId()}, of the
	 * order {@code refund.orderNumber()} when the source names one (it moves onto that order once recorded), for the
	 * member (null for a guest).
	 */
	public record NewCreditNote(RefundOrderInput refund, String memberId, String storeId, String currency)
			implements Entry {
	}

	/** What became of each entry, in the order of the entries. */
	public record Result(List<EntryResult> entries) {
	}

	/**
	 * What became of one entry.
	 *
	 * @param error why it was refused, with the input field (for an order line, {@code lines[i].field})
	 * @param order the order as recorded, or as found when replayed
	 */
	public record EntryResult(Outcome outcome, UserError error, Order order) {

		static EntryResult of(Outcome outcome, Order order) {
			return new EntryResult(outcome, null, order);
		}

		static EntryResult refused(String code, String field, String message) {
			return new EntryResult(Outcome.REFUSED, new UserError(code, message, field), null);
		}

	}

	public enum Outcome {

		/** Written now. */
		RECORDED,
		/** The same order or refund was recorded before; nothing changed. */
		REPLAYED,
		/** Recorded before with other content, and replaced by this content ({@link OrderCorrections}). */
		CORRECTED,
		/** A refund of an order that is not known (yet); nothing written. */
		ORDER_NOT_FOUND,
		/** Refused for the reason given; nothing written. */
		REFUSED

	}

}
