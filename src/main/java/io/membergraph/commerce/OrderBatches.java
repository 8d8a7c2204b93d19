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
import io.membergraph.commerce.OrderBatch.NewOrder;
import io.membergraph.commerce.OrderBatch.NewRefund;
import io.membergraph.commerce.OrderBatch.Outcome;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Lookups;
import io.membergraph.shared.Money;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.BulkOperationException;
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

	private final MemberDirectory members;

	private final ProductCatalog catalog;

	private final BatchCompletion completion;

	private final PendingMemberUpdates pendingUpdates;

	private final OrderSettings settings;

	private final Clock clock;

	OrderBatches(MongoTemplate mongo, MemberDirectory members, ProductCatalog catalog, BatchCompletion completion,
			PendingMemberUpdates pendingUpdates, OrderSettings settings, Clock clock) {
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
		Plan plan = new Plan("B" + new ObjectId().toHexString(), clock.instant());
		plan.read(batch);
		for (OrderBatch.Entry entry : batch.entries()) {
			plan.results.add(entry instanceof NewOrder order ? plan.order(order.input()) : plan.refund(((NewRefund) entry).input()));
		}
		if (!plan.steps.isEmpty()) {
			BatchJournal journal = mongo.insert(new BatchJournal(plan.batchId, batch.loyalty(), plan.steps, plan.now));
			completion.complete(journal, plan.write());
		}
		plan.leftPending.forEach(pendingUpdates::complete);
		return new OrderBatch.Result(List.copyOf(plan.results));
	}

	/** What recording the batch would do, and nothing written: for an import's preview. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public OrderBatch.Result preview(OrderBatch batch) {
		Plan plan = new Plan("preview", clock.instant());
		plan.read(batch);
		for (OrderBatch.Entry entry : batch.entries()) {
			plan.results.add(entry instanceof NewOrder order ? plan.order(order.input()) : plan.refund(((NewRefund) entry).input()));
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
				else {
					RefundOrderInput input = ((NewRefund) entry).input();
					idOf(input.channel(), input.orderNumber()).ifPresent(orderIds::add);
				}
			}
			currentMembers = memberIds.isEmpty() ? Map.of() : members.currentIds(memberIds);
			products = skus.isEmpty() ? Map.of() : catalog.bySku(skus);
			stored = new HashMap<>();
			if (!orderIds.isEmpty()) {
				mongo.find(Lookups.byIds(orderIds), Order.class).forEach(o -> stored.put(o.id(), o));
			}
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
				order = OrderRules.toOrder(input, products, now, settings);
				fingerprint = input == given ? order.fingerprint()
						: OrderRules.toOrder(given, products, now, settings).fingerprint();
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
				Instant refundedAt = OrderRules.millis(input.refundedAt() == null ? now : input.refundedAt());
				String reason = InvalidInputException.maxLength("reason", input.reason(), 500);
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
				return earlier.amount().equals(refund.amount()) ? EntryResult.of(Outcome.REPLAYED, order)
						: EntryResult.refused("REFUND_CONFLICT", "refundId", "Refund " + refund.refundId()
								+ " was recorded before with amount " + earlier.amount());
			}
			if (refund.amount().compareTo(order.refundable()) > 0) {
				return EntryResult.refused("REFUND_EXCEEDS_PAID", "amount", "Refund of " + refund.amount() + " exceeds the "
						+ order.refundable() + " still refundable on order " + order.orderNumber());
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
				try {
					mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Order.class).insert(fresh).execute();
					marked.addAll(fresh);
				}
				catch (BulkOperationException raced) {
					Set<Integer> failed = new HashSet<>();
					raced.getErrors().forEach(error -> failed.add(error.getIndex()));
					for (int i = 0; i < fresh.size(); i++) {
						if (failed.contains(i)) {
							recordedMeanwhile(fresh.get(i));
						}
						else {
							marked.add(fresh.get(i));
						}
					}
				}
			}
			if (!addedRefunds.isEmpty()) {
				marked.addAll(pushRefunds());
			}
			return marked;
		}

		/** One guarded update per refunded order: none of its refunds there yet, and all of them still fit. */
		private List<Order> pushRefunds() {
			BulkOperations pushes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Order.class);
			addedRefunds.forEach((orderId, refunds) -> {
				Order before = stored.get(orderId);
				Money total = refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
				Query stillRefundable = Query.query(Criteria.where("_id").is(orderId)
					.and("refunds.refundId").nin(refunds.stream().map(Refund::refundId).toList())
					.and("refundedAmount").lte(before.paidAmount().minus(total).minorUnits()));
				pushes.updateOne(stillRefundable, new Update().push("refunds").each(refunds.toArray())
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
