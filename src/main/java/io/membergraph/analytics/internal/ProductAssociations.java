package io.membergraph.analytics.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.shared.InvalidInputException;

/**
 * Products (or categories) bought together: rules "X → Y" between pairs of items in the same order, with support,
 * confidence and lift. Pairs are counted exactly — rules of two items are what "members who bought X also bought
 * Y" asks, and counting pairs needs no candidate pruning (FP-growth pays off for longer itemsets). Definitions:
 * docs/interactions.md.
 */
public final class ProductAssociations {

	enum Level {

		PRODUCT, CATEGORY

	}

	static final int MAX_RULES = 500;

	/**
	 * @param item only rules whose antecedent is this SKU or category ("who bought X also bought")
	 */
	public record Settings(Level level, double minSupport, double minConfidence, String item, int limit) {

		public Settings {
			level = level == null ? Level.PRODUCT : level;
			if (!(minSupport > 0 && minSupport <= 1)) {
				throw new InvalidInputException("minSupport", "must be above 0 and at most 1, e.g. 0.001");
			}
			if (!(minConfidence >= 0 && minConfidence <= 1)) {
				throw new InvalidInputException("minConfidence", "must be between 0 and 1");
			}
			if (limit < 1 || limit > MAX_RULES) {
				throw new InvalidInputException("limit", "must be between 1 and " + MAX_RULES);
			}
		}

	}

	/**
	 * @param support orders with both items per order counted
	 * @param confidence orders with both per order with the antecedent
	 * @param lift confidence per the consequent's own support: above 1, bought together more than by chance
	 */
	record Rule(String antecedent, String consequent, int orders, double support, double confidence, double lift) {
	}

	/**
	 * @param buyers whose baskets the rules come from: the members, and each guest order as one (a guest cannot be
	 * told from another)
	 * @param orders the orders counted: paid, not cancelled, with at least one item
	 */
	public record Result(AnalysisScope scope, Settings settings, int buyers, int orders, List<Rule> rules) {
	}

	private final Settings settings;

	private final Map<String, Integer> idOf = new HashMap<>();

	private final List<String> names = new ArrayList<>();

	private final List<int[]> itemOrders = new ArrayList<>();

	private final Map<Long, int[]> pairOrders = new HashMap<>();

	private int orders;

	private int guestOrders;

	public ProductAssociations(Settings settings) {
		this.settings = settings;
	}

	/** Takes one order; a cancelled or unpaid order is not a basket, nor one without items. Answers whether it took it. */
	public boolean add(Order order) {
		if (order.paidAt() == null || order.cancelledAt() != null || order.lines() == null) {
			return false;
		}
		TreeSet<Integer> basket = new TreeSet<>();
		for (OrderLine line : order.lines()) {
			String item = settings.level() == Level.PRODUCT ? line.sku() : line.category();
			if (item != null) {
				basket.add(idOf.computeIfAbsent(item, this::newItem));
			}
		}
		if (basket.isEmpty()) {
			return false;
		}
		orders++;
		if (order.memberId() == null) {
			guestOrders++;
		}
		Integer[] items = basket.toArray(Integer[]::new);
		for (int i = 0; i < items.length; i++) {
			itemOrders.get(items[i])[0]++;
			for (int j = i + 1; j < items.length; j++) {
				pairOrders.computeIfAbsent(((long) items[i] << 32) | items[j], k -> new int[1])[0]++;
			}
		}
		return true;
	}

	private int newItem(String name) {
		names.add(name);
		itemOrders.add(new int[1]);
		return names.size() - 1;
	}

	/** The guest orders taken: each is a buyer of its own, as a guest cannot be told from another. */
	public int guestOrders() {
		return guestOrders;
	}

	public List<Rule> rules() {
		List<Rule> rules = new ArrayList<>();
		pairOrders.forEach((pair, together) -> {
			double support = (double) together[0] / orders;
			if (support < settings.minSupport()) {
				return;
			}
			int a = (int) (pair >>> 32);
			int b = (int) (long) pair;
			rule(a, b, together[0], support, rules);
			rule(b, a, together[0], support, rules);
		});
		rules.sort(Comparator.comparingDouble(Rule::lift).reversed()
			.thenComparing(Comparator.comparingDouble(Rule::confidence).reversed())
			.thenComparing(Rule::antecedent)
			.thenComparing(Rule::consequent));
		return rules.size() > settings.limit() ? List.copyOf(rules.subList(0, settings.limit())) : rules;
	}

	private void rule(int antecedent, int consequent, int together, double support, List<Rule> into) {
		String from = names.get(antecedent);
		if (settings.item() != null && !settings.item().equals(from)) {
			return;
		}
		double confidence = (double) together / itemOrders.get(antecedent)[0];
		if (confidence < settings.minConfidence()) {
			return;
		}
		// Lift is the same both ways round; computed from the counts so both rules of a pair carry the same number.
		double lift = (double) together * orders / ((double) itemOrders.get(antecedent)[0] * itemOrders.get(consequent)[0]);
		into.add(new Rule(from, names.get(consequent), together, support, confidence, lift));
	}

	public int orders() {
		return orders;
	}

}
