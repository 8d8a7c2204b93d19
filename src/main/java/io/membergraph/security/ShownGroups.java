package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards figures shown to a caller without full member access against differencing: two answers about member sets
 * that differ by only a few members (say a preview "in Hangzhou" and one "in Hangzhou, and not joined on 3 March", or
 * an analysis of a province and one of the same province's members who joined online) would tell the difference, a
 * group too small to show, by subtraction. Each caller's recently shown sets are remembered; a new one that differs
 * from any of them by at least one and fewer than the minimum group size members is withheld like a small group.
 * What is withheld is not remembered, so it cannot be used as the other side of a difference.
 * <p>
 * A set may be shown as the answer to a named question (an analysis's filters on the member): asked again, the
 * question's new set replaces its old one instead of being set against it, because what changed in between is what
 * happened to the members (new sign-ups), not a second question chosen to single someone out. Sets without a name
 * (segment previews, whose text is the question) are set against every one remembered.
 * <p>
 * A set is remembered as an invertible Bloom lookup table of its member ids (Eppstein et al., "What's the
 * difference?", 2011): a kilobyte and a half whatever the set's size, and the difference of two tables
 * decodes to the members in exactly one of the two sets whenever there are only a few. So thousands of sets
 * per caller fit, and asking many large questions cannot push an earlier one out of memory in between.
 */
public final class ShownGroups {

	private static final int REMEMBERED_PER_CALLER = 2_000;

	private final Map<String, Deque<Shown>> recent = new ConcurrentHashMap<>();

	private final int minGroupSize;

	private final Duration memory;

	private final Clock clock;

	public ShownGroups(int minGroupSize, Duration memory, Clock clock) {
		this.minGroupSize = minGroupSize;
		this.memory = memory;
		this.clock = clock;
	}

	private record Shown(String question, int size, MemberSketch members, Instant at) {
	}

	/** Whether the caller may be shown this selection; if so, it is remembered for the caller's next ones. */
	public boolean mayShow(String caller, Collection<String> selected) {
		return differingQuestion(caller, null, selected).isEmpty();
	}

	/**
	 * The earlier question whose set differs from this one by a group too small to show, if any; when there is none,
	 * this question's set is remembered (in place of its own earlier one) and may be shown.
	 *
	 * @param question what the set answers, or null for a set that is set against every one remembered
	 */
	public Optional<String> differingQuestion(String caller, String question, Collection<String> selected) {
		MemberSketch members = MemberSketch.of(selected);
		Instant now = clock.instant();
		Deque<Shown> shown = recent.computeIfAbsent(caller, c -> new ArrayDeque<>());
		synchronized (shown) {
			shown.removeIf(s -> s.at().isBefore(now.minus(memory)));
			for (Shown earlier : shown) {
				if (question != null && question.equals(earlier.question())
						|| Math.abs(earlier.size() - selected.size()) >= minGroupSize) {
					continue;
				}
				int difference = earlier.members().differenceFrom(members);
				if (difference > 0 && difference < minGroupSize) {
					return Optional.of(earlier.question() == null ? "" : earlier.question());
				}
			}
			if (question != null) {
				shown.removeIf(s -> question.equals(s.question()));
			}
			shown.addFirst(new Shown(question, selected.size(), members, now));
			while (shown.size() > REMEMBERED_PER_CALLER) {
				shown.removeLast();
			}
		}
		return Optional.empty();
	}

	/** An invertible Bloom lookup table of member ids: three cells per id, one in each third of the table. */
	static final class MemberSketch {

		private static final int CELLS_PER_PART = 24;

		private static final int PARTS = 3;

		/** What {@link #differenceFrom} answers when the sets differ by too many members to decode. */
		static final int MANY = Integer.MAX_VALUE;

		private final int[] counts = new int[CELLS_PER_PART * PARTS];

		private final long[] keys = new long[CELLS_PER_PART * PARTS];

		private final long[] checks = new long[CELLS_PER_PART * PARTS];

		static MemberSketch of(Collection<String> memberIds) {
			MemberSketch sketch = new MemberSketch();
			memberIds.forEach(id -> sketch.add(fnv(id), 1));
			return sketch;
		}

		private void add(long key, int sign) {
			long check = mix(key ^ 0x9E3779B97F4A7C15L);
			for (int part = 0; part < PARTS; part++) {
				int cell = part * CELLS_PER_PART + (int) Long.remainderUnsigned(mix(key + part), CELLS_PER_PART);
				counts[cell] += sign;
				keys[cell] ^= key;
				checks[cell] ^= check;
			}
		}

		/**
		 * How many members are in exactly one of the two sets, or {@link #MANY} when the difference is too large to
		 * decode (more than a few dozen).
		 */
		int differenceFrom(MemberSketch other) {
			MemberSketch difference = new MemberSketch();
			for (int i = 0; i < counts.length; i++) {
				difference.counts[i] = counts[i] - other.counts[i];
				difference.keys[i] = keys[i] ^ other.keys[i];
				difference.checks[i] = checks[i] ^ other.checks[i];
			}
			return difference.peel();
		}

		/** Takes out one member at a time from cells holding exactly one; what is left decides. */
		private int peel() {
			int found = 0;
			boolean progress = true;
			while (progress) {
				progress = false;
				for (int i = 0; i < counts.length; i++) {
					if ((counts[i] == 1 || counts[i] == -1) && checks[i] == mix(keys[i] ^ 0x9E3779B97F4A7C15L)) {
						add(keys[i], -counts[i]);
						found++;
						progress = true;
					}
				}
			}
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] != 0 || keys[i] != 0 || checks[i] != 0) {
					return MANY;
				}
			}
			return found;
		}

		/** 64-bit FNV-1a of a member id. */
		private static long fnv(String id) {
			long hash = 0xcbf29ce484222325L;
			for (int i = 0; i < id.length(); i++) {
				hash ^= id.charAt(i);
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
