package io.membergraph.store.internal;

/**
 * Canonical instances of strings, so that stored documents share their field names and repeated short values. A
 * table of fixed size rather than {@link String#intern}: interning put every distinct short value (each member's
 * phone, each order number) into the JVM's string table, which took a fifth of the store's time in a member import
 * and which every garbage collection walks. Here a string seen again finds the instance held in its slot; a slot
 * taken by a value seen once is simply handed to the next value that falls there, so the table never grows and
 * values that recur (statuses, channels, SKUs, codes) stay shared.
 * <p>
 * Threads may race on a slot: each reads or writes one reference to an immutable string, so the worst outcome is a
 * copy not shared.
 */
public final class SharedStrings {

	private final String[] slots;

	private final int mask;

	/** @param slotsLog2 the table holds 2 to this power strings */
	public SharedStrings(int slotsLog2) {
		this.slots = new String[1 << slotsLog2];
		this.mask = slots.length - 1;
	}

	/** The held instance equal to the text, or the text itself, now held. */
	public String share(String text) {
		int hash = text.hashCode();
		int slot = (hash ^ (hash >>> 16)) & mask;
		String held = slots[slot];
		if (text.equals(held)) {
			return held;
		}
		slots[slot] = text;
		return text;
	}

}
