package io.membergraph.commerce.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderFollowUp;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.commerce.Refund;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberStatistics;
import io.membergraph.member.MemberStats;
import io.membergraph.member.StatsChange;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Completes the member-side updates an order marks as pending: each change to the member's stats (the order, its
 * refunds), the member's purchase rollup, and other features' {@link OrderFollowUp}s. Each update lands at most once
 * (stats changes are keyed, a rollup is recomputed, a correction's recount sets rather than adds), then its mark is
 * cleared. Safe to run any number of times, from any node, at any moment.
 */
@Component
public class PendingMemberUpdates {

	/** The key of recounting a member from its orders, followed by the member id. */
	private static final String RECOUNT = "recount:";

	private final MongoTemplate mongo;

	private final MemberStatistics statistics;

	private final PurchaseRollups purchases;

	private final List<OrderFollowUp> followUps;

	private final BatchCompletion batches;

	private final MemberDirectory members;

	PendingMemberUpdates(MongoTemplate mongo, MemberStatistics statistics, PurchaseRollups purchases,
			List<OrderFollowUp> followUps, BatchCompletion batches, MemberDirectory members) {
		this.mongo = mongo;
		this.members = members;
		this.statistics = statistics;
		this.purchases = purchases;
		this.followUps = followUps;
		this.batches = batches;
	}

	/** The keys of the other features' follow-ups of a newly recorded order. */
	public List<String> followUpsOnRecord(Order order) {
		return followUps.stream().flatMap(f -> f.dueOnRecord(order).stream()).toList();
	}

	public List<String> followUpsOnRefund(Order order, Refund refund) {
		return followUps.stream().flatMap(f -> f.dueOnRefund(order, refund).stream()).toList();
	}

	/**
	 * What a correction owes: recounting the member the order had and the member it has now (when they differ,
	 * both), and the other features' follow-ups.
	 */
	public List<String> dueOnCorrection(Order before, Order after, LoyaltyMode mode) {
		List<String> due = new ArrayList<>();
		Stream.of(before.memberId(), after.memberId()).filter(Objects::nonNull).distinct().forEach(m -> due.add(RECOUNT + m));
		followUps.forEach(f -> due.addAll(f.dueOnCorrection(before, after, mode)));
		return due;
	}

	/** Completes every pending update of the order and returns the order as stored afterwards. */
	public Order complete(Order order) {
		return complete(order, new HashSet<>(), new HashSet<>());
	}

	/**
	 * Completes every pending update of the orders. A batch they carry the mark of is completed once, not once per
	 * order: a file imported again while its first import is still writing finds thousands of its orders marked. So is
	 * a member's recount, which reads all its orders: the orders given are all written, so the first recount counts
	 * every one of them (a file correcting thousands of one member's orders would otherwise read them all for each).
	 */
	public void completeAll(Collection<Order> orders) {
		Set<String> batchesCompleted = new HashSet<>();
		Set<String> recounted = new HashSet<>();
		for (Order order : orders) {
			List<String> pending = order.pendingMemberUpdates() == null ? List.of() : order.pendingMemberUpdates();
			boolean onlyMarksCompleted = pending.stream()
				.allMatch(key -> BatchJournal.isMark(key) && batchesCompleted.contains(BatchJournal.batchOf(key)));
			if (!onlyMarksCompleted) {
				complete(order, batchesCompleted, recounted);
			}
		}
	}

	private Order complete(Order given, Set<String> batchesCompleted, Set<String> recounted) {
		if (given.pendingMemberUpdates() == null || given.pendingMemberUpdates().isEmpty()) {
			return given;
		}
		Order order = withCurrentMember(given);
		if (order != given) {
			return complete(order, batchesCompleted, recounted);
		}
		for (String key : order.pendingMemberUpdates()) {
			if (BatchJournal.isMark(key)) {
				if (batchesCompleted.add(BatchJournal.batchOf(key))) {
					batches.complete(BatchJournal.batchOf(key));
				}
			}
			else if (key.equals(order.listKey())) {
				// Nothing to write: a member's orders are listed from the orders. The key is owed so that an order
				// recorded for a member merged away meanwhile moves to the survivor first (withCurrentMember).
				continue;
			}
			else if (order.statsChanges().containsKey(key)) {
				statistics.apply(order.memberId(), key, changeFor(order, key));
			}
			else if (key.startsWith(RECOUNT)) {
				if (recounted.add(key)) {
					recount(key.substring(RECOUNT.length()), order.id());
				}
			}
			else if (key.equals(order.purchasesKey())) {
				purchases.add(order);
			}
			else if (Order.isPurchasesKey(key)) {
				purchases.recompute(order.memberId());
			}
			else {
				followUpFor(key).complete(order, key);
			}
		}
		// One write clears them all: each update above is idempotent, so a crash before this line only means
		// they are done again, harmlessly, by the next completer.
		mongo.updateFirst(Query.query(Criteria.where("_id").is(order.id())),
				new Update().pullAll("pendingMemberUpdates", order.pendingMemberUpdates().toArray()), Order.class);
		return mongo.findById(order.id(), Order.class);
	}

	/**
	 * The order as its updates are to be completed: moved to the survivor first when its member was merged away after
	 * the order was recorded for it and the merge has taken the member's figures (what it owes the member would land
	 * on the tombstone, uncounted); as stored when someone else completed or moved it meanwhile; else as given. Only
	 * an order still owing its first update moves: one completed for the member before the merge took its figures is
	 * in them, and moving it would count it twice. Orders of a batch are the batch's to move ({@link BatchCompletion});
	 * a correction's recount names the members it recounts, and is left as it is.
	 */
	private Order withCurrentMember(Order order) {
		String owed = order.pendingMemberUpdates().stream().filter(key -> !BatchJournal.isMark(key)).findFirst().orElse(null);
		boolean recounts = order.pendingMemberUpdates().stream().anyMatch(key -> key.startsWith(RECOUNT));
		if (order.memberId() == null || owed == null || recounts) {
			return order;
		}
		String survivor = members.figuresMovedOn(List.of(order.memberId())).get(order.memberId());
		if (survivor == null) {
			return order;
		}
		if (batches.moveToSurvivor(order.id(), owed, survivor)) {
			return order.ofMember(survivor);
		}
		return mongo.findById(order.id(), Order.class);
	}

	private OrderFollowUp followUpFor(String key) {
		return followUps.stream()
			.filter(f -> f.handles(key))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No follow-up handles pending key " + key));
	}

	/** Orders with updates pending, of any age: a crash left the old ones, the young are still being written. */
	List<Order> anyPending() {
		return mongo.find(Query.query(Criteria.where("pendingMemberUpdates.0").exists(true)), Order.class);
	}

	/**
	 * Sets the member's stats and purchase rollup from its orders as stored, after a correction
	 * changed one of them in ways a keyed change cannot express (its date, its member). The member's other orders
	 * with updates still pending are completed first, so that none of their changes lands twice.
	 */
	private void recount(String memberId, String correctedId) {
		Query ofMember = Query.query(Criteria.where("memberId").is(memberId));
		List<Order> orders = mongo.find(ofMember, Order.class);
		boolean completed = false;
		for (Order other : orders) {
			// Another correction in flight recounts by itself; completing it here would go round in circles.
			if (!other.id().equals(correctedId) && other.pendingMemberUpdates() != null
					&& !other.pendingMemberUpdates().isEmpty()
					&& other.pendingMemberUpdates().stream().noneMatch(key -> key.startsWith(RECOUNT))) {
				complete(other);
				completed = true;
			}
		}
		if (completed) {
			orders = mongo.find(ofMember, Order.class);
		}
		MemberStats stats = MemberStats.NONE;
		for (Order order : orders) {
			stats = order.addTo(stats);
		}
		statistics.replace(memberId, stats);
		purchases.recompute(memberId);
	}

	/** What a pending key does to the member, computed from the order alone so a retry computes the same. */
	public static StatsChange changeFor(Order order, String key) {
		StatsChange change = order.statsChanges().get(key);
		if (change == null) {
			throw new IllegalStateException("Order " + order.id() + " has no stats change for pending key " + key);
		}
		return change;
	}

}
