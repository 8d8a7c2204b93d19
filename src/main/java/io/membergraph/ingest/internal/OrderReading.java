package io.membergraph.ingest.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.membergraph.commerce.OrderBatch;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.ingest.internal.RowSink.Settled;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;

/**
 * Reads the rows of one order, as the file writes them, into what recording it takes: the order of its sold
 * lines (with the refund its row says was given back on it), the return of its returned lines (with the credit
 * note it is when its order is not known) and the lines that sell nothing. A line that cannot be read makes the
 * whole order unreadable ({@link Unreadable}): an order is recorded whole or not at all. Recording is
 * {@link OrderRows}' part.
 */
public final class OrderReading {

	/** The refund id of an order's refunded amount (a web shop's column on the sale's row): this and its number. */
	static final String REFUNDED_PREFIX = "refunded-";

	/** Statuses that cancel an order (translate the file's own to one of them: {"交易关闭": "CANCELLED"}). */
	private static final Set<String> CANCELLED = Set.of("CANCELLED", "CANCELED");

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final Amounts amounts;

	private final ReturnRule returns;

	private final MemberReference memberReference;

	/** The import's currency, for rows that give none. */
	private final String currency;

	OrderReading(ImportSpec spec, MemberReference memberReference) {
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.amounts = spec.amounts();
		this.returns = spec.returns();
		this.currency = spec.currency();
		this.memberReference = memberReference;
	}

	/**
	 * What an order's rows say.
	 *
	 * @param order the order of its sold lines; null when every line returns
	 * @param refunded the refund the order's row says was given back on it; null when it says none
	 * @param refund the return of its returned lines; null when none returns
	 * @param ifNoOrder the credit note the return is when its order is not known
	 * @param leftOut the lines that sell nothing, refused with the reason
	 */
	record Read(String number, MemberReference.Ref member, RecordOrderInput order, List<SourceRow> soldRows,
			RefundOrderInput refunded, RefundOrderInput refund, List<SourceRow> returnedRows,
			OrderBatch.NewCreditNote ifNoOrder, List<Settled> leftOut) {
	}

	/** Reads an order's rows (from its first, which holds the order's own fields); {@link Unreadable} when a line is not. */
	Read read(List<SourceRow> rows) {
		SourceRow first = rows.get(0);
		List<Line> parsed = new ArrayList<>();
		List<SourceRow> empty = new ArrayList<>();
		Header header = header(first);
		for (SourceRow row : rows) {
			if (sellsNothing(row)) {
				empty.add(row);
			}
			else {
				parsed.add(line(row));
			}
		}
		boolean wholeReturn = returns.kind() != ReturnRule.Kind.NEGATIVE_QUANTITY
				&& returns.isReturn(header.number, header.status, null);
		List<Line> sold = parsed.stream().filter(l -> !wholeReturn && !l.returned()).toList();
		List<Line> returned = parsed.stream().filter(l -> wholeReturn || l.returned()).toList();
		RecordOrderInput order = null;
		RefundOrderInput refunded = null;
		if (!sold.isEmpty()) {
			order = order(header, sold);
			refunded = refunded(first, header, order);
		}
		else if (header.refundedAmount() != null) {
			throw new Unreadable(first, new InvalidInputException("refundedAmount",
					"is given on a return, whose amount comes from its returned lines"));
		}
		RefundOrderInput refund = returned.isEmpty() ? null : refund(header, returned, !sold.isEmpty());
		return new Read(header.number, header.member, order, rowsOf(sold), refunded, refund, rowsOf(returned),
				refund == null ? null : creditNote(refund, header), leftOut(empty, parsed.isEmpty(), header.number));
	}

	/**
	 * A line of no units that costs nothing (quantity 0, no price or amount, or 0): a coupon or a scan a till
	 * logged, as Dunnhumby's baskets have them. It records nothing, and an order refused for it would lose the rest:
	 * it is left out of its order and reported. A line of no units with a price is refused as before.
	 */
	private static final java.util.regex.Pattern ZERO = java.util.regex.Pattern.compile("[+-]?0+([.,]0*)?");

	private boolean sellsNothing(SourceRow row) {
		String written = mapping.value(row, "quantity");
		// Every line passes here: only a quantity written as zero is parsed, the others once, by line().
		if (written == null || !ZERO.matcher(written.strip()).matches()) {
			return false;
		}
		try {
			if (amounts.integer("quantity", written) != 0) {
				return false;
			}
			String currency = mapping.value(row, "currency");
			BigDecimal price = amounts.unitPrice("unitPrice", mapping.value(row, "unitPrice"), currency);
			Money amount = amounts.lineAmount("lineAmount", mapping.value(row, "lineAmount"), currency);
			return (price == null || price.signum() == 0) && (amount == null || amount.equals(Money.ZERO));
		}
		catch (InvalidInputException unreadable) {
			// Refused with its reason when the line is read.
			return false;
		}
	}

	private List<Settled> leftOut(List<SourceRow> empty, boolean wholeOrder, String number) {
		String reason = wholeOrder ? "sells no units and costs nothing, as every line of order " + number
				+ " does: nothing to record" : "sells no units and costs nothing: left out of order " + number
						+ ", whose other lines are read without it";
		return empty.stream().map(row -> Settled.rejected(row, mapping, "quantity", reason)).toList();
	}

	/** The order-level fields, from an order's first line. */
	private record Header(Channel channel, String number, MemberReference.Ref member, String storeId, String salesAssociate,
			Instant placedAt, Instant paidAt, Instant shippedAt, Instant deliveredAt, Instant completedAt,
			Instant cancelledAt, Money discount, Money paidAmount, String couponCode, String campaignId, String status,
			String originalNumber, String currency, Money refundedAmount, Instant refundedAt) {
	}

	/** One cleaned line; {@code returned} when its quantity or price is negative. */
	private record Line(SourceRow row, String sku, int quantity, BigDecimal unitPrice, Money amount, String category,
			boolean returned) {
	}

	private Header header(SourceRow row) {
		try {
			String currency = mapping.value(row, "currency");
			Channel channel = Cleaning.channel("channel", mapping.value(row, "channel"));
			Instant placedAt = InvalidInputException.require("placedAt", time(row, "placedAt"));
			String status = Cleaning.text(mapping.value(row, "status"));
			Instant cancelledAt = time(row, "cancelledAt");
			if (cancelledAt == null && status != null && CANCELLED.contains(status.toUpperCase(java.util.Locale.ROOT))) {
				// Exports that say so only in a status: cancelled when placed, as far as the file tells.
				cancelledAt = placedAt;
			}
			return new Header(channel, InvalidInputException.requireText("orderNumber",
					Cleaning.identifier("orderNumber", mapping.value(row, "orderNumber"))),
					memberReference.of(row, channel), Cleaning.text(mapping.value(row, "storeId")),
					Cleaning.text(mapping.value(row, "salesAssociate")), placedAt, time(row, "paidAt"),
					time(row, "shippedAt"), time(row, "deliveredAt"), time(row, "completedAt"), cancelledAt,
					amounts.amount("discount", mapping.value(row, "discount"), currency),
					amounts.amount("paidAmount", mapping.value(row, "paidAmount"), currency),
					Cleaning.text(mapping.value(row, "couponCode")), Cleaning.text(mapping.value(row, "campaignId")),
					status, Cleaning.identifier("originalOrderNumber", mapping.value(row, "originalOrderNumber")),
					Cleaning.text(currency), refundedAmount(row, currency), time(row, "refundedAt"));
		}
		catch (InvalidInputException ex) {
			throw new Unreadable(row, ex);
		}
	}

	/** What the row says was given back on its order, as a positive amount; null when nothing was. */
	private Money refundedAmount(SourceRow row, String currency) {
		Money refunded = amounts.amount("refundedAmount", mapping.value(row, "refundedAmount"), currency);
		// Exports write money given back as 30.00 or as -30.00: the same 30 refunded.
		return refunded == null || refunded.equals(Money.ZERO) ? null : abs(refunded);
	}

	/**
	 * The refund of the money the order's row says was given back on it (a web shop's "Refunded Amount"): one refund
	 * of the order, {@code refunded-<number>}, at most what the order paid. Null when the row gives none.
	 */
	private RefundOrderInput refunded(SourceRow row, Header header, RecordOrderInput order) {
		if (header.refundedAmount() == null) {
			return null;
		}
		if (header.refundedAt() == null) {
			throw new Unreadable(row, new InvalidInputException("refundedAt", "is required when refundedAmount is given"));
		}
		if (order.paidAt() == null) {
			// Refused whole: recorded unpaid, its refund would be refused after it.
			throw new Unreadable(row, new InvalidInputException("refundedAmount", "is given on order " + header.number()
					+ ", which was never paid (no paidAt)"));
		}
		Money paid = order.paidAmount() != null ? order.paidAmount() : linesTotal(order).minus(order.discount() == null
				? Money.ZERO : order.discount());
		if (header.refundedAmount().compareTo(paid) > 0) {
			throw new Unreadable(row, new InvalidInputException("refundedAmount", "is " + header.refundedAmount()
					+ ", more than the " + paid + " paid for order " + header.number()));
		}
		return new RefundOrderInput(header.channel(), header.number(), REFUNDED_PREFIX + header.number(),
				header.refundedAmount(), header.refundedAt(), "imported refund of order " + header.number(), List.of());
	}

	/** The order's lines added up as recording adds them: each line's amount, or its units at its price. */
	private static Money linesTotal(RecordOrderInput order) {
		int digits = Amounts.minorDigits(order.currency());
		Money total = Money.ZERO;
		for (OrderLineInput line : order.lines()) {
			total = total.plus(line.amount() != null ? line.amount() : line.unitPrice().times(line.quantity(), digits));
		}
		return total;
	}

	private Line line(SourceRow row) {
		try {
			String sku = InvalidInputException.requireText("sku", Cleaning.identifier("sku", mapping.value(row, "sku")));
			int quantity = InvalidInputException.require("quantity", amounts.integer("quantity", mapping.value(row, "quantity")));
			String currency = mapping.value(row, "currency");
			BigDecimal price = amounts.unitPrice("unitPrice", mapping.value(row, "unitPrice"), currency);
			Money amount = amounts.lineAmount("lineAmount", mapping.value(row, "lineAmount"), currency);
			if (price == null && amount == null) {
				throw new InvalidInputException("unitPrice", "is required (or lineAmount)");
			}
			if (quantity == 0) {
				throw new InvalidInputException("quantity", "is 0: a line sells or returns at least one unit");
			}
			boolean returned = quantity < 0 || price != null && price.signum() < 0 || amount != null && amount.isNegative();
			return new Line(row, sku, quantity, price, amount, Cleaning.text(mapping.value(row, "category")), returned);
		}
		catch (InvalidInputException ex) {
			throw new Unreadable(row, ex);
		}
	}

	private RecordOrderInput order(Header header, List<Line> lines) {
		List<OrderLineInput> inputs = new ArrayList<>();
		for (Line line : lines) {
			BigDecimal price = line.unitPrice() != null ? line.unitPrice()
					: line.amount().toDecimal().divide(BigDecimal.valueOf(line.quantity()), UnitPrice.SCALE, RoundingMode.HALF_UP);
			inputs.add(new OrderLineInput(line.sku(), line.quantity(), new UnitPrice(price), line.amount(), line.category()));
		}
		return new RecordOrderInput(header.channel(), header.number(), null, header.storeId(), header.salesAssociate(),
				header.placedAt(), header.paidAt(), header.shippedAt(), header.deliveredAt(), header.completedAt(),
				header.cancelledAt(), inputs, header.discount(), header.paidAmount(), header.couponCode(),
				header.campaignId(), header.currency() != null ? header.currency() : currency);
	}

	/**
	 * The refund a return makes: of the order it names ({@code originalOrderNumber}), the order a prefix marks, or
	 * the order of the same number. Its id is the return's own number; returned lines among an order's sold lines
	 * are {@code returns-<number>}, and returned lines read apart from their order's (later in the file, or in a
	 * later file) {@code returns-<number>-<digest of the lines>}, so that importing the file again finds each.
	 */
	private RefundOrderInput refund(Header header, List<Line> lines, boolean ofItsOwnOrder) {
		String number = header.number();
		String original = ofItsOwnOrder ? number
				: header.originalNumber() != null ? header.originalNumber() : returns.originalOf(number);
		String refundId = ofItsOwnOrder ? "returns-" + number
				: original.equals(number) ? "returns-" + number + "-" + digest(header, lines) : number;
		Money amount = Money.ZERO;
		List<RefundLineInput> returnedLines = new ArrayList<>();
		int digits = Amounts.minorDigits(header.currency() != null ? header.currency() : currency);
		for (Line line : lines) {
			int quantity = Math.abs(line.quantity());
			Money lineAmount = line.amount() != null ? abs(line.amount())
					: new UnitPrice(line.unitPrice().abs()).times(quantity, digits);
			amount = amount.plus(lineAmount);
			returnedLines.add(new RefundLineInput(line.sku(), quantity));
		}
		return new RefundOrderInput(header.channel(), original, refundId, amount, header.placedAt(),
				"imported return " + header.number(), returnedLines);
	}

	/**
	 * The credit note a return is when its order is not known, for the member its rows name: one that waits for
	 * the order it names, or, for returned lines under their own number, one of that number naming no order.
	 */
	private OrderBatch.NewCreditNote creditNote(RefundOrderInput refund, Header header) {
		RefundOrderInput credit = !refund.orderNumber().equals(header.number()) ? refund
				: new RefundOrderInput(refund.channel(), null, header.number(), refund.amount(), refund.refundedAt(),
						refund.reason(), refund.lines());
		return new OrderBatch.NewCreditNote(credit, null, header.storeId(),
				header.currency() != null ? header.currency() : currency);
	}

	/** A short digest of returned lines, which tells two returns of one order apart and finds each again. */
	private static String digest(Header header, List<Line> lines) {
		StringBuilder text = new StringBuilder(String.valueOf(header.placedAt()));
		lines.forEach(line -> text.append('|').append(line.sku()).append('|').append(line.quantity()).append('|')
			.append(line.unitPrice()).append('|').append(line.amount()));
		return io.membergraph.shared.Digests.sha256Hex(text.toString(), 8);
	}

	private Instant time(SourceRow row, String field) {
		return cleaning.dateTime(field, mapping.value(row, field));
	}

	private static List<SourceRow> rowsOf(List<Line> lines) {
		return lines.stream().map(Line::row).toList();
	}

	private static Money abs(Money money) {
		return money.isNegative() ? Money.ZERO.minus(money) : money;
	}

	/** A line that cannot be read, and so neither can its order. */
	static final class Unreadable extends RuntimeException {

		private final SourceRow row;

		private final InvalidInputException error;

		Unreadable(SourceRow row, InvalidInputException error) {
			super(error.getMessage(), null, false, false);
			this.row = row;
			this.error = error;
		}

		/** The row at fault. */
		SourceRow row() {
			return row;
		}

		InvalidInputException error() {
			return error;
		}

	}

}
