package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.membergraph.shared.SettingOutOfBounds;

/**
 * Guards figures shown to a caller without full member access against differencing: two answers about member sets
 * that differ by only a few members (say a preview "in Hangzhou" and one "in Hangzhou, and not joined on 3 March", or
 * an analysis of a province and one of the same province's members who joined online) would tell the difference, a
 * group too small to show, by subtraction. Each caller's recently shown sets are remembered; a new one that differs
 * from any of them by at least one and fewer than the minimum group size members is withheld like a small group.
 * What is withheld is not remembered, so it cannot be used as the other side of a difference.
 * <p>
 * A set may be shown as the answer to a named question (an analysis's scope): asked again, the question's new set
 * replaces its old one instead of being set against it, because what changed in between is what the members did
 * (sign-ups, orders), not a second question chosen to single someone out. Sets without a name (segment previews, whose
 * text is the question) are set against every one remembered.
 * <p>
 * A set holds members and may hold records of theirs (an analysis's orders, points movements or interactions), each
 * tied to its member (or visitor): two answers over the same members from different days differ by the records made
 * or changed in between, and those of one or two members are as telling as the members themselves. A set is remembered as an invertible Bloom lookup table
 * (Eppstein et al., "What's the difference?", 2011): a few kilobytes whatever the set's size, and the difference of
 * two tables decodes to the records in exactly one of the two, and so to their members, whenever there are a few
 * dozen or fewer. So thousands of sets per caller fit. They are not pushed out to make room: a caller who was shown
 * as many distinct sets as are remembered is refused a new one ({@link MemoryFull}) until the oldest is forgotten, as
 * otherwise asking a few thousand questions in between would drop the earlier side of a difference; a set shown
 * again as it was (a preview repeated) is remembered once. A difference too large to decode is taken as many members; records of one to four members
 * that many (a wholesale buyer's day of orders) are beyond this guard, and so, rarely, are a few records whose cells
 * form a cycle (about 1 in 1,000 differences of a handful of records, 1 to 2 in 100 of 40).
 */
public final class ShownGroups {

	private final Map<String, Deque<Shown>> recent = new ConcurrentHashMap<>();

	private final int minGroupSize;

	private final Duration memory;

	private final int capacity;

	private final Clock clock;

	/**
	 * @param memory how long a shown set is remembered
	 * @param capacity how many distinct sets are remembered per caller: one more is refused, not made room for
	 */
	public ShownGroups(int minGroupSize, Duration memory, int capacity, Clock clock) {
		this.minGroupSize = minGroupSize;
		this.memory = memory;
		this.capacity = capacity;
		this.clock = clock;
	}

	/** The setting {@code membergraph.privacy.remembered-per-caller}, checked: each set remembered takes 3.4 KB. */
	public static int capacity(int setting) {
		return SettingOutOfBounds.within("membergraph.privacy.remembered-per-caller", setting, 100, 20_000);
	}

	/**
	 * The caller was shown as many distinct sets as are remembered, in less than the memory's time: a new one is
	 * refused rather than pushing out an earlier one, which could be the other side of a difference.
	 *
	 * @param capacity how many sets are remembered per caller
	 * @param freeAt when the oldest one is forgotten, and a new one may be shown
	 */
	public static final class MemoryFull extends RuntimeException {

		private final int capacity;

		private final Instant freeAt;

		MemoryFull(int capacity, Instant freeAt) {
			super("shown " + capacity + " distinct sets; room again at " + freeAt);
			this.capacity = capacity;
			this.freeAt = freeAt;
		}

		public int capacity() {
			return capacity;
		}

		public Instant freeAt() {
			return freeAt;
		}

	}

	private record Shown(String question, Sketch records, Instant at) {
	}

	/**
	 * Whether the caller may be shown this selection; if so, it is remembered for the caller's next ones.
	 *
	 * @throws MemoryFull when it would be one distinct set more than are remembered
	 */
	public boolean mayShow(String caller, Collection<String> selected) {
		Sketch members = new Sketch();
		selected.forEach(members::member);
		return differingQuestion(caller, null, members).isEmpty();
	}

	/**
	 * The earlier question whose records differ from these by those of a group too small to show (at least one and
	 * fewer than the minimum group size members), if any; when there is none, this question's records are remembered
	 * (in place of its own earlier ones) and may be shown.
	 *
	 * @param question what the records answer, or null for records set against every one remembered
	 * @throws MemoryFull when they would be one distinct set more than are remembered
	 */
	public Optional<String> differingQuestion(String caller, String question, Sketch records) {
		Instant now = clock.instant();
		Deque<Shown> shown = recent.computeIfAbsent(caller, c -> new ArrayDeque<>());
		synchronized (shown) {
			shown.removeIf(s -> s.at().isBefore(now.minus(memory)));
			Shown same = null;
			for (Shown earlier : shown) {
				// Members in only one of the two are each in the difference: so many are no small group.
				if (question != null && question.equals(earlier.question())
						|| Math.abs(earlier.records().members - records.members) >= minGroupSize) {
					continue;
				}
				int difference = earlier.records().membersDifferingFrom(records);
				if (difference > 0 && difference < minGroupSize) {
					return Optional.of(earlier.question() == null ? "" : earlier.question());
				}
				if (difference == 0 && question == null && earlier.question() == null) {
					same = earlier;
				}
			}
			if (question != null) {
				shown.removeIf(s -> question.equals(s.question()));
			}
			if (same != null) {
				shown.remove(same);
			}
			else if (shown.size() >= capacity) {
				throw new MemoryFull(capacity, shown.getLast().at().plus(memory).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
			}
			shown.addFirst(new Shown(question, records, now));
		}
		return Optional.empty();
	}

	/**
	 * What an answer rests on, as an invertible Bloom lookup table: its members, and the records of theirs it counts
	 * (orders as they stand that day), each record tied to its member. Three cells per record, one in each third of
	 * the table. Two tables' difference decodes to the records in exactly one of them, and so to the members those
	 * belong to, when there are a few dozen or fewer.
	 */
	public static final class Sketch {

		private static final int CELLS_PER_PART = 40;

		private static final int PARTS = 3;

		/** What {@link #membersDifferingFrom} answers when the records differ by too many to decode. */
		static final int MANY = Integer.MAX_VALUE;

		private final int[] counts = new int[CELLS_PER_PART * PARTS];

		private final long[] keys = new long[CELLS_PER_PART * PARTS];

		private final long[] owners = new long[CELLS_PER_PART * PARTS];

		private final long[] checks = new long[CELLS_PER_PART * PARTS];

		private int members;

		/**
		 * Adds a member itself (its presence among those counted).
		 *
		 * @return the member as the owner of its records, for {@link #record}
		 */
		public long member(String memberId) {
			long owner = owner(memberId);
			add(owner, owner, 1);
			members++;
			return owner;
		}

		/** A member (or a visitor) as the owner of records, without adding it: for records alone. */
		public static long owner(String id) {
			return fnv(id);
		}

		/**
		 * Adds a record of a member: what tells it from the member's other records (an order's time and amount), and
		 * its state when it can change (the amount refunded), so that a record changed between two answers is in their
		 * difference too. Two records of one member alike in both count as two of the same.
		 *
		 * @param owner the member, as {@link #member} or {@link #owner} answered
		 */
		public void record(long owner, long identity, long state) {
			add(mix(identity + 0x632BE59BD9B4E019L * state + 0x9E3779B97F4A7C15L * owner), owner, 1);
		}

		/** A record into its three cells, one in each third of the table, all from one spread of its key. */
		private void add(long key, long owner, int sign) {
			long check = check(key, owner);
			long spread = mix(key ^ 0x5851F42D4C957F2DL);
			for (int part = 0; part < PARTS; part++) {
				int cell = part * CELLS_PER_PART + (int) (((spread >>> (21 * part)) & 0x1FFFFF) % CELLS_PER_PART);
				counts[cell] += sign;
				keys[cell] ^= key;
				owners[cell] ^= owner;
				checks[cell] ^= check;
			}
		}

		/**
		 * How many members own the records in exactly one of the two, or {@link #MANY} when the difference is too
		 * large to decode (more than a few dozen records).
		 */
		int membersDifferingFrom(Sketch other) {
			Sketch difference = new Sketch();
			for (int i = 0; i < counts.length; i++) {
				difference.counts[i] = counts[i] - other.counts[i];
				difference.keys[i] = keys[i] ^ other.keys[i];
				difference.owners[i] = owners[i] ^ other.owners[i];
				difference.checks[i] = checks[i] ^ other.checks[i];
			}
			return difference.peel();
		}

		/** Takes out one record at a time from cells holding exactly one; what is left decides. */
		private int peel() {
			Set<Long> owning = new HashSet<>();
			boolean progress = true;
			while (progress) {
				progress = false;
				for (int i = 0; i < counts.length; i++) {
					if ((counts[i] == 1 || counts[i] == -1)
							&& checks[i] == check(keys[i], owners[i])) {
						owning.add(owners[i]);
						add(keys[i], owners[i], -counts[i]);
						progress = true;
					}
				}
			}
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] != 0 || keys[i] != 0 || owners[i] != 0 || checks[i] != 0) {
					return MANY;
				}
			}
			return owning.size();
		}

		/**
		 * What a cell holding exactly one record has for its check: a function of the record that the XOR of several
		 * records' checks does not give for the XOR of their keys and owners.
		 */
		private static long check(long key, long owner) {
			return mix(key + 0xC2B2AE3D27D4EB4FL * owner);
		}

		/** 64-bit FNV-1a of a member id. */
		private static long fnv(String text) {
			long hash = 0xcbf29ce484222325L;
			for (int i = 0; i < text.length(); i++) {
				hash ^= text.charAt(i);
				hash *= 0x100000001b3L;
			}
			return hash;
		}

		/** SplitMix64's finaliser: spreads a key over the cells. */
		private static long mix(long z) {
			z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
			z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
			return z ^ (z >>> 31);
		}

	}

}
