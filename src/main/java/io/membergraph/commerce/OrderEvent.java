package io.membergraph.commerce;

/**
 * Something a batch did to an order that other features follow: the order was recorded ({@code refund} null)
 * or one of its refunds was. Batches hand them to {@link OrderFollowUp}s in the order they happened in the
 * batch.
 */
public record OrderEvent(Order order, Refund refund) {

	public boolean isRefund() {
		return refund != null;
	}

	/** The member the event belongs to. */
	public String memberId() {
		return order.memberId();
	}

	/** The event as the member it belongs to, merged away meanwhile, would have it now: the survivor's. */
	public OrderEvent ofMember(String survivorId) {
		return new OrderEvent(order.ofMember(survivorId), refund);
	}

}
