package io.membergraph.segment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.membergraph.segment.internal.Condition.Activity;
import io.membergraph.segment.internal.Condition.Behaviour;
import io.membergraph.segment.internal.Condition.Operator;
import io.membergraph.segment.internal.Condition.Threshold;
import io.membergraph.segment.internal.SegmentMember.InteractionFact;
import io.membergraph.segment.internal.SegmentMember.OrderFact;

/**
 * A behaviour ({@code orders(count >= 3, spend > 1000, since -180d)}) as each member is tested on it: its window
 * in epoch days, the properties its events must match and its thresholds in whole units of what is counted, all
 * worked out once per evaluation. A preview tests thousands of members; working the window and a
 * {@code BigDecimal} out for each of them was most of the work, and comparing decimals at every member was where
 * compiled code was thrown away at the first preview of a start (BENCHMARKS.md, first calls after ready).
 */
public final class BehaviourCheck {

	private final Activity activity;

	private final long from;

	private final long to;

	private final String type;

	private final String channel;

	private final String store;

	private final String sku;

	private final String category;

	private final Bound[] bounds;

	/** Without a count threshold a behaviour means at least one event. */
	private final boolean atLeastOne;

	/**
	 * @param from the window's first epoch day ({@link Long#MIN_VALUE} for all time)
	 * @param to the window's last epoch day
	 */
	BehaviourCheck(Behaviour behaviour, long from, long to) {
		this.activity = behaviour.activity();
		this.from = from;
		this.to = to;
		this.type = behaviour.matches().get("type");
		this.channel = behaviour.matches().get("channel");
		this.store = behaviour.matches().get("store");
		this.sku = behaviour.matches().get("sku");
		this.category = behaviour.matches().get("category");
		List<Threshold> thresholds = behaviour.thresholds();
		this.bounds = thresholds.stream().map(Bound::of).toArray(Bound[]::new);
		this.atLeastOne = thresholds.stream().noneMatch(t -> t.measure().equals("count"));
	}

	boolean test(SegmentMember member) {
		long count = 0;
		long spend = 0;
		if (activity == Activity.INTERACTIONS) {
			for (InteractionFact event : member.interactions()) {
				if (within(event.epochDay()) && equal(type, event.type()) && equal(channel, event.channel())) {
					count++;
				}
			}
		}
		else {
			for (OrderFact order : member.orders()) {
				if (!within(order.epochDay()) || !equal(channel, order.channel()) || !equal(store, order.store())
						|| sku != null && !order.skus().contains(sku)
						|| category != null && !order.categories().contains(category)) {
					continue;
				}
				count++;
				spend += order.netSpendMinor();
			}
		}
		if (atLeastOne && count == 0) {
			return false;
		}
		for (Bound bound : bounds) {
			if (!bound.holds(count, spend)) {
				return false;
			}
		}
		return true;
	}

	private boolean within(long day) {
		return day >= from && day <= to;
	}

	private static boolean equal(String wanted, String actual) {
		return wanted == null || wanted.equalsIgnoreCase(actual);
	}

	/**
	 * A threshold on a whole measure (a count, or spend in minor units): the exact comparison with its number,
	 * decimals and all, from the number's floor and whether it is whole.
	 *
	 * @param beyond 1 when the number is above every long, -1 when below; 0 when {@code floor} holds it
	 */
	record Bound(boolean spend, Operator operator, long floor, boolean whole, int beyond) {

		private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

		private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

		static Bound of(Threshold threshold) {
			boolean spend = threshold.measure().equals("spend");
			// Spend is written in currency units (spend > 1000); it is kept in minor units.
			BigDecimal number = spend ? threshold.value().movePointRight(2) : threshold.value();
			if (number.compareTo(LONG_MAX) > 0) {
				return new Bound(spend, threshold.operator(), 0, false, 1);
			}
			if (number.compareTo(LONG_MIN) < 0) {
				return new Bound(spend, threshold.operator(), 0, false, -1);
			}
			BigDecimal floor = number.setScale(0, RoundingMode.FLOOR);
			return new Bound(spend, threshold.operator(), floor.longValueExact(), floor.compareTo(number) == 0, 0);
		}

		boolean holds(long count, long spendMinor) {
			return operator.holds(compare(spend ? spendMinor : count));
		}

		/** The sign of {@code measured} less the threshold's number. */
		int compare(long measured) {
			if (beyond != 0) {
				return -beyond;
			}
			if (measured != floor) {
				return measured < floor ? -1 : 1;
			}
			// Equal to the floor: below a number with decimals, equal to a whole one.
			return whole ? 0 : -1;
		}

	}

}
