package io.membergraph.commerce.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.membergraph.commerce.BatchSteps;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.commerce.OrderFollowUp;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberStatistics;
import io.membergraph.member.StatsChange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Applies a batch's member-side effects, computed from the orders that carry its mark: one stats update per
 * member (guarded by the mark), the purchase rollups, and the follow-ups (points and tiers);
 * then clears the marks and forgets the journal. Every step lands at most once however often it runs, so the
 * batch that wrote the orders, a replay of one of them and the recovery sweep may all complete it.
 */
@Component
public class BatchCompletion {

	private final MongoTemplate mongo;

	private final MemberStatistics statistics;

	private final PurchaseRollups purchases;

	private final List<OrderFollowUp> followUps;

	private final Executor writers;

	private final BatchSteps steps;

	private final MemberDirectory members;

	private final Clock clock;

	BatchCompletion(MongoTemplate mongo, MemberStatistics statistics, PurchaseRollups purchases,
			List<OrderFollowUp> followUps, @Qualifier("batchWriters") Executor writers, BatchSteps steps,
			MemberDirectory members, Clock clock) {
		this.members = members;
		this.clock = clock;
		this.steps = steps;
		this.mongo = mongo;
		this.statistics = statistics;
		this.purchases = purchases;
		this.followUps = followUps;
		this.writers = writers;
	}

	/**
	 * Completions of one batch run one at a time on this node: a replay that finds a batch's marks while its own
	 * writer is still completing it would otherwise write the batch's loyalty journal a second time, under the same
	 * ids, and fail. One after the other, the second finds the work done (each step lands at most once). A
	 * completion on another service instance is met where the journal is written ({@code BatchLoyalty}).
	 */
	private final Object[] oneAtATime = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

	private Object lockOf(String batchId) {
		return oneAtATime[Math.floorMod(batchId.hashCode(), oneAtATime.length)];
	}

	/** Completes the batch from the store: after a crash, or for a replay that found its mark. */
	public void complete(String batchId) {
		synchronized (lockOf(batchId)) {
			completeFromStore(batchId);
		}
	}

	private void completeFromStore(String batchId) {
		BatchJournal journal = mongo.findById(batchId, BatchJournal.class);
		List<Order> marked = mongo.find(Query.query(Criteria.where("pendingMemberUpdates").is(BatchJournal.markOf(batchId))),
				Order.class);
		if (journal == null) {
			// Complete, but the marks were not all cleared before a crash.
			clearMarks(batchId, marked);
			return;
		}
		completeWith(journal, marked);
	}

	/** Whether the batch's journal is still there: the batch is being written, or was cut short. */
	boolean isUnderway(String batchId) {
		return io.membergraph.store.Lookups.hasId(mongo, batchId, BatchJournal.class);
	}

	/** Batches whose journal was started before the given moment: cut short by a crash, not still being written. */
	List<String> leftOver(java.time.Instant startedBefore) {
		Query old = Query.query(Criteria.where("startedAt").lt(startedBefore));
		old.fields().include("_id");
		return mongo.find(old, BatchJournal.class).stream().map(BatchJournal::id).toList();
	}

	/**
	 * Writes the batch's orders ({@code write}, which answers the orders it marked) and completes the batch, as one piece
	 * on this node: a completion from the store (a merge finishing its member's work, a replay that found a mark) waits
	 * until every order is written. The store takes a batch's orders in several writes (the embedded store a thousand at a
	 * time); started between two of them, such a completion completed the batch with the orders written so far, and the
	 * rest, marked for a batch already complete, never counted for their members.
	 */
	public void writeAndComplete(BatchJournal journal, java.util.function.Supplier<List<Order>> write) {
		synchronized (lockOf(journal.id())) {
			List<Order> marked = write.get();
			// Completed meanwhile from the store (by this thread, a merge run at one of its steps, or by another service
			// instance): the orders in hand are stale, and writing them again would count an order for a merged
			// member.
			if (isUnderway(journal.id())) {
				completeWith(journal, marked);
			}
		}
	}

	/**
	 * The member-side writes touch different collections and none reads what another writes, so they run side by
	 * side: the store works on several at once.
	 */
	private void completeWith(BatchJournal journal, List<Order> written) {
		List<Order> marked = withCurrentMembers(journal.id(), written);
		steps.reached(BatchSteps.Step.MEMBERS_CHECKED, journal.id());
		Map<String, Order> byId = new HashMap<>();
		marked.forEach(order -> byId.put(order.id(), order));
		List<OrderEvent> events = events(journal, byId);
		List<Order> attached = attached(journal, byId);
		List<OrderEvent> counted = events.stream().filter(e -> e.order().countsForMember()).toList();
		SecurityContext caller = SecurityContextHolder.getContext();
		List<CompletableFuture<Void>> writes = List.of(
				CompletableFuture.runAsync(as(caller, () -> applyStats(journal.id(), events, attached)), writers),
				CompletableFuture.runAsync(as(caller,
						() -> purchases.writeBatch(recorded(events), refundedBefore(events, attached))), writers),
				CompletableFuture.runAsync(as(caller,
						() -> followUps.forEach(f -> f.completeBatch(journal.id(), counted, journal.loyalty()))), writers));
		try {
			CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException failed) {
			throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
		}
		steps.reached(BatchSteps.Step.MEMBERS_WRITTEN, journal.id());
		clearMarks(journal.id(), marked);
		mongo.remove(journal);
	}

	/**
	 * The orders, those of a member merged away since the batch looked it up moved to the survivor first (the
	 * merge, past taking the member's figures, would not count them, or past moving its orders, not move them):
	 * their stats, rollup and points are the survivor's. Only an order still carrying the batch's mark
	 * moves: one without it was completed already, for the member it was written for, before the merge took that
	 * member's figures; moving it would count it twice.
	 */
	private List<Order> withCurrentMembers(String batchId, List<Order> marked) {
		Set<String> memberIds = new HashSet<>();
		marked.stream().map(Order::memberId).filter(java.util.Objects::nonNull).forEach(memberIds::add);
		Map<String, String> survivors = memberIds.isEmpty() ? Map.of() : members.figuresMovedOn(memberIds);
		if (survivors.isEmpty()) {
			return marked;
		}
		List<Order> current = new ArrayList<>();
		for (Order order : marked) {
			String survivor = order.memberId() == null ? null : survivors.get(order.memberId());
			current.add(survivor != null && moveToSurvivor(order.id(), BatchJournal.markOf(batchId), survivor)
					? order.ofMember(survivor) : order);
		}
		return current;
	}

	/**
	 * Moves the order to the survivor of its member's merge, if it still owes its member the update {@code owed} (a
	 * batch's mark, or a key of its own): one without it was completed already, for the member it was written for.
	 * False when it was not moved.
	 */
	boolean moveToSurvivor(String orderId, String owed, String survivor) {
		Query stillOwing = Query.query(Criteria.where("_id").is(orderId).and("pendingMemberUpdates").is(owed));
		Update toSurvivor = Update.update("memberId", survivor).set("changedAt", clock.instant());
		return mongo.updateFirst(stillOwing, toSurvivor, Order.class).getMatchedCount() == 1;
	}

	private static Runnable as(SecurityContext caller, Runnable work) {
		return new DelegatingSecurityContextRunnable(work, caller);
	}

	/**
	 * The journal's steps that reached the store, as events, in the batch's order. An order carries the mark
	 * only if the batch wrote it: recorded it (a step without a refund) or refunded it.
	 */
	private static List<OrderEvent> events(BatchJournal journal, Map<String, Order> marked) {
		List<OrderEvent> events = new ArrayList<>();
		for (BatchJournal.Step step : journal.steps()) {
			Order order = marked.get(step.orderId());
			if (order == null) {
				continue;
			}
			if (step.refundId() == null) {
				events.add(new OrderEvent(order, null));
				continue;
			}
			if (BatchJournal.ATTACHED.equals(step.refundId())) {
				continue;
			}
			order.refunds().stream()
				.filter(r -> r.refundId().equals(step.refundId()) && journal.id().equals(r.batch()))
				.findFirst()
				.ifPresent(refund -> events.add(new OrderEvent(order, refund)));
		}
		return events;
	}

	/** Credit notes the batch moved onto their orders, which stop counting on their own. */
	private static List<Order> attached(BatchJournal journal, Map<String, Order> marked) {
		return journal.steps().stream()
			.filter(step -> BatchJournal.ATTACHED.equals(step.refundId()))
			.map(step -> marked.get(step.orderId()))
			.filter(credit -> credit != null && credit.memberId() != null)
			.toList();
	}

	private void applyStats(String batchId, List<OrderEvent> events, List<Order> attached) {
		Map<String, StatsChange> byMember = new LinkedHashMap<>();
		for (Order credit : attached) {
			byMember.merge(credit.memberId(), StatsChange.refund(credit.refundedAmount(), false).negated(), StatsChange::plus);
		}
		for (OrderEvent event : events) {
			Order order = event.order();
			if (order.isCreditNote() && order.memberId() != null && !event.isRefund()) {
				byMember.merge(order.memberId(), StatsChange.refund(order.refundedAmount(), false), StatsChange::plus);
				continue;
			}
			if (!order.countsForMember()) {
				continue;
			}
			String key = event.isRefund() ? order.refundStatsKey(event.refund().refundId()) : order.statsKey();
			byMember.merge(order.memberId(), order.statsChanges().get(key), StatsChange::plus);
		}
		statistics.applyAll(BatchJournal.markOf(batchId), byMember);
	}

	private static List<Order> recorded(List<OrderEvent> events) {
		return events.stream().filter(e -> !e.isRefund()).map(OrderEvent::order).toList();
	}

	/**
	 * Orders recorded before this batch that it refunded, and credit notes it moved onto their orders: their
	 * members' rollups need the whole history again.
	 */
	private static List<Order> refundedBefore(List<OrderEvent> events, List<Order> attached) {
		java.util.Set<String> recorded = new java.util.HashSet<>();
		events.stream().filter(e -> !e.isRefund()).forEach(e -> recorded.add(e.order().id()));
		List<Order> changed = new ArrayList<>(events.stream()
			.filter(e -> e.isRefund() && !recorded.contains(e.order().id()))
			.map(OrderEvent::order)
			.distinct()
			.toList());
		changed.addAll(attached);
		return changed;
	}

	private void clearMarks(String batchId, List<Order> marked) {
		if (marked.isEmpty()) {
			return;
		}
		mongo.updateMulti(Query.query(Criteria.where("_id").in(marked.stream().map(Order::id).toList())),
				new Update().pullAll("pendingMemberUpdates", new Object[] { BatchJournal.markOf(batchId) }), Order.class);
	}

}
