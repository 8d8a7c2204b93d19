package io.membergraph.customer.internal;

import java.time.Instant;
import java.util.Arrays;

import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.customer.InteractionFacts;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.store.ValueDictionary;

/**
 * Interactions in time order, in columns of primitives: times as epoch milliseconds, strings as codes of one
 * {@link ValueDictionary}, types, channels and scores as bytes. The few fields most interactions lack (a store, a
 * complaint's resolution) are kept only for the rows that have them. About 35 bytes an interaction where a record
 * per interaction with its map entry took 200. Immutable: changes are laid over it ({@link ColumnView}).
 */
public final class InteractionColumns extends TimeColumns<Event> {

	private static final InteractionType[] TYPES = InteractionType.values();

	private static final Channel[] CHANNELS = Channel.values();

	private final int[] members;

	private final int[] visitors;

	private final int[] skus;

	private final int[] campaigns;

	private final byte[] types;

	private final byte[] channels;

	private final byte[] scores;

	/** The rows with a store or a resolution time, ascending, and those two (-1 and Long.MIN_VALUE: none). */
	private final int[] rareRows;

	private final int[] stores;

	private final long[] resolutions;

	private InteractionColumns(Builder built) {
		super(built);
		this.members = Arrays.copyOf(built.members, size);
		this.visitors = Arrays.copyOf(built.visitors, size);
		this.skus = Arrays.copyOf(built.skus, size);
		this.campaigns = Arrays.copyOf(built.campaigns, size);
		this.types = Arrays.copyOf(built.types, size);
		this.channels = Arrays.copyOf(built.channels, size);
		this.scores = Arrays.copyOf(built.scores, size);
		this.rareRows = Arrays.copyOf(built.rareRows, built.rare);
		this.stores = Arrays.copyOf(built.stores, built.rare);
		this.resolutions = Arrays.copyOf(built.resolutions, built.rare);
	}

	/** Which interactions a reader wants, judged on what a row holds undecoded. */
	@FunctionalInterface
	public interface Filter {

		/** @param type the type's ordinal, -1 for none */
		boolean accepts(byte type, boolean member);

	}

	/** The filter as the view asks it, of rows and of the recent interactions alike. */
	public static ColumnView.Wanted<Event, InteractionColumns> wanted(Filter filter) {
		return new ColumnView.Wanted<>() {

			@Override
			public boolean row(InteractionColumns columns, Object[] values, int row) {
				return filter.accepts(columns.types[row], columns.members[row] >= 0);
			}

			@Override
			public boolean record(Event event) {
				return filter.accepts(event.type() == null ? -1 : (byte) event.type().ordinal(), event.memberId() != null);
			}

		};
	}

	/** Hands a step to {@code each} for the rows and records of a wanted type (by ordinal), nothing else decoded. */
	public static ColumnView.Visitor<Event, InteractionColumns> steps(boolean[] wantedTypes,
			InteractionFacts.StepReader each) {
		return new ColumnView.Visitor<>() {

			@Override
			public void row(InteractionColumns columns, Object[] values, int row) {
				byte type = columns.types[row];
				if (type >= 0 && wantedTypes[type]) {
					byte channel = columns.channels[row];
					each.step(ValueDictionary.decode(values, columns.members[row]),
							ValueDictionary.decode(values, columns.visitors[row]), columns.millis[row], TYPES[type],
							channel < 0 ? null : CHANNELS[channel]);
				}
			}

			@Override
			public void record(Event event) {
				if (event.type() != null && wantedTypes[event.type().ordinal()]) {
					each.step(event.memberId(), event.visitorId(), event.occurredAt().toEpochMilli(), event.type(),
							event.channel());
				}
			}

		};
	}

	@Override
	public RowReader<Event> reader(Object[] values, int firstRow) {
		return new RowReader<>() {

			private int rare = firstRareAtOrAfter(rareRows, firstRow);

			@Override
			public Event read(int row) {
				while (rare < rareRows.length && rareRows[rare] < row) {
					rare++;
				}
				return event(row, values, rare);
			}

		};
	}

	/** The interaction in {@code row}, its strings decoded through {@code values}; {@code rare} is its rare cursor. */
	private Event event(int row, Object[] values, int rare) {
		boolean hasRare = rare < rareRows.length && rareRows[rare] == row;
		byte type = types[row];
		byte channel = channels[row];
		byte score = scores[row];
		long resolved = hasRare ? resolutions[rare] : Long.MIN_VALUE;
		return new Event(ValueDictionary.decode(values, members[row]), ValueDictionary.decode(values, visitors[row]),
				Instant.ofEpochMilli(millis[row]), type < 0 ? null : TYPES[type], channel < 0 ? null : CHANNELS[channel],
				ValueDictionary.decode(values, campaigns[row]), ValueDictionary.decode(values, skus[row]),
				score < 0 ? null : Integer.valueOf(score), resolved == Long.MIN_VALUE ? null : Instant.ofEpochMilli(resolved),
				hasRare ? ValueDictionary.decode(values, stores[rare]) : null);
	}

	/** Rows added one by one, in any order, their strings encoded in one dictionary. */
	public static final class Builder extends TimeColumns.Builder<Event, InteractionColumns> {

		private final ValueDictionary dictionary;

		private int[] members;

		private int[] visitors;

		private int[] skus;

		private int[] campaigns;

		private byte[] types;

		private byte[] channels;

		private byte[] scores;

		private int rare;

		private int[] rareRows = new int[16];

		private int[] stores = new int[16];

		private long[] resolutions = new long[16];

		public Builder(int expected, ValueDictionary dictionary) {
			super(expected);
			this.dictionary = dictionary;
			grow(millis.length);
		}

		@Override
		public void add(Event event, long idHash) {
			int row = next(event.occurredAt().toEpochMilli(), idHash);
			members[row] = dictionary.code(event.memberId());
			visitors[row] = dictionary.code(event.visitorId());
			skus[row] = dictionary.code(event.sku());
			campaigns[row] = dictionary.code(event.campaignId());
			types[row] = (byte) (event.type() == null ? -1 : event.type().ordinal());
			channels[row] = (byte) (event.channel() == null ? -1 : event.channel().ordinal());
			scores[row] = (byte) (event.score() == null ? -1 : event.score());
			if (event.storeId() != null || event.resolvedAt() != null) {
				addRare(row, dictionary.code(event.storeId()),
						event.resolvedAt() == null ? Long.MIN_VALUE : event.resolvedAt().toEpochMilli());
			}
		}

		@Override
		public void add(InteractionColumns from, int fromRow) {
			int row = next(from.millis[fromRow], from.idHashes[fromRow]);
			members[row] = from.members[fromRow];
			visitors[row] = from.visitors[fromRow];
			skus[row] = from.skus[fromRow];
			campaigns[row] = from.campaigns[fromRow];
			types[row] = from.types[fromRow];
			channels[row] = from.channels[fromRow];
			scores[row] = from.scores[fromRow];
			int rareOf = firstRareAtOrAfter(from.rareRows, fromRow);
			if (rareOf < from.rareRows.length && from.rareRows[rareOf] == fromRow) {
				addRare(row, from.stores[rareOf], from.resolutions[rareOf]);
			}
		}

		@Override
		void grow(int capacity) {
			members = Arrays.copyOf(members == null ? new int[0] : members, capacity);
			visitors = Arrays.copyOf(visitors == null ? new int[0] : visitors, capacity);
			skus = Arrays.copyOf(skus == null ? new int[0] : skus, capacity);
			campaigns = Arrays.copyOf(campaigns == null ? new int[0] : campaigns, capacity);
			types = Arrays.copyOf(types == null ? new byte[0] : types, capacity);
			channels = Arrays.copyOf(channels == null ? new byte[0] : channels, capacity);
			scores = Arrays.copyOf(scores == null ? new byte[0] : scores, capacity);
		}

		private void addRare(int row, int store, long resolution) {
			if (rare == rareRows.length) {
				int capacity = rare * 2;
				rareRows = Arrays.copyOf(rareRows, capacity);
				stores = Arrays.copyOf(stores, capacity);
				resolutions = Arrays.copyOf(resolutions, capacity);
			}
			rareRows[rare] = row;
			stores[rare] = store;
			resolutions[rare] = resolution;
			rare++;
		}

		@Override
		void reorder(int[] order, int[] placeOf) {
			members = TimeSort.permuted(members, order, size);
			visitors = TimeSort.permuted(visitors, order, size);
			skus = TimeSort.permuted(skus, order, size);
			campaigns = TimeSort.permuted(campaigns, order, size);
			types = TimeSort.permuted(types, order, size);
			channels = TimeSort.permuted(channels, order, size);
			scores = TimeSort.permuted(scores, order, size);
			int[] byPlace = TimeSort.followRows(rareRows, rare, placeOf);
			rareRows = TimeSort.permuted(rareRows, byPlace, rare);
			stores = TimeSort.permuted(stores, byPlace, rare);
			resolutions = TimeSort.permuted(resolutions, byPlace, rare);
		}

		@Override
		InteractionColumns columns() {
			return new InteractionColumns(this);
		}

	}

}
