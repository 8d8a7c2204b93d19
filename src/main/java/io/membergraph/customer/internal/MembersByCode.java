package io.membergraph.customer.internal;

import java.util.function.Predicate;

import io.membergraph.store.DecidedPerCode;
import io.membergraph.store.ValueDictionary;

/**
 * Which members a report wants, judged on the member's dictionary code in a column view: each code is decoded and
 * judged once, not each row (a year of points movements is some nine rows a member). One instance for one pass over
 * the rows of one snapshot, on one thread.
 */
public final class MembersByCode {

	private final Predicate<String> wanted;

	private DecidedPerCode decided;

	public MembersByCode(Predicate<String> wanted) {
		this.wanted = wanted;
	}

	/** Whether the member of {@code code}, a code of the snapshot's {@code values}, is wanted (-1 for none). */
	public boolean accepts(Object[] values, int code) {
		if (decided == null) {
			decided = new DecidedPerCode(each -> wanted.test(ValueDictionary.decode(values, each)));
		}
		return decided.test(code);
	}

}
