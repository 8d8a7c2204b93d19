package io.membergraph.commerce;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.internal.PurchaseHistory;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Keeps each member's {@link MemberPurchases} in step with its orders: a new paid order is added to the rollup as it
 * stands; a change of an order (a refund, a correction, a merge) recomputes it from the member's orders (read by id
 * through its order list, never by scanning orders); and everyone's is checked or rebuilt by streaming the orders
 * once.
 */
@Service
public class PurchaseRollups {

	private static final int MAX_ATTEMPTS = 50;

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final ChangeStampedView<MemberPurchases, List<PaidOrder>> paidOrders;

	private final Map<Object, Object> sharedValues = new java.util.concurrent.ConcurrentHashMap<>();

	PurchaseRollups(MongoTemplate mongo, BusinessCalendar calendar, Clock clock, ChangeStampedViews views,
			RecordDocuments documents) {
		this.mongo = mongo;
		this.documents = documents;
		this.calendar = calendar;
		this.clock = clock;
		this.paidOrders = views.of(MemberPurchases.class, "changedAt", new String[] { "orders", "version", "changedAt" },
				MemberPurchases::memberId, this::compact);
	}

	/**
	 * A member's paid orders as the view keeps them: without the order's id, which no analysis reads, and with one
	 * copy of each store, amount and list of items (products and their categories), which the orders of every
	 * member name over and over while every read decodes fresh objects.
	 */
	private List<PaidOrder> compact(MemberPurchases purchases) {
		return purchases.orders().stream()
			.map(order -> new PaidOrder(null, order.placedAt(), order.channel(), shared(order.storeId()),
					shared(order.paidAmount()), order.refunds().isEmpty() ? List.of() : order.refunds(),
					shared(order.items().stream().map(this::shared).toList())))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private <T> T shared(T value) {
		return value == null ? null : (T) sharedValues.computeIfAbsent(value, v -> v);
	}

	/** The member's rollup, or an empty one for a member without paid orders. */
	public MemberPurchases of(String memberId) {
		MemberPurchases purchases = mongo.findById(memberId, MemberPurchases.class);
		return purchases != null ? purchases : none(memberId);
	}

	/** {@link #of} for a page of members in one read, by member id. */
	public Map<String, MemberPurchases> ofAll(java.util.Collection<String> memberIds) {
		Map<String, MemberPurchases> byMember = new java.util.HashMap<>();
		memberIds.forEach(id -> byMember.put(id, none(id)));
		mongo.find(io.membergraph.store.Lookups.byIds(memberIds), MemberPurchases.class)
			.forEach(purchases -> byMember.put(purchases.memberId(), purchases));
		return byMember;
	}

	private static MemberPurchases none(String memberId) {
		return new MemberPurchases(memberId, List.of(), List.of(), List.of(), 0, null);
	}

	/**
	 * Adds a newly recorded order to its member's rollup as it stands, as a batch does ({@link #writeBatch}): an order
	 * in it already is not added again, so a repeated call changes nothing. Recomputing from every order of the member
	 * instead made each new order cost the member's whole history (a wholesale buyer's 1,500th order read 1,499 others).
	 * A member without a rollup yet, and a credit note (which a rollup does not list, so it could not tell it was
	 * added), are recomputed.
	 */
	public void add(Order order) {
		String memberId = order.memberId();
		if (order.isCreditNote()) {
			recompute(memberId);
			return;
		}
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			// A wholesale buyer's rollup lists thousands of orders: read and written by plan, not by the converter.
			MemberPurchases current = documents.findById(memberId, MemberPurchases.class);
			if (current == null) {
				recompute(memberId);
				return;
			}
			PurchaseHistory history = PurchaseHistory.from(current, calendar.zone());
			if (history.holds(order.id())) {
				return;
			}
			history.add(order);
			MemberPurchases next = history.build(memberId, current.version() + 1, clock.instant());
			if (current.sameFigures(next)) {
				return;
			}
			Query unchanged = Query.query(Criteria.where("_id").is(memberId).and("version").is(current.version()));
			if (documents.replace(unchanged, next)) {
				return;
			}
		}
		throw new IllegalStateException("The purchases of member " + memberId + " kept changing; left for the rebuild");
	}

	/**
	 * Recomputes the member's rollup from its orders. Idempotent; safe against a concurrent recomputation for
	 * the same member, since the replacement is conditional on the version read.
	 */
	public void recompute(String memberId) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			MemberPurchases current = documents.findById(memberId, MemberPurchases.class);
			MemberPurchases next = fromOrders(memberId, current == null ? 0 : current.version() + 1);
			if (current != null && current.sameFigures(next)) {
				return;
			}
			if (current == null) {
				try {
					mongo.insert(next);
					return;
				}
				catch (DuplicateKeyException insertedMeanwhile) {
					continue;
				}
			}
			Query unchanged = Query.query(Criteria.where("_id").is(memberId).and("version").is(current.version()));
			if (documents.replace(unchanged, next)) {
				return;
			}
		}
		throw new IllegalStateException("The purchases of member " + memberId + " kept changing; left for the rebuild");
	}

	/**
	 * Every member's paid orders in brief by member id, as of now, for analyses (the monthly and product sums
	 * are not read, nor the orders' ids). Kept in memory and refreshed from the rollups written since the previous call. A member
	 * merged away may still be listed with the orders it had: analyses take their members from
	 * {@code MemberFacts}, which leaves it out.
	 */
	public Map<String, List<PaidOrder>> paidOrdersByMember() {
		return paidOrders.current();
	}

	/** Drops a member's rollup (a member merged away has no orders of its own). */
	public void forget(String memberId) {
		mongo.remove(Query.query(Criteria.where("_id").is(memberId)), MemberPurchases.class);
	}

	/**
	 * Writes the rollups of the members of bulk-loaded orders (already stored): a member without
	 * a rollup gets one from these orders, one that has a rollup (or gets one meanwhile from a concurrent load
	 * of its other orders) is recomputed from all its orders.
	 */
	void writeFor(Collection<Order> orders) {
		Map<String, PurchaseHistory> byMember = new LinkedHashMap<>();
		orders.stream()
			.filter(o -> o.memberId() != null)
			.forEach(o -> byMember.computeIfAbsent(o.memberId(), id -> new PurchaseHistory(calendar.zone())).add(o));
		if (byMember.isEmpty()) {
			return;
		}
		Set<String> existing = new HashSet<>();
		mongo.find(Lookups.byIds(byMember.keySet()), MemberPurchases.class)
			.forEach(p -> existing.add(p.memberId()));
		List<MemberPurchases> fresh = new ArrayList<>();
		byMember.forEach((memberId, history) -> {
			if (!existing.contains(memberId)) {
				fresh.add(history.build(memberId, 0, clock.instant()));
			}
		});
		List<String> recompute = new ArrayList<>(existing);
		recompute.addAll(insertAll(fresh));
		recompute.forEach(this::recompute);
	}

	/**
	 * Writes the rollups of a batch's members in bulk: the orders the batch recorded are added to each member's
	 * rollup as it stands (an order in it already is not added twice); a member with a refund of an order from
	 * before the batch, with a credit note, or whose rollup changed meanwhile, is recomputed from all its orders.
	 */
	public void writeBatch(List<Order> recorded, List<Order> refundedBefore) {
		Set<String> recompute = new HashSet<>();
		refundedBefore.stream().map(Order::memberId).filter(java.util.Objects::nonNull).forEach(recompute::add);
		// A rollup does not list credit notes, so adding one again could not be told apart: recompute instead.
		recorded.stream().filter(o -> o.isCreditNote() && o.memberId() != null).map(Order::memberId).forEach(recompute::add);
		Map<String, List<Order>> added = new LinkedHashMap<>();
		recorded.stream()
			.filter(o -> o.memberId() != null && !recompute.contains(o.memberId()))
			.forEach(o -> added.computeIfAbsent(o.memberId(), id -> new ArrayList<>()).add(o));
		Map<String, MemberPurchases> stored = new HashMap<>();
		if (!added.isEmpty()) {
			documents.find(Lookups.byIds(added.keySet()), MemberPurchases.class)
				.forEach(p -> stored.put(p.memberId(), p));
		}
		List<MemberPurchases> fresh = new ArrayList<>();
		Map<String, MemberPurchases> replacing = new LinkedHashMap<>();
		added.forEach((memberId, orders) -> {
			MemberPurchases current = stored.get(memberId);
			PurchaseHistory history = current == null ? new PurchaseHistory(calendar.zone())
					: PurchaseHistory.from(current, calendar.zone());
			orders.stream().filter(o -> !history.holds(o.id())).forEach(history::add);
			MemberPurchases next = history.build(memberId, current == null ? 0 : current.version() + 1, clock.instant());
			if (current == null) {
				if (!next.isEmpty()) {
					fresh.add(next);
				}
			}
			else if (!current.sameFigures(next)) {
				replacing.put(memberId, next);
			}
		});
		recompute.addAll(insertAll(fresh));
		recompute.addAll(replaceAll(replacing, stored));
		recompute.forEach(this::recompute);
	}

	/** Inserts rollups; returns the members whose rollup someone else wrote first. */
	private List<String> insertAll(List<MemberPurchases> fresh) {
		return documents.insertNew(fresh, MemberPurchases.class).stream().map(i -> fresh.get(i).memberId()).toList();
	}

	/** Replaces rollups unless they changed since they were read; returns the members whose rollup had. */
	private List<String> replaceAll(Map<String, MemberPurchases> next, Map<String, MemberPurchases> read) {
		if (next.isEmpty()) {
			return List.of();
		}
		List<RecordDocuments.Replacement> replacing = new ArrayList<>(next.size());
		next.forEach((memberId, rollup) -> replacing
			.add(new RecordDocuments.Replacement(rollup, read.get(memberId).version())));
		if (documents.replaceUnchanged(MemberPurchases.class, "version", replacing) == next.size()) {
			return List.of();
		}
		Map<String, MemberPurchases> written = new HashMap<>();
		documents.find(Lookups.byIds(next.keySet()), MemberPurchases.class)
			.forEach(p -> written.put(p.memberId(), p));
		return next.keySet().stream().filter(id -> !next.get(id).sameFigures(written.get(id))).toList();
	}

	/**
	 * Members whose rollup differs from their orders; rebuilt when asked to.
	 */
	public List<String> check(boolean repair) {
		Map<String, PurchaseHistory> expected = new HashMap<>();
		Set<String> inFlight = new HashSet<>();
		try (Stream<Order> orders = mongo.stream(Query.query(Criteria.where("memberId").ne(null)), Order.class)) {
			orders.forEach(o -> {
				expected.computeIfAbsent(o.memberId(), id -> new PurchaseHistory(calendar.zone())).add(o);
				if (o.isBeingApplied()) {
					inFlight.add(o.memberId());
				}
			});
		}
		List<String> differ = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		try (Stream<MemberPurchases> actual = mongo.stream(new Query(), MemberPurchases.class)) {
			actual.forEach(rollup -> {
				seen.add(rollup.memberId());
				PurchaseHistory history = expected.get(rollup.memberId());
				boolean same = history == null ? rollup.isEmpty() : history.build(rollup.memberId(), 0, null).sameFigures(rollup);
				if (!same) {
					differ.add(rollup.memberId());
				}
			});
		}
		expected.forEach((memberId, history) -> {
			if (!seen.contains(memberId) && !history.build(memberId, 0, null).isEmpty()) {
				differ.add(memberId);
			}
		});
		// A member with an order still being written is between two states: judged once it lands.
		differ.removeAll(inFlight);
		if (repair) {
			differ.forEach(this::recompute);
		}
		differ.sort(null);
		return differ;
	}

	private MemberPurchases fromOrders(String memberId, long version) {
		PurchaseHistory history = new PurchaseHistory(calendar.zone());
		mongo.find(Query.query(Criteria.where("memberId").is(memberId)), Order.class).forEach(history::add);
		return history.build(memberId, version, clock.instant());
	}

}
