package io.membergraph.customer;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import io.membergraph.store.ValueDictionary;

/**
 * The distinct members of the records a reader took from a view: by their code in the view's columns where a record
 * is a row, a bit each, so that a million records cost no look at a member's id; by id for the few written since the
 * columns were built. Exact: the two are joined when both hold some.
 */
public final class DistinctMembers {

	/** The view's dictionary as of the read, to decode the codes with: the same for every record of one read. */
	private Object[] values;

	private final BitSet codes = new BitSet();

	private final Set<String> ids = new HashSet<>();

	/**
	 * Counts the member of a record taken: by {@code code}, a code of {@code values}, when it has one (not -1), else
	 * by id; none for null.
	 */
	void add(String memberId, int code, Object[] values) {
		if (memberId == null) {
			return;
		}
		if (code >= 0) {
			this.values = values;
			codes.set(code);
		}
		else {
			ids.add(memberId);
		}
	}

	public int count() {
		if (ids.isEmpty()) {
			return codes.cardinality();
		}
		Set<String> all = new HashSet<>(ids);
		codes.stream().forEach(code -> all.add(ValueDictionary.decode(values, code)));
		return all.size();
	}

}
