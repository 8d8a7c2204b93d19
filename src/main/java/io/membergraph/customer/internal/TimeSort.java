package io.membergraph.customer.internal;

/**
 * Sorting columns by time without boxing: the order of rows by a column of longs, and each column put in that
 * order.
 */
public final class TimeSort {

	private TimeSort() {
	}

	/**
	 * The rows {@code 0..size-1} ordered by their key, rows with equal keys in their own order (a merge sort of row
	 * numbers: stable, n log n, no boxing).
	 */
	static int[] stableOrder(long[] keys, int size) {
		int[] order = new int[size];
		for (int row = 0; row < size; row++) {
			order[row] = row;
		}
		int[] buffer = new int[size];
		for (int width = 1; width < size; width *= 2) {
			for (int low = 0; low < size; low += 2 * width) {
				int middle = Math.min(low + width, size);
				int high = Math.min(low + 2 * width, size);
				merge(keys, order, buffer, low, middle, high);
			}
			int[] merged = order;
			order = buffer;
			buffer = merged;
		}
		return order;
	}

	private static void merge(long[] keys, int[] from, int[] into, int low, int middle, int high) {
		int left = low;
		int right = middle;
		for (int next = low; next < high; next++) {
			if (left < middle && (right >= high || keys[from[left]] <= keys[from[right]])) {
				into[next] = from[left++];
			}
			else {
				into[next] = from[right++];
			}
		}
	}

	static long[] permuted(long[] column, int[] order, int size) {
		long[] result = new long[size];
		for (int i = 0; i < size; i++) {
			result[i] = column[order[i]];
		}
		return result;
	}

	static int[] permuted(int[] column, int[] order, int size) {
		int[] result = new int[size];
		for (int i = 0; i < size; i++) {
			result[i] = column[order[i]];
		}
		return result;
	}

	static byte[] permuted(byte[] column, int[] order, int size) {
		byte[] result = new byte[size];
		for (int i = 0; i < size; i++) {
			result[i] = column[order[i]];
		}
		return result;
	}

	static Object[] permuted(Object[] column, int[] order, int size) {
		Object[] result = new Object[size];
		for (int i = 0; i < size; i++) {
			result[i] = column[order[i]];
		}
		return result;
	}

	/**
	 * For columns kept only for some rows ({@code rows}, ascending, the first {@code count} used) after the rows
	 * moved to {@code placeOf} their places: renumbers {@code rows} in place and returns the order in which the
	 * entries stay ascending, for the caller to put every such column in.
	 */
	static int[] followRows(int[] rows, int count, int[] placeOf) {
		long[] places = new long[count];
		for (int i = 0; i < count; i++) {
			rows[i] = placeOf[rows[i]];
			places[i] = rows[i];
		}
		return stableOrder(places, count);
	}

}
