package io.membergraph.commerce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.shared.Digests;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;

/** Turns an order as a channel reports it into an order we store, or says which field is wrong. */
final class OrderRules {

	static final int MAX_LINES = 500;

	private static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N}_\\-./#]{1,64}");

	private OrderRules() {
	}

	static String reference(String field, String value) {
		String text = InvalidInputException.requireText(field, value);
		if (!REFERENCE.matcher(text).matches()) {
			throw new InvalidInputException(field, "must be 1-64 letters, digits or _-./#");
		}
		return text;
	}

	/** The order to store; {@code catalogue} gives categories of known skus for lines that omit them. */
	static Order toOrder(RecordOrderInput input, Map<String, Product> catalogue, Instant now) {
		InvalidInputException.require("channel", input.channel());
		String orderNumber = reference("orderNumber", input.orderNumber());
		Instant placedAt = InvalidInputException.require("placedAt", input.placedAt());
		notBefore("paidAt", input.paidAt(), "placedAt", placedAt);
		notBefore("shippedAt", input.shippedAt(), "paidAt", input.paidAt() == null ? placedAt : input.paidAt());
		notBefore("deliveredAt", input.deliveredAt(), "shippedAt", input.shippedAt() == null ? placedAt : input.shippedAt());
		notBefore("completedAt", input.completedAt(), "placedAt", placedAt);
		notBefore("cancelledAt", input.cancelledAt(), "placedAt", placedAt);
		if (placedAt.isAfter(now.plusSeconds(300))) {
			throw new InvalidInputException("placedAt", "is in the future");
		}
		List<OrderLine> lines = lines(input.lines(), catalogue);
		Money subtotal = lines.stream().map(OrderLine::amount).reduce(Money.ZERO, Money::plus);
		Money discount = input.discount() == null ? Money.ZERO : input.discount();
		if (discount.isNegative() || discount.compareTo(subtotal) > 0) {
			throw new InvalidInputException("discount", "must be between 0 and the sum of the lines (" + subtotal + ")");
		}
		Money paid = input.paidAmount() == null ? subtotal.minus(discount) : input.paidAmount();
		if (paid.isNegative()) {
			throw new InvalidInputException("paidAmount", "must not be negative");
		}
		Order order = new Order(Order.idOf(input.channel(), orderNumber), orderNumber, input.channel(),
				blankToNull(input.memberId()), optionalReference("storeId", input.storeId()),
				optionalReference("salesAssociate", input.salesAssociate()), status(input), millis(placedAt),
				millis(input.paidAt()), millis(input.shippedAt()), millis(input.deliveredAt()),
				millis(input.completedAt()), millis(input.cancelledAt()), lines, discount, paid,
				optionalReference("couponCode", input.couponCode()), optionalReference("campaignId", input.campaignId()),
				List.of(), Money.ZERO, List.of(), null, millis(now), millis(now));
		return order.withBookkeeping(order.memberUpdatesDue(), fingerprint(order));
	}

	/** MongoDB keeps milliseconds; cutting here makes what we return equal what we store. */
	static Instant millis(Instant instant) {
		return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
	}

	static List<Refund.RefundLine> refundLines(List<RefundLineInput> inputs) {
		if (inputs == null) {
			return List.of();
		}
		List<Refund.RefundLine> lines = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			String field = "lines[" + i + "]";
			RefundLineInput input = inputs.get(i);
			int quantity = InvalidInputException.require(field + ".quantity", input.quantity());
			if (quantity < 1) {
				throw new InvalidInputException(field + ".quantity", "must be at least 1");
			}
			lines.add(new Refund.RefundLine(reference(field + ".sku", input.sku()), quantity));
		}
		return lines;
	}

	private static List<OrderLine> lines(List<OrderLineInput> inputs, Map<String, Product> catalogue) {
		if (inputs == null || inputs.isEmpty()) {
			throw new InvalidInputException("lines", "an order needs at least one line");
		}
		if (inputs.size() > MAX_LINES) {
			throw new InvalidInputException("lines", "an order holds at most " + MAX_LINES + " lines");
		}
		List<OrderLine> lines = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			String field = "lines[" + i + "]";
			OrderLineInput input = inputs.get(i);
			String sku = reference(field + ".sku", input.sku());
			int quantity = InvalidInputException.require(field + ".quantity", input.quantity());
			if (quantity < 1) {
				throw new InvalidInputException(field + ".quantity", "must be at least 1");
			}
			Money unitPrice = InvalidInputException.require(field + ".unitPrice", input.unitPrice());
			if (unitPrice.isNegative()) {
				throw new InvalidInputException(field + ".unitPrice", "must not be negative");
			}
			Money amount = input.amount() == null ? unitPrice.times(quantity) : input.amount();
			if (amount.isNegative()) {
				throw new InvalidInputException(field + ".amount", "must not be negative");
			}
			Product product = catalogue.get(sku);
			String category = input.category() != null && !input.category().isBlank() ? input.category().strip()
					: product == null ? null : product.category();
			lines.add(new OrderLine(sku, category, quantity, unitPrice, amount));
		}
		return lines;
	}

	private static OrderStatus status(RecordOrderInput input) {
		if (input.cancelledAt() != null) {
			return OrderStatus.CANCELLED;
		}
		if (input.completedAt() != null) {
			return OrderStatus.COMPLETED;
		}
		if (input.deliveredAt() != null) {
			return OrderStatus.DELIVERED;
		}
		if (input.shippedAt() != null) {
			return OrderStatus.SHIPPED;
		}
		return input.paidAt() != null ? OrderStatus.PAID : OrderStatus.PLACED;
	}

	private static void notBefore(String field, Instant value, String earlierField, Instant earlier) {
		if (value != null && earlier != null && value.isBefore(earlier)) {
			throw new InvalidInputException(field, "is before " + earlierField);
		}
	}

	private static String optionalReference(String field, String value) {
		return value == null || value.isBlank() ? null : reference(field, value);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** A digest of what the channel said about the order; the recording time is not part of it. */
	static String fingerprint(Order order) {
		String content = String.join("|", order.id(), String.valueOf(order.memberId()), String.valueOf(order.storeId()),
				String.valueOf(order.salesAssociate()), String.valueOf(order.placedAt()), String.valueOf(order.paidAt()),
				String.valueOf(order.shippedAt()), String.valueOf(order.deliveredAt()), String.valueOf(order.completedAt()),
				String.valueOf(order.cancelledAt()), order.lines().toString(), order.discount().toString(),
				order.paidAmount().toString(), String.valueOf(order.couponCode()), String.valueOf(order.campaignId()));
		return Digests.sha256Hex(content, 16);
	}

}
