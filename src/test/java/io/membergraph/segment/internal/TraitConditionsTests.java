package io.membergraph.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

import io.membergraph.customer.MemberTraits.Traits;
import io.membergraph.customer.TraitColumns;
import io.membergraph.shared.BusinessCalendar;
import org.junit.jupiter.api.Test;

/**
 * A condition on traits decided on the columns selects the members that the evaluation member by member selects:
 * random members, random queries over every trait field and operator, missing values included.
 */
class TraitConditionsTests {

	private static final BusinessCalendar CALENDAR = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private final Random random = new Random(20261201);

	@Test
	void fourHundredRandomQueriesSelectWhatTheEvaluationMemberByMemberSelects() {
		List<Traits> traits = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			traits.add(traits("m" + i));
		}
		TraitColumns columns = TraitColumns.of(traits, CALENDAR);
		SegmentEvaluation evaluation = new SegmentEvaluation(TODAY);
		int someButNotAll = 0;
		for (int q = 0; q < 400; q++) {
			String query = randomQuery(0);
			Condition condition = SegmentQueryParser.parse(query);
			assertThat(TraitConditions.onTraitsAndPoints(condition)).as(query).isTrue();

			List<String> memberByMember = traits.stream().filter(t -> evaluation.matches(condition, member(t)))
				.map(Traits::id).toList();
			List<String> byColumn = selected(TraitConditions.compile(condition, columns, null, evaluation), columns);

			assertThat(byColumn).as(query).isEqualTo(memberByMember);
			someButNotAll += !memberByMember.isEmpty() && memberByMember.size() < traits.size() ? 1 : 0;
		}
		assertThat(someButNotAll).as("queries that split the members, so the comparison means something").isGreaterThan(200);
	}

	@Test
	void twoHundredRandomQueriesOnTraitsAndPointsSelectWhatTheEvaluationMemberByMemberSelects() {
		List<Traits> traits = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			traits.add(traits("m" + i));
		}
		TraitColumns columns = TraitColumns.of(traits, CALENDAR);
		// Balances around the thresholds the queries use, zero for about a quarter (no account, or spent).
		long[] balance = new long[columns.rows()];
		long[] expiringSoon = new long[columns.rows()];
		Map<String, Integer> rowOf = new java.util.HashMap<>();
		for (int row = 0; row < columns.rows(); row++) {
			rowOf.put(columns.memberId(row), row);
			balance[row] = random.nextInt(4) == 0 ? 0 : random.nextInt(10_000);
			expiringSoon[row] = random.nextBoolean() ? 0 : Math.min(balance[row], random.nextInt(3_000));
		}
		TraitConditions.PointsColumns points = new TraitConditions.PointsColumns(balance, expiringSoon);
		SegmentEvaluation evaluation = new SegmentEvaluation(TODAY);
		int someButNotAll = 0;
		for (int q = 0; q < 200; q++) {
			String query = "(" + randomPointsQuery() + ")" + (random.nextBoolean() ? " AND " : " OR ") + "(" + randomQuery(1) + ")";
			Condition condition = SegmentQueryParser.parse(query);
			assertThat(TraitConditions.onTraitsAndPoints(condition)).as(query).isTrue();

			List<String> memberByMember = traits.stream().filter(t -> {
				int row = rowOf.get(t.id());
				return evaluation.matches(condition, member(t, balance[row], expiringSoon[row]));
			}).map(Traits::id).toList();
			List<String> byColumn = selected(TraitConditions.compile(condition, columns, points, evaluation), columns);

			assertThat(byColumn).as(query).isEqualTo(memberByMember);
			someButNotAll += !memberByMember.isEmpty() && memberByMember.size() < traits.size() ? 1 : 0;
		}
		assertThat(someButNotAll).as("queries that split the members").isGreaterThan(100);
	}

	@Test
	void conditionsOnOrdersOrScoresAreNotDecidedOnTheColumnsNorPointsWithoutTheirColumns() {
		for (String query : List.of("tier = 'GOLD' AND orders(count >= 1)", "lifecycle = 'NEW' OR tags CONTAINS 'vip'",
				"NOT prediction.churnBand = 'HIGH'", "points.balance > 10 AND interactions(type = 'view')")) {
			assertThat(TraitConditions.onTraitsAndPoints(SegmentQueryParser.parse(query))).as(query).isFalse();
		}
		Condition points = SegmentQueryParser.parse("points.balance > 10");
		assertThat(TraitConditions.onTraitsAndPoints(points)).isTrue();
		assertThat(TraitConditions.compile(points, TraitColumns.of(List.of(traits("m")), CALENDAR), null,
				new SegmentEvaluation(TODAY))).as("no points columns given").isNull();
	}

	/** The members of the rows the test lets in, in row order. */
	private static List<String> selected(IntPredicate onColumns, TraitColumns columns) {
		List<String> selected = new ArrayList<>();
		for (int row = 0; row < columns.rows(); row++) {
			if (onColumns.test(row)) {
				selected.add(columns.memberId(row));
			}
		}
		return selected;
	}

	private String randomPointsQuery() {
		String field = pick("points.balance", "points.expiringSoon");
		return switch (random.nextInt(4)) {
			case 0 -> field + " " + pick("<", "<=", ">", ">=", "=", "!=") + " " + pick("0", "1000", "5000", "2999");
			case 1 -> field + " BETWEEN " + random.nextInt(3_000) + " AND " + (3_000 + random.nextInt(6_000));
			case 2 -> "NOT " + field + " > " + random.nextInt(8_000);
			default -> "points.balance > " + random.nextInt(8_000) + " AND points.expiringSoon > " + pick("0", "500");
		};
	}

	/** The member as the evaluation member by member sees it, built as the segment population builds it. */
	private static SegmentMember member(Traits t) {
		return member(t, null, null);
	}

	private static SegmentMember member(Traits t, Long balance, Long expiringSoon) {
		return new SegmentMember(t.id(), t.tierCode(), t.province(), t.city(), t.birthDate(), t.gender(),
				t.joinedAt() == null ? null : CALENDAR.dayOf(t.joinedAt()), t.joinChannel(), t.channels(), t.tags(),
				t.consent(), balance, expiringSoon, null, null, null, List.of(), List.of());
	}

	private String randomQuery(int depth) {
		int kind = random.nextInt(depth > 2 ? 12 : 15);
		return switch (kind) {
			case 0 -> "tier " + pick("=", "!=", "<", ">=") + " '" + pick("GOLD", "SILVER", "PLATINUM") + "'";
			case 1 -> "tier IN ('GOLD','PLATINUM')";
			case 2 -> "region.province = '" + pick("广东", "浙江") + "'";
			case 3 -> "region.city " + pick("IS NULL", "IS NOT NULL");
			case 4 -> "age " + pick("<", "<=", ">", ">=", "=", "!=") + " " + (18 + random.nextInt(50));
			case 5 -> "age BETWEEN " + (20 + random.nextInt(20)) + " AND " + (40 + random.nextInt(20));
			case 6 -> "gender " + pick("= 'FEMALE'", "= 'MALE'", "IS NULL", "NOT IN ('MALE')");
			case 7 -> "joined " + pick("<", ">=", "=", ">") + " " + LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
			case 8 -> "joinChannel = '" + pick("APP", "WEB", "TMALL") + "'";
			case 9 -> "channel.has('" + pick("APP", "WEB", "TMALL") + "')";
			case 10 -> "tags CONTAINS '" + pick("vip", "staff", "wholesale") + "'";
			case 11 -> "consent." + pick("sms", "email") + " " + pick("= true", "= false", "IS NULL", "IS NOT NULL");
			case 12 -> "NOT (" + randomQuery(depth + 1) + ")";
			default -> "(" + randomQuery(depth + 1) + (random.nextBoolean() ? ") AND (" : ") OR (") + randomQuery(depth + 1) + ")";
		};
	}

	private Traits traits(String id) {
		return new Traits(id, pick("GOLD", "SILVER", "PLATINUM", null), pick("广东", "浙江", null), pick("广州", "杭州", null),
				random.nextInt(4) == 0 ? null : TODAY.minusYears(18 + random.nextInt(50)).minusDays(random.nextInt(365)),
				pick("FEMALE", "MALE", null),
				random.nextInt(5) == 0 ? null : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(86_400 * 700)),
				pick("APP", "WEB", "TMALL"), Set.of(pick("APP", "WEB", "TMALL"), pick("JD", "STORE")),
				random.nextBoolean() ? Set.of() : Set.of(pick("vip", "staff", "wholesale")),
				random.nextBoolean() ? Map.of() : Map.of("SMS", random.nextBoolean(), "EMAIL", random.nextBoolean()));
	}

	private String pick(String... choices) {
		return choices[random.nextInt(choices.length)];
	}

}
