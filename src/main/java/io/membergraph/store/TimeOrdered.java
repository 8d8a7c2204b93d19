package io.membergraph.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * A {@link ChangeStampedView}'s records in time order, so that a reader of one period takes that period's slice
 * (a binary search) instead of looking at every record. After a refresh the records it changed are taken out and
 * put back in their place (a merge of the few with the many); everything is sorted again only after a whole load
 * or when this reader missed a refresh.
 *
 * @param <V> what the view keeps of a record
 */
public final class TimeOrdered<V> {

	/** The records in time order, and each one's time in epoch milliseconds. */
	public record Snapshot<V>(V[] byTime, long[] times) {

		/** The records at or after {@code from} (null: from the first) and before {@code to}, oldest first. */
		public Stream<V> between(Instant from, Instant to) {
			int start = from == null ? 0 : firstAtOrAfter(from.toEpochMilli());
			int end = to.equals(Instant.MAX) ? times.length : firstAtOrAfter(to.toEpochMilli());
			return Arrays.stream(byTime, start, Math.max(start, end));
		}

		/** The index of the first record at or after the time. */
		public int firstAtOrAfter(long millis) {
			return TimeOrdered.firstAtOrAfter(times, times.length, millis);
		}

	}

	/**
	 * The index of the first of the first {@code size} times (ascending, in epoch milliseconds) at or after
	 * {@code millis}; {@code size} when there is none. A binary search.
	 */
	public static int firstAtOrAfter(long[] times, int size, long millis) {
		int low = 0;
		int high = size;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (times[mid] < millis) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	private final ChangeStampedView<?, V> view;

	private final Comparator<V> order;

	private final ToLongFunction<V> millis;

	private final IntFunction<V[]> arrays;

	/** The view's map the snapshot was made from: a new map means something changed since. */
	private Map<String, V> orderedFrom;

	private Snapshot<V> snapshot;

	/**
	 * @param order the time order, made total by a tie-breaker (records of one instant)
	 * @param millis a record's time in epoch milliseconds, as {@code order} orders it
	 */
	public TimeOrdered(ChangeStampedView<?, V> view, Comparator<V> order, ToLongFunction<V> millis,
			IntFunction<V[]> arrays) {
		this.view = view;
		this.order = order;
		this.millis = millis;
		this.arrays = arrays;
		this.snapshot = new Snapshot<>(arrays.apply(0), new long[0]);
	}

	/** The records as of now, in time order. */
	public synchronized Snapshot<V> current() {
		Map<String, V> current = view.current();
		if (current != orderedFrom) {
			Map<String, V> changes = view.changes(orderedFrom, current);
			V[] ordered = changes == null ? sorted(current) : patched(snapshot.byTime(), orderedFrom, changes);
			long[] times = new long[ordered.length];
			for (int i = 0; i < ordered.length; i++) {
				times[i] = millis.applyAsLong(ordered[i]);
			}
			snapshot = new Snapshot<>(ordered, times);
			orderedFrom = current;
		}
		return snapshot;
	}

	private V[] sorted(Map<String, V> records) {
		V[] ordered = records.values().toArray(arrays);
		Arrays.parallelSort(ordered, order);
		return ordered;
	}

	/** The ordered records without the changed ones' former versions, merged with their new ones. */
	private V[] patched(V[] ordered, Map<String, V> before, Map<String, V> changes) {
		Set<V> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
		List<V> added = new ArrayList<>();
		changes.forEach((id, record) -> {
			V former = before.get(id);
			if (former != null) {
				replaced.add(former);
			}
			if (record != null) {
				added.add(record);
			}
		});
		added.sort(order);
		V[] merged = arrays.apply(ordered.length - replaced.size() + added.size());
		int next = 0;
		int add = 0;
		for (V record : ordered) {
			if (replaced.contains(record)) {
				continue;
			}
			while (add < added.size() && order.compare(added.get(add), record) < 0) {
				merged[next++] = added.get(add++);
			}
			merged[next++] = record;
		}
		while (add < added.size()) {
			merged[next++] = added.get(add++);
		}
		return merged;
	}

}
