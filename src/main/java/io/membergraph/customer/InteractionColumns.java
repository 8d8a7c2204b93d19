package io.membergraph.customer;

import java.time.Instant;
import java.util.Arrays;

import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.store.StringDictionary;
import io.membergraph.store.TimeOrdered;

/**
 * Interactions in time order, in columns of primitives: times as epoch milliseconds, strings as codes of one
 * {@link StringDictionary}, types, channels and scores as bytes. The few fields most interactions lack (a store, a
 * complaint's resolution) are kept only for the rows that have them. About 35 bytes an interaction where a record
 * per interaction with its map entry took 200. Immutable: changes are laid over it ({@link InteractionView}).
 * <p>
 * Each row also keeps a 64-bit hash of the interaction's id, so that a changed interaction finds its former row (in
 * the run of rows of its time) without a map from millions of ids.
 */
final class InteractionColumns {

	private static final InteractionType[] TYPES = InteractionType.values();

	private static final Channel[] CHANNELS = Channel.values();

	static final InteractionColumns EMPTY = new Builder(0).build();

	final int size;

	final long[] millis;

	final long[] idHashes;

	private final int[] members;

	private final int[] visitors;

	private final int[] skus;

	private final int[] campaigns;

	final byte[] types;

	private final byte[] channels;

	private final byte[] scores;

	/** The rows with a store or a resolution time, ascending, and those two (-1 and Long.MIN_VALUE: none). */
	private final int[] rareRows;

	private final int[] stores;

	private final long[] resolutions;

	private InteractionColumns(Builder built) {
		this.size = built.size;
		this.millis = Arrays.copyOf(built.millis, size);
		this.idHashes = Arrays.copyOf(built.idHashes, size);
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

	/** The first row at or after the time (epoch milliseconds); {@link #size} when there is none. */
	int firstAtOrAfter(long time) {
		return TimeOrdered.firstAtOrAfter(millis, size, time);
	}

	/** The row of the interaction with this time and id hash, or -1. */
	int rowOf(long time, long idHash) {
		for (int row = firstAtOrAfter(time); row < size && millis[row] == time; row++) {
			if (idHashes[row] == idHash) {
				return row;
			}
		}
		return -1;
	}

	boolean isMember(int row) {
		return members[row] >= 0;
	}

	/** The first of the rare rows at or after {@code row}: readers walking forward keep it as their cursor. */
	int firstRareAtOrAfter(int row) {
		int found = Arrays.binarySearch(rareRows, row);
		return found >= 0 ? found : -found - 1;
	}

	/** The cursor of {@link #firstRareAtOrAfter} moved on from an earlier row's to {@code row}'s. */
	int rareCursor(int cursor, int row) {
		while (cursor < rareRows.length && rareRows[cursor] < row) {
			cursor++;
		}
		return cursor;
	}

	/**
	 * The interaction in {@code row}, its strings decoded through {@code strings}; {@code rare} is the cursor of
	 * {@link #firstRareAtOrAfter} for this row.
	 */
	Event event(int row, String[] strings, int rare) {
		boolean hasRare = rare < rareRows.length && rareRows[rare] == row;
		byte type = types[row];
		byte channel = channels[row];
		byte score = scores[row];
		long resolved = hasRare ? resolutions[rare] : Long.MIN_VALUE;
		return new Event(StringDictionary.decode(strings, members[row]), StringDictionary.decode(strings, visitors[row]),
				Instant.ofEpochMilli(millis[row]), type < 0 ? null : TYPES[type], channel < 0 ? null : CHANNELS[channel],
				StringDictionary.decode(strings, campaigns[row]), StringDictionary.decode(strings, skus[row]),
				score < 0 ? null : Integer.valueOf(score), resolved == Long.MIN_VALUE ? null : Instant.ofEpochMilli(resolved),
				hasRare ? StringDictionary.decode(strings, stores[rare]) : null);
	}

	/** Rows added one by one, in any order; {@link #build()} puts them in time order (stably). */
	static final class Builder {

		private int size;

		private long[] millis;

		private long[] idHashes;

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

		Builder(int expected) {
			int capacity = Math.max(16, expected);
			millis = new long[capacity];
			idHashes = new long[capacity];
			members = new int[capacity];
			visitors = new int[capacity];
			skus = new int[capacity];
			campaigns = new int[capacity];
			types = new byte[capacity];
			channels = new byte[capacity];
			scores = new byte[capacity];
		}

		int size() {
			return size;
		}

		/** Adds an interaction, its strings encoded in {@code dictionary}. */
		void add(Event event, long idHash, StringDictionary dictionary) {
			int row = next();
			millis[row] = event.occurredAt().toEpochMilli();
			idHashes[row] = idHash;
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

		/** Adds a row of {@code from} as it is (its codes are of the same dictionary). */
		void add(InteractionColumns from, int fromRow, int rareCursor) {
			int row = next();
			millis[row] = from.millis[fromRow];
			idHashes[row] = from.idHashes[fromRow];
			members[row] = from.members[fromRow];
			visitors[row] = from.visitors[fromRow];
			skus[row] = from.skus[fromRow];
			campaigns[row] = from.campaigns[fromRow];
			types[row] = from.types[fromRow];
			channels[row] = from.channels[fromRow];
			scores[row] = from.scores[fromRow];
			if (rareCursor < from.rareRows.length && from.rareRows[rareCursor] == fromRow) {
				addRare(row, from.stores[rareCursor], from.resolutions[rareCursor]);
			}
		}

		private int next() {
			if (size == millis.length) {
				int capacity = size + (size >> 1);
				millis = Arrays.copyOf(millis, capacity);
				idHashes = Arrays.copyOf(idHashes, capacity);
				members = Arrays.copyOf(members, capacity);
				visitors = Arrays.copyOf(visitors, capacity);
				skus = Arrays.copyOf(skus, capacity);
				campaigns = Arrays.copyOf(campaigns, capacity);
				types = Arrays.copyOf(types, capacity);
				channels = Arrays.copyOf(channels, capacity);
				scores = Arrays.copyOf(scores, capacity);
			}
			return size++;
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

		/** The rows in time order; rows of one instant keep the order they were added in. */
		InteractionColumns build() {
			if (!inTimeOrder()) {
				reorder(TimeSort.stableOrder(millis, size));
			}
			return new InteractionColumns(this);
		}

		private boolean inTimeOrder() {
			for (int row = 1; row < size; row++) {
				if (millis[row] < millis[row - 1]) {
					return false;
				}
			}
			return true;
		}

		/** Puts row {@code order[i]} in place {@code i}, in every column. */
		private void reorder(int[] order) {
			int[] placeOf = new int[size];
			for (int place = 0; place < size; place++) {
				placeOf[order[place]] = place;
			}
			millis = TimeSort.permuted(millis, order, size);
			idHashes = TimeSort.permuted(idHashes, order, size);
			members = TimeSort.permuted(members, order, size);
			visitors = TimeSort.permuted(visitors, order, size);
			skus = TimeSort.permuted(skus, order, size);
			campaigns = TimeSort.permuted(campaigns, order, size);
			types = TimeSort.permuted(types, order, size);
			channels = TimeSort.permuted(channels, order, size);
			scores = TimeSort.permuted(scores, order, size);
			for (int i = 0; i < rare; i++) {
				rareRows[i] = placeOf[rareRows[i]];
			}
			// The rare rows follow their rows to their new places, and stay ascending.
			long[] places = new long[rare];
			for (int i = 0; i < rare; i++) {
				places[i] = rareRows[i];
			}
			int[] byPlace = TimeSort.stableOrder(places, rare);
			rareRows = TimeSort.permuted(rareRows, byPlace, rare);
			stores = TimeSort.permuted(stores, byPlace, rare);
			resolutions = TimeSort.permuted(resolutions, byPlace, rare);
		}

	}

}
