package io.membergraph.commerce.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.UserError;

/**
 * What an order can still take back: the units of each sku it sold, less those its refunds' lines took back. A
 * refund naming lines returns only what is left of them (a refund naming none gives money back only, as a
 * goodwill refund or a web shop's refunded amount does); the money is bounded apart, by what was paid.
 */
public final class ReturnableUnits {

	private ReturnableUnits() {
	}

	/**
	 * Why {@code order} cannot take back {@code returning} on top of its refunds: a sku it did not sell, or more
	 * units of one than are left; null when it can.
	 */
	public static UserError refusal(Order order, List<Refund.RefundLine> returning) {
		if (returning == null || returning.isEmpty()) {
			return null;
		}
		Map<String, Long> sold = new HashMap<>();
		if (order.lines() != null) {
			order.lines().forEach(line -> sold.merge(line.sku(), (long) line.quantity(), Long::sum));
		}
		Map<String, Long> left = new HashMap<>(sold);
		for (Refund refund : order.refunds()) {
			if (refund.lines() != null) {
				// Lines an earlier version let through for skus the order did not sell take nothing from what is left.
				refund.lines().forEach(back -> left.computeIfPresent(back.sku(), (sku, units) -> units - back.quantity()));
			}
		}
		for (int i = 0; i < returning.size(); i++) {
			Refund.RefundLine back = returning.get(i);
			Long units = left.get(back.sku());
			if (units == null) {
				return new UserError("REFUND_LINE_NOT_ON_ORDER", "Order " + order.orderNumber() + " has no line of sku '"
						+ back.sku() + "' to return", "lines[" + i + "].sku");
			}
			if (back.quantity() > units) {
				return new UserError("REFUND_EXCEEDS_QUANTITY", "Returning " + back.quantity() + " of '" + back.sku()
						+ "', but order " + order.orderNumber() + " has " + Math.max(0, units) + " of the "
						+ sold.get(back.sku()) + " it sold left to return", "lines[" + i + "].quantity");
			}
			left.put(back.sku(), units - back.quantity());
		}
		return null;
	}

}
