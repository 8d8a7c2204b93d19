package io.membergraph.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.InvalidInputException;

/**
 * A behaviour funnel: how many members (and anonymous visitors) reach each step of an ordered list of interaction
 * types within a conversion window from their first step. Definitions: docs/interactions.md.
 */
final class Funnel {

	static final List<InteractionType> DEFAULT_STEPS = List.of(InteractionType.VISIT, InteractionType.REGISTER,
			InteractionType.BROWSE, InteractionType.FAVOURITE, InteractionType.ADD_TO_CART, InteractionType.ORDER,
			InteractionType.PAY, InteractionType.RECEIVE, InteractionType.REVIEW);

	static final int MAX_STEPS = 12;

	static final int MAX_WINDOW_DAYS = 90;

	enum Split {

		NONE, CHANNEL, SEGMENT

	}

	/**
	 * @param ordered whether each step must come at or after the previous one; otherwise the first k steps in any
	 * order within the window count as reaching step k
	 * @param windowDays the conversion window from the first step
	 */
	record Settings(List<InteractionType> steps, int windowDays, boolean ordered) {

		Settings {
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
	record Result(String group, int entered, int completed, List<Step> steps, String bottleneck) {
	}

	/** One actor's step times in milliseconds, each list ascending (events arrive oldest first). */
	private static final class Path {

		final long[][] times;

		final int[] counts;

		String entryChannel;

		Path(int steps) {
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

	private final Settings settings;

	private final Map<InteractionType, Integer> stepOf = new HashMap<>();

	private final Map<String, Path> paths = new HashMap<>();

	private final Map<String, String> memberOfVisitor;

	Funnel(Settings settings, Map<String, String> memberOfVisitor) {
		this.settings = settings;
		this.memberOfVisitor = memberOfVisitor;
		for (int i = 0; i < settings.steps().size(); i++) {
			stepOf.put(settings.steps().get(i), i);
		}
	}

	/** Takes an event of the period, oldest first; events of types outside the funnel are ignored. */
	void add(Event event) {
		Integer step = stepOf.get(event.type());
		if (step == null) {
			return;
		}
		String actor = event.memberId() != null ? event.memberId()
				: memberOfVisitor.getOrDefault(event.visitorId(), "visitor:" + event.visitorId());
		Path path = paths.computeIfAbsent(actor, a -> new Path(settings.steps().size()));
		if (path.entryChannel == null && (step == 0 || !settings.ordered())) {
			path.entryChannel = event.channel().name();
		}
		path.add(step, event.occurredAt().toEpochMilli());
	}

	/**
	 * The funnel for everyone, and per group when {@code groupsOf} names some (a channel, a segment): an actor
	 * counts in each group it is in.
	 */
	List<Result> results(Function<String, List<String>> groupsOf, boolean byEntryChannel) {
		Map<String, Tally> tallies = new LinkedHashMap<>();
		Tally everyone = new Tally(settings.steps().size());
		long window = Duration.ofDays(settings.windowDays()).toMillis();
		paths.forEach((actor, path) -> {
			long[] reachedAt = settings.ordered() ? ordered(path, window) : unordered(path, window);
			if (reachedAt == null) {
				return;
			}
			everyone.add(reachedAt);
			List<String> groups = byEntryChannel ? List.of(path.entryChannel) : groupsOf.apply(actor);
			for (String group : groups) {
				tallies.computeIfAbsent(group, g -> new Tally(settings.steps().size())).add(reachedAt);
			}
		});
		List<Result> results = new ArrayList<>();
		results.add(everyone.result(null));
		tallies.forEach((group, tally) -> results.add(tally.result(group)));
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

		final List<List<Long>> secondsFromPrevious = new ArrayList<>();

		Tally(int steps) {
			reached = new int[steps];
			for (int i = 0; i < steps; i++) {
				secondsFromPrevious.add(new ArrayList<>());
			}
		}

		void add(long[] reachedAt) {
			for (int step = 0; step < reachedAt.length && reachedAt[step] != -1; step++) {
				reached[step]++;
				if (step > 0 && settings.ordered()) {
					secondsFromPrevious.get(step).add((reachedAt[step] - reachedAt[step - 1]) / 1000);
				}
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
						settings.ordered() ? Medians.of(secondsFromPrevious.get(i)) : null));
			}
			return new Result(group, reached[0], reached[reached.length - 1], steps, bottleneck);
		}

		private String name(int step) {
			return settings.steps().get(step).name().toLowerCase(Locale.ROOT);
		}

	}

}
