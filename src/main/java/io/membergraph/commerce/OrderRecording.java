package io.membergraph.commerce;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.commerce.internal.PendingMemberUpdates;
import io.membergraph.commerce.internal.PendingMemberUpdatesSweep;
import io.membergraph.commerce.internal.ReturnableUnits;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Records orders and refunds and keeps members' stats in step, without multi-document transactions:
 * <ol>
 * <li>the order (or the refund, pushed onto its order) is written with its stats change marked pending, in
 * one atomic write;</li>
 * <li>the change is applied to the member, guarded by its key so it lands at most once;</li>
 * <li>the pending mark is removed.</li>
 * </ol>
 * A crash between steps leaves a pending mark that a retry of the same order, or {@link PendingMemberUpdatesSweep},
 * completes. Replaying an order or refund changes nothing.
 */
@Service
public class OrderRecording {

	private final MongoTemplate mongo;

	private final MemberDirectory members;

	private final ProductCatalog catalog;

	private final PendingMemberUpdates pendingUpdates;

	private final OrderSettings settings;

	private final Clock clock;

	OrderRecording(MongoTemplate mongo, MemberDirectory members, ProductCatalog catalog, PendingMemberUpdates pendingUpdates,
			OrderSettings settings, Clock clock) {
		this.mongo = mongo;
		this.members = members;
		this.catalog = catalog;
		this.pendingUpdates = pendingUpdates;
		this.settings = settings;
		this.clock = clock;
	}

	/** Storefronts and admins record orders; so do import jobs (see the ingest feature). */
	@PreAuthorize("hasAnyRole('ADMIN','STOREFRONT') or hasAuthority('IMPORT_JOB')")
	public OrderPayload record(RecordOrderInput given) {
		RecordOrderInput input = given;
		if (given.memberId() != null && !given.memberId().isBlank()) {
			String current = members.currentId(given.memberId()).orElse(null);
			if (current == null) {
				return OrderPayload.failed("MEMBER_NOT_FOUND", "No member with id '" + given.memberId() + "'", "memberId");
			}
			input = given.forMember(current);
		}
		List<String> skus = input.lines() == null ? List.of()
				: input.lines().stream().map(OrderInputs.OrderLineInput::sku).filter(Objects::nonNull).toList();
		Map<String, Product> products = catalog.bySku(skus);
		Order recorded = OrderRules.toOrder(given, input, products, clock.instant(), settings);
		String fingerprint = recorded.fingerprint();
		Order order = recorded.withBookkeeping(Stream.concat(recorded.pendingMemberUpdates().stream(),
				pendingUpdates.followUpsOnRecord(recorded).stream()).toList(), fingerprint);
		try {
			mongo.insert(order);
		}
		catch (DuplicateKeyException alreadyRecorded) {
			Order existing = mongo.findById(order.id(), Order.class);
			if (!existing.fingerprint().equals(order.fingerprint())) {
				return OrderPayload.failed("ORDER_CONFLICT", "Order " + order.orderNumber() + " of " + order.channel()
						+ " was recorded before with different content", "orderNumber");
			}
			return OrderPayload.replayed(pendingUpdates.complete(existing));
		}
		return OrderPayload.recorded(pendingUpdates.complete(order));
	}

	@PreAuthorize("hasAnyRole('ADMIN','STOREFRONT','CRM_SPECIALIST','SUPPORT') or hasAuthority('IMPORT_JOB')")
	public OrderPayload refund(RefundOrderInput input) {
		InvalidInputException.require("channel", input.channel());
		String orderId = Order.idOf(input.channel(), OrderRules.reference("orderNumber", input.orderNumber()));
		String refundId = OrderRules.reference("refundId", input.refundId());
		Money amount = OrderRules.refundAmount(input);
		Instant refundedAt = OrderRules.refundedAt(input.refundedAt(), clock.instant());
		String reason = InvalidInputException.oneLine("reason", input.reason(), 500);
		Refund refund = new Refund(refundId, amount, refundedAt, reason, OrderRules.refundLines(input.lines()), null);

		Order order = mongo.findById(orderId, Order.class);
		if (order == null) {
			return OrderPayload.failed("ORDER_NOT_FOUND", "No order " + input.orderNumber() + " in " + input.channel(),
					"orderNumber");
		}
		if (order.paidAt() == null) {
			return OrderPayload.failed("ORDER_NOT_PAID", "Order " + order.orderNumber() + " was never paid", "orderNumber");
		}
		return pushRefund(order, refund);
	}

	private OrderPayload pushRefund(Order order, Refund refund) {
		Refund earlier = order.refunds().stream().filter(r -> r.refundId().equals(refund.refundId())).findFirst().orElse(null);
		if (earlier != null) {
			if (!earlier.amount().equals(refund.amount())) {
				return OrderPayload.failed("REFUND_CONFLICT", "Refund " + refund.refundId()
						+ " was recorded before with amount " + earlier.amount(), "refundId");
			}
			return OrderPayload.replayed(pendingUpdates.complete(order));
		}
		OrderRules.inMinorUnits("amount", refund.amount(), order.currency());
		UserError misdated = order.refundDateRefusal(refund.refundedAt());
		if (misdated != null) {
			return OrderPayload.failed(misdated.code(), misdated.message(), misdated.field());
		}
		UserError full = order.refundLimitRefusal();
		if (full != null) {
			return OrderPayload.failed(full.code(), full.message(), full.field());
		}
		if (refund.amount().compareTo(order.refundable()) > 0) {
			return OrderPayload.failed("REFUND_EXCEEDS_PAID", "Refund of " + refund.amount() + " exceeds the "
					+ order.refundable() + " still refundable on order " + order.orderNumber(), "amount");
		}
		UserError unreturnable = ReturnableUnits.refusal(order, refund.lines());
		if (unreturnable != null) {
			return OrderPayload.failed(unreturnable.code(), unreturnable.message(), unreturnable.field());
		}
		// The guard re-checks, inside the atomic update, what was checked above on a possibly stale read: the money,
		// and for returned lines, that no other refund came meanwhile (each may have taken back the same units), else
		// that there is room for one more.
		Criteria guard = Criteria.where("_id").is(order.id())
			.and("refunds.refundId").ne(refund.refundId())
			.and("refundedAmount").lte(order.paidAmount().minus(refund.amount()).minorUnits());
		if (!refund.lines().isEmpty()) {
			guard.and("refunds." + order.refunds().size()).exists(false);
		}
		else {
			guard.and("refunds." + (Order.MAX_REFUNDS - 1)).exists(false);
		}
		Query stillRefundable = Query.query(guard);
		Update update = new Update().push("refunds", refund)
			.inc("refundedAmount", refund.amount().minorUnits())
			.set("changedAt", clock.instant());
		if (order.countsForMember()) {
			List<String> due = new ArrayList<>(List.of(order.refundStatsKey(refund.refundId()),
					order.purchasesKey(refund.refundId())));
			due.addAll(pendingUpdates.followUpsOnRefund(order, refund));
			update.push("pendingMemberUpdates").each(due.toArray());
		}
		if (mongo.updateFirst(stillRefundable, update, Order.class).getModifiedCount() == 0) {
			return pushRefund(mongo.findById(order.id(), Order.class), refund);
		}
		return OrderPayload.recorded(pendingUpdates.complete(mongo.findById(order.id(), Order.class)));
	}

}
