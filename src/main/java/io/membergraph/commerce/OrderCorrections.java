package io.membergraph.commerce;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.membergraph.commerce.OrderBatch.EntryResult;
import io.membergraph.commerce.OrderBatch.Outcome;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.commerce.internal.PendingMemberUpdates;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.store.Lookups;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Corrects an order recorded before with other content, as an import read again with a corrected mapping asks
 * (its amounts, dates, lines, store or member were read wrongly the first time). Orders are otherwise never
 * rewritten: recording the same number with other content is refused.
 * <p>
 * The corrected order keeps the refunds recorded against it, so it may not fall below them. Without
 * multi-document transactions, as recording:
 * <ol>
 * <li>the corrected content replaces the recorded one in one write, guarded by the recorded content's
 * fingerprint, with its follow-ups marked pending: recounting the member it had and the member it has now from
 * their orders (stats, order list, purchases), and the other features' corrections (its points);</li>
 * <li>the follow-ups are completed, each idempotent, and the marks cleared; after a crash the recovery sweep
 * completes them.</li>
 * </ol>
 * Correcting again with the same content changes nothing.
 */
@Service
public class OrderCorrections {

	private final MongoTemplate mongo;

	private final MemberDirectory members;

	private final ProductCatalog catalog;

	private final PendingMemberUpdates pendingUpdates;

	private final OrderSettings settings;

	private final BatchSteps steps;

	private final Clock clock;

	OrderCorrections(MongoTemplate mongo, MemberDirectory members, ProductCatalog catalog,
			PendingMemberUpdates pendingUpdates, OrderSettings settings, BatchSteps steps, Clock clock) {
		this.steps = steps;
		this.mongo = mongo;
		this.members = members;
		this.catalog = catalog;
		this.pendingUpdates = pendingUpdates;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Replaces the order recorded under the input's number with the input's content.
	 *
	 * @param recordedBefore only an order recorded before this instant is corrected: one recorded since (by the
	 * same import, whose lines of one order lay too far apart) is refused as a conflict
	 * @param loyalty what the correction does to points: none for {@link LoyaltyMode#NONE}, else the order's
	 * points are moved to what the corrected order earns
	 * @param write false to check only, as a preview does: the result says what writing would do
	 */
	@PreAuthorize("hasRole('ADMIN') or hasAuthority('IMPORT_JOB')")
	public EntryResult correct(RecordOrderInput given, LoyaltyMode loyalty, Instant recordedBefore, boolean write) {
		return correct(given, loyalty, recordedBefore, write, true);
	}

	/**
	 * As above; with {@code completeNow} false the corrected order is written with its follow-ups pending, for the
	 * caller to complete with the others of its batch ({@link #complete}), each member recounted once.
	 */
	@PreAuthorize("hasRole('ADMIN') or hasAuthority('IMPORT_JOB')")
	public EntryResult correct(RecordOrderInput given, LoyaltyMode loyalty, Instant recordedBefore, boolean write,
			boolean completeNow) {
		RecordOrderInput input = given;
		if (given.memberId() != null && !given.memberId().isBlank()) {
			String current = members.currentId(given.memberId()).orElse(null);
			if (current == null) {
				return EntryResult.refused("MEMBER_NOT_FOUND", "memberId", "No member with id '" + given.memberId() + "'");
			}
			input = given.forMember(current);
		}
		Order corrected;
		String fingerprint;
		try {
			Map<String, Product> products = catalog.bySku(input.lines() == null ? List.of()
					: input.lines().stream().map(OrderInputs.OrderLineInput::sku).filter(Objects::nonNull).toList());
			corrected = OrderRules.toOrder(given, input, products, clock.instant(), settings);
			fingerprint = corrected.fingerprint();
		}
		catch (InvalidInputException ex) {
			return EntryResult.refused("INVALID", ex.field(), ex.reason());
		}
		Order recorded = mongo.findById(corrected.id(), Order.class);
		if (recorded == null) {
			return EntryResult.refused("ORDER_NOT_FOUND", "orderNumber",
					"No order " + corrected.orderNumber() + " of " + corrected.channel() + " to correct");
		}
		if (recorded.fingerprint().equals(fingerprint)) {
			return EntryResult.of(Outcome.REPLAYED, write ? pendingUpdates.complete(recorded) : recorded);
		}
		EntryResult refused = refusal(recorded, corrected, recordedBefore);
		if (refused != null) {
			return refused;
		}
		if (!write) {
			return EntryResult.of(Outcome.CORRECTED, corrected.correcting(recorded, List.of()));
		}
		// Whatever the recorded order still owed its member is done first, so that the recount starts from it.
		recorded = pendingUpdates.complete(recorded);
		Order stamped = corrected.withBookkeeping(List.of(), fingerprint);
		// Not the keyed stats changes of a new order: they cannot take back what the recorded content added (its
		// dates, its member); the members are recounted from their orders instead.
		Order replacement = stamped.correcting(recorded, pendingUpdates.dueOnCorrection(recorded, stamped, loyalty));
		return replace(recorded, replacement, completeNow);
	}

	/**
	 * Completes the follow-ups of corrections written without them, each member's recount once for all. The orders
	 * are read again: another correction of one of them (its refund's) may have completed and changed it since.
	 */
	@PreAuthorize("hasRole('ADMIN') or hasAuthority('IMPORT_JOB')")
	public void complete(Collection<Order> corrected) {
		Map<String, Order> stored = mongo.find(Lookups.byIds(corrected.stream().map(Order::id).toList()), Order.class)
			.stream()
			.collect(Collectors.toMap(Order::id, order -> order));
		// In the order they were corrected, as completing each at once would have taken them.
		pendingUpdates.completeAll(corrected.stream().map(order -> stored.get(order.id())).filter(Objects::nonNull).toList());
	}

	/**
	 * Replaces the amount and date (and lines and reason) of a refund recorded before with the input's, as a return
	 * read again with a corrected mapping says it.
	 *
	 * @param source the import job correcting: a refund one of its own batches recorded (a return whose lines lay
	 * too far apart in the file) is refused as a conflict
	 */
	@PreAuthorize("hasRole('ADMIN') or hasAuthority('IMPORT_JOB')")
	public EntryResult correctRefund(RefundOrderInput input, LoyaltyMode loyalty, String source, boolean write) {
		Refund refund;
		String orderId;
		try {
			InvalidInputException.require("channel", input.channel());
			orderId = Order.idOf(input.channel(), OrderRules.reference("orderNumber", input.orderNumber()));
			refund = new Refund(OrderRules.reference("refundId", input.refundId()), OrderRules.refundAmount(input),
					OrderRules.refundedAt(input.refundedAt(), clock.instant()),
					InvalidInputException.oneLine("reason", input.reason(), 500), OrderRules.refundLines(input.lines()), null);
		}
		catch (InvalidInputException ex) {
			return EntryResult.refused("INVALID", ex.field(), ex.reason());
		}
		Order recorded = mongo.findById(orderId, Order.class);
		Refund earlier = recorded == null ? null : recorded.refunds().stream()
			.filter(r -> r.refundId().equals(refund.refundId())).findFirst().orElse(null);
		if (earlier == null) {
			return EntryResult.refused("ORDER_NOT_FOUND", "orderNumber", "No refund " + refund.refundId() + " of order "
					+ input.orderNumber() + " to correct");
		}
		if (earlier.amount().equals(refund.amount()) && earlier.refundedAt().equals(refund.refundedAt())) {
			return EntryResult.of(Outcome.REPLAYED, recorded);
		}
		if (OrderBatch.sentBy(earlier.batch(), source)) {
			return EntryResult.refused("REFUND_CONFLICT", "refundId", "Refund " + refund.refundId()
					+ " was recorded by this import with amount " + earlier.amount() + ": its lines lie further apart in "
					+ "the file than membergraph.import.order-window rows and were read as two returns (raise the window)");
		}
		// Its lines and date are not checked against the order as recorded: the same import may correct the order
		// too, later in the file (what was read wrong once, the return and its order, is read right together).
		List<Refund> refunds = recorded.refunds().stream()
			.map(r -> r == earlier ? new Refund(r.refundId(), refund.amount(), refund.refundedAt(), refund.reason(),
					refund.lines(), r.batch()) : r)
			.toList();
		Order corrected = recorded.withRefunds(refunds, List.of());
		if (corrected.refundedAmount().compareTo(corrected.paidAmount()) > 0) {
			return EntryResult.refused("REFUND_EXCEEDS_PAID", "amount", "Refund of " + refund.amount() + " would make "
					+ corrected.refundedAmount() + " refunded on order " + recorded.orderNumber() + ", which paid "
					+ recorded.paidAmount());
		}
		if (!write) {
			return EntryResult.of(Outcome.CORRECTED, corrected);
		}
		recorded = pendingUpdates.complete(recorded);
		Order replacement = recorded.withRefunds(refunds, pendingUpdates.dueOnCorrection(recorded, corrected, loyalty))
			.changedAt(clock.instant());
		return replace(recorded, replacement, true);
	}

	/** Writes the corrected order in place of the recorded one, unless it changed meanwhile, and completes it. */
	private EntryResult replace(Order recorded, Order replacement, boolean completeNow) {
		Query unchanged = Query.query(Criteria.where("_id").is(recorded.id())
			.and("fingerprint").is(recorded.fingerprint())
			.and("refundedAmount").is(recorded.refundedAmount().minorUnits()));
		if (mongo.replace(unchanged, replacement).getModifiedCount() != 1) {
			return EntryResult.refused("ORDER_CONFLICT", "orderNumber", "Order " + recorded.orderNumber() + " of "
					+ recorded.channel() + " changed while it was being corrected; import the file again");
		}
		steps.reached(BatchSteps.Step.CORRECTION_WRITTEN, replacement.id());
		return EntryResult.of(Outcome.CORRECTED, completeNow ? pendingUpdates.complete(replacement) : replacement);
	}

	/** Why the recorded order cannot take the corrected content, or null when it can. */
	private static EntryResult refusal(Order recorded, Order corrected, Instant recordedBefore) {
		if (recorded.isCreditNote()) {
			return EntryResult.refused("ORDER_CONFLICT", "orderNumber", "Number " + recorded.orderNumber() + " of "
					+ recorded.channel() + " was recorded as a credit note; an order cannot correct it");
		}
		if (!recorded.recordedAt().isBefore(recordedBefore)) {
			return EntryResult.refused("ORDER_CONFLICT", "orderNumber", "Order " + recorded.orderNumber() + " of "
					+ recorded.channel() + " was recorded by this import with different content: its lines lie further "
					+ "apart in the file than membergraph.import.order-window rows and were read as two orders (raise the "
					+ "window)");
		}
		if (corrected.paidAmount().compareTo(recorded.refundedAmount()) < 0) {
			return EntryResult.refused("REFUND_EXCEEDS_PAID", "paidAmount", "The corrected order pays "
					+ corrected.paidAmount() + ", less than the " + recorded.refundedAmount() + " refunded on it");
		}
		return null;
	}

}
