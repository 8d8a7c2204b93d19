package io.membergraph.commerce;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.membergraph.commerce.OrderBatch.EntryResult;
import io.membergraph.commerce.OrderBatch.NewCreditNote;
import io.membergraph.commerce.OrderBatch.NewOrder;
import io.membergraph.commerce.OrderBatch.NewRefund;
import io.membergraph.commerce.OrderBatch.Outcome;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.internal.BatchCompletion;
import io.membergraph.commerce.internal.BatchJournal;
import io.membergraph.commerce.internal.CreditWaiting;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.commerce.internal.PendingMemberUpdates;
import io.membergraph.commerce.internal.ReturnableUnits;
import io.membergraph.commerce.internal.SetAdditions;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UserError;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Records orders and refunds in batches (imports, the demo data), with the end state that recording each
 * through {@link OrderRecording} in the same order leaves, in a handful of bulk writes instead of some twenty
 * round trips per order. Without multi-document transactions:
 * <ol>
 * <li>the batch's journal is written (its steps in order, its loyalty treatment);</li>
 * <li>its new orders are inserted, and the orders it refunds updated, each carrying the batch's mark;</li>
 * <li>the member-side effects of everything carrying the mark are applied ({@link BatchCompletion}), one write
 * per member and read model, each landing at most once;</li>
 * <li>the marks are cleared and the journal removed.</li>
 * </ol>
 * A crash between steps leaves marks and the journal; the recovery sweep, or recording one of the orders
 * again, completes the batch from them.
 */
@Service
public class OrderBatches {

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final MemberDirectory members;

	private final ProductCatalog catalog;

	private final BatchCompletion completion;

	private final PendingMemberUpdates pendingUpdates;

	private final OrderSettings settings;

	private final BatchSteps steps;

	private final Clock clock;

	OrderBatches(MongoTemplate mongo, MemberDirectory members, ProductCatalog catalog, BatchCompletion completion,
			PendingMemberUpdates pendingUpdates, OrderSettings settings, BatchSteps steps, Clock clock,
			RecordDocuments documents) {
		this.documents = documents;
		this.steps = steps;
		this.mongo = mongo;
		this.members = members;
		this.catalog = catalog;
		this.completion = completion;
		this.pendingUpdates = pendingUpdates;
		this.settings = settings;
		this.clock = clock;
	}

	/** Records the batch; each entry's result says what became of it. */
	@PreAuthorize("hasRole('ADMIN') or hasAuthority('IMPORT_JOB')")
	public OrderBatch.Result record(OrderBatch batch) {
		Plan plan = new Plan("B" + new ObjectId().toHexString() + (batch.source() == null ? "" : "-" + batch.source()),
				clock.instant());
		plan.read(batch);
		for (OrderBatch.Entry entry : batch.entries()) {
			plan.results.add(plan.decide(entry));
		}
		if (!plan.steps.isEmpty()) {
			BatchJournal journal = mongo.insert(new BatchJournal(plan.batchId, batch.loyalty(), plan.steps, plan.now));
			steps.reached(BatchSteps.Step.JOURNAL_WRITTEN, plan.batchId);
			completion.writeAndComplete(journal, () -> {
				List<Order> marked = plan.write();
				steps.reached(BatchSteps.Step.ORDERS_WRITTEN, plan.batchId);
				return marked;
			});
		}
		pendingUpdates.completeAll(plan.leftPending);
		return new OrderBatch.Result(List.copyOf(plan.results));
	}

	/** What recording the batch would do, and nothing written: for an import's preview. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public OrderBatch.Result preview(OrderBatch batch) {
		Plan plan = new Plan("preview", clock.instant());
		plan.read(batch);
		for (OrderBatch.Entry entry : batch.entries()) {
			plan.results.add(plan.decide(entry));
		}
		return new OrderBatch.Result(List.copyOf(plan.results));
	}

	/** What one batch reads, decides and writes. */
	private final class Plan {

		final String batchId;

		final Instant now;

		final List<EntryResult> results = new ArrayList<>();

		final List<BatchJournal.Step> steps = new ArrayList<>();

		/** Orders recorded by this batch, as they will be inserted (with any refunds the batch made of them). */
		final Map<String, Order> recorded = new LinkedHashMap<>();

		/** Orders recorded before this batch that it refunds, with the refunds it adds. */
		final Map<String, Order> refunded = new LinkedHashMap<>();

		final Map<String, List<Refund>> addedRefunds = new LinkedHashMap<>();

		/** For each order refunded that was recorded before, the results of the entries that refund it. */
		final Map<String, List<Integer>> refundEntries = new HashMap<>();

		/** For each new order, the result of the entry that records it. */
		final Map<String, Integer> orderEntries = new HashMap<>();

		/** Credit notes (recorded before) that orders of this batch return, by the order's id. */
		final Map<String, List<Order>> waitingCredits = new HashMap<>();

		/** Credit notes this batch moves onto their orders, as they will be after. */
		final Map<String, Order> attached = new LinkedHashMap<>();

		/** New credit notes that wait for the order they name, by that order's id. */
		final Map<String, List<String>> newlyWaiting = new LinkedHashMap<>();

		/** Orders found recorded before, with marks a crash left: completed after this batch. */
		final List<Order> leftPending = new ArrayList<>();

		Map<String, String> currentMembers = Map.of();

		Map<String, Product> products = Map.of();

		Map<String, Order> stored = Map.of();

		Plan(String batchId, Instant now) {
			this.batchId = batchId;
			this.now = now;
		}

		/** Everything the batch needs from the store, in one query per collection. */
		void read(OrderBatch batch) {
			Set<String> memberIds = new HashSet<>();
			Set<String> skus = new HashSet<>();
			Set<String> orderIds = new HashSet<>();
			for (OrderBatch.Entry entry : batch.entries()) {
				if (entry instanceof NewOrder order) {
					RecordOrderInput input = order.input();
					if (input.memberId() != null && !input.memberId().isBlank()) {
						memberIds.add(input.memberId().strip());
					}
					if (input.lines() != null) {
						input.lines().stream().map(OrderLineInput::sku).filter(Objects::nonNull).map(String::strip)
							.forEach(skus::add);
					}
					idOf(input.channel(), input.orderNumber()).ifPresent(orderIds::add);
				}
				else if (entry instanceof NewRefund refund) {
					idOf(refund.input().channel(), refund.input().orderNumber()).ifPresent(orderIds::add);
				}
				else {
					NewCreditNote credit = (NewCreditNote) entry;
					idOf(credit.refund().channel(), credit.refund().refundId()).ifPresent(orderIds::add);
					idOf(credit.refund().channel(), credit.refund().orderNumber()).ifPresent(orderIds::add);
					if (credit.memberId() != null && !credit.memberId().isBlank()) {
						memberIds.add(credit.memberId().strip());
					}
				}
			}
			currentMembers = memberIds.isEmpty() ? Map.of() : members.currentIds(memberIds);
			products = skus.isEmpty() ? Map.of() : catalog.bySku(skus);
			stored = new HashMap<>();
			if (!orderIds.isEmpty()) {
				mongo.find(Lookups.byIds(orderIds), Order.class).forEach(o -> stored.put(o.id(), o));
				readWaitingCredits(orderIds);
			}
		}

		private void readWaitingCredits(Set<String> orderIds) {
			Map<String, String> creditFor = new HashMap<>();
			mongo.find(Lookups.byIds(orderIds), CreditWaiting.class)
				.forEach(w -> w.creditNotes().forEach(credit -> creditFor.put(credit, w.orderId())));
			if (!creditFor.isEmpty()) {
				mongo.find(Lookups.byIds(creditFor.keySet()), Order.class).stream()
					.filter(Order::isStandAloneCredit)
					.forEach(c -> waitingCredits.computeIfAbsent(creditFor.get(c.id()), id -> new ArrayList<>()).add(c));
			}
		}

		EntryResult decide(OrderBatch.Entry entry) {
			if (entry instanceof NewOrder order) {
				return order(order.input());
			}
			return entry instanceof NewRefund refund ? refund(refund.input()) : creditNote((NewCreditNote) entry);
		}

		EntryResult order(RecordOrderInput given) {
			RecordOrderInput input = given;
			if (given.memberId() != null && !given.memberId().isBlank()) {
				String current = currentMembers.get(given.memberId().strip());
				if (current == null) {
					return EntryResult.refused("MEMBER_NOT_FOUND", "memberId", "No member with id '" + given.memberId() + "'");
				}
				input = given.forMember(current);
			}
			Order order;
			String fingerprint;
			try {
				order = OrderRules.toOrder(given, input, products, now, settings);
				fingerprint = order.fingerprint();
			}
			catch (InvalidInputException ex) {
				return EntryResult.refused("INVALID", ex.field(), ex.reason());
			}
			Order existing = recorded.containsKey(order.id()) ? recorded.get(order.id()) : current(order.id());
			if (existing != null) {
				if (!existing.fingerprint().equals(fingerprint)) {
					return EntryResult.refused("ORDER_CONFLICT", "orderNumber", "Order " + order.orderNumber() + " of "
							+ order.channel() + " was recorded before with different content");
				}
				if (existing.pendingMemberUpdates() != null && !existing.pendingMemberUpdates().isEmpty()
						&& !recorded.containsKey(existing.id())) {
					leftPending.add(existing);
				}
				return EntryResult.of(Outcome.REPLAYED, existing);
			}
			Order marked = order.withBookkeeping(List.of(BatchJournal.markOf(batchId)), fingerprint);
			recorded.put(marked.id(), marked);
			orderEntries.put(marked.id(), results.size());
			steps.add(new BatchJournal.Step(marked.id(), null));
			attachWaitingCredits(marked.id());
			return EntryResult.of(Outcome.RECORDED, recorded.get(marked.id()));
		}

		/**
		 * Credit notes recorded before that return this order move onto it as its refunds (one that no longer fits
		 * what was paid stays a credit note).
		 */
		private void attachWaitingCredits(String orderId) {
			for (Order credit : waitingCredits.getOrDefault(orderId, List.of())) {
				Order order = recorded.get(orderId);
				Refund given = credit.refunds().get(0);
				if (order.paidAt() == null || credit.refundedAmount().compareTo(order.refundable()) > 0
						|| ReturnableUnits.refusal(order, given.lines()) != null
						|| order.refundDateRefusal(given.refundedAt()) != null || order.refundLimitRefusal() != null) {
					continue;
				}
				Refund refund = new Refund(credit.orderNumber(), credit.refundedAmount(), given.refundedAt(),
						"credit note " + credit.orderNumber(), given.lines(), batchId);
				recorded.put(orderId, order.withRefund(refund));
				steps.add(new BatchJournal.Step(orderId, refund.refundId()));
				attached.put(credit.id(), credit.attachedTo(orderId));
				steps.add(new BatchJournal.Step(credit.id(), BatchJournal.ATTACHED));
			}
		}

		/** A credit note: money given back with no order of ours to refund (yet). */
		EntryResult creditNote(NewCreditNote entry) {
			RefundOrderInput input = entry.refund();
			Order credit;
			try {
				InvalidInputException.require("channel", input.channel());
				String number = OrderRules.reference("refundId", input.refundId());
				String returns = input.orderNumber() == null || input.orderNumber().isBlank() ? null
						: Order.idOf(input.channel(), OrderRules.reference("orderNumber", input.orderNumber()));
				Money amount = OrderRules.refundAmount(input);
				Instant at = OrderRules.refundedAt(input.refundedAt(), now);
				String reason = InvalidInputException.oneLine("reason", input.reason(), 500);
				String memberId = null;
				if (entry.memberId() != null && !entry.memberId().isBlank()) {
					memberId = currentMembers.get(entry.memberId().strip());
					if (memberId == null) {
						return EntryResult.refused("MEMBER_NOT_FOUND", "memberId", "No member with id '" + entry.memberId() + "'");
					}
				}
				Refund refund = new Refund(number, amount, at, reason, OrderRules.refundLines(input.lines()), batchId);
				credit = OrderRules.creditNote(input.channel(), number, memberId, entry.storeId(), refund, returns,
						OrderRules.currency(entry.currency(), settings), now);
			}
			catch (InvalidInputException ex) {
				return EntryResult.refused("INVALID", ex.field(), ex.reason());
			}
			Order existing = recorded.containsKey(credit.id()) ? recorded.get(credit.id()) : current(credit.id());
			if (existing != null) {
				return existing.fingerprint().equals(credit.fingerprint()) ? EntryResult.of(Outcome.REPLAYED, existing)
						: EntryResult.refused("ORDER_CONFLICT", "refundId", "Number " + credit.orderNumber() + " of "
								+ credit.channel() + " was recorded before with different content");
			}
			Order marked = credit.withBookkeeping(List.of(BatchJournal.markOf(batchId)), credit.fingerprint());
			recorded.put(marked.id(), marked);
			orderEntries.put(marked.id(), results.size());
			steps.add(new BatchJournal.Step(marked.id(), null));
			if (marked.returns() != null) {
				newlyWaiting.computeIfAbsent(marked.returns(), id -> new ArrayList<>()).add(marked.id());
			}
			return EntryResult.of(Outcome.RECORDED, marked);
		}

		EntryResult refund(RefundOrderInput input) {
			Refund refund;
			String orderId;
			try {
				InvalidInputException.require("channel", input.channel());
				orderId = Order.idOf(input.channel(), OrderRules.reference("orderNumber", input.orderNumber()));
				String refundId = OrderRules.reference("refundId", input.refundId());
				Money amount = OrderRules.refundAmount(input);
				Instant refundedAt = OrderRules.refundedAt(input.refundedAt(), now);
				String reason = InvalidInputException.oneLine("reason", input.reason(), 500);
				refund = new Refund(refundId, amount, refundedAt, reason, OrderRules.refundLines(input.lines()), batchId);
			}
			catch (InvalidInputException ex) {
				return EntryResult.refused("INVALID", ex.field(), ex.reason());
			}
			Order order = recorded.containsKey(orderId) ? recorded.get(orderId)
					: refunded.containsKey(orderId) ? refunded.get(orderId) : current(orderId);
			if (order == null) {
				return new EntryResult(Outcome.ORDER_NOT_FOUND, null, null);
			}
			if (order.paidAt() == null) {
				return EntryResult.refused("ORDER_NOT_PAID", "orderNumber", "Order " + order.orderNumber() + " was never paid");
			}
			Refund earlier = order.refunds().stream().filter(r -> r.refundId().equals(refund.refundId())).findFirst()
				.orElse(null);
			if (earlier != null) {
				// A file read again may say otherwise of a return's amount or date: told, never silently kept.
				return earlier.amount().equals(refund.amount()) && earlier.refundedAt().equals(refund.refundedAt())
						? EntryResult.of(Outcome.REPLAYED, order)
						: EntryResult.refused("REFUND_CONFLICT", "refundId", "Refund " + refund.refundId()
								+ " was recorded before with amount " + earlier.amount() + " at " + earlier.refundedAt());
			}
			try {
				OrderRules.inMinorUnits("amount", refund.amount(), order.currency());
			}
			catch (InvalidInputException ex) {
				return EntryResult.refused("INVALID", ex.field(), ex.reason());
			}
			UserError misdated = order.refundDateRefusal(refund.refundedAt());
			if (misdated != null) {
				return new EntryResult(Outcome.REFUSED, misdated, null);
			}
			UserError full = order.refundLimitRefusal();
			if (full != null) {
				return new EntryResult(Outcome.REFUSED, full, null);
			}
			if (refund.amount().compareTo(order.refundable()) > 0) {
				return EntryResult.refused("REFUND_EXCEEDS_PAID", "amount", "Refund of " + refund.amount() + " exceeds the "
						+ order.refundable() + " still refundable on order " + order.orderNumber());
			}
			UserError unreturnable = ReturnableUnits.refusal(order, refund.lines());
			if (unreturnable != null) {
				return new EntryResult(Outcome.REFUSED, unreturnable, null);
			}
			Order after = order.withRefund(refund);
			if (recorded.containsKey(orderId)) {
				recorded.put(orderId, after);
			}
			else {
				refunded.put(orderId, after);
				addedRefunds.computeIfAbsent(orderId, id -> new ArrayList<>()).add(refund);
				refundEntries.computeIfAbsent(orderId, id -> new ArrayList<>()).add(results.size());
			}
			steps.add(new BatchJournal.Step(orderId, refund.refundId()));
			return EntryResult.of(Outcome.RECORDED, after);
		}

		private Order current(String orderId) {
			return stored.get(orderId);
		}

		/**
		 * Inserts the new orders and adds the refunds to the old ones, marked; returns every order now carrying
		 * the mark. An order someone else recorded meanwhile is left to them and its steps do not count.
		 */
		List<Order> write() {
			List<Order> marked = new ArrayList<>();
			List<Order> fresh = recorded.values().stream().map(o -> o.changedAt(now)).toList();
			if (!fresh.isEmpty()) {
				Set<Integer> raced = documents.insertNew(fresh, Order.class);
				for (int i = 0; i < fresh.size(); i++) {
					if (raced.contains(i)) {
						recordedMeanwhile(fresh.get(i));
					}
					else {
						marked.add(fresh.get(i));
					}
				}
			}
			if (!addedRefunds.isEmpty()) {
				marked.addAll(pushRefunds());
			}
			if (!attached.isEmpty()) {
				marked.addAll(attachCredits());
			}
			rememberWaitingCredits();
			return marked;
		}

		/** Credit notes moved onto their orders: marked, so completing the batch takes them back from the member. */
		private List<Order> attachCredits() {
			BulkOperations updates = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Order.class);
			attached.forEach((id, credit) -> updates.updateOne(Query.query(Criteria.where("_id").is(id).and("attachedTo").is(null)),
					new Update().set("attachedTo", credit.attachedTo()).set("changedAt", now)
						.push("pendingMemberUpdates", BatchJournal.markOf(batchId))));
			updates.execute();
			mongo.remove(Query.query(Criteria.where("_id").in(waitingCredits.keySet())), CreditWaiting.class);
			return mongo.find(Lookups.byIds(attached.keySet(), "pendingMemberUpdates", BatchJournal.markOf(batchId)),
					Order.class);
		}

		private void rememberWaitingCredits() {
			SetAdditions.addAll(mongo, CreditWaiting.class, "creditNotes", newlyWaiting);
		}

		/** One guarded update per refunded order: none of its refunds there yet, and all of them still fit. */
		private List<Order> pushRefunds() {
			BulkOperations pushes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Order.class);
			addedRefunds.forEach((orderId, refunds) -> {
				Order before = stored.get(orderId);
				Money total = refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
				Criteria guard = Criteria.where("_id").is(orderId)
					.and("refunds.refundId").nin(refunds.stream().map(Refund::refundId).toList())
					.and("refundedAmount").lte(before.paidAmount().minus(total).minorUnits());
				if (refunds.stream().anyMatch(r -> r.lines() != null && !r.lines().isEmpty())) {
					// Returned lines were checked against the refunds read: none may have come meanwhile.
					guard.and("refunds." + before.refunds().size()).exists(false);
				}
				else {
					// Room for them all under the limit, whatever came meanwhile.
					guard.and("refunds." + (Order.MAX_REFUNDS - refunds.size())).exists(false);
				}
				pushes.updateOne(Query.query(guard), new Update().push("refunds").each(refunds.toArray())
					.inc("refundedAmount", total.minorUnits())
					.set("changedAt", now)
					.push("pendingMemberUpdates", BatchJournal.markOf(batchId)));
			});
			pushes.execute();
			// Reread: an order refunded meanwhile by someone else kept its own refunds and carries no mark.
			List<Order> marked = mongo.find(Query.query(Criteria.where("_id").in(addedRefunds.keySet())
				.and("pendingMemberUpdates").is(BatchJournal.markOf(batchId))), Order.class);
			Set<String> pushed = new HashSet<>();
			marked.forEach(order -> pushed.add(order.id()));
			addedRefunds.keySet().stream().filter(id -> !pushed.contains(id)).forEach(id -> refundEntries.get(id)
				.forEach(entry -> results.set(entry, EntryResult.refused("REFUND_CONFLICT", "refundId", "Order "
						+ stored.get(id).orderNumber() + " was refunded by someone else while this batch was written; "
						+ "record the refund again"))));
			return marked;
		}

		/** Another writer recorded the same order first: the same content is a replay, other content a conflict. */
		private void recordedMeanwhile(Order ours) {
			Order theirs = mongo.findById(ours.id(), Order.class);
			results.set(orderEntries.get(ours.id()), theirs != null && theirs.fingerprint().equals(ours.fingerprint())
					? EntryResult.of(Outcome.REPLAYED, theirs)
					: EntryResult.refused("ORDER_CONFLICT", "orderNumber", "Order " + ours.orderNumber() + " of "
							+ ours.channel() + " was recorded meanwhile with different content"));
		}

	}

	private static java.util.Optional<String> idOf(io.membergraph.shared.Channel channel, String orderNumber) {
		return channel == null || orderNumber == null || orderNumber.isBlank() ? java.util.Optional.empty()
				: java.util.Optional.of(Order.idOf(channel, orderNumber.strip()));
	}

}
