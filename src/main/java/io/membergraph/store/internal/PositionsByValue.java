package io.membergraph.store.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the documents of one collection are, by the string value of one top-level field (an element of it, for a
 * list): a secondary index the embedded store lacks. Meant for fields whose values each name a few documents (a
 * member, an order): a value shared by many makes every change of one of its documents move many positions.
 * Positions are kept in ascending order, the order a scan of the collection finds the documents in. Four bytes a
 * document, plus one small array per distinct value.
 */
public final class PositionsByValue {

	private final String field;

	private final Map<String, Run> runs = new HashMap<>();

	/** The positions of one value, ascending, in the first {@code size} slots. */
	private static final class Run {

		int[] positions = new int[2];

		int size;

	}

	public PositionsByValue(String field) {
		this.field = field;
	}

	public String field() {
		return field;
	}

	public void added(Object document, int position) {
		forEachValue(document, value -> add(value, position));
	}

	public void removed(Object document, int position) {
		forEachValue(document, value -> remove(value, position));
	}

	public void clear() {
		runs.clear();
	}

	/**
	 * The positions of the documents a condition on the field can match, ascending: for a string, or {@code $in} of
	 * strings; null when the index cannot say (any other condition), and the collection is to be scanned.
	 */
	public Collection<Integer> candidates(Object condition) {
		if (condition instanceof String value) {
			return of(value);
		}
		if (condition instanceof de.bwaldvogel.mongo.bson.Document operator && operator.size() == 1
				&& operator.get("$in") instanceof Collection<?> values
				&& values.stream().allMatch(String.class::isInstance)) {
			TreeSet<Integer> union = new TreeSet<>();
			values.forEach(value -> union.addAll(of((String) value)));
			return union;
		}
		return null;
	}

	/**
	 * How many documents {@link #candidates} would give, without listing them; -1 when the index cannot say. A $in
	 * of values counts each value's documents, an upper bound where one document holds several of them (a list).
	 */
	public int count(Object condition) {
		if (condition instanceof String value) {
			return sizeOf(value);
		}
		if (condition instanceof de.bwaldvogel.mongo.bson.Document operator && operator.size() == 1
				&& operator.get("$in") instanceof Collection<?> values
				&& values.stream().allMatch(String.class::isInstance)) {
			long total = 0;
			for (Object value : values) {
				total += sizeOf((String) value);
			}
			return (int) Math.min(Integer.MAX_VALUE, total);
		}
		return -1;
	}

	private int sizeOf(String value) {
		Run run = runs.get(value);
		return run == null ? 0 : run.size;
	}

	private List<Integer> of(String value) {
		Run run = runs.get(value);
		if (run == null) {
			return List.of();
		}
		List<Integer> list = new ArrayList<>(run.size);
		for (int i = 0; i < run.size; i++) {
			list.add(run.positions[i]);
		}
		return list;
	}

	private void add(String value, int position) {
		Run run = runs.computeIfAbsent(value, v -> new Run());
		int size = run.size;
		// Mostly appended: positions grow as documents are added; a reused one (after a removal) goes in its place.
		int at = size == 0 || run.positions[size - 1] < position ? size : insertionPoint(run.positions, size, position);
		if (at < size && run.positions[at] == position) {
			return;
		}
		if (size == run.positions.length) {
			run.positions = Arrays.copyOf(run.positions, size * 2);
		}
		System.arraycopy(run.positions, at, run.positions, at + 1, size - at);
		run.positions[at] = position;
		run.size = size + 1;
	}

	private void remove(String value, int position) {
		Run run = runs.get(value);
		int at = run == null ? -1 : Arrays.binarySearch(run.positions, 0, run.size, position);
		if (at < 0) {
			return;
		}
		System.arraycopy(run.positions, at + 1, run.positions, at, run.size - at - 1);
		run.size--;
		if (run.size == 0) {
			runs.remove(value);
		}
	}

	private static int insertionPoint(int[] sorted, int size, int position) {
		int at = Arrays.binarySearch(sorted, 0, size, position);
		return at >= 0 ? at : -at - 1;
	}

	private void forEachValue(Object document, java.util.function.Consumer<String> action) {
		if (!(document instanceof de.bwaldvogel.mongo.bson.Document stored)) {
			return;
		}
		Object value = stored.get(field);
		if (value instanceof String text) {
			action.accept(text);
		}
		else if (value instanceof Collection<?> list) {
			list.stream().filter(String.class::isInstance).map(String.class::cast).distinct().forEach(action);
		}
	}

}
