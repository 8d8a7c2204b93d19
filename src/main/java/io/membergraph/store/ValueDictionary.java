package io.membergraph.store;

import java.util.Arrays;

/**
 * Each distinct value once, under a small int code, for in-memory columns that would otherwise keep a reference
 * (and often a copy) of the same member id, SKU, amount or order line in every record. Values are compared by
 * {@code equals}, so strings, amounts and lines can share one dictionary. Codes are dense from 0 and never change;
 * -1 stands for null.
 * <p>
 * One writer at a time (the owner's lock) adds codes; readers decode through {@link #values()} taken when the codes
 * they hold were published: the array only ever gains entries beyond them, or is replaced by a larger copy.
 */
public final class ValueDictionary {

	/** Code + 1 of the string whose hash lands there (open addressing); 0 is an empty slot. */
	private int[] slots = new int[1 << 10];

	private Object[] values = new Object[1 << 9];

	private int size;

	/** The value's code, a new one for a value not seen before; -1 for null. */
	public int code(Object value) {
		if (value == null) {
			return -1;
		}
		int mask = slots.length - 1;
		for (int slot = spread(value.hashCode()) & mask;; slot = (slot + 1) & mask) {
			int code = slots[slot] - 1;
			if (code < 0) {
				return add(value, slot);
			}
			if (values[code].equals(value)) {
				return code;
			}
		}
	}

	/** The values by code, as of now: an array a reader may keep to decode every code handed out so far. */
	public Object[] values() {
		return values;
	}

	/** How many distinct values have codes. */
	public int size() {
		return size;
	}

	/** The value of a code from {@code values}; null for -1. */
	@SuppressWarnings("unchecked")
	public static <T> T decode(Object[] values, int code) {
		return code < 0 ? null : (T) values[code];
	}

	private int add(Object value, int slot) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size + (size >> 1));
		}
		values[size] = value;
		slots[slot] = ++size;
		if (size * 2 > slots.length) {
			rehash();
		}
		return size - 1;
	}

	private void rehash() {
		int[] larger = new int[slots.length * 2];
		int mask = larger.length - 1;
		for (int code = 0; code < size; code++) {
			int slot = spread(values[code].hashCode()) & mask;
			while (larger[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			larger[slot] = code + 1;
		}
		slots = larger;
	}

	/** Member ids and SKUs often differ only in their last characters: spread those bits over the table. */
	private static int spread(int hash) {
		int h = hash * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

}
