package io.membergraph.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.membergraph.store.ChangeFeed;
import io.membergraph.store.ValueDictionary;
import org.bson.Document;

/**
 * Every record of one kind in time order, kept as {@link TimeColumns} with what changed since laid over them: a
 * record written since goes into a short list of recent ones (its former row, if it had one, marked gone), and once
 * that list holds more than a sixteenth of the columns (at least {@code foldAt}) the columns are built again with it
 * folded in. A write therefore costs its own row, not a copy of millions.
 * <p>
 * Records written within the feed's overlap stay in the recent list, as the next reads hand them out again; so the
 * columns only need to find the former row of a record that really changed (an interaction or order moved to a
 * surviving member, an order refunded), which they do by its time, which no write changes, and the hash of its id.
 *
 * @param <D> the stored document
 * @param <T> the record readers get
 * @param <C> the kind's columns
 */
public final class ColumnView<D, T, C extends TimeColumns<T>> {

	/** What the view needs to know of a kind of record. */
	public interface Kind<D, T, C extends TimeColumns<T>> {

		/** The record readers get of a stored document; null when readers get none (an entry not applied). */
		T recordOf(D document);

		String idOf(D document);

		/** When the document was last written; null for documents from before writes were stamped. */
		Instant changedAtOf(D document);

		/** The time that orders the document's records, in epoch milliseconds; no write changes it. */
		long millisOf(D document);

		/** A builder of columns whose values are coded in {@code dictionary}. */
		TimeColumns.Builder<T, C> builder(int expected, ValueDictionary dictionary);

	}

	/**
	 * A kind read from the stored documents as they are, not mapped to an entity: its id is the document's
	 * {@code _id} as text (an id a client gave that reads as an ObjectId is stored as one, whose text is the same
	 * hexadecimal), its time is a date field no write changes, and when it was written is the stamp field every
	 * write of the collection sets.
	 */
	public abstract static class PlainKind<T, C extends TimeColumns<T>> implements Kind<Document, T, C> {

		private final String timeField;

		private final String stampField;

		public PlainKind(String timeField, String stampField) {
			this.timeField = timeField;
			this.stampField = stampField;
		}

		/** The document's time; the far past for one without (its record, if any, is in no period). */
		@Override
		public long millisOf(Document document) {
			Date time = document.getDate(timeField);
			return time == null ? Long.MIN_VALUE : time.getTime();
		}

		@Override
		public String idOf(Document document) {
			return String.valueOf(document.get("_id"));
		}

		@Override
		public Instant changedAtOf(Document document) {
			return instantOf(document, stampField);
		}

		/** A date of a stored document as an instant; null when it has none. */
		protected static Instant instantOf(Document document, String field) {
			Date date = document.getDate(field);
			return date == null ? null : date.toInstant();
		}

	}

	/**
	 * The records as of one read: the columns without their rows marked gone, merged with the recent ones.
	 * Immutable, so readers need no lock.
	 */
	public record Snapshot<T, C extends TimeColumns<T>>(C columns, long[] gone, Object[] values, List<T> recent,
			long[] recentMillis) {

		/**
		 * Hands each record in [{@code from}, {@code to}) (epoch milliseconds) that {@code wanted} accepts to
		 * {@code each}, oldest first; {@code wanted} judges a row of the columns before it is decoded.
		 */
		public void forEach(long from, long to, Wanted<T, C> wanted, Consumer<T> each) {
			TimeColumns.RowReader<T> reader = columns.reader(values, columns.firstAtOrAfter(from));
			visit(from, to, new Visitor<>() {

				@Override
				public void row(C columns, Object[] values, int row) {
					if (wanted.row(columns, values, row)) {
						each.accept(reader.read(row));
					}
				}

				@Override
				public void record(T record) {
					if (wanted.record(record)) {
						each.accept(record);
					}
				}

			});
		}

		/** The code of one of a record's fields, as a row of the columns holds it. */
		public interface RowCode<C> {

			int of(C columns, int row);

		}

		/** Takes a record with the code of one of its fields: -1 for a recent record, which has no codes. */
		public interface CodedConsumer<T> {

			void accept(T record, int code);

		}

		/**
		 * {@link #forEach(long, long, Wanted, Consumer)} handing each record with the code {@code code} reads from its
		 * row: a reader that counts distinct values over millions of rows counts their codes, without a look at each
		 * value (a cache miss apiece in a large heap).
		 */
		public void forEach(long from, long to, Wanted<T, C> wanted, RowCode<C> code, CodedConsumer<T> each) {
			TimeColumns.RowReader<T> reader = columns.reader(values, columns.firstAtOrAfter(from));
			visit(from, to, new Visitor<>() {

				@Override
				public void row(C columns, Object[] values, int row) {
					if (wanted.row(columns, values, row)) {
						each.accept(reader.read(row), code.of(columns, row));
					}
				}

				@Override
				public void record(T record) {
					if (wanted.record(record)) {
						each.accept(record, -1);
					}
				}

			});
		}

		/**
		 * Hands each record in [{@code from}, {@code to}) to {@code visitor}, oldest first: a row of the columns as
		 * it is, for a reader that needs a few of its fields and not the record; a recent one as its record.
		 */
		public void visit(long from, long to, Visitor<T, C> visitor) {
			int row = columns.firstAtOrAfter(from);
			int end = columns.firstAtOrAfter(to);
			int next = TimeColumns.firstAtOrAfter(recentMillis, recentMillis.length, from);
			int recentEnd = TimeColumns.firstAtOrAfter(recentMillis, recentMillis.length, to);
			while (row < end || next < recentEnd) {
				if (next >= recentEnd || row < end && columns.millis[row] <= recentMillis[next]) {
					if ((gone[row >>> 6] & 1L << row) == 0) {
						visitor.row(columns, values, row);
					}
					row++;
				}
				else {
					visitor.record(recent.get(next++));
				}
			}
		}

		/** How many records there are. */
		public int size() {
			int count = columns.size + recent.size();
			for (long word : gone) {
				count -= Long.bitCount(word);
			}
			return count;
		}

	}

	/** Which records a reader wants, judged on the undecoded row where there is one. */
	public interface Wanted<T, C> {

		/** @param values the dictionary's values, to decode what a judgement needs */
		boolean row(C columns, Object[] values, int row);

		boolean record(T record);

	}

	/** Reads records undecoded where they are rows of the columns. */
	interface Visitor<T, C> {

		/** @param values the dictionary's values, to decode what the reader needs */
		void row(C columns, Object[] values, int row);

		void record(T record);

	}

	/** Every record. */
	public static <T, C> Wanted<T, C> all() {
		return new Wanted<>() {

			@Override
			public boolean row(C columns, Object[] values, int row) {
				return true;
			}

			@Override
			public boolean record(T record) {
				return true;
			}

		};
	}

	/** A record written since the columns were built. */
	private record Recent<T>(T record, long millis, long idHash, long changedAt, long arrival) {
	}

	private final Comparator<Recent<T>> byTime = Comparator.<Recent<T>>comparingLong(Recent::millis)
		.thenComparingLong(Recent::arrival);

	private final ChangeFeed<D> feed;

	private final Kind<D, T, C> kind;

	private final int foldAt;

	private final ValueDictionary dictionary = new ValueDictionary();

	private C columns;

	private long[] gone;

	/** Whether {@link #gone} is a published snapshot's, to be copied before a row is marked. */
	private boolean goneShared;

	private final Map<String, Recent<T>> recent = new LinkedHashMap<>();

	private long arrivals;

	private Snapshot<T, C> snapshot;

	/**
	 * @param foldAt the fewest recent records that are folded into the columns (once they are more than a sixteenth
	 * of them)
	 */
	public ColumnView(ChangeFeed<D> feed, Kind<D, T, C> kind, int foldAt) {
		this.feed = feed;
		this.kind = kind;
		this.foldAt = foldAt;
		this.columns = kind.builder(0, dictionary).build();
		this.gone = new long[0];
		this.snapshot = snapshot();
	}

	/** The records as of now: every one written before this call started is in it. */
	public synchronized Snapshot<T, C> current() {
		Loader loader = new Loader();
		Instant started = feed.read(loader);
		if (started != null && loader.changed) {
			long settled = started.minus(feed.overlap()).toEpochMilli();
			if (loader.whole != null) {
				columns = loader.whole.build();
				gone = new long[words(columns.size)];
				goneShared = false;
			}
			if (recent.size() >= Math.max(foldAt, columns.size / 16)) {
				fold(settled);
			}
			snapshot = snapshot();
		}
		return snapshot;
	}

	/** Reads one feed's read into the columns or the recent list. */
	private final class Loader implements ChangeFeed.Reader<D> {

		private TimeColumns.Builder<T, C> whole;

		private long settled;

		private boolean changed;

		@Override
		public void begin(boolean wholeCollection, Instant started) {
			settled = started.minus(feed.overlap()).toEpochMilli();
			if (wholeCollection) {
				whole = kind.builder(columns.size + recent.size(), dictionary);
				recent.clear();
				changed = true;
			}
		}

		@Override
		public void accept(D document) {
			changed = true;
			T record = kind.recordOf(document);
			String id = kind.idOf(document);
			long idHash = hash(id);
			Instant stamped = kind.changedAtOf(document);
			long changedAt = stamped == null ? Long.MIN_VALUE : stamped.toEpochMilli();
			if (whole != null && changedAt < settled) {
				if (record != null) {
					whole.add(record, idHash);
				}
				return;
			}
			long millis = kind.millisOf(document);
			if (whole == null && !recent.containsKey(id)) {
				markGone(columns.rowOf(millis, idHash));
			}
			// Put last again: the recent list keeps the order things arrived in. A document that no longer has a
			// record is only gone.
			recent.remove(id);
			if (record != null) {
				recent.put(id, new Recent<>(record, millis, idHash, changedAt, arrivals++));
			}
		}

	}

	private void markGone(int row) {
		if (row < 0) {
			return;
		}
		if (goneShared) {
			gone = gone.clone();
			goneShared = false;
		}
		gone[row >>> 6] |= 1L << row;
	}

	/**
	 * Builds the columns again from the rows not gone and the recent records written before {@code settled} (the
	 * later ones may be handed out again by the next reads, and stay recent).
	 */
	private void fold(long settled) {
		List<Recent<T>> folded = new ArrayList<>();
		for (Iterator<Recent<T>> each = recent.values().iterator(); each.hasNext();) {
			Recent<T> candidate = each.next();
			if (candidate.changedAt() < settled) {
				folded.add(candidate);
				each.remove();
			}
		}
		if (folded.isEmpty()) {
			return;
		}
		folded.sort(byTime);
		TimeColumns.Builder<T, C> merged = kind.builder(columns.size + folded.size(), dictionary);
		int next = 0;
		for (int row = 0; row < columns.size; row++) {
			while (next < folded.size() && folded.get(next).millis() < columns.millis[row]) {
				Recent<T> added = folded.get(next++);
				merged.add(added.record(), added.idHash());
			}
			if ((gone[row >>> 6] & 1L << row) == 0) {
				merged.add(columns, row);
			}
		}
		for (; next < folded.size(); next++) {
			merged.add(folded.get(next).record(), folded.get(next).idHash());
		}
		columns = merged.build();
		gone = new long[words(columns.size)];
		goneShared = false;
	}

	private Snapshot<T, C> snapshot() {
		List<Recent<T>> ordered = new ArrayList<>(recent.values());
		ordered.sort(byTime);
		List<T> records = new ArrayList<>(ordered.size());
		long[] millis = new long[ordered.size()];
		for (int i = 0; i < millis.length; i++) {
			records.add(ordered.get(i).record());
			millis[i] = ordered.get(i).millis();
		}
		goneShared = true;
		return new Snapshot<>(columns, gone, dictionary.values(), List.copyOf(records), millis);
	}

	private static int words(int rows) {
		return (rows + 63) >>> 6;
	}

	/** A 64-bit hash of an id (FNV-1a, then mixed): two ids of one instant sharing one is vanishingly unlikely. */
	static long hash(String id) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < id.length(); i++) {
			hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		return hash ^ hash >>> 33;
	}

}
