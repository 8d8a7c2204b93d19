package io.membergraph.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.engagement.Interaction;
import io.membergraph.store.ChangeFeed;
import io.membergraph.store.StringDictionary;
import io.membergraph.store.TimeOrdered;

/**
 * Every interaction in time order, kept as {@link InteractionColumns} with what changed since laid over them:
 * an interaction written since goes into a short list of recent ones (its former row, if it had one, marked
 * gone), and once that list holds more than a sixteenth of the columns (at least {@code foldAt}) the columns are
 * built again with it folded in. A write therefore costs its own row, not a copy of millions.
 * <p>
 * Interactions written within the feed's overlap stay in the recent list, as the next reads hand them out again;
 * so the columns only need to find the former row of an interaction that really changed (moved to a surviving
 * member), which they do by its time, which no write changes, and the hash of its id.
 */
final class InteractionView {

	/**
	 * The interactions as of one read: the columns without their rows marked gone, merged with the recent ones.
	 * Immutable, so readers need no lock.
	 */
	record Snapshot(InteractionColumns columns, long[] gone, String[] strings, Event[] recent, long[] recentMillis) {

		/**
		 * Hands each interaction in [{@code from}, {@code to}) (epoch milliseconds) that {@code wanted} accepts
		 * to {@code each}, oldest first; {@code wanted} sees each row's type and whether it is a member's before
		 * anything is decoded.
		 */
		void forEach(long from, long to, RowFilter wanted, Consumer<Event> each) {
			int row = columns.firstAtOrAfter(from);
			int end = columns.firstAtOrAfter(to);
			int next = TimeOrdered.firstAtOrAfter(recentMillis, recentMillis.length, from);
			int recentEnd = TimeOrdered.firstAtOrAfter(recentMillis, recentMillis.length, to);
			int rare = columns.firstRareAtOrAfter(row);
			while (row < end || next < recentEnd) {
				if (next >= recentEnd || row < end && columns.millis[row] <= recentMillis[next]) {
					if ((gone[row >>> 6] & 1L << row) == 0
							&& wanted.accepts(columns.types[row], columns.isMember(row))) {
						rare = columns.rareCursor(rare, row);
						each.accept(columns.event(row, strings, rare));
					}
					row++;
				}
				else {
					Event event = recent[next++];
					if (wanted.accepts(event.type() == null ? -1 : (byte) event.type().ordinal(), event.memberId() != null)) {
						each.accept(event);
					}
				}
			}
		}

		/** How many interactions there are. */
		int size() {
			int count = columns.size + recent.length;
			for (long word : gone) {
				count -= Long.bitCount(word);
			}
			return count;
		}

	}

	/** Which rows a reader wants, judged on what the columns hold undecoded. */
	@FunctionalInterface
	interface RowFilter {

		RowFilter ALL = (type, member) -> true;

		/** @param type the type's ordinal, -1 for none */
		boolean accepts(byte type, boolean member);

	}

	/** An interaction written since the columns were built. */
	private record Recent(Event event, long idHash, long changedAt, long arrival) {
	}

	private static final Comparator<Recent> BY_TIME = Comparator
		.comparingLong((Recent r) -> r.event().occurredAt().toEpochMilli())
		.thenComparingLong(Recent::arrival);

	private final ChangeFeed<Interaction> feed;

	private final Function<Interaction, Event> eventOf;

	private final int foldAt;

	private final StringDictionary strings = new StringDictionary();

	private InteractionColumns columns = InteractionColumns.EMPTY;

	private long[] gone = new long[0];

	/** Whether {@link #gone} is a published snapshot's, to be copied before a row is marked. */
	private boolean goneShared;

	private final Map<String, Recent> recent = new LinkedHashMap<>();

	private long arrivals;

	private Snapshot snapshot;

	/**
	 * @param foldAt the fewest recent interactions that are folded into the columns (once they are more than a
	 * sixteenth of them)
	 */
	InteractionView(ChangeFeed<Interaction> feed, Function<Interaction, Event> eventOf, int foldAt) {
		this.feed = feed;
		this.eventOf = eventOf;
		this.foldAt = foldAt;
		this.snapshot = snapshot();
	}

	/** The interactions as of now: every one written before this call started is in it. */
	synchronized Snapshot current() {
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
	private final class Loader implements ChangeFeed.Reader<Interaction> {

		private InteractionColumns.Builder whole;

		private long settled;

		private boolean changed;

		@Override
		public void begin(boolean wholeCollection, Instant started) {
			settled = started.minus(feed.overlap()).toEpochMilli();
			if (wholeCollection) {
				whole = new InteractionColumns.Builder(columns.size + recent.size());
				recent.clear();
				changed = true;
			}
		}

		@Override
		public void accept(Interaction interaction) {
			changed = true;
			Event event = eventOf.apply(interaction);
			long idHash = hash(interaction.id());
			long changedAt = interaction.changedAt() == null ? Long.MIN_VALUE : interaction.changedAt().toEpochMilli();
			if (whole != null && changedAt < settled) {
				whole.add(event, idHash, strings);
				return;
			}
			if (whole == null && !recent.containsKey(interaction.id())) {
				markGone(columns.rowOf(event.occurredAt().toEpochMilli(), idHash));
			}
			// Put last again: the recent list keeps the order things arrived in.
			recent.remove(interaction.id());
			recent.put(interaction.id(), new Recent(event, idHash, changedAt, arrivals++));
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
	 * Builds the columns again from the rows not gone and the recent interactions written before {@code settled}
	 * (the later ones may be handed out again by the next reads, and stay recent).
	 */
	private void fold(long settled) {
		List<Recent> folded = new ArrayList<>();
		for (Iterator<Recent> each = recent.values().iterator(); each.hasNext();) {
			Recent candidate = each.next();
			if (candidate.changedAt() < settled) {
				folded.add(candidate);
				each.remove();
			}
		}
		if (folded.isEmpty()) {
			return;
		}
		folded.sort(BY_TIME);
		InteractionColumns.Builder merged = new InteractionColumns.Builder(columns.size + folded.size());
		int next = 0;
		int rare = 0;
		for (int row = 0; row < columns.size; row++) {
			while (next < folded.size() && folded.get(next).event().occurredAt().toEpochMilli() < columns.millis[row]) {
				Recent added = folded.get(next++);
				merged.add(added.event(), added.idHash(), strings);
			}
			if ((gone[row >>> 6] & 1L << row) == 0) {
				rare = columns.rareCursor(rare, row);
				merged.add(columns, row, rare);
			}
		}
		for (; next < folded.size(); next++) {
			merged.add(folded.get(next).event(), folded.get(next).idHash(), strings);
		}
		columns = merged.build();
		gone = new long[words(columns.size)];
		goneShared = false;
	}

	private Snapshot snapshot() {
		List<Recent> ordered = new ArrayList<>(recent.values());
		ordered.sort(BY_TIME);
		Event[] events = new Event[ordered.size()];
		long[] millis = new long[ordered.size()];
		for (int i = 0; i < events.length; i++) {
			events[i] = ordered.get(i).event();
			millis[i] = events[i].occurredAt().toEpochMilli();
		}
		goneShared = true;
		return new Snapshot(columns, gone, strings.values(), events, millis);
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
