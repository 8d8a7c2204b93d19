package io.membergraph.customer.internal;

import java.time.Instant;
import java.util.Arrays;

/**
 * Records of one kind in time order, in columns of primitives, each row with a 64-bit hash of its record's id:
 * what {@link ColumnView} needs of them, whatever else a kind keeps. Immutable: changes are laid over them.
 * <p>
 * The hash lets a changed record find its former row (in the run of rows of its time, which no write changes)
 * without a map from millions of ids.
 *
 * @param <T> the record rows decode to
 */
public abstract class TimeColumns<T> {

	public final int size;

	final long[] millis;

	final long[] idHashes;

	TimeColumns(Builder<T, ?> built) {
		this.size = built.size;
		this.millis = Arrays.copyOf(built.millis, size);
		this.idHashes = Arrays.copyOf(built.idHashes, size);
	}

	private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

	private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

	/** An instant in epoch milliseconds, the far past and future ({@code Instant.MIN}, {@code MAX}) included. */
	public static long millis(Instant at) {
		if (at.isBefore(EARLIEST)) {
			return Long.MIN_VALUE;
		}
		return at.isAfter(LATEST) ? Long.MAX_VALUE : at.toEpochMilli();
	}

	/** The first row at or after the time (epoch milliseconds); {@link #size} when there is none. */
	final int firstAtOrAfter(long time) {
		return firstAtOrAfter(millis, size, time);
	}

	/**
	 * The index of the first of {@code rareRows} (the ascending rows that carry something most rows lack) at or
	 * after {@code row}: readers walking forward keep it as their cursor.
	 */
	static int firstRareAtOrAfter(int[] rareRows, int row) {
		int found = Arrays.binarySearch(rareRows, row);
		return found >= 0 ? found : -found - 1;
	}

	/**
	 * The index of the first of the first {@code size} times (ascending, in epoch milliseconds) at or after
	 * {@code millis}; {@code size} when there is none. A binary search.
	 */
	static int firstAtOrAfter(long[] times, int size, long millis) {
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

	/** The row of the record with this time and id hash, or -1. */
	public final int rowOf(long time, long idHash) {
		for (int row = firstAtOrAfter(time); row < size && millis[row] == time; row++) {
			if (idHashes[row] == idHash) {
				return row;
			}
		}
		return -1;
	}

	/**
	 * A reader that decodes rows through {@code values} (the dictionary's values when these columns were
	 * published), walking forward from {@code firstRow}: each row it reads is at or after the one before.
	 */
	abstract RowReader<T> reader(Object[] values, int firstRow);

	/** Decodes rows, each at or after the one before. */
	@FunctionalInterface
	public interface RowReader<T> {

		T read(int row);

	}

	/**
	 * Rows added one by one, in any order; {@link #build()} puts them in time order, rows of one instant in the
	 * order they were added. A kind's builder keeps its own columns and grows and reorders them when told.
	 */
	abstract static class Builder<T, C extends TimeColumns<T>> {

		int size;

		long[] millis;

		long[] idHashes;

		public Builder(int expected) {
			int capacity = Math.max(16, expected);
			millis = new long[capacity];
			idHashes = new long[capacity];
		}

		/** Adds a record whose id hashes to {@code idHash}. */
		public abstract void add(T record, long idHash);

		/** Adds a row of {@code from} as it is (its codes are of the same dictionary). */
		public abstract void add(C from, int fromRow);

		/** Grows every column of the kind to {@code capacity} rows. */
		abstract void grow(int capacity);

		/** Puts row {@code order[i]} in place {@code i} in every column of the kind; {@code placeOf} is its inverse. */
		abstract void reorder(int[] order, int[] placeOf);

		/** The columns of the rows added, which are in time order by now. */
		abstract C columns();

		/** A row for the record at {@code time} whose id hashes to {@code idHash}: the kind fills in the rest. */
		final int next(long time, long idHash) {
			if (size == millis.length) {
				int capacity = size + (size >> 1);
				millis = Arrays.copyOf(millis, capacity);
				idHashes = Arrays.copyOf(idHashes, capacity);
				grow(capacity);
			}
			millis[size] = time;
			idHashes[size] = idHash;
			return size++;
		}

		public final C build() {
			if (!inTimeOrder()) {
				int[] order = TimeSort.stableOrder(millis, size);
				int[] placeOf = new int[size];
				for (int place = 0; place < size; place++) {
					placeOf[order[place]] = place;
				}
				millis = TimeSort.permuted(millis, order, size);
				idHashes = TimeSort.permuted(idHashes, order, size);
				reorder(order, placeOf);
			}
			return columns();
		}

		private boolean inTimeOrder() {
			for (int row = 1; row < size; row++) {
				if (millis[row] < millis[row - 1]) {
					return false;
				}
			}
			return true;
		}

	}

}
