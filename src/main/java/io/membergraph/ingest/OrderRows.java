package io.membergraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.OrderPayload;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.ingest.ImportCounts.RowOutcome;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UserError;

/**
 * Order lines into orders: consecutive rows with the same channel and order number are one order, recorded
 * through {@link OrderRecording} so stats, points and tiers move exactly as through the API. A return
 * becomes a refund of its original order; a return read before its order is tried again at the end.
 */
final class OrderRows implements RowSink {

	static final Set<String> FIELDS = Set.of("orderNumber", "channel", "memberId", "memberPhone", "memberExternalId",
			"storeId", "salesAssociate", "placedAt", "paidAt", "shippedAt", "deliveredAt", "completedAt", "cancelledAt",
			"sku", "category", "quantity", "unitPrice", "lineAmount", "discount", "paidAmount", "couponCode", "campaignId",
			"status", "originalOrderNumber");

	private final OrderRecording recording;

	private final MemberReference memberReference;

	private final ColumnMapping mapping;

	private final Cleaning cleaning;

	private final ReturnRule returns;

	private final List<SourceRow> group = new ArrayList<>();

	private final List<List<SourceRow>> deferredReturns = new ArrayList<>();

	private String groupKey;

	OrderRows(OrderRecording recording, MemberDirectory members, ColumnMapping mapping, Cleaning cleaning,
			ReturnRule returns) {
		this.recording = recording;
		this.memberReference = new MemberReference(members, mapping);
		this.mapping = mapping;
		this.cleaning = cleaning;
		this.returns = returns;
	}

	@Override
	public Set<String> fields() {
		return FIELDS;
	}

	@Override
	public List<Settled> accept(SourceRow row) {
		String key = mapping.value(row, "channel") + "|" + mapping.value(row, "orderNumber");
		List<Settled> settled = new ArrayList<>();
		if (!key.equals(groupKey) && !group.isEmpty()) {
			settled.addAll(settle(List.copyOf(group), false));
			group.clear();
		}
		groupKey = key;
		group.add(row);
		return settled;
	}

	@Override
	public List<Settled> finish() {
		List<Settled> settled = new ArrayList<>();
		if (!group.isEmpty()) {
			settled.addAll(settle(List.copyOf(group), false));
			group.clear();
		}
		for (List<SourceRow> deferred : deferredReturns) {
			settled.addAll(settle(deferred, true));
		}
		deferredReturns.clear();
		return settled;
	}

	/** Records one order (or return); every row of it shares the outcome. */
	private List<Settled> settle(List<SourceRow> rows, boolean atEnd) {
		try {
			SourceRow first = rows.get(0);
			Channel channel = Cleaning.channel("channel", mapping.value(first, "channel"));
			String number = InvalidInputException.requireText("orderNumber", mapping.value(first, "orderNumber"));
			Integer firstQuantity = Cleaning.integer("quantity", mapping.value(first, "quantity"));
			OrderPayload payload;
			if (returns.isReturn(number, Cleaning.text(mapping.value(first, "status")), firstQuantity)) {
				payload = recording.refund(refund(rows, channel, number));
				if (!payload.errors().isEmpty() && "ORDER_NOT_FOUND".equals(payload.errors().get(0).code()) && !atEnd) {
					deferredReturns.add(rows);
					return List.of();
				}
			}
			else {
				payload = recording.record(order(rows, channel, number));
			}
			if (!payload.errors().isEmpty()) {
				UserError error = payload.errors().get(0);
				return all(rows, RowOutcome.REJECTED, error.field(), error.message());
			}
			return all(rows, payload.replayed() ? RowOutcome.LINKED : RowOutcome.LOADED, null, null);
		}
		catch (InvalidInputException ex) {
			return all(rows, RowOutcome.REJECTED, ex.field(), ex.reason());
		}
	}

	private RecordOrderInput order(List<SourceRow> rows, Channel channel, String number) {
		SourceRow first = rows.get(0);
		List<OrderLineInput> lines = new ArrayList<>();
		for (SourceRow row : rows) {
			lines.add(new OrderLineInput(InvalidInputException.requireText("sku", mapping.value(row, "sku")),
					InvalidInputException.require("quantity", Cleaning.integer("quantity", mapping.value(row, "quantity"))),
					InvalidInputException.require("unitPrice", Cleaning.amount("unitPrice", mapping.value(row, "unitPrice"))),
					Cleaning.amount("lineAmount", mapping.value(row, "lineAmount")),
					Cleaning.text(mapping.value(row, "category"))));
		}
		return new RecordOrderInput(channel, number, memberReference.memberOf(first, channel), Cleaning.text(mapping.value(first, "storeId")),
				Cleaning.text(mapping.value(first, "salesAssociate")),
				InvalidInputException.require("placedAt", time(first, "placedAt")), time(first, "paidAt"),
				time(first, "shippedAt"), time(first, "deliveredAt"), time(first, "completedAt"), time(first, "cancelledAt"),
				lines, Cleaning.amount("discount", mapping.value(first, "discount")),
				Cleaning.amount("paidAmount", mapping.value(first, "paidAmount")),
				Cleaning.text(mapping.value(first, "couponCode")), Cleaning.text(mapping.value(first, "campaignId")));
	}

	private RefundOrderInput refund(List<SourceRow> rows, Channel channel, String number) {
		SourceRow first = rows.get(0);
		String original = Cleaning.text(mapping.value(first, "originalOrderNumber"));
		Money amount = Money.ZERO;
		List<RefundLineInput> lines = new ArrayList<>();
		for (SourceRow row : rows) {
			int quantity = Math.abs(InvalidInputException.require("quantity", Cleaning.integer("quantity", mapping.value(row, "quantity"))));
			Money lineAmount = Cleaning.amount("lineAmount", mapping.value(row, "lineAmount"));
			Money line = lineAmount != null ? lineAmount
					: InvalidInputException.require("unitPrice", Cleaning.amount("unitPrice", mapping.value(row, "unitPrice")))
						.times(quantity);
			amount = amount.plus(line.isNegative() ? Money.ZERO.minus(line) : line);
			lines.add(new RefundLineInput(InvalidInputException.requireText("sku", mapping.value(row, "sku")), quantity));
		}
		return new RefundOrderInput(channel, original != null ? original : returns.originalOf(number),
				"import-" + number + "-" + first.number(), amount, time(first, "placedAt"), "imported return " + number,
				lines);
	}

	private java.time.Instant time(SourceRow row, String field) {
		return cleaning.dateTime(field, mapping.value(row, field));
	}

	private List<Settled> all(List<SourceRow> rows, RowOutcome outcome, String field, String reason) {
		return rows.stream()
			.map(row -> new Settled(row, outcome, field, field == null ? null : mapping.columnOf(field), reason))
			.toList();
	}

}
