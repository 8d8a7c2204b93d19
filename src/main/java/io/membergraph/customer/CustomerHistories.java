package io.membergraph.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.shared.BusinessCalendar;
import org.springframework.stereotype.Service;

/**
 * Every live member's history, joined by member id from two views that are kept in memory and refreshed from what
 * was written since the previous read: the member facts and the purchase rollups. The one place the read side
 * puts a customer together; analyses, predictions and segments all start here.
 */
@Service
public class CustomerHistories {

	private final MemberFacts members;

	private final PurchaseRollups purchases;

	private final BusinessCalendar calendar;

	private volatile Join join;

	private volatile Stages stages;

	CustomerHistories(MemberFacts members, PurchaseRollups purchases, BusinessCalendar calendar) {
		this.members = members;
		this.purchases = purchases;
		this.calendar = calendar;
	}

	/**
	 * Every live member with its paid orders: the join of the two views, made again only when one of them changed
	 * (each hands out the same map while nothing was written), rather than by 100,000 lookups on every read.
	 */
	public List<CustomerHistory> all() {
		Map<String, MemberFacts.Facts> facts = members.byMember();
		Map<String, List<PaidOrder>> orders = purchases.paidOrdersByMember();
		Join join = this.join;
		if (join != null && join.facts() == facts && join.orders() == orders) {
			return join.histories();
		}
		List<CustomerHistory> histories = new ArrayList<>(facts.size());
		for (MemberFacts.Facts f : facts.values()) {
			histories.add(new CustomerHistory(f.id(), f.joinedAt(), f.joinChannel(), f.tierCode(), f.province(), f.city(),
					orders.getOrDefault(f.id(), List.of())));
		}
		this.join = new Join(facts, orders, List.copyOf(histories));
		return this.join.histories();
	}

	/**
	 * The ids of every live member, as a view of the members view's keys: no set to build for a report on everyone
	 * (100,000 ids took about a third of a points report).
	 */
	public Set<String> liveMemberIds() {
		return members.byMember().keySet();
	}

	/** Every member's paid orders in brief by member id, oldest first; members without one are absent. */
	public Map<String, List<PaidOrder>> paidOrdersByMember() {
		return purchases.paidOrdersByMember();
	}

	/**
	 * The lifecycle stage (default thresholds, days in the business time zone) of every live member registered by
	 * the end of {@code day}, by member id.
	 */
	public Map<String, LifecycleStage> lifecycleOn(LocalDate day) {
		return stagesOn(day, all()).byId();
	}

	/**
	 * The stages of {@link #lifecycleOn} in the order of {@code histories} (from {@link #all()}): the ith is the ith
	 * member's, null for one registered after the day. For a pass over every member without a lookup by id.
	 */
	public List<LifecycleStage> lifecycleAlong(LocalDate day, List<CustomerHistory> histories) {
		return stagesOn(day, histories).inOrder();
	}

	/** A day's stages, kept while the join they were worked out from is current. */
	private Stages stagesOn(LocalDate day, List<CustomerHistory> histories) {
		Stages kept = this.stages;
		if (kept != null && kept.day().equals(day) && kept.histories() == histories) {
			return kept;
		}
		HistoryWindow window = HistoryWindow.through(day, calendar.zone());
		LifecycleStage[] inOrder = new LifecycleStage[histories.size()];
		Map<String, LifecycleStage> byId = new HashMap<>();
		for (int i = 0; i < inOrder.length; i++) {
			CustomerHistory customer = histories.get(i);
			LifecycleStage stage = LifecycleStage.of(customer, window, LifecycleThresholds.DEFAULT);
			if (stage != LifecycleStage.NOT_JOINED) {
				inOrder[i] = stage;
				byId.put(customer.memberId(), stage);
			}
		}
		Stages worked = new Stages(day, histories, Collections.unmodifiableList(Arrays.asList(inOrder)),
				Collections.unmodifiableMap(byId));
		if (histories == all()) {
			this.stages = worked;
		}
		return worked;
	}

	private record Stages(LocalDate day, List<CustomerHistory> histories, List<LifecycleStage> inOrder,
			Map<String, LifecycleStage> byId) {
	}

	/** The views' maps a join was made from, and the join. */
	private record Join(Map<String, MemberFacts.Facts> facts, Map<String, List<PaidOrder>> orders,
			List<CustomerHistory> histories) {
	}

}
