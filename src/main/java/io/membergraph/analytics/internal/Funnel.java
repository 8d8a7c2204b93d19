package io.membergraph.analytics.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;

/**
 * A behaviour funnel: how many members (and anonymous visitors) reach each step of an ordered list of interaction
 * types within a conversion window from their first step. Definitions: docs/interactions.md.
 */
public final class Funnel {

	/**
	 * The shopping funnel every visit can go down. Steps a customer may skip (registering, which a member did once,
	 * long ago; a favourite) are not in it: in an ordered funnel a skipped step ends the journey there.
	 */
	static final List<InteractionType> DEFAULT_STEPS = List.of(InteractionType.VISIT, InteractionType.BROWSE,
			InteractionType.ADD_TO_CART, InteractionType.ORDER, InteractionType.PAY);

	static final int MAX_STEPS = 12;

	public static final int MAX_WINDOW_DAYS = 90;

	public enum Split {

		NONE, CHANNEL, SEGMENT

	}

	/**
	 * @param ordered whether each step must come at or after the previous one; otherwise the first k steps in any
	 * order within the window count as reaching step k
	 * @param windowDays the conversion window from the first step
	 */
	public record Settings(List<InteractionType> steps, int windowDays, boolean ordered) {

		public Settings {
			steps = steps == null || steps.isEmpty() ? DEFAULT_STEPS : List.copyOf(steps);
			if (steps.size() < 2 || steps.size() > MAX_STEPS) {
				throw new InvalidInputException("steps", "a funnel has 2 to " + MAX_STEPS + " steps");
			}
			if (Set.copyOf(steps).size() != steps.size()) {
				throw new InvalidInputException("steps", "each interaction type may be one step only");
			}
			if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
				throw new InvalidInputException("windowDays", "must be between 1 and " + MAX_WINDOW_DAYS);
			}
		}

	}

	/**
	 * @param stepConversion reached this step per reached the previous one (null for the first step)
	 * @param overallConversion reached this step per entered the funnel
	 * @param medianSecondsFromPrevious the median time from the previous step to this one (ordered funnels)
	 */
	record Step(String type, int reached, Double stepConversion, double overallConversion,
			Double medianSecondsFromPrevious) {
	}

	/**
	 * @param group the channel or segment the figures are for; null for everyone
	 * @param bottleneck the step with the lowest conversion from the previous one (the largest drop)
	 */
	public record Result(String group, int entered, int completed, List<Step> steps, String bottleneck) {
	}

	/** One actor's step times in milliseconds, each list ascending (events arrive oldest first). */
	private static final class Path {

		/** The member, or null for an anonymous visitor. */
		final String member;

		final long[][] times;

		final int[] counts;

		String entryChannel;

		Path(String member, int steps) {
			this.member = member;
			times = new long[steps][];
			counts = new int[steps];
		}

		void add(int step, long at) {
			if (times[step] == null) {
				times[step] = new long[2];
			}
			else if (counts[step] == times[step].length) {
				times[step] = Arrays.copyOf(times[step], counts[step] * 2);
			}
			times[step][counts[step]++] = at;
		}

		/** The first time of the step at or after {@code from}, or -1. */
		long firstFrom(int step, long from) {
			long[] own = times[step];
			if (own == null) {
				return -1;
			}
			int low = 0;
			int high = counts[step];
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (own[mid] < from) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low < counts[step] ? own[low] : -1;
		}

	}

	/**
	 * Paths by actor id, open-addressed, the id's hash spread by a multiply: a lookup per interaction, and without a
	 * {@link HashMap}'s node per entry to follow it takes a quarter to a third less time with hundreds of thousands of
	 * actors.
	 */
	private static final class Paths {

		private String[] ids = new String[1 << 10];

		private Path[] paths = new Path[1 << 10];

		private int size;

		/** The actor's path, made on its first step; {@code member} is null for a visitor's. */
		Path of(String id, String member, int steps) {
			int mask = ids.length - 1;
			int slot = slot(id, mask);
			while (ids[slot] != null) {
				if (ids[slot].equals(id)) {
					return paths[slot];
				}
				slot = slot + 1 & mask;
			}
			Path path = new Path(member, steps);
			ids[slot] = id;
			paths[slot] = path;
			if (++size * 2 > ids.length) {
				grow();
			}
			return path;
		}

		void forEach(Consumer<Path> each) {
			for (Path path : paths) {
				if (path != null) {
					each.accept(path);
				}
			}
		}

		private void grow() {
			String[] oldIds = ids;
			Path[] oldPaths = paths;
			ids = new String[oldIds.length * 2];
			paths = new Path[oldIds.length * 2];
			int mask = ids.length - 1;
			for (int i = 0; i < oldIds.length; i++) {
				if (oldIds[i] != null) {
					int slot = slot(oldIds[i], mask);
					while (ids[slot] != null) {
						slot = slot + 1 & mask;
					}
					ids[slot] = oldIds[i];
					paths[slot] = oldPaths[i];
				}
			}
		}

		private static int slot(String id, int mask) {
			return (int) ((id.hashCode() * 0x9E3779B97F4A7C15L) >>> 32) & mask;
		}

	}

	private final Settings settings;

	/** The step of each interaction type, by ordinal; -1 for types outside the funnel. */
	private final int[] stepOf = new int[InteractionType.values().length];

	/** Paths of members (a visitor seen with a member id is that member), and of anonymous visitors. */
	private final Paths members = new Paths();

	private final Paths visitors = new Paths();

	/** The path of interactions with neither a member nor a visitor id: one unknown actor. */
	private Path nobody;

	private final Map<String, String> memberOfVisitor;

	private final Set<String> admitted;

	/**
	 * @param memberOfVisitor the member a visitor was seen as
	 * @param admitted the members the funnel counts, anonymous visitors left out; null for everyone
	 */
	public Funnel(Settings settings, Map<String, String> memberOfVisitor, Set<String> admitted) {
		this.settings = settings;
		this.memberOfVisitor = memberOfVisitor;
		this.admitted = admitted;
		Arrays.fill(stepOf, -1);
		for (int i = 0; i < settings.steps().size(); i++) {
			stepOf[settings.steps().get(i).ordinal()] = i;
		}
	}

	/**
	 * Takes an interaction of the period, oldest first; types outside the funnel, and actors it does not admit, are
	 * ignored.
	 *
	 * @param memberId the member, or null for an anonymous visitor
	 */
	public void add(String memberId, String visitorId, long millis, InteractionType type, Channel channel) {
		int step = type == null ? -1 : stepOf[type.ordinal()];
		if (step < 0) {
			return;
		}
		String member = memberId != null ? memberId : memberOfVisitor.get(visitorId);
		if (admitted != null && (member == null || !admitted.contains(member))) {
			return;
		}
		int steps = settings.steps().size();
		Path path = member != null ? members.of(member, member, steps)
				: visitorId != null ? visitors.of(visitorId, null, steps)
						: nobody != null ? nobody : (nobody = new Path(null, steps));
		if (path.entryChannel == null && channel != null && (step == 0 || !settings.ordered())) {
			path.entryChannel = channel.name();
		}
		path.add(step, millis);
	}

	/**
	 * The funnel for everyone, and per group when {@code groupsOf} names some (a channel, a segment): an actor
	 * counts in each group it is in. Channels come in their declared order, other groups as the actors bring them.
	 */
	public List<Result> results(Function<String, List<String>> groupsOf, boolean byEntryChannel) {
		Map<String, Tally> tallies = new LinkedHashMap<>();
		Tally everyone = new Tally(settings.steps().size());
		long window = Duration.ofDays(settings.windowDays()).toMillis();
		Consumer<Path> count = path -> {
			long[] reachedAt = settings.ordered() ? ordered(path, window) : unordered(path, window);
			if (reachedAt == null) {
				return;
			}
			everyone.add(reachedAt);
			// a visitor is in no segment
			List<String> groups = byEntryChannel ? (path.entryChannel == null ? List.of() : List.of(path.entryChannel))
					: path.member == null ? List.of() : groupsOf.apply(path.member);
			for (String group : groups) {
				tallies.computeIfAbsent(group, g -> new Tally(settings.steps().size())).add(reachedAt);
			}
		};
		members.forEach(count);
		visitors.forEach(count);
		if (nobody != null) {
			count.accept(nobody);
		}
		List<Result> results = new ArrayList<>();
		results.add(everyone.result(null));
		List<String> groups = new ArrayList<>(tallies.keySet());
		if (byEntryChannel) {
			groups.sort(Comparator.comparing(Channel::valueOf));
		}
		groups.forEach(group -> results.add(tallies.get(group).result(group)));
		return results;
	}

	/** When the actor reached each step, the first occurrence of each after the previous; null if it never entered. */
	private long[] ordered(Path path, long window) {
		long entry = path.firstFrom(0, Long.MIN_VALUE);
		if (entry < 0) {
			return null;
		}
		long[] reached = new long[settings.steps().size()];
		Arrays.fill(reached, -1);
		reached[0] = entry;
		for (int step = 1; step < reached.length; step++) {
			long at = path.firstFrom(step, reached[step - 1]);
			if (at < 0 || at - entry > window) {
				break;
			}
			reached[step] = at;
		}
		return reached;
	}

	/**
	 * Reaching step k unordered: each of the first k steps happened within the window from the actor's first event of
	 * any step. Times between steps are not defined here, so they are left out.
	 */
	private long[] unordered(Path path, long window) {
		long start = Long.MAX_VALUE;
		for (int step = 0; step < settings.steps().size(); step++) {
			long first = path.firstFrom(step, Long.MIN_VALUE);
			if (first >= 0) {
				start = Math.min(start, first);
			}
		}
		long[] reached = new long[settings.steps().size()];
		Arrays.fill(reached, -1);
		for (int step = 0; step < reached.length; step++) {
			long at = path.firstFrom(step, start);
			if (at < 0 || at - start > window) {
				break;
			}
			reached[step] = Long.MIN_VALUE;
		}
		return reached[0] == -1 ? null : reached;
	}

	/** Counts of one group. */
	private final class Tally {

		final int[] reached;

		/** Per step, the seconds from the previous step of each actor that reached it (ordered funnels). */
		final long[][] secondsFromPrevious;

		Tally(int steps) {
			reached = new int[steps];
			secondsFromPrevious = new long[steps][];
		}

		void add(long[] reachedAt) {
			for (int step = 0; step < reachedAt.length && reachedAt[step] != -1; step++) {
				if (step > 0 && settings.ordered()) {
					long[] seconds = secondsFromPrevious[step];
					if (seconds == null || reached[step] == seconds.length) {
						secondsFromPrevious[step] = seconds = seconds == null ? new long[16]
								: Arrays.copyOf(seconds, seconds.length * 2);
					}
					seconds[reached[step]] = (reachedAt[step] - reachedAt[step - 1]) / 1000;
				}
				reached[step]++;
			}
		}

		Result result(String group) {
			List<Step> steps = new ArrayList<>();
			String bottleneck = null;
			double lowest = Double.MAX_VALUE;
			for (int i = 0; i < reached.length; i++) {
				Double fromPrevious = i == 0 ? null : reached[i - 1] == 0 ? null : (double) reached[i] / reached[i - 1];
				if (fromPrevious != null && fromPrevious < lowest) {
					lowest = fromPrevious;
					bottleneck = name(i);
				}
				steps.add(new Step(name(i), reached[i], fromPrevious, reached[0] == 0 ? 0 : (double) reached[i] / reached[0],
						settings.ordered() && i > 0 ? Medians.of(secondsFromPrevious[i], reached[i]) : null));
			}
			return new Result(group, reached[0], reached[reached.length - 1], steps, bottleneck);
		}

		private String name(int step) {
			return settings.steps().get(step).name().toLowerCase(Locale.ROOT);
		}

	}

}
