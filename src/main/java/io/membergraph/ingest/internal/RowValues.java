package io.membergraph.ingest.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A held row's values, by column, as one array beside the import's column names: an order window holds up to
 * {@code order-window} rows (100,000 by default), and a map of its own per row (entries, table, nodes) cost more
 * than the values themselves. Read-only; a column without a value in the row is absent, as in the map it replaces.
 */
public final class RowValues extends AbstractMap<String, String> {

	/** The columns an import keeps of every row, in the mapping's order, shared by all its rows. */
	public static final class Columns {

		private final String[] names;

		private final Map<String, Integer> index = new HashMap<>();

		public Columns(Set<String> read) {
			this.names = read.toArray(String[]::new);
			for (int i = 0; i < names.length; i++) {
				index.put(names[i], i);
			}
		}

		/** The row's values of these columns, each cut at {@code maxValue} characters (marked with an ellipsis). */
		RowValues of(Map<String, String> values, int maxValue) {
			String[] kept = new String[names.length];
			int size = 0;
			for (int i = 0; i < names.length; i++) {
				String value = values.get(names[i]);
				if (value != null) {
					kept[i] = value.length() <= maxValue ? value : value.substring(0, maxValue) + "…";
					size++;
				}
			}
			return new RowValues(this, kept, size);
		}

	}

	private final Columns columns;

	private final String[] values;

	private final int size;

	private RowValues(Columns columns, String[] values, int size) {
		this.columns = columns;
		this.values = values;
		this.size = size;
	}

	@Override
	public String get(Object column) {
		Integer at = columns.index.get(column);
		return at == null ? null : values[at];
	}

	@Override
	public boolean containsKey(Object column) {
		return get(column) != null;
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public Set<Entry<String, String>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, String>> iterator() {
				return new Iterator<>() {

					private int next = advance(0);

					private int advance(int from) {
						int at = from;
						while (at < values.length && values[at] == null) {
							at++;
						}
						return at;
					}

					@Override
					public boolean hasNext() {
						return next < values.length;
					}

					@Override
					public Entry<String, String> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						Entry<String, String> entry = new SimpleImmutableEntry<>(columns.names[next], values[next]);
						next = advance(next + 1);
						return entry;
					}

				};
			}

			@Override
			public int size() {
				return size;
			}

		};
	}

}
