package io.membergraph.customer.internal;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderKind;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Refund;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.store.ValueDictionary;

/**
 * Orders in order of placing, in columns of primitives: the placing time in epoch milliseconds and the other times
 * as whole seconds after it; member, coupon, both amounts and where the order came from (store, sales associate,
 * campaign and currency together) as codes of one {@link ValueDictionary}; channel, status and kind as bytes; the lines as a range of codes of whole lines
 * (a brand sells the same product at the same price in the same quantity over and over, so a line is one shared
 * value). About 80 bytes an order where a record per order with its map entry took 540. Immutable: changes are laid
 * over it ({@link ColumnView}).
 * <p>
 * What few orders have (refunds, a credit note's links) is kept only for the rows that have it; an order these
 * columns cannot hold exactly (a time a fraction of a second off the placing time, a time beyond the range of
 * seconds an int counts) is kept whole, so that every order reads back as it was written.
 * <p>
 * Rows decode to orders without their identity and bookkeeping (id, number, pending updates, fingerprint,
 * recording and change times), which no analysis reads, and with their kind spelled out (a sale where an order
 * from before kinds were kept has none).
 */
public final class OrderColumns extends TimeColumns<Order> {

	private static final Channel[] CHANNELS = Channel.values();

	private static final OrderStatus[] STATUSES = OrderStatus.values();

	private static final OrderKind[] KINDS = OrderKind.values();

	/** An absent time. */
	private static final int NONE = Integer.MIN_VALUE;

	private static final byte CREDIT_NOTE = (byte) OrderKind.CREDIT_NOTE.ordinal();

	/** Seconds after the placing time; {@link #NONE} for none. */
	private final int[] paidAfter;

	private final int[] shippedAfter;

	private final int[] deliveredAfter;

	private final int[] completedAfter;

	private final int[] cancelledAfter;

	private final int[] members;

	/** Codes of {@link Origin}s. */
	private final int[] origins;

	private final int[] coupons;

	private final int[] discounts;

	private final int[] paidAmounts;

	private final byte[] channels;

	private final byte[] statuses;

	private final byte[] kinds;

	/** The lines of row r are {@code lines[lineStarts[r]]} to just before {@code lines[lineStarts[r + 1]]}. */
	private final int[] lineStarts;

	private final int[] lines;

	/** The rows with refunds or a credit note's links ({@link Extra}) or kept whole ({@link Order}), ascending. */
	private final int[] rareRows;

	private final Object[] rare;

	private OrderColumns(Builder built) {
		super(built);
		this.paidAfter = Arrays.copyOf(built.paidAfter, size);
		this.shippedAfter = Arrays.copyOf(built.shippedAfter, size);
		this.deliveredAfter = Arrays.copyOf(built.deliveredAfter, size);
		this.completedAfter = Arrays.copyOf(built.completedAfter, size);
		this.cancelledAfter = Arrays.copyOf(built.cancelledAfter, size);
		this.members = Arrays.copyOf(built.members, size);
		this.origins = Arrays.copyOf(built.origins, size);
		this.coupons = Arrays.copyOf(built.coupons, size);
		this.discounts = Arrays.copyOf(built.discounts, size);
		this.paidAmounts = Arrays.copyOf(built.paidAmounts, size);
		this.channels = Arrays.copyOf(built.channels, size);
		this.statuses = Arrays.copyOf(built.statuses, size);
		this.kinds = Arrays.copyOf(built.kinds, size);
		this.lineStarts = Arrays.copyOf(built.lineStarts, size + 1);
		this.lines = Arrays.copyOf(built.lines, built.lineStarts[size]);
		this.rareRows = Arrays.copyOf(built.rareRows, built.rareCount);
		this.rare = Arrays.copyOf(built.rare, built.rareCount);
	}

	/** Where an order came from: one value for what orders repeat together, coded once for all of them. */
	private record Origin(String storeId, String salesAssociate, String campaignId, String currency) {
	}

	/** What an order has that few orders have. */
	private record Extra(List<Refund> refunds, Money refundedAmount, String returns, String attachedTo) {

		static final Extra NONE = new Extra(List.of(), Money.ZERO, null, null);

		/**
		 * What the order has of it; its refunds keep one copy of each id, reason, amount and returned line, which
		 * refunds repeat over and over.
		 */
		static Extra of(Order order, ValueDictionary dictionary) {
			Extra extra = new Extra(order.refunds(), order.refundedAmount(), order.returns(), order.attachedTo());
			if (extra.equals(NONE)) {
				return NONE;
			}
			List<Refund> refunds = order.refunds().stream()
				.map(r -> new Refund(shared(r.refundId(), dictionary), shared(r.amount(), dictionary), r.refundedAt(),
						shared(r.reason(), dictionary), r.lines() == null ? null
								: r.lines().stream().map(line -> shared(line, dictionary)).toList(),
						shared(r.batch(), dictionary)))
				.toList();
			return new Extra(refunds, shared(order.refundedAmount(), dictionary), order.returns(), order.attachedTo());
		}

		private static <V> V shared(V value, ValueDictionary dictionary) {
			// Code first: a new value may grow the dictionary into a larger array, which the values read before
			// would not hold (the demo's start failed on the day a refund's value landed on the array's end).
			int code = dictionary.code(value);
			return ValueDictionary.decode(dictionary.values(), code);
		}

	}

	/** Whether a row is a credit note's (rows kept whole included). */
	public boolean isCreditNote(int row) {
		return kinds[row] == CREDIT_NOTE;
	}

	/** Whether a row is a sale's (rows kept whole included). */
	public boolean isSale(int row) {
		return kinds[row] != CREDIT_NOTE;
	}

	/** The dictionary code of a row's member, -1 for none. */
	public int memberCode(int row) {
		return members[row];
	}

	@Override
	public RowReader<Order> reader(Object[] values, int firstRow) {
		return new RowReader<>() {

			private int cursor = firstRareAtOrAfter(rareRows, firstRow);

			@Override
			public Order read(int row) {
				while (cursor < rareRows.length && rareRows[cursor] < row) {
					cursor++;
				}
				Object extra = cursor < rareRows.length && rareRows[cursor] == row ? rare[cursor] : Extra.NONE;
				return extra instanceof Order whole ? whole : order(row, values, (Extra) extra);
			}

		};
	}

	private Order order(int row, Object[] values, Extra extra) {
		Instant placed = Instant.ofEpochMilli(millis[row]);
		Origin origin = (Origin) values[origins[row]];
		byte channel = channels[row];
		byte status = statuses[row];
		return new Order(null, null, channel < 0 ? null : CHANNELS[channel], ValueDictionary.decode(values, members[row]),
				origin.storeId(), origin.salesAssociate(),
				status < 0 ? null : STATUSES[status], placed, after(placed, paidAfter[row]),
				after(placed, shippedAfter[row]), after(placed, deliveredAfter[row]), after(placed, completedAfter[row]),
				after(placed, cancelledAfter[row]), new Lines(values, lines, lineStarts[row], lineStarts[row + 1]),
				ValueDictionary.decode(values, discounts[row]), ValueDictionary.decode(values, paidAmounts[row]),
				ValueDictionary.decode(values, coupons[row]), origin.campaignId(),
				extra.refunds(), extra.refundedAmount(), null, null, null, null,
				origin.currency(), KINDS[kinds[row]], extra.returns(),
				extra.attachedTo());
	}

	private static Instant after(Instant placed, int seconds) {
		return seconds == NONE ? null : seconds == 0 ? placed : placed.plusSeconds(seconds);
	}

	/** An order's lines, read from the columns' codes as they are asked for. */
	private static final class Lines extends AbstractList<OrderLine> implements RandomAccess {

		private final Object[] values;

		private final int[] codes;

		private final int from;

		private final int to;

		Lines(Object[] values, int[] codes, int from, int to) {
			this.values = values;
			this.codes = codes;
			this.from = from;
			this.to = to;
		}

		@Override
		public OrderLine get(int index) {
			if (index < 0 || index >= to - from) {
				throw new IndexOutOfBoundsException(index);
			}
			return (OrderLine) values[codes[from + index]];
		}

		@Override
		public int size() {
			return to - from;
		}

	}

	/** Rows added one by one, in any order, their values coded in one dictionary. */
	public static final class Builder extends TimeColumns.Builder<Order, OrderColumns> {

		private final ValueDictionary dictionary;

		private int[] paidAfter = new int[0];

		private int[] shippedAfter = new int[0];

		private int[] deliveredAfter = new int[0];

		private int[] completedAfter = new int[0];

		private int[] cancelledAfter = new int[0];

		private int[] members = new int[0];

		private int[] origins = new int[0];

		private int[] coupons = new int[0];

		private int[] discounts = new int[0];

		private int[] paidAmounts = new int[0];

		private byte[] channels = new byte[0];

		private byte[] statuses = new byte[0];

		private byte[] kinds = new byte[0];

		/** Before {@link #build()}: where each row's lines start in {@link #lines}, in the order rows were added. */
		private int[] lineStarts = new int[1];

		private int[] lineCounts = new int[0];

		private int[] lines = new int[16];

		private int rareCount;

		private int[] rareRows = new int[16];

		private Object[] rare = new Object[16];

		public Builder(int expected, ValueDictionary dictionary) {
			super(expected);
			this.dictionary = dictionary;
			grow(millis.length);
		}

		@Override
		public void add(Order order, long idHash) {
			if (!fits(order)) {
				int row = next(order.placedAt() == null ? Long.MIN_VALUE : order.placedAt().toEpochMilli(), idHash);
				kinds[row] = kindOf(order);
				members[row] = dictionary.code(order.memberId());
				setLines(row, new int[0], 0, 0);
				addRare(row, order);
				return;
			}
			Instant placed = order.placedAt();
			int row = next(placed.toEpochMilli(), idHash);
			paidAfter[row] = secondsAfter(placed, order.paidAt());
			shippedAfter[row] = secondsAfter(placed, order.shippedAt());
			deliveredAfter[row] = secondsAfter(placed, order.deliveredAt());
			completedAfter[row] = secondsAfter(placed, order.completedAt());
			cancelledAfter[row] = secondsAfter(placed, order.cancelledAt());
			members[row] = dictionary.code(order.memberId());
			origins[row] = dictionary.code(new Origin(order.storeId(), order.salesAssociate(), order.campaignId(),
					order.currency()));
			coupons[row] = dictionary.code(order.couponCode());
			discounts[row] = dictionary.code(order.discount());
			paidAmounts[row] = dictionary.code(order.paidAmount());
			channels[row] = (byte) (order.channel() == null ? -1 : order.channel().ordinal());
			statuses[row] = (byte) (order.status() == null ? -1 : order.status().ordinal());
			kinds[row] = kindOf(order);
			int[] codes = new int[order.lines().size()];
			for (int i = 0; i < codes.length; i++) {
				codes[i] = dictionary.code(order.lines().get(i));
			}
			setLines(row, codes, 0, codes.length);
			Extra extra = Extra.of(order, dictionary);
			if (extra != Extra.NONE) {
				addRare(row, extra);
			}
		}

		@Override
		public void add(OrderColumns from, int fromRow) {
			int row = next(from.millis[fromRow], from.idHashes[fromRow]);
			paidAfter[row] = from.paidAfter[fromRow];
			shippedAfter[row] = from.shippedAfter[fromRow];
			deliveredAfter[row] = from.deliveredAfter[fromRow];
			completedAfter[row] = from.completedAfter[fromRow];
			cancelledAfter[row] = from.cancelledAfter[fromRow];
			members[row] = from.members[fromRow];
			origins[row] = from.origins[fromRow];
			coupons[row] = from.coupons[fromRow];
			discounts[row] = from.discounts[fromRow];
			paidAmounts[row] = from.paidAmounts[fromRow];
			channels[row] = from.channels[fromRow];
			statuses[row] = from.statuses[fromRow];
			kinds[row] = from.kinds[fromRow];
			setLines(row, from.lines, from.lineStarts[fromRow], from.lineStarts[fromRow + 1]);
			int rareOf = firstRareAtOrAfter(from.rareRows, fromRow);
			if (rareOf < from.rareRows.length && from.rareRows[rareOf] == fromRow) {
				addRare(row, from.rare[rareOf]);
			}
		}

		/** Whether the columns hold the order exactly; if not, it is kept whole. */
		private static boolean fits(Order order) {
			Instant placed = order.placedAt();
			if (placed == null || placed.getNano() % 1_000_000 != 0 || order.lines() == null || order.refunds() == null) {
				return false;
			}
			for (Instant time : new Instant[] { order.paidAt(), order.shippedAt(), order.deliveredAt(),
					order.completedAt(), order.cancelledAt() }) {
				if (time != null && (time.getNano() != placed.getNano()
						|| Math.abs(time.getEpochSecond() - placed.getEpochSecond()) >= Integer.MAX_VALUE)) {
					return false;
				}
			}
			return true;
		}

		private static int secondsAfter(Instant placed, Instant time) {
			return time == null ? NONE : (int) (time.getEpochSecond() - placed.getEpochSecond());
		}

		private static byte kindOf(Order order) {
			return (byte) order.kind().ordinal();
		}

		private void setLines(int row, int[] codes, int from, int to) {
			int start = lineStarts[row];
			int needed = start + to - from;
			if (needed > lines.length) {
				lines = Arrays.copyOf(lines, Math.max(needed, lines.length + (lines.length >> 1)));
			}
			System.arraycopy(codes, from, lines, start, to - from);
			lineCounts[row] = to - from;
			lineStarts[row + 1] = needed;
		}

		private void addRare(int row, Object value) {
			if (rareCount == rareRows.length) {
				rareRows = Arrays.copyOf(rareRows, rareCount * 2);
				rare = Arrays.copyOf(rare, rareCount * 2);
			}
			rareRows[rareCount] = row;
			rare[rareCount] = value;
			rareCount++;
		}

		@Override
		void grow(int capacity) {
			paidAfter = Arrays.copyOf(paidAfter, capacity);
			shippedAfter = Arrays.copyOf(shippedAfter, capacity);
			deliveredAfter = Arrays.copyOf(deliveredAfter, capacity);
			completedAfter = Arrays.copyOf(completedAfter, capacity);
			cancelledAfter = Arrays.copyOf(cancelledAfter, capacity);
			members = Arrays.copyOf(members, capacity);
			origins = Arrays.copyOf(origins, capacity);
			coupons = Arrays.copyOf(coupons, capacity);
			discounts = Arrays.copyOf(discounts, capacity);
			paidAmounts = Arrays.copyOf(paidAmounts, capacity);
			channels = Arrays.copyOf(channels, capacity);
			statuses = Arrays.copyOf(statuses, capacity);
			kinds = Arrays.copyOf(kinds, capacity);
			lineStarts = Arrays.copyOf(lineStarts, capacity + 1);
			lineCounts = Arrays.copyOf(lineCounts, capacity);
		}

		@Override
		void reorder(int[] order, int[] placeOf) {
			paidAfter = TimeSort.permuted(paidAfter, order, size);
			shippedAfter = TimeSort.permuted(shippedAfter, order, size);
			deliveredAfter = TimeSort.permuted(deliveredAfter, order, size);
			completedAfter = TimeSort.permuted(completedAfter, order, size);
			cancelledAfter = TimeSort.permuted(cancelledAfter, order, size);
			members = TimeSort.permuted(members, order, size);
			origins = TimeSort.permuted(origins, order, size);
			coupons = TimeSort.permuted(coupons, order, size);
			discounts = TimeSort.permuted(discounts, order, size);
			paidAmounts = TimeSort.permuted(paidAmounts, order, size);
			channels = TimeSort.permuted(channels, order, size);
			statuses = TimeSort.permuted(statuses, order, size);
			kinds = TimeSort.permuted(kinds, order, size);
			// The lines follow their rows: each row's range, in the rows' new order.
			int[] placed = new int[lineStarts[size]];
			int[] starts = new int[size + 1];
			for (int place = 0; place < size; place++) {
				int row = order[place];
				System.arraycopy(lines, lineStarts[row], placed, starts[place], lineCounts[row]);
				starts[place + 1] = starts[place] + lineCounts[row];
			}
			lines = placed;
			lineStarts = starts;
			lineCounts = TimeSort.permuted(lineCounts, order, size);
			int[] byPlace = TimeSort.followRows(rareRows, rareCount, placeOf);
			rareRows = TimeSort.permuted(rareRows, byPlace, rareCount);
			rare = TimeSort.permuted(rare, byPlace, rareCount);
		}

		@Override
		OrderColumns columns() {
			return new OrderColumns(this);
		}

	}

}
