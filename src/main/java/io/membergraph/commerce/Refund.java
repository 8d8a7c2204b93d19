package io.membergraph.commerce;

import java.time.Instant;
import java.util.List;

import io.membergraph.shared.Money;

/** Money given back on an order, identified by the channel's refund number so a retry is recognised. */
public record Refund(String refundId, Money amount, Instant refundedAt, String reason, List<RefundLine> lines) {

	public record RefundLine(String sku, int quantity) {
	}

}
