package io.membergraph.segment.internal;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A list worked out when it is first read. A member's orders are built only if a condition gets to ask about
 * them: in {@code interactions(…) AND NOT orders(…)} most members are out before their orders matter. For one
 * evaluating thread, as a member of a segment population is.
 */
public final class OnFirstUse<T> extends AbstractList<T> {

	private Supplier<List<T>> source;

	private List<T> list;

	OnFirstUse(Supplier<List<T>> source) {
		this.source = source;
	}

	@Override
	public T get(int index) {
		return list().get(index);
	}

	@Override
	public int size() {
		return list().size();
	}

	@Override
	public Iterator<T> iterator() {
		return list().iterator();
	}

	private List<T> list() {
		if (list == null) {
			list = source.get();
			source = null;
		}
		return list;
	}

}
