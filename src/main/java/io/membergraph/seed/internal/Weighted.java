package io.membergraph.seed.internal;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Draws one of a fixed list of values, each as likely as its weight. */
public final class Weighted<T> {

	private final List<T> values;

	private final double[] cumulative;

	Weighted(List<T> values, ToDoubleFunction<T> weight) {
		this.values = values;
		this.cumulative = new double[values.size()];
		double total = 0;
		for (int i = 0; i < values.size(); i++) {
			total += weight.applyAsDouble(values.get(i));
			cumulative[i] = total;
		}
	}

	T draw(RandomGenerator random) {
		double target = random.nextDouble() * cumulative[cumulative.length - 1];
		for (int i = 0; i < cumulative.length; i++) {
			if (target < cumulative[i]) {
				return values.get(i);
			}
		}
		return values.get(values.size() - 1);
	}

}
