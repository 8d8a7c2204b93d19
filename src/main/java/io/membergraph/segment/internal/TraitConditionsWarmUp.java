package io.membergraph.segment.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.membergraph.customer.MemberTraits.Traits;
import io.membergraph.customer.TraitColumns;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Channel;
import io.membergraph.shared.WarmUp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Selects members on traits and points, with every condition of that kind the segment language warm-up parses and
 * with each of their predicates alone, over columns of invented members, many times before ready; nothing is shown
 * and no stored member is read.
 * <p>
 * Why: the console's warm-up previews such conditions over the stored members three times, and while the start keeps
 * the compilers busy the JIT raises its thresholds, so the passes over the columns were left in C1's profiling code.
 * The analytics benchmark's first preview after ready (tier, province and age at 100,000 members) then ran its pass
 * in that code until C2's arrived during the call: 7–10 ms in the service against a median of 3 (its compilation
 * log, BENCHMARKS.md, 2026-12-06 night). A few hundred members make enough calls and loop turns for C2 in a fixed
 * time whatever the store holds (0.2 s of the demo start); they have every kind of value (none, text beyond Latin-1,
 * empty rows), so the compiled code meets nothing new in real columns.
 */
@Component
@Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
public class TraitConditionsWarmUp implements WarmUp {

	private static final int MEMBERS = 300;

	private static final int ROUNDS = 200;

	private static final String[] TIERS = { "BRONZE", "SILVER", "GOLD", "PLATINUM", null };

	private static final String[] PROVINCES = { "广东", "浙江", "上海", "Hong Kong", null };

	private static final String[] CITIES = { "广州", "杭州", "Shanghai", null };

	private static final String[] GENDERS = { "FEMALE", "MALE", "UNDISCLOSED", null };

	private static final String[] TAGS = { "vip", "new", "staff" };

	private static final String[] CONSENT_CHANNELS = { "SMS", "EMAIL", "WECHAT" };

	private final BusinessCalendar calendar;

	private final Clock clock;

	TraitConditionsWarmUp(BusinessCalendar calendar, Clock clock) {
		this.calendar = calendar;
		this.clock = clock;
	}

	@Override
	public void warm() {
		LocalDate today = calendar.dayOf(clock.instant());
		// A fixed seed: the same invented members at every start.
		Random random = new Random(20261206);
		TraitColumns columns = TraitColumns.of(invented(random, today), calendar);
		TraitConditions.PointsColumns points = inventedPoints(random, columns.rows());
		List<Condition> conditions = conditions();
		for (int round = 0; round < ROUNDS; round++) {
			for (Condition condition : conditions) {
				// As a preview counts for a role that reads members, and as it lists them for the others.
				TraitConditions.select(condition, columns, points, new SegmentEvaluation(today),
						new SegmentPopulation.Counted(10));
				TraitConditions.select(condition, columns, points, new SegmentEvaluation(today), new ArrayList<>()::add);
			}
		}
	}

	/**
	 * The conditions on traits and points that the language warm-up parses, their parts in the order a preview tests
	 * them, and each of their predicates alone.
	 */
	static List<Condition> conditions() {
		Set<Condition> conditions = new LinkedHashSet<>();
		for (String query : SegmentLanguageWarmUp.CONDITIONS) {
			Condition condition = SegmentPopulation.cheapestFirst(SegmentQueryParser.parse(query));
			if (TraitConditions.onTraitsAndPoints(condition)) {
				conditions.add(condition);
				Condition.leavesOf(condition).forEach(conditions::add);
			}
		}
		return List.copyOf(conditions);
	}

	/** Members with every kind of value, none included, and an empty row now and then as a merge leaves one. */
	private static List<Traits> invented(Random random, LocalDate today) {
		List<Traits> members = new ArrayList<>(MEMBERS);
		Channel[] channels = Channel.values();
		Instant joinedFrom = Instant.parse("2020-01-01T00:00:00Z");
		for (int i = 0; i < MEMBERS; i++) {
			if (random.nextInt(50) == 0) {
				members.add(null);
				continue;
			}
			Set<String> onChannels = new LinkedHashSet<>();
			Channel joinChannel = channels[random.nextInt(channels.length)];
			onChannels.add(joinChannel.name());
			onChannels.add(channels[random.nextInt(channels.length)].name());
			Set<String> tags = new LinkedHashSet<>();
			for (String tag : TAGS) {
				if (random.nextInt(3) == 0) {
					tags.add(tag);
				}
			}
			Map<String, Boolean> consent = new java.util.HashMap<>();
			for (String channel : CONSENT_CHANNELS) {
				if (random.nextInt(3) != 0) {
					consent.put(channel, random.nextBoolean());
				}
			}
			members.add(new Traits("warm-up-" + i, pick(random, TIERS), pick(random, PROVINCES), pick(random, CITIES),
					random.nextInt(5) == 0 ? null : today.minusDays(16 * 365 + random.nextInt(60 * 365)),
					pick(random, GENDERS),
					random.nextInt(10) == 0 ? null : joinedFrom.plusSeconds(random.nextInt(86_400 * 2_500)),
					random.nextInt(10) == 0 ? null : joinChannel.name(), onChannels, tags, consent));
		}
		return members;
	}

	/** Balances about the thresholds conditions use; none for about a quarter. */
	private static TraitConditions.PointsColumns inventedPoints(Random random, int rows) {
		long[] balance = new long[rows];
		long[] expiringSoon = new long[rows];
		for (int row = 0; row < rows; row++) {
			balance[row] = random.nextInt(4) == 0 ? 0 : random.nextInt(10_000);
			expiringSoon[row] = random.nextBoolean() ? 0 : Math.min(balance[row], random.nextInt(3_000));
		}
		return new TraitConditions.PointsColumns(balance, expiringSoon);
	}

	private static String pick(Random random, String[] choices) {
		return choices[random.nextInt(choices.length)];
	}

	@Override
	public String toString() {
		return "segments on traits";
	}

}
