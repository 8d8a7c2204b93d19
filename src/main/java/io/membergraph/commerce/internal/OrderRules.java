package io.membergraph.commerce.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs;
import io.membergraph.commerce.OrderKind;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderSettings;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Product;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Digests;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UnitPrice;

/** Turns an order as a channel reports it into an order we store, or says which field is wrong. */
public final class OrderRules {

	private static final Pattern REFERENCE = Pattern.compile("[" + Order.NUMBER_CHARACTERS + "]{1,64}");

	/** The longest product code kept; codes are taken as the source writes them, trimmed. */
	static final int MAX_SKU_LENGTH = 100;

	/**
	 * The longest category a line carries: a shop's own product type, which Shopify lets run to 255 characters. An
	 * import must not lose an order for a long category; a category longer than any shop writes is a mistake.
	 */
	static final int MAX_CATEGORY_LENGTH = 255;

	/** The earliest day an order, payment or refund may carry ({@link TimeBounds}). */
	static final Instant EARLIEST = TimeBounds.EARLIEST;

	/** Units of one line: a pallet, not a typo of ten digits. */
	static final int MAX_QUANTITY = 1_000_000;

	private OrderRules() {
	}

	public static String reference(String field, String value) {
		String text = InvalidInputException.requireText(field, value);
		if (!REFERENCE.matcher(text).matches()) {
			throw new InvalidInputException(field, "must be 1-64 letters, digits or _-./#");
		}
		return text;
	}

	/**
	 * A product code as the source writes it ({@code 85123A}, {@code gift_0001_10}, {@code BANK CHARGES},
	 * {@code 洗发水 500ml}), trimmed; refused when empty, too long or holding control characters.
	 */
	public static String sku(String field, String value) {
		return InvalidInputException.oneLine(field, InvalidInputException.requireText(field, value), MAX_SKU_LENGTH);
	}

	/**
	 * The order {@code input} records ({@code given} with its member resolved to the current one), carrying the
	 * fingerprint of the order as it was sent: resending it after its member was merged away is a replay, not a
	 * conflict.
	 */
	public static Order toOrder(RecordOrderInput given, RecordOrderInput input, Map<String, Product> catalogue,
			Instant now, OrderSettings settings) {
		Order order = toOrder(input, catalogue, now, settings);
		return input == given ? order
				: order.withBookkeeping(order.pendingMemberUpdates(), toOrder(given, catalogue, now, settings).fingerprint());
	}

	/** The order to store; {@code catalogue} gives categories of known skus for lines that omit them. */
	public static Order toOrder(RecordOrderInput input, Map<String, Product> catalogue, Instant now,
			OrderSettings settings) {
		InvalidInputException.require("channel", input.channel());
		String orderNumber = reference("orderNumber", input.orderNumber());
		Instant placedAt = InvalidInputException.require("placedAt", input.placedAt());
		if (placedAt.isBefore(EARLIEST)) {
			throw new InvalidInputException("placedAt", "is before " + EARLIEST + ", the earliest order kept");
		}
		if (placedAt.isAfter(now.plusSeconds(300))) {
			throw new InvalidInputException("placedAt", "is in the future");
		}
		notBefore("paidAt", input.paidAt(), "placedAt", placedAt);
		notBeforeLatest("shippedAt", input.shippedAt(), "paidAt", input.paidAt(), placedAt);
		notBeforeLatest("deliveredAt", input.deliveredAt(), "shippedAt", input.shippedAt(), placedAt);
		notBefore("completedAt", input.completedAt(), "placedAt", placedAt);
		notBefore("cancelledAt", input.cancelledAt(), "placedAt", placedAt);
		// What happened to the order has happened: a payment dated next year would count in next year's sales.
		TimeBounds.happened("paidAt", input.paidAt(), now);
		TimeBounds.happened("shippedAt", input.shippedAt(), now);
		TimeBounds.happened("deliveredAt", input.deliveredAt(), now);
		TimeBounds.happened("completedAt", input.completedAt(), now);
		TimeBounds.happened("cancelledAt", input.cancelledAt(), now);
		String currency = currency(input.currency(), settings);
		List<OrderLine> lines = lines(input.lines(), catalogue, settings.maxLines(), currency);
		Money subtotal = lines.stream().map(OrderLine::amount).reduce(Money.ZERO, Money::plus);
		if (!subtotal.isWithinInputBounds()) {
			throw new InvalidInputException("lines", "add up to more than " + Money.MAX_INPUT.toPlainString());
		}
		Money discount = input.discount() == null ? Money.ZERO : inMinorUnits("discount", input.discount(), currency);
		if (discount.isNegative() || discount.compareTo(subtotal) > 0) {
			throw new InvalidInputException("discount", "must be between 0 and the sum of the lines (" + subtotal + ")");
		}
		Money paid = input.paidAmount() == null ? subtotal.minus(discount)
				: inMinorUnits("paidAmount", input.paidAmount(), currency);
		if (paid.isNegative()) {
			throw new InvalidInputException("paidAmount", "must not be negative");
		}
		Order order = new Order(Order.idOf(input.channel(), orderNumber), orderNumber, input.channel(),
				blankToNull(input.memberId()), optionalReference("storeId", input.storeId()),
				optionalReference("salesAssociate", input.salesAssociate()), status(input), millis(placedAt),
				millis(input.paidAt()), millis(input.shippedAt()), millis(input.deliveredAt()),
				millis(input.completedAt()), millis(input.cancelledAt()), lines, discount, paid,
				optionalReference("couponCode", input.couponCode()), optionalReference("campaignId", input.campaignId()),
				List.of(), Money.ZERO, List.of(), null, millis(now), millis(now), currency, OrderKind.SALE, null, null);
		return order.withBookkeeping(order.memberUpdatesDue(), fingerprint(order));
	}

	/** When a refund happened: now when not given; refused before {@link #EARLIEST} or more than a day ahead. */
	public static Instant refundedAt(Instant given, Instant now) {
		return millis(given == null ? now : TimeBounds.happened("refundedAt", given, now));
	}

	/** MongoDB keeps milliseconds; cutting here makes what we return equal what we store. */
	static Instant millis(Instant instant) {
		return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
	}

	/** A credit note as a batch records it: the returned lines and the money given back as its one refund. */
	public static Order creditNote(Channel channel, String number, String memberId, String storeId, Refund refund,
			String returns, String currency, Instant now) {
		Order credit = new Order(Order.idOf(channel, number), number, channel, memberId, optionalReference("storeId", storeId),
				null, OrderStatus.PLACED, refund.refundedAt(), null, null, null, null, null, List.of(), Money.ZERO,
				Money.ZERO, null, null, List.of(refund), refund.amount(), List.of(), null, millis(now), millis(now), currency,
				OrderKind.CREDIT_NOTE, returns, null);
		return credit.withBookkeeping(List.of(), Digests.sha256Hex(String.join("|", credit.id(), String.valueOf(memberId),
				String.valueOf(returns), refund.amount().toString(), String.valueOf(refund.refundedAt()),
				String.valueOf(refund.lines()), currency), 16));
	}

	/** A refund gives money back, or takes back free items (its lines) for nothing. */
	public static Money refundAmount(OrderInputs.RefundOrderInput input) {
		Money amount = InvalidInputException.require("amount", input.amount());
		boolean itemsOnly = amount.equals(Money.ZERO) && input.lines() != null && !input.lines().isEmpty();
		if (amount.compareTo(Money.ZERO) <= 0 && !itemsOnly) {
			throw new InvalidInputException("amount", "must be greater than 0 (or 0 with the lines of free items returned)");
		}
		return amount;
	}

	public static List<Refund.RefundLine> refundLines(List<RefundLineInput> inputs) {
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
			lines.add(new Refund.RefundLine(sku(field + ".sku", input.sku()), quantity));
		}
		return lines;
	}

	private static List<OrderLine> lines(List<OrderLineInput> inputs, Map<String, Product> catalogue, int maxLines,
			String currency) {
		int fractionDigits = fractionDigits(currency);
		if (inputs == null || inputs.isEmpty()) {
			throw new InvalidInputException("lines", "an order needs at least one line");
		}
		if (inputs.size() > maxLines) {
			throw new InvalidInputException("lines", "the order has " + inputs.size() + " lines; an order holds at most "
					+ maxLines + " (membergraph.orders.max-lines)");
		}
		List<OrderLine> lines = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			String field = "lines[" + i + "]";
			OrderLineInput input = inputs.get(i);
			String sku = sku(field + ".sku", input.sku());
			int quantity = InvalidInputException.require(field + ".quantity", input.quantity());
			if (quantity < 1 || quantity > MAX_QUANTITY) {
				throw new InvalidInputException(field + ".quantity", "must be between 1 and " + MAX_QUANTITY);
			}
			UnitPrice unitPrice = InvalidInputException.require(field + ".unitPrice", input.unitPrice());
			Money amount = input.amount() == null ? unitPrice.times(quantity, fractionDigits)
					: inMinorUnits(field + ".amount", input.amount(), currency);
			if (amount.isNegative()) {
				throw new InvalidInputException(field + ".amount", "must not be negative");
			}
			if (!amount.isWithinInputBounds()) {
				throw new InvalidInputException(field + ".amount", "is more than " + Money.MAX_INPUT.toPlainString()
						+ " (quantity times unit price)");
			}
			Product product = catalogue.get(sku);
			String category = input.category() != null && !input.category().isBlank()
					? InvalidInputException.oneLine(field + ".category", input.category().strip(), MAX_CATEGORY_LENGTH)
					: product == null ? null : product.category();
			lines.add(new OrderLine(sku, category, quantity, unitPrice, amount));
		}
		return lines;
	}

	/** The order's currency: the one it names, or the default; refused when it is no money amounts are kept in. */
	public static String currency(String given, OrderSettings settings) {
		if (given == null || given.isBlank()) {
			return settings.currency();
		}
		try {
			return Money.currencyCode(given);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("currency", ex.getMessage());
		}
	}

	/** The currency's minor unit: 2 for CNY, 0 for JPY; amounts are rounded to it once, per line. */
	/** An amount given in the order's currency holds no finer part than the currency has: no half yen. */
	public static Money inMinorUnits(String field, Money amount, String currency) {
		if (currency == null) {
			// Stored before orders kept their currency: hundredths, as every amount is kept.
			return amount;
		}
		int digits = fractionDigits(currency);
		if (amount.toDecimal().stripTrailingZeros().scale() > digits) {
			throw new InvalidInputException(field, amount + " has more than " + digits + " decimal places, as " + currency
					+ " amounts have");
		}
		return amount;
	}

	static int fractionDigits(String currency) {
		return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
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

	/**
	 * {@link #notBefore} against the step before ({@code previousField}) when the order has it, else against
	 * {@code placedAt}: the message names the time actually compared.
	 */
	private static void notBeforeLatest(String field, Instant value, String previousField, Instant previous,
			Instant placedAt) {
		if (previous == null) {
			notBefore(field, value, "placedAt", placedAt);
		}
		else {
			notBefore(field, value, previousField, previous);
		}
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
	/**
	 * What of a stored order lies beyond the bounds {@link #toOrder} enforces: an order written before they were
	 * would otherwise skew every total it enters, or fail to be read at all.
	 */
	public static List<String> outOfBounds(Order order) {
		List<String> problems = new ArrayList<>();
		String name = "order " + order.id();
		// An order is dated no later than a day after it was recorded, a refund no later than a day after the order's
		// last write (which recorded the refund).
		Instant recorded = order.recordedAt() != null ? order.recordedAt() : order.changedAt();
		dated(problems, name, "placedAt", order.placedAt(), recorded);
		dated(problems, name, "paidAt", order.paidAt(), recorded);
		for (Refund refund : order.refunds() == null ? List.<Refund>of() : order.refunds()) {
			dated(problems, name, "refunds.refundedAt", refund.refundedAt(), order.changedAt());
		}
		List<OrderLine> lines = order.lines() == null ? List.of() : order.lines();
		for (int i = 0; i < lines.size(); i++) {
			OrderLine line = lines.get(i);
			if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
				problems.add(name + ": lines[" + i + "].quantity " + line.quantity() + " is outside 1 to " + MAX_QUANTITY);
			}
			if (line.amount() != null && !line.amount().isWithinInputBounds()) {
				problems.add(name + ": lines[" + i + "].amount " + line.amount() + " is beyond " + Money.MAX_INPUT.toPlainString());
			}
		}
		for (Money amount : java.util.Arrays.asList(order.paidAmount(), order.refundedAmount())) {
			if (amount != null && !amount.isWithinInputBounds()) {
				problems.add(name + ": amount " + amount + " is beyond " + Money.MAX_INPUT.toPlainString());
			}
		}
		return problems;
	}

	private static void dated(List<String> problems, String name, String field, Instant at, Instant written) {
		Instant latest = written == null ? null : written.plus(TimeBounds.CLOCK_SLACK);
		if (at != null && (at.isBefore(EARLIEST) || (latest != null && at.isAfter(latest)))) {
			problems.add(name + ": " + field + " " + at + " is outside " + EARLIEST + " to a day after it was written");
		}
	}

	public static String fingerprint(Order order) {
		String content = String.join("|", order.id(), String.valueOf(order.memberId()), String.valueOf(order.storeId()),
				String.valueOf(order.salesAssociate()), String.valueOf(order.placedAt()), String.valueOf(order.paidAt()),
				String.valueOf(order.shippedAt()), String.valueOf(order.deliveredAt()), String.valueOf(order.completedAt()),
				String.valueOf(order.cancelledAt()), order.lines().toString(), order.discount().toString(),
				order.paidAmount().toString(), String.valueOf(order.couponCode()), String.valueOf(order.campaignId()),
				order.currency());
		return Digests.sha256Hex(content, 16);
	}

}
