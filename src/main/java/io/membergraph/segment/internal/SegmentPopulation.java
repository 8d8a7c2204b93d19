package io.membergraph.segment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistories;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.InteractionFacts;
import io.membergraph.customer.LifecycleStage;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.customer.MemberPrediction;
import io.membergraph.customer.MemberTraits;
import io.membergraph.customer.RfmScores;
import io.membergraph.customer.RfmSegment;
import io.membergraph.customer.StoredPredictions;
import io.membergraph.customer.TraitColumns;
import io.membergraph.engagement.InteractionType;
import io.membergraph.segment.internal.Condition.Activity;
import io.membergraph.segment.internal.Condition.Behaviour;
import io.membergraph.segment.internal.SegmentMember.InteractionFact;
import io.membergraph.segment.internal.SegmentMember.OrderFact;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Every live member as a segment sees it on a day, built from only the read models the condition needs, and
 * which ones those were. Members, purchase rollups (orders and products) come from in-memory views; points,
 * RFM scores and interactions are read per evaluation.
 */
@Service
public class SegmentPopulation {

	/** Points expiring within this many days count as expiring soon. */
	static final int EXPIRING_SOON_DAYS = 30;

	private static final LoyaltyFacts.Balance NO_POINTS = new LoyaltyFacts.Balance(0, 0);

	private final MemberTraits traits;

	private final InteractionFacts interactions;

	private final LoyaltyFacts loyalty;

	private final CustomerHistories customers;

	private final RfmScores rfmScores;

	private final StoredPredictions predictions;

	private final BusinessCalendar calendar;

	/** The points columns last built, with the members' rows and the balances they were built from. */
	private volatile PointsRead lastPoints;

	SegmentPopulation(MemberTraits traits, InteractionFacts interactions, LoyaltyFacts loyalty,
			CustomerHistories customers, RfmScores rfmScores, StoredPredictions predictions,
			BusinessCalendar calendar) {
		this.traits = traits;
		this.interactions = interactions;
		this.loyalty = loyalty;
		this.customers = customers;
		this.rfmScores = rfmScores;
		this.predictions = predictions;
		this.calendar = calendar;
	}

	/** The members, and in {@code sources} what was read to build them. */
	public List<SegmentMember> on(LocalDate today, Condition condition, List<String> sources) {
		return on(today, condition, sources, null);
	}

	/**
	 * Runs the members' assembly and the evaluation of a condition on stored scores with every member scored, as
	 * after a scoring run, without storing or showing a score ({@link ScoredSegmentsWarmUp}). Before the first run
	 * this code has only met members without scores, and the first segment on {@code rfm.segment} after a run
	 * threw its compiled code away (4 times its median at 100,000 members).
	 */
	void runAsIfScored(LocalDate today) {
		// As a preview runs it: the parts in the order they cost.
		Condition condition = cheapestFirst(
				SegmentQueryParser.parse("rfm.segment = 'IMPORTANT_WIN_BACK' OR lifecycle IN ('AT_RISK','LAPSED')"));
		RfmSegment[] segments = RfmSegment.values();
		// The kind of map the stored scores' view hands out when it loads them whole.
		Map<String, RfmSegment> scored = new LinkedHashMap<>();
		int next = 0;
		for (String memberId : traits.byMember().keySet()) {
			scored.put(memberId, segments[next++ % segments.length]);
		}
		SegmentEvaluation evaluation = new SegmentEvaluation(today);
		for (SegmentMember member : on(today, condition, new ArrayList<>(), Collections.unmodifiableMap(scored))) {
			evaluation.matches(condition, member);
		}
	}

	/** @param rfmAsIf RFM segments to use instead of the stored ones, or null: only for {@link #runAsIfScored} */
	private List<SegmentMember> on(LocalDate today, Condition condition, List<String> sources,
			Map<String, RfmSegment> rfmAsIf) {
		Needs needs = new Needs();
		needs.collect(condition);
		Instant end = calendar.startOf(today.plusDays(1));
		sources.add("members (in memory)");
		// The histories follow the members view's order (both come from it): walked beside it, they give a member's
		// orders and stage without a lookup by id; a write in between shifts them, and then the id is looked up.
		List<CustomerHistory> histories = needs.orders || needs.lifecycle ? customers.all() : List.of();
		PaidOrders paidOrders = null;
		if (needs.orders) {
			LocalDate from = needs.earliestOrder(today);
			paidOrders = new PaidOrders(customers.paidOrdersByMember(), from == null ? null : calendar.startOf(from), end,
					needs.products);
			sources.add("purchase rollups (in memory)");
		}
		Map<String, List<InteractionFact>> events = needs.interactions ? interactions(today, needs, sources) : Map.of();
		LoyaltyFacts.Balances balances = null;
		if (needs.points) {
			balances = balancesOn(today);
			sources.add("points accounts (in memory)");
		}
		List<LifecycleStage> stages = null;
		if (needs.lifecycle) {
			stages = customers.lifecycleAlong(today, histories);
			sources.add("lifecycle stages from the purchase rollups (in memory)");
		}
		Map<String, RfmSegment> rfm = Map.of();
		if (needs.rfm) {
			rfm = rfmAsIf != null ? rfmAsIf : rfmScores.segments();
			sources.add("stored RFM scores (member_scores in memory, from the latest scoreRfm)");
		}
		Map<String, MemberPrediction> scores = Map.of();
		if (needs.prediction) {
			scores = predictions.byMember();
			sources.add("stored prediction scores (member_predictions, from the latest scoreMembers)");
		}
		List<SegmentMember> members = new ArrayList<>();
		int next = 0;
		for (MemberTraits.Traits t : traits.byMember().values()) {
			int walked = next < histories.size() && histories.get(next).memberId().equals(t.id()) ? next++ : -1;
			// A member without a points account has none; without points in the query, nobody's were read.
			LoyaltyFacts.Balance balance = balances == null ? null : pointsOf(balances, t.id());
			Long available = balance == null ? null : balance.available();
			Long expiring = balance == null ? null : balance.expiringSoon();
			LifecycleStage stage = stages == null ? null
					: walked >= 0 ? stages.get(walked) : customers.lifecycleOn(today).get(t.id());
			List<OrderFact> orders = paidOrders == null ? List.of()
					: paidOrders.counted(walked >= 0 ? histories.get(walked).orders() : paidOrders.of(t.id()));
			members.add(new SegmentMember(t.id(), t.tierCode(), t.province(), t.city(), t.birthDate(), t.gender(),
					t.joinedAt() == null ? null : calendar.dayOf(t.joinedAt()), t.joinChannel(), t.channels(), t.tags(),
					t.consent(), available, expiring, nameOf(rfm.get(t.id())), nameOf(stage), scores.get(t.id()), orders,
					events.getOrDefault(t.id(), List.of())));
		}
		return members;
	}

	private static String nameOf(Enum<?> value) {
		return value == null ? null : value.name();
	}

	/** The ids of the members in the segment on {@code today}, and in {@code sources} what was read. */
	public List<String> select(LocalDate today, Condition asWritten, List<String> sources) {
		List<String> selected = new ArrayList<>();
		select(today, asWritten, sources, selected::add);
		return selected;
	}

	/**
	 * How many members are in the segment on {@code today} and the first {@code sample} of them, without a list of
	 * every member selected; in {@code sources} what was read.
	 */
	public Counted count(LocalDate today, Condition asWritten, List<String> sources, int sample) {
		Counted counted = new Counted(sample);
		select(today, asWritten, sources, counted);
		return counted;
	}

	/** A count of the members selected, with the first few of them. */
	public static final class Counted implements Consumer<String> {

		private final int sampleSize;

		private final List<String> sample = new ArrayList<>();

		private int members;

		Counted(int sampleSize) {
			this.sampleSize = sampleSize;
		}

		@Override
		public void accept(String memberId) {
			if (members++ < sampleSize) {
				sample.add(memberId);
			}
		}

		/** Counts the members that hold every test on their traits in one pass over the columns. */
		void addHolding(TraitColumns columns, TraitConditions.OnTraits onTraits) {
			members += columns.countHolding(onTraits.traits(), onTraits.holds(), Math.max(0, sampleSize - members),
					sample);
		}

		public int members() {
			return members;
		}

		public List<String> sample() {
			return List.copyOf(sample);
		}

	}

	/** Hands the ids of the members in the segment to {@code selected}, in the order of the members view. */
	private void select(LocalDate today, Condition asWritten, List<String> sources, Consumer<String> selected) {
		Condition condition = cheapestFirst(asWritten);
		SegmentEvaluation evaluation = new SegmentEvaluation(today);
		if (TraitConditions.onTraitsAndPoints(condition)) {
			TraitColumns columns = traits.columns();
			sources.add("members (in memory, by column)");
			Needs needs = new Needs();
			needs.collect(condition);
			TraitConditions.PointsColumns points = null;
			if (needs.points) {
				points = pointsColumns(columns, balancesOn(today));
				sources.add("points accounts (in memory, by column)");
			}
			TraitConditions.select(condition, columns, points, evaluation, selected);
			return;
		}
		for (SegmentMember member : on(today, condition, sources)) {
			if (evaluation.matches(condition, member)) {
				selected.accept(member.id());
			}
		}
	}

	/** Balances as a segment reads them on {@code today}: points expiring within 30 days of its end are soon. */
	private LoyaltyFacts.Balances balancesOn(LocalDate today) {
		Instant end = calendar.startOf(today.plusDays(1));
		return loyalty.balances(end.plus(java.time.Duration.ofDays(EXPIRING_SOON_DAYS)));
	}

	/** A member without a points account has none. */
	private static LoyaltyFacts.Balance pointsOf(LoyaltyFacts.Balances balances, String memberId) {
		LoyaltyFacts.Balance balance = balances.of(memberId);
		return balance == null ? NO_POINTS : balance;
	}

	/**
	 * Each row's points, built once for a state of the members view and of the accounts and a day: the previews of a
	 * day between two changes of anyone's points (most of them) read the columns the first one built.
	 */
	private TraitConditions.PointsColumns pointsColumns(TraitColumns columns, LoyaltyFacts.Balances balances) {
		PointsRead last = lastPoints;
		if (last != null && last.columns() == columns && last.balances().sameAs(balances)) {
			return last.points();
		}
		TraitConditions.PointsColumns points = buildPointsColumns(columns, balances);
		lastPoints = new PointsRead(columns, balances, points);
		return points;
	}

	private record PointsRead(TraitColumns columns, LoyaltyFacts.Balances balances, TraitConditions.PointsColumns points) {
	}

	private static TraitConditions.PointsColumns buildPointsColumns(TraitColumns columns, LoyaltyFacts.Balances balances) {
		long[] balance = new long[columns.rows()];
		long[] expiringSoon = new long[columns.rows()];
		for (int row = 0; row < balance.length; row++) {
			String id = columns.memberId(row);
			if (id != null) {
				LoyaltyFacts.Balance points = pointsOf(balances, id);
				balance[row] = points.available();
				expiringSoon[row] = points.expiringSoon();
			}
		}
		return new TraitConditions.PointsColumns(balance, expiringSoon);
	}

	/**
	 * The same condition with the parts of each AND and OR in the order they cost to decide: fields first, then
	 * interactions, then orders, so that a member is out (or in) before its orders are built where it can be.
	 */
	public static Condition cheapestFirst(Condition condition) {
		if (condition instanceof Condition.All all) {
			return new Condition.All(cheapestFirst(all.conditions()));
		}
		if (condition instanceof Condition.Any any) {
			return new Condition.Any(cheapestFirst(any.conditions()));
		}
		if (condition instanceof Condition.Not not) {
			return new Condition.Not(cheapestFirst(not.condition()));
		}
		return condition;
	}

	private static List<Condition> cheapestFirst(List<Condition> parts) {
		return parts.stream().map(SegmentPopulation::cheapestFirst)
			.sorted(java.util.Comparator.comparingInt(SegmentPopulation::cost))
			.toList();
	}

	/** 0 for a field, 1 with interactions, 2 with orders in it. */
	private static int cost(Condition condition) {
		return Condition.leavesOf(condition).mapToInt(leaf -> leaf instanceof Behaviour behaviour
				? behaviour.activity() == Activity.INTERACTIONS ? 1 : 2 : 0).max().orElse(0);
	}

	/**
	 * The members' counted orders as of {@code end}: paid, not refunded in full by then (docs/analytics.md); what
	 * they held only when {@code products} (a condition on SKUs or categories) asks for it. Each member's are built
	 * when first read, and only those placed from {@code start} on: when every behaviour on orders has a window
	 * ({@code since -180d}), the years of history before it decide nothing, and building a fact for each of them
	 * was most of a preview's work.
	 */
	private final class PaidOrders {

		private final Map<String, List<PaidOrder>> byMember;

		/** The earliest window's first instant, or null when a behaviour on orders looks at all time. */
		private final Instant start;

		private final Instant end;

		private final boolean products;

		/** The SKUs and categories of each list of items: orders of the same items share one list. */
		private final Map<List<Item>, Products> productsOf = new IdentityHashMap<>();

		PaidOrders(Map<String, List<PaidOrder>> byMember, Instant start, Instant end, boolean products) {
			this.byMember = byMember;
			this.start = start;
			this.end = end;
			this.products = products;
		}

		/** A member's paid orders, looked up by id. */
		List<PaidOrder> of(String memberId) {
			return byMember.getOrDefault(memberId, List.of());
		}

		/** @param paid a member's paid orders, oldest first */
		List<OrderFact> counted(List<PaidOrder> paid) {
			return paid.isEmpty() || beforeStart(paid.get(paid.size() - 1)) ? List.of()
					: new OnFirstUse<>(() -> countedNow(paid));
		}

		private List<OrderFact> countedNow(List<PaidOrder> paid) {
			int first = firstInWindows(paid);
			List<OrderFact> counted = new ArrayList<>(paid.size() - first);
			for (int i = first; i < paid.size(); i++) {
				PaidOrder order = paid.get(i);
				if (order.placedAt().isBefore(end) && order.countsAt(end)) {
					Products held = products ? productsOf.computeIfAbsent(order.items(), Products::of) : Products.NONE;
					counted.add(new OrderFact(calendar.epochDayOf(order.placedAt()), order.channel().name(),
							order.storeId(), order.paidAmount().minus(order.refundedBefore(end)).minorUnits(), held.skus(),
							held.categories()));
				}
			}
			return counted;
		}

		/** Where the orders placed from {@code start} on begin: oldest first, they are the last ones. */
		private int firstInWindows(List<PaidOrder> paid) {
			if (start == null) {
				return 0;
			}
			int first = paid.size();
			while (first > 0 && !beforeStart(paid.get(first - 1))) {
				first--;
			}
			return first;
		}

		private boolean beforeStart(PaidOrder order) {
			return start != null && order.placedAt().isBefore(start);
		}

	}

	/** The distinct SKUs and categories of a list of items. */
	private record Products(Set<String> skus, Set<String> categories) {

		static final Products NONE = new Products(Set.of(), Set.of());

		static Products of(List<Item> items) {
			Set<String> skus = new LinkedHashSet<>();
			Set<String> categories = new LinkedHashSet<>();
			for (Item item : items) {
				if (item.sku() != null) {
					skus.add(item.sku());
				}
				if (item.category() != null) {
					categories.add(item.category());
				}
			}
			return new Products(Collections.unmodifiableSet(skus), Collections.unmodifiableSet(categories));
		}

	}

	private Map<String, List<InteractionFact>> interactions(LocalDate today, Needs needs, List<String> sources) {
		for (String type : needs.interactionTypes) {
			if (Arrays.stream(InteractionType.values()).noneMatch(t -> t.name().equalsIgnoreCase(type))) {
				throw new InvalidInputException("query", "'" + type + "' is not an interaction type; known: "
						+ String.join(", ", Arrays.stream(InteractionType.values()).map(t -> t.name().toLowerCase()).toList()));
			}
		}
		LocalDate from = needs.earliestInteraction(today);
		Instant start = from == null ? Instant.EPOCH : calendar.startOf(from);
		List<String> types = needs.anyInteractionType ? List.of() : List.copyOf(needs.interactionTypes);
		sources.add("interactions " + (from == null ? "of all time" : "since " + from)
				+ (types.isEmpty() ? "" : " of type " + String.join(", ", types))
				+ " (every interaction kept in memory in time order and refreshed by changedAt, indexed; the monthly"
				+ " rollups cannot answer a window of days)");
		Map<String, List<InteractionFact>> byMember = new HashMap<>();
		interactions.since(start, types, event -> byMember.computeIfAbsent(event.memberId(), id -> new ArrayList<>())
			.add(new InteractionFact(calendar.epochDayOf(event.occurredAt()), event.typeName(), event.channel().name())));
		return byMember;
	}

	/** What a condition reads. */
	private static final class Needs {

		boolean orders;

		/** Whether a behaviour on orders asks what they held (a SKU, a category). */
		boolean products;

		boolean interactions;

		boolean points;

		boolean lifecycle;

		boolean rfm;

		boolean prediction;

		final Set<String> interactionTypes = new LinkedHashSet<>();

		boolean anyInteractionType;

		final List<Condition.Value> interactionSince = new ArrayList<>();

		boolean interactionsAllTime;

		final List<Condition.Value> orderSince = new ArrayList<>();

		boolean ordersAllTime;

		void collect(Condition condition) {
			Condition.leavesOf(condition).forEach(this::collectLeaf);
		}

		private void collectLeaf(Condition condition) {
			if (condition instanceof Behaviour behaviour) {
				if (behaviour.activity() == Activity.INTERACTIONS) {
					interactions = true;
					String type = behaviour.matches().get("type");
					if (type == null) {
						anyInteractionType = true;
					}
					else {
						interactionTypes.add(type.toLowerCase());
					}
					if (behaviour.since() == null) {
						interactionsAllTime = true;
					}
					else {
						interactionSince.add(behaviour.since());
					}
				}
				else {
					orders = true;
					products |= behaviour.matches().containsKey("sku") || behaviour.matches().containsKey("category");
					if (behaviour.since() == null) {
						ordersAllTime = true;
					}
					else {
						orderSince.add(behaviour.since());
					}
				}
			}
			else {
				SegmentField field = Condition.fieldOf(condition);
				points |= TraitConditions.isPoints(field);
				lifecycle |= field == SegmentField.LIFECYCLE;
				rfm |= field == SegmentField.RFM_SEGMENT;
				prediction |= field.path().startsWith("prediction.");
			}
		}

		/** The first day any interaction behaviour looks at, or null for all time. */
		LocalDate earliestInteraction(LocalDate today) {
			return earliest(interactionsAllTime, interactionSince, today);
		}

		/** The first day any behaviour on orders looks at, or null for all time. */
		LocalDate earliestOrder(LocalDate today) {
			return earliest(ordersAllTime, orderSince, today);
		}

		private static LocalDate earliest(boolean allTime, List<Condition.Value> since, LocalDate today) {
			if (allTime) {
				return null;
			}
			return since.stream()
				.map(v -> v instanceof Condition.Value.Day day ? day.day() : ((Condition.Value.RelativeDay) v).from(today))
				.min(LocalDate::compareTo)
				.orElse(null);
		}

	}

}
