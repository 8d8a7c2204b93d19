package io.membergraph.commerce.internal;

import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.LoyaltyMode;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a batch of orders set out to do, written before its first order: the loyalty treatment and each step
 * in the batch's order. A batch cut short by a crash is completed from it and from the orders that carry the
 * batch's mark; it is removed once the batch is complete.
 *
 * @param steps the orders recorded ({@code refundId} null) and refunds made, in the order of the batch
 */
@Document("order_batches")
public record BatchJournal(@Id String id, LoyaltyMode loyalty, List<Step> steps, Instant startedAt) {

	public record Step(String orderId, String refundId) {
	}

	/** The step of a credit note moved onto the order it returns. */
	public static final String ATTACHED = "(attached)";

	/** The key a batch leaves on each order it writes until its member-side effects are complete. */
	public static String markOf(String batchId) {
		return "batch:" + batchId;
	}

	static boolean isMark(String pendingKey) {
		return pendingKey.startsWith("batch:");
	}

	static String batchOf(String mark) {
		return mark.substring("batch:".length());
	}

}
