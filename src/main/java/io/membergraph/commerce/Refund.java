package io.membergraph.commerce;

import java.time.Instant;
import java.util.List;

import io.membergraph.shared.Money;

/**
 * Money given back on an order, identified by the channel's refund number so a retry is recognised.
 *
 * @param batch the batch that recorded it ({@link OrderBatches}), whose completion applies it to the member;
 * null when recorded on its own
 */
public record Refund(String refundId, Money amount, Instant refundedAt, String reason, List<RefundLine> lines,
		String batch) {

	public record RefundLine(String sku, int quantity) {
	}

}
