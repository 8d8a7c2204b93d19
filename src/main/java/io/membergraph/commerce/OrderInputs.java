package io.membergraph.commerce;

import java.time.Instant;
import java.util.List;

import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;

/** The inputs of the commerce mutations, as the schema declares them. */
public final class OrderInputs {

	private OrderInputs() {
	}

	/** An order as a channel reports it; a guest order has no member. */
	public record RecordOrderInput(Channel channel, String orderNumber, String memberId, String storeId,
			String salesAssociate, Instant placedAt, Instant paidAt, Instant shippedAt, Instant deliveredAt,
			Instant completedAt, Instant cancelledAt, List<OrderLineInput> lines, Money discount, Money paidAmount,
			String couponCode, String campaignId, String currency) {

		/** The same order for another member id: the survivor, when the given member was merged away. */
		public RecordOrderInput forMember(String id) {
			return new RecordOrderInput(channel, orderNumber, id, storeId, salesAssociate, placedAt, paidAt, shippedAt,
					deliveredAt, completedAt, cancelledAt, lines, discount, paidAmount, couponCode, campaignId, currency);
		}

	}

	/** A line; {@code amount} defaults to quantity times unit price, {@code category} to the catalogue's. */
	public record OrderLineInput(String sku, Integer quantity, UnitPrice unitPrice, Money amount, String category) {
	}

	public record RefundOrderInput(Channel channel, String orderNumber, String refundId, Money amount,
			Instant refundedAt, String reason, List<RefundLineInput> lines) {
	}

	public record RefundLineInput(String sku, Integer quantity) {
	}

	public record UpsertProductInput(String sku, String name, String category, String brand, Money listPrice,
			Boolean active) {
	}

}
