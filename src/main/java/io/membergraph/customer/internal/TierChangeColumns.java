package io.membergraph.customer.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.membergraph.customer.LoyaltyFacts.TierStep;
import io.membergraph.store.ValueDictionary;

/**
 * Recorded tier changes in time order, in columns: the time of the change in epoch milliseconds, the member and the
 * tier moved to as codes of one {@link ValueDictionary}, and the change's id as UTF-8 bytes in one array. The id is
 * kept because it is what orders two changes of one member at one instant (the greater counts as the later, as the
 * member's tier history sorts them). About 60 bytes a change where the mapped change with its map entry took 342.
 * Immutable: changes are laid over it ({@link ColumnView}).
 */
public final class TierChangeColumns extends TimeColumns<TierStep> {

	private final int[] members;

	private final int[] tiers;

	private final int[] idStarts;

	private final int[] idLengths;

	private final byte[] ids;

	private TierChangeColumns(Builder built) {
		super(built);
		this.members = Arrays.copyOf(built.members, size);
		this.tiers = Arrays.copyOf(built.tiers, size);
		this.idStarts = Arrays.copyOf(built.idStarts, size);
		this.idLengths = Arrays.copyOf(built.idLengths, size);
		this.ids = Arrays.copyOf(built.ids, built.idBytes);
	}

	/**
	 * Each member's latest change before {@code end} (epoch milliseconds) among the rows not {@code gone}: of two at
	 * one instant the one with the greater id (compared as UTF-8 bytes, the strings' own order for the ids the
	 * programme writes). Decodes one row per member, not every row: analyses ask this of every change on record.
	 */
	public Map<String, TierStep> latestBefore(long end, long[] gone, Object[] values) {
		int[] latest = new int[values.length];
		Arrays.fill(latest, -1);
		int endRow = firstAtOrAfter(end);
		for (int row = 0; row < endRow; row++) {
			int member = members[row];
			if (member < 0 || (gone[row >>> 6] & 1L << row) != 0) {
				continue;
			}
			int before = latest[member];
			// Rows are in time order: a later row is at least as late, and at the same instant the greater id wins.
			if (before < 0 || millis[row] > millis[before] || Arrays.compareUnsigned(ids, idStarts[row],
					idStarts[row] + idLengths[row], ids, idStarts[before], idStarts[before] + idLengths[before]) > 0) {
				latest[member] = row;
			}
		}
		Map<String, TierStep> steps = new HashMap<>();
		RowReader<TierStep> reader = reader(values, 0);
		for (int row : latest) {
			if (row >= 0) {
				TierStep step = reader.read(row);
				steps.put(step.memberId(), step);
			}
		}
		return steps;
	}

	@Override
	RowReader<TierStep> reader(Object[] values, int firstRow) {
		return row -> new TierStep(new String(ids, idStarts[row], idLengths[row], StandardCharsets.UTF_8),
				ValueDictionary.decode(values, members[row]), ValueDictionary.decode(values, tiers[row]),
				Instant.ofEpochMilli(millis[row]));
	}

	/** Rows added one by one, in any order, their members and tiers coded in one dictionary. */
	public static final class Builder extends TimeColumns.Builder<TierStep, TierChangeColumns> {

		private final ValueDictionary dictionary;

		private int[] members = new int[0];

		private int[] tiers = new int[0];

		private int[] idStarts = new int[0];

		private int[] idLengths = new int[0];

		/** The ids' bytes in the order their rows were added: reordering the rows moves their starts, not the bytes. */
		private byte[] ids;

		private int idBytes;

		public Builder(int expected, ValueDictionary dictionary) {
			super(expected);
			this.dictionary = dictionary;
			this.ids = new byte[Math.max(64, expected * 32)];
			grow(millis.length);
		}

		@Override
		public void add(TierStep step, long idHash) {
			int row = next(TimeColumns.millis(step.at()), idHash);
			members[row] = dictionary.code(step.memberId());
			tiers[row] = dictionary.code(step.to());
			byte[] id = step.id().getBytes(StandardCharsets.UTF_8);
			keepId(row, id, 0, id.length);
		}

		@Override
		public void add(TierChangeColumns from, int fromRow) {
			int row = next(from.millis[fromRow], from.idHashes[fromRow]);
			members[row] = from.members[fromRow];
			tiers[row] = from.tiers[fromRow];
			keepId(row, from.ids, from.idStarts[fromRow], from.idLengths[fromRow]);
		}

		private void keepId(int row, byte[] source, int start, int length) {
			if (idBytes + length > ids.length) {
				ids = Arrays.copyOf(ids, Math.max(idBytes + length, ids.length + (ids.length >> 1)));
			}
			System.arraycopy(source, start, ids, idBytes, length);
			idStarts[row] = idBytes;
			idLengths[row] = length;
			idBytes += length;
		}

		@Override
		void grow(int capacity) {
			members = Arrays.copyOf(members, capacity);
			tiers = Arrays.copyOf(tiers, capacity);
			idStarts = Arrays.copyOf(idStarts, capacity);
			idLengths = Arrays.copyOf(idLengths, capacity);
		}

		@Override
		void reorder(int[] order, int[] placeOf) {
			members = TimeSort.permuted(members, order, size);
			tiers = TimeSort.permuted(tiers, order, size);
			idStarts = TimeSort.permuted(idStarts, order, size);
			idLengths = TimeSort.permuted(idLengths, order, size);
		}

		@Override
		TierChangeColumns columns() {
			return new TierChangeColumns(this);
		}

	}

}
