package io.membergraph.security;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * or changed in between, and those of one or two members are as telling as the members themselves. A set is
 * remembered as an invertible Bloom lookup table (Eppstein et al., "What's the difference?", 2011): a few kilobytes
 * whatever the set's size, and the difference of two tables decodes to the records in exactly one of the two, and so
 * to their members, whenever there are a few dozen or fewer. So thousands of sets per caller fit. They are not
 * pushed out to make room: a caller who was shown as many distinct sets as are remembered is refused a new one
 * ({@link MemoryFull}) until the oldest is forgotten, as otherwise asking a few thousand questions in between would
 * drop the earlier side of a difference; a set shown again as it was (a preview repeated) is remembered once. A
 * difference too large to decode is taken as many members; records of one to four members that many (a wholesale
 * buyer's day of orders) are beyond this guard, and so, rarely, are a few records whose cells form a cycle (about 1
 * in 1,000 differences of a handful of records, 1 to 2 in 100 of 40).
 * <p>
 * The sets are kept in the store as well ({@link ShownSets}), so another instance of the service, or this one after a
 * restart, sets a new answer against them; each instance holds the sets it read in memory and reads the others' when
 * its claim to remember a set fails.
 */
public final class ShownGroups {

	/**
	 * The kind of the member sets a caller was shown: segment previews, and the members of analysis scopes, which
	 * both tell how many members a set holds and so are set against each other.
	 */
	public static final String MEMBER_SETS = "member sets";

	/** Rounds of saving and claiming a set that another instance may win before this one gives up. */
	private static final int ATTEMPTS = 50;

	private final String kind;

	private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

	private final int minGroupSize;

	private final Duration memory;

	private final int capacity;

	private final Clock clock;

	private final ShownSets kept;

	/**
	 * @param kind what the sets are (previews, or one analysis's records): each kind is remembered apart
	 * @param memory how long a shown set is remembered
	 * @param capacity how many distinct sets are remembered per caller: one more is refused, not made room for
	 * @param kept where the sets are kept for other instances and after a restart
	 */
	public ShownGroups(String kind, int minGroupSize, Duration memory, int capacity, Clock clock, ShownSets kept) {
		this.kind = kind;
		this.minGroupSize = minGroupSize;
		this.memory = memory;
		this.capacity = capacity;
		this.clock = clock;
		this.kept = kept;
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

	/**
	 * The stretch of time a set's records fall in (a period's orders): two sets whose stretches do not meet share no
	 * record, and so differ by every member of both; they are not set against each other. Sets of the same {@code of}
	 * (the periods of one scope and group) whose stretches do not meet add up to the set of their stretches together:
	 * a month is its weeks and the days left over.
	 *
	 * @param of what the records are of: the sets of one {@code of} hold all of its records in their stretch, and only
	 * records, not their members alone, so that two of them add up
	 */
	public record Span(String of, Instant from, Instant to) {

		/** Whether the two stretches share a moment; a set without one may share records with any. */
		boolean meets(Span other) {
			return other == null || from.isBefore(other.to) && other.from.isBefore(to);
		}

		/** Whether this stretch holds the other, of the same records, and is longer. */
		boolean holds(Span other) {
			return other != null && of.equals(other.of) && !other.from.isBefore(from) && !other.to.isAfter(to)
					&& (other.from.isAfter(from) || other.to.isBefore(to));
		}

	}

	/**
	 * One of several sets asked at once ({@link #differingQuestions}).
	 *
	 * @param span the stretch of time its records fall in, or null when they may fall in any
	 */
	public record Asked(String question, Span span, Sketch records) {
	}

	/** A set asked that differs by a few members from one shown before (or asked with it): both questions. */
	public record Clash(String question, String earlier) {
	}

	/**
	 * @param key what a later set replaces it by: its question, or for a set without one the set itself (so a preview
	 * repeated is remembered once)
	 */
	private record Shown(String id, String key, String question, long seq, Sketch records, Span span, Instant at) {

		ShownSets.Kept kept(Duration memory) {
			return new ShownSets.Kept(id, key, question, seq, at, at.plus(memory), records.bytes(),
					span == null ? null : span.of(), span == null ? null : span.from(), span == null ? null : span.to());
		}

		static Shown of(ShownSets.Kept kept) {
			return new Shown(kept.id(), kept.key(), kept.question(), kept.seq(), Sketch.of(kept.sketch()),
					kept.spanFrom() == null ? null : new Span(kept.spanOf(), kept.spanFrom(), kept.spanTo()), kept.at());
		}

	}

	/** What one caller was shown, as of the version of the kept sets it was read at. */
	private static final class Remembered {

		long version;

		final Map<String, Shown> byKey = new HashMap<>();

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
		return differingQuestions(caller, List.of(new Asked(question, null, records))).map(Clash::earlier);
	}

	/**
	 * The first of several sets one answer shows (the periods of a report) that differs by a few members from a set
	 * remembered or from one before it in the list, with the question it differs from; when none does, all are
	 * remembered at once, each in place of its own question's earlier set. A set is not set against another of its
	 * question, nor against one whose records fall in a stretch of time its own do not meet.
	 *
	 * @throws MemoryFull when they would be more distinct sets than are remembered
	 */
	public Optional<Clash> differingQuestions(String caller, List<Asked> asked) {
		Instant now = clock.instant();
		Remembered remembered = recent.computeIfAbsent(caller, c -> new Remembered());
		synchronized (remembered) {
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				// Only a claim that fails says another instance remembered a set since: then its sets are read.
				if (attempt > 0) {
					catchUp(caller, remembered);
				}
				forgetExpired(remembered, now);
				Optional<Clash> differing = differing(remembered, asked);
				if (differing.isPresent()) {
					return differing;
				}
				Map<String, Shown> shown = new LinkedHashMap<>();
				for (Asked set : asked) {
					String key = set.question() != null ? "question " + set.question() : "set " + set.records().digest();
					shown.putIfAbsent(key, new Shown(UUID.randomUUID().toString(), key, set.question(),
							remembered.version + 1, set.records(), set.span(), now));
				}
				long added = shown.keySet().stream().filter(key -> !remembered.byKey.containsKey(key)).count();
				if (added > 0 && remembered.byKey.size() + added > capacity) {
					Instant oldest = remembered.byKey.values().stream().map(Shown::at).min(Instant::compareTo).orElse(now);
					throw new MemoryFull(capacity, oldest.plus(memory).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
				}
				kept.saveAll(caller, kind, shown.values().stream().map(set -> set.kept(memory)).toList());
				if (kept.claim(caller, kind, remembered.version)) {
					remember(remembered, shown.values());
					remembered.version++;
					return Optional.empty();
				}
				// Another instance remembered a set of this caller meanwhile: read it, and decide again.
				kept.forget(shown.values().stream().map(Shown::id).toList());
			}
		}
		throw new IllegalStateException("could not remember a set of " + caller + " in " + ATTEMPTS + " attempts");
	}

	/**
	 * The first set asked that differs by a few members from one remembered (the latest first) or asked before it, or
	 * from what sets of its records add up to: a month less the weeks inside it, or a week less this month to date and
	 * the days before it.
	 */
	private Optional<Clash> differing(Remembered remembered, List<Asked> asked) {
		List<Shown> latestFirst = new ArrayList<>(remembered.byKey.values());
		latestFirst.sort(Comparator.comparingLong(Shown::seq).reversed());
		// The sets that may add up, by what their records are of: the remembered ones, then each asked one once checked.
		Map<String, List<Asked>> byRecords = new HashMap<>();
		latestFirst.stream()
			.filter(earlier -> earlier.span() != null)
			.forEach(earlier -> byRecords.computeIfAbsent(earlier.span().of(), of -> new ArrayList<>())
				.add(new Asked(earlier.question(), earlier.span(), earlier.records())));
		for (int i = 0; i < asked.size(); i++) {
			Asked set = asked.get(i);
			for (Shown earlier : latestFirst) {
				if (differsByAFew(set, earlier.question(), earlier.span(), earlier.records())) {
					return Optional.of(new Clash(set.question(), earlier.question() == null ? "" : earlier.question()));
				}
			}
			for (Asked before : asked.subList(0, i)) {
				if (differsByAFew(set, before.question(), before.span(), before.records())) {
					return Optional.of(new Clash(set.question(), before.question() == null ? "" : before.question()));
				}
			}
			if (set.span() != null) {
				List<Asked> sameRecords = byRecords.computeIfAbsent(set.span().of(), of -> new ArrayList<>());
				List<Asked> others = sameRecords.stream().filter(other -> !other.question().equals(set.question())).toList();
				Optional<Clash> summed = Parts.clash(set, others, minGroupSize);
				if (summed.isPresent()) {
					return summed;
				}
				sameRecords.add(set);
			}
		}
		return Optional.empty();
	}

	private boolean differsByAFew(Asked set, String question, Span span, Sketch records) {
		// Members in only one of the two are each in the difference: so many are no small group.
		if (set.question() != null && set.question().equals(question) || set.span() != null && !set.span().meets(span)
				|| Math.abs(records.members - set.records().members) >= minGroupSize) {
			return false;
		}
		int difference = records.membersDifferingFrom(set.records());
		return difference > 0 && difference < minGroupSize;
	}

	/** Reads the sets other instances (or this one before a restart) remembered since the version last read. */
	private void catchUp(String caller, Remembered remembered) {
		long version = kept.version(caller, kind);
		if (version != remembered.version) {
			for (ShownSets.Kept set : kept.after(caller, kind, remembered.version)) {
				try {
					remember(remembered, List.of(Shown.of(set)));
				}
				catch (IllegalArgumentException unreadable) {
					// Not written by this class (a table of another size): it can be set against nothing.
					kept.forget(List.of(set.id()));
				}
			}
			remembered.version = version;
		}
	}

	/** Takes sets in, each in place of an earlier one of the same key, which is forgotten where it is kept too. */
	private void remember(Remembered remembered, Collection<Shown> sets) {
		List<String> forgotten = new ArrayList<>();
		for (Shown shown : sets) {
			Shown earlier = remembered.byKey.get(shown.key());
			if (earlier != null && earlier.seq() > shown.seq()) {
				forgotten.add(shown.id());
				continue;
			}
			remembered.byKey.put(shown.key(), shown);
			if (earlier != null && !earlier.id().equals(shown.id())) {
				forgotten.add(earlier.id());
			}
		}
		if (!forgotten.isEmpty()) {
			kept.forget(forgotten);
		}
	}

	private void forgetExpired(Remembered remembered, Instant now) {
		Instant forgotten = now.minus(memory);
		List<String> expired = new ArrayList<>();
		remembered.byKey.values().removeIf(shown -> {
			boolean old = shown.at().isBefore(forgotten);
			if (old) {
				expired.add(shown.id());
			}
			return old;
		});
		if (!expired.isEmpty()) {
			kept.forget(expired);
		}
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

		/** What {@link #bytes} takes: the member count and 28 bytes a cell. */
		private static final int BYTES = 4 + CELLS_PER_PART * PARTS * 28;

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
			member(owner);
			return owner;
		}

		/** Adds a member by its owner, as {@link #owner} or another table's {@link #member} answered it. */
		public void member(long owner) {
			add(owner, owner, 1);
			members++;
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

		/** The table of the records of both, which share none. */
		Sketch plus(Sketch other) {
			Sketch sum = new Sketch();
			for (int i = 0; i < counts.length; i++) {
				sum.counts[i] = counts[i] + other.counts[i];
				sum.keys[i] = keys[i] ^ other.keys[i];
				sum.owners[i] = owners[i] ^ other.owners[i];
				sum.checks[i] = checks[i] ^ other.checks[i];
			}
			sum.members = members + other.members;
			return sum;
		}

		/** The table as bytes, to keep it: the member count, then each cell's count, key, owner and check. */
		byte[] bytes() {
			ByteBuffer buffer = ByteBuffer.allocate(BYTES);
			buffer.putInt(members);
			for (int i = 0; i < counts.length; i++) {
				buffer.putInt(counts[i]).putLong(keys[i]).putLong(owners[i]).putLong(checks[i]);
			}
			return buffer.array();
		}

		/** A table kept as {@link #bytes}. */
		static Sketch of(byte[] bytes) {
			if (bytes == null || bytes.length != BYTES) {
				throw new IllegalArgumentException("a kept table has " + BYTES + " bytes, not "
						+ (bytes == null ? 0 : bytes.length));
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			Sketch sketch = new Sketch();
			sketch.members = buffer.getInt();
			for (int i = 0; i < sketch.counts.length; i++) {
				sketch.counts[i] = buffer.getInt();
				sketch.keys[i] = buffer.getLong();
				sketch.owners[i] = buffer.getLong();
				sketch.checks[i] = buffer.getLong();
			}
			return sketch;
		}

		/** A digest of the table, the same for tables of the same records. */
		String digest() {
			long hash = mix(members);
			for (int i = 0; i < counts.length; i++) {
				hash = mix(hash + counts[i]);
				hash = mix(hash ^ keys[i]);
				hash = mix(hash ^ owners[i]);
				hash = mix(hash ^ checks[i]);
			}
			return Long.toHexString(hash);
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

	/**
	 * Sets of one kind of records (the periods of one report's scope) that add up to most of another's stretch of time:
	 * the whole less its parts is the records of the hours the parts leave over. A month less the four whole weeks inside
	 * it is its first and last days, though no two of those periods differ by a few members. Of the parts, those that
	 * cover the most of the whole without meeting each other are taken: what they leave over is the least the whole
	 * tells beyond them.
	 */
	static final class Parts {

		private Parts() {
		}

		/**
		 * A clash of the set asked with sets it adds up with: as a whole, less the others inside it; or as a part of
		 * another, with the others inside that one and beside it.
		 *
		 * @param others the other sets of its kind (the same {@link ShownGroups.Span#of}), remembered or asked with it
		 */
		static Optional<Clash> clash(Asked set, List<Asked> others, int minGroupSize) {
			List<Asked> inside = others.stream().filter(other -> set.span().holds(other.span())).toList();
			List<Asked> parts = mostCovering(inside);
			if (parts.size() >= 2 && differByAFew(set.records(), parts, minGroupSize)) {
				return Optional.of(new Clash(set.question(), parts.get(0).question() + ", and " + (parts.size() - 1)
						+ " other periods inside this one"));
			}
			for (Asked whole : others) {
				if (!whole.span().holds(set.span())) {
					continue;
				}
				List<Asked> beside = others.stream()
					.filter(other -> other != whole && whole.span().holds(other.span()) && !other.span().meets(set.span()))
					.toList();
				List<Asked> withIt = new ArrayList<>(mostCovering(beside));
				withIt.add(set);
				if (withIt.size() >= 2 && differByAFew(whole.records(), withIt, minGroupSize)) {
					return Optional.of(new Clash(set.question(), whole.question() + ", less this period and "
							+ (withIt.size() - 1) + " other periods inside it"));
				}
			}
			return Optional.empty();
		}

		private static boolean differByAFew(Sketch whole, List<Asked> parts, int minGroupSize) {
			Sketch sum = parts.get(0).records();
			for (Asked part : parts.subList(1, parts.size())) {
				sum = sum.plus(part.records());
			}
			int difference = whole.membersDifferingFrom(sum);
			return difference > 0 && difference < minGroupSize;
		}

		/** Of the sets, those not meeting each other that cover the most time together (weighted interval scheduling). */
		static List<Asked> mostCovering(List<Asked> sets) {
			List<Asked> byEnd = new ArrayList<>(sets);
			byEnd.sort(Comparator.comparing((Asked set) -> set.span().to()));
			int n = byEnd.size();
			long[] best = new long[n + 1];
			int[] before = new int[n];
			for (int j = 0; j < n; j++) {
				// The last set ending by this one's start: the ones before it may all be taken with it.
				int low = 0;
				int high = j - 1;
				int found = -1;
				while (low <= high) {
					int middle = (low + high) >>> 1;
					if (!byEnd.get(middle).span().to().isAfter(byEnd.get(j).span().from())) {
						found = middle;
						low = middle + 1;
					}
					else {
						high = middle - 1;
					}
				}
				before[j] = found;
				long length = byEnd.get(j).span().to().toEpochMilli() - byEnd.get(j).span().from().toEpochMilli();
				best[j + 1] = Math.max(best[j], length + best[found + 1]);
			}
			List<Asked> taken = new ArrayList<>();
			for (int j = n - 1; j >= 0;) {
				// Taking a set is what made the best cover up to it better than the one before.
				if (best[j + 1] > best[j]) {
					taken.add(byEnd.get(j));
					j = before[j];
				}
				else {
					j--;
				}
			}
			java.util.Collections.reverse(taken);
			return taken;
		}

	}

}
