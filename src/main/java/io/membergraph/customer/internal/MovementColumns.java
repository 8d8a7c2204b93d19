package io.membergraph.customer.internal;

import java.time.Instant;
import java.util.Arrays;

import io.membergraph.customer.LoyaltyFacts.Flow;
import io.membergraph.customer.LoyaltyFacts.Movement;
import io.membergraph.store.ValueDictionary;

/**
 * Applied points movements in time order, in columns of primitives: the time in epoch milliseconds, the member as
 * a code of one {@link ValueDictionary}, the flow as a byte, the points as a long. About 30 bytes a movement where a
 * record per ledger entry with its map entry took 240. Immutable: changes are laid over it ({@link ColumnView}).
 */
public final class MovementColumns extends TimeColumns<Movement> {

	private static final Flow[] FLOWS = Flow.values();

	private final int[] members;

	private final byte[] flows;

	private final boolean[] forActivity;

	private final long[] points;

	private MovementColumns(Builder built) {
		super(built);
		this.members = Arrays.copyOf(built.members, size);
		this.flows = Arrays.copyOf(built.flows, size);
		this.forActivity = Arrays.copyOf(built.forActivity, size);
		this.points = Arrays.copyOf(built.points, size);
	}

	/** The dictionary code of a row's member, -1 for none. */
	public int memberCode(int row) {
		return members[row];
	}

	public boolean isForActivity(int row) {
		return forActivity[row];
	}

	@Override
	RowReader<Movement> reader(Object[] values, int firstRow) {
		return row -> new Movement(ValueDictionary.decode(values, members[row]), FLOWS[flows[row]],
				Instant.ofEpochMilli(millis[row]), points[row], forActivity[row]);
	}

	/** Rows added one by one, in any order, their members coded in one dictionary. */
	public static final class Builder extends TimeColumns.Builder<Movement, MovementColumns> {

		private final ValueDictionary dictionary;

		private int[] members = new int[0];

		private byte[] flows = new byte[0];

		private boolean[] forActivity = new boolean[0];

		private long[] points = new long[0];

		public Builder(int expected, ValueDictionary dictionary) {
			super(expected);
			this.dictionary = dictionary;
			grow(millis.length);
		}

		@Override
		public void add(Movement movement, long idHash) {
			int row = next(movement.occurredAt().toEpochMilli(), idHash);
			members[row] = dictionary.code(movement.memberId());
			flows[row] = (byte) movement.flow().ordinal();
			forActivity[row] = movement.forActivity();
			points[row] = movement.points();
		}

		@Override
		public void add(MovementColumns from, int fromRow) {
			int row = next(from.millis[fromRow], from.idHashes[fromRow]);
			members[row] = from.members[fromRow];
			flows[row] = from.flows[fromRow];
			forActivity[row] = from.forActivity[fromRow];
			points[row] = from.points[fromRow];
		}

		@Override
		void grow(int capacity) {
			members = Arrays.copyOf(members, capacity);
			flows = Arrays.copyOf(flows, capacity);
			forActivity = Arrays.copyOf(forActivity, capacity);
			points = Arrays.copyOf(points, capacity);
		}

		@Override
		void reorder(int[] order, int[] placeOf) {
			members = TimeSort.permuted(members, order, size);
			flows = TimeSort.permuted(flows, order, size);
			boolean[] activity = new boolean[size];
			for (int i = 0; i < size; i++) {
				activity[i] = forActivity[order[i]];
			}
			forActivity = activity;
			points = TimeSort.permuted(points, order, size);
		}

		@Override
		MovementColumns columns() {
			return new MovementColumns(this);
		}

	}

}
