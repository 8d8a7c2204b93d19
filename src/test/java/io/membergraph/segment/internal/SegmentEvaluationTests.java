package io.membergraph.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.customer.ChurnBand;
import io.membergraph.customer.MemberPrediction;
import io.membergraph.segment.internal.Condition.Operator;
import io.membergraph.segment.internal.Condition.Threshold;
import io.membergraph.segment.internal.SegmentMember.InteractionFact;
import io.membergraph.segment.internal.SegmentMember.OrderFact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-made members, and for each query the members expected in the segment, written out. */
class SegmentEvaluationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

	/** A stored prediction with the four figures segments read. */
	private static MemberPrediction prediction(double churnRisk, ChurnBand band, double clv, double expectedPurchases) {
		return new MemberPrediction("scored", "SR1", null, "v1", 90, 1 - churnRisk, churnRisk, band, expectedPurchases,
				null, null, clv, null, null);
	}

	/** Gold in Guangdong, 30, three orders (one 200 days ago), a VIP on Tmall who consents to SMS. */
	private static final SegmentMember ANNA = new SegmentMember("anna", "GOLD", "广东", "广州", LocalDate.of(1996, 3, 1),
			"FEMALE", LocalDate.of(2024, 5, 1), "APP", Set.of("APP", "TMALL"), Set.of("vip"), Map.of("SMS", true), 6000L,
			200L, "IMPORTANT_VALUE", "ACTIVE", prediction(0.1, ChurnBand.LOW, 800.0, 2.5),
			List.of(order(200, "TMALL", 60_000, "SK-1001", "skincare"), order(100, "APP", 50_000, "HC-4001", "haircare"),
					order(70, "APP", 30_000, "SK-2002", "skincare")),
			List.of(new InteractionFact(TODAY.minusDays(2), "add_to_cart", "APP")));

	/** Platinum in Zhejiang, 45, one old order, two add-to-cart this week and nothing bought since. */
	private static final SegmentMember BO = new SegmentMember("bo", "PLATINUM", "浙江", "杭州", LocalDate.of(1981, 1, 1),
			"MALE", LocalDate.of(2025, 2, 1), "WEB", Set.of("WEB"), Set.of(), Map.of("SMS", false), 100L, 0L,
			"IMPORTANT_WIN_BACK", "LAPSED", prediction(0.85, ChurnBand.HIGH, 120.0, 0.2),
			List.of(order(300, "WEB", 150_000, "FR-3001", "fragrance")),
			List.of(new InteractionFact(TODAY.minusDays(1), "add_to_cart", "WEB"),
					new InteractionFact(TODAY.minusDays(5), "add_to_cart", "APP"),
					new InteractionFact(TODAY.minusDays(20), "add_to_cart", "APP")));

	/** A prospect without tier, birth date, region or consent. */
	private static final SegmentMember CY = new SegmentMember("cy", null, null, null, null, "UNKNOWN",
			LocalDate.of(2026, 6, 1), "STORE", Set.of("STORE"), Set.of(), Map.of(), 0L, 0L, null, "PROSPECT", null, List.of(),
			List.of());

	private static OrderFact order(int daysAgo, String channel, long netMinor, String sku, String category) {
		return new OrderFact(TODAY.minusDays(daysAgo), channel, null, netMinor, Set.of(sku), Set.of(category));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			tier IN ('GOLD','PLATINUM') AND region.province = '广东' AND age BETWEEN 25 AND 35 | anna
			orders(count >= 3, spend > 1000, since -365d) AND NOT orders(since -60d)          | anna
			orders(count >= 3, spend > 1400, since -365d)                                     |
			orders(spend >= 1400)                                                             | anna, bo
			bought(category = 'skincare', since -12m) AND NOT bought(sku = 'SK-1001')          |
			bought(category = 'skincare', since -150d)                                         | anna
			interactions(type = 'add_to_cart', count >= 2, since -7d) AND NOT orders(since -7d) | bo
			interactions(type = 'add_to_cart', channel = 'APP', since -7d)                     | anna, bo
			rfm.segment = 'IMPORTANT_WIN_BACK' OR lifecycle IN ('AT_RISK','LAPSED')            | bo
			points.balance > 5000 AND points.expiringSoon > 0                                  | anna
			consent.sms = true                                                                 | anna
			prediction.churnRisk >= 0.7                                                        | bo
			prediction.churnBand = 'LOW' AND prediction.clv > 500.5                            | anna
			prediction.expectedPurchases90d < 1 OR prediction.churnRisk IS NULL                | bo, cy
			consent.sms != true                                                                | bo
			NOT consent.sms = true                                                             | bo, cy
			tags CONTAINS 'vip'                                                                | anna
			channel.has('TMALL') OR channel.has('STORE')                                       | anna, cy
			joined >= 2025-01-01                                                               | bo, cy
			joined >= -1m                                                                      | cy
			tier IS NULL                                                                       | cy
			tier != 'GOLD'                                                                     | bo
			gender NOT IN ('MALE','FEMALE')                                                    | cy
			NOT orders()                                                                       | cy
			orders(count = 0)                                                                  | cy
			orders(channel = 'APP', count >= 2)                                                | anna
			orders(count > 2.5)                                                                | anna
			orders(spend > 1400.001)                                                           | bo
			orders(spend <= 1400.001, count >= 1)                                              | anna
			orders(spend = 1400)                                                               | anna
			""")
	void membersInTheSegment(String query, String expected) {
		SegmentEvaluation evaluation = new SegmentEvaluation(TODAY);
		Condition condition = SegmentQueryParser.parse(query);

		List<String> members = List.of(ANNA, BO, CY).stream().filter(m -> evaluation.matches(condition, m))
			.map(SegmentMember::id).toList();

		assertThat(members).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(",\\s*")));
	}

	@Test
	void untilClosesTheWindowAndRelativeDaysCountFromTheEvaluationDay() {
		Condition old = SegmentQueryParser.parse("orders(since -365d, until -250d)");

		assertThat(new SegmentEvaluation(TODAY).matches(old, BO)).isTrue();
		assertThat(new SegmentEvaluation(TODAY).matches(old, ANNA)).isFalse();
		assertThat(new SegmentEvaluation(TODAY.plusDays(100)).matches(old, ANNA)).as("a hundred days later").isTrue();
	}

	/**
	 * A threshold is decided on whole counts and minor units of spend, as its number compares with the measure:
	 * decimals, negative numbers and numbers beyond any long included.
	 */
	@Test
	void aThresholdComparesWithTheMeasureAsItsNumberDoes() {
		List<String> numbers = List.of("0", "2", "2.5", "-1", "-0.5", "-2.5", "1000", "1000.005", "999.999", "0.01",
				"1e30", "-1e30", "92233720368547758.07", "92233720368547758.08", "9223372036854775807",
				"9223372036854775808", "-9223372036854775808", "-9223372036854775809");
		List<Long> measures = List.of(-3L, -2L, -1L, 0L, 1L, 2L, 3L, 99_999L, 100_000L, 100_001L, 100_000_500L,
				Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1);
		for (String written : numbers) {
			BigDecimal number = new BigDecimal(written);
			for (String measure : List.of("count", "spend")) {
				BehaviourCheck.Bound bound = BehaviourCheck.Bound.of(new Threshold(measure, Operator.GE, number));
				for (long measured : measures) {
					BigDecimal asWritten = BigDecimal.valueOf(measured, measure.equals("spend") ? 2 : 0);
					assertThat(bound.compare(measured)).as(measure + " " + measured + " against " + written)
						.isEqualTo(asWritten.compareTo(number));
				}
			}
		}
	}

	/**
	 * The age a condition reads is the years of the period from the birth date, on every day: 29 February, dates
	 * ahead of today and 160 years back included.
	 */
	@Test
	void anAgeIsTheYearsOfThePeriodFromTheBirthDateOnEveryDay() {
		for (LocalDate today : List.of(LocalDate.of(2026, 2, 28), LocalDate.of(2028, 2, 29), LocalDate.of(2026, 3, 1),
				LocalDate.of(2026, 12, 31), TODAY)) {
			SegmentEvaluation evaluation = new SegmentEvaluation(today);
			for (LocalDate birth = today.minusYears(160); !birth.isAfter(today.plusYears(1)); birth = birth.plusDays(1)) {
				assertThat(evaluation.age(birth)).as(birth + " on " + today)
					.isEqualTo(Period.between(birth, today).getYears());
			}
			assertThat(evaluation.age(null)).isNull();
		}
	}

}
