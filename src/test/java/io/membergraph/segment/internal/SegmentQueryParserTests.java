package io.membergraph.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.membergraph.segment.internal.Condition.Activity;
import io.membergraph.segment.internal.Condition.All;
import io.membergraph.segment.internal.Condition.Any;
import io.membergraph.segment.internal.Condition.Behaviour;
import io.membergraph.segment.internal.Condition.Between;
import io.membergraph.segment.internal.Condition.Compare;
import io.membergraph.segment.internal.Condition.Contains;
import io.membergraph.segment.internal.Condition.In;
import io.membergraph.segment.internal.Condition.IsNull;
import io.membergraph.segment.internal.Condition.Not;
import io.membergraph.segment.internal.Condition.Operator;
import io.membergraph.segment.internal.Condition.Threshold;
import io.membergraph.segment.internal.Condition.Value;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentQueryParserTests {

	private static Value text(String text) {
		return new Value.Text(text);
	}

	private static Value number(String number) {
		return new Value.Number(new BigDecimal(number));
	}

	@Test
	void theIssuesFirstExampleIsAConjunctionOfInComparisonAndBetween() {
		assertThat(SegmentQueryParser.parse("tier IN ('GOLD','PLATINUM') AND region.province = '广东' AND age BETWEEN 25 AND 35"))
			.isEqualTo(new All(List.of(new In(SegmentField.TIER, List.of(text("GOLD"), text("PLATINUM")), false),
					new Compare(SegmentField.PROVINCE, Operator.EQ, text("广东")),
					new Between(SegmentField.AGE, number("25"), number("35")))));
	}

	/** Members keep 广东, not 广东省: a condition written with the suffix means the same place. */
	@Test
	void aProvinceOrCityIsComparedAsMembersKeepIt() {
		assertThat(SegmentQueryParser.parse("region.province = '广东省' AND region.city IN ('广州市', '深圳')"))
			.isEqualTo(new All(List.of(new Compare(SegmentField.PROVINCE, Operator.EQ, text("广东")),
					new In(SegmentField.CITY, List.of(text("广州"), text("深圳")), false))));
	}

	@Test
	void behavioursTakeThresholdsMatchesAndWindows() {
		assertThat(SegmentQueryParser.parse("orders(count >= 3, spend > 1000, since -180d) AND NOT orders(since -60d)"))
			.isEqualTo(new All(List.of(
					new Behaviour(Activity.ORDERS, Map.of(),
							List.of(new Threshold("count", Operator.GE, new BigDecimal("3")),
									new Threshold("spend", Operator.GT, new BigDecimal("1000"))),
							new Value.RelativeDay(-180, ChronoUnit.DAYS), null),
					new Not(new Behaviour(Activity.ORDERS, Map.of(), List.of(), new Value.RelativeDay(-60, ChronoUnit.DAYS),
							null)))));
		assertThat(SegmentQueryParser.parse("bought(category = 'skincare', since -12m) AND NOT bought(sku = 'SK-1001')"))
			.isEqualTo(new All(List.of(
					new Behaviour(Activity.BOUGHT, Map.of("category", "skincare"), List.of(),
							new Value.RelativeDay(-12, ChronoUnit.MONTHS), null),
					new Not(new Behaviour(Activity.BOUGHT, Map.of("sku", "SK-1001"), List.of(), null, null)))));
		assertThat(SegmentQueryParser.parse("interactions(type = 'add_to_cart', count >= 2, since -7d, until today)"))
			.isEqualTo(new Behaviour(Activity.INTERACTIONS, Map.of("type", "add_to_cart"),
					List.of(new Threshold("count", Operator.GE, new BigDecimal("2"))), new Value.RelativeDay(-7, ChronoUnit.DAYS),
					new Value.RelativeDay(0, ChronoUnit.DAYS)));
	}

	@Test
	void orBindsLooserThanAndAndParenthesesRegroup() {
		Condition gold = new Compare(SegmentField.TIER, Operator.EQ, text("GOLD"));
		Condition sms = new Compare(SegmentField.CONSENT_SMS, Operator.EQ, new Value.Bool(true));
		Condition vip = new Contains(SegmentField.TAGS, text("vip"));

		assertThat(SegmentQueryParser.parse("tier = 'GOLD' OR consent.sms = true AND tags CONTAINS 'vip'"))
			.isEqualTo(new Any(List.of(gold, new All(List.of(sms, vip)))));
		assertThat(SegmentQueryParser.parse("(tier = 'GOLD' OR consent.sms = true) AND tags CONTAINS 'vip'"))
			.isEqualTo(new All(List.of(new Any(List.of(gold, sms)), vip)));
	}

	@Test
	void theRemainingExamplesParse() {
		assertThat(SegmentQueryParser.parse("rfm.segment = 'IMPORTANT_WIN_BACK' OR lifecycle IN ('AT_RISK','LAPSED')"))
			.isEqualTo(new Any(List.of(new Compare(SegmentField.RFM_SEGMENT, Operator.EQ, text("IMPORTANT_WIN_BACK")),
					new In(SegmentField.LIFECYCLE, List.of(text("AT_RISK"), text("LAPSED")), false))));
		assertThat(SegmentQueryParser.parse("points.balance > 5000 AND points.expiringSoon > 0"))
			.isEqualTo(new All(List.of(new Compare(SegmentField.POINTS_BALANCE, Operator.GT, number("5000")),
					new Compare(SegmentField.POINTS_EXPIRING_SOON, Operator.GT, number("0")))));
		assertThat(SegmentQueryParser.parse("channel.has('TMALL')"))
			.isEqualTo(new Contains(SegmentField.CHANNELS, text("TMALL")));
		assertThat(SegmentQueryParser.parse("joined >= 2025-01-01"))
			.isEqualTo(new Compare(SegmentField.JOINED, Operator.GE, new Value.Day(LocalDate.of(2025, 1, 1))));
	}

	@Test
	void nullTestsNotInRelativeUnitsAndQuotesParse() {
		assertThat(SegmentQueryParser.parse("region.city IS NULL")).isEqualTo(new IsNull(SegmentField.CITY, false));
		assertThat(SegmentQueryParser.parse("region.city is not null")).isEqualTo(new IsNull(SegmentField.CITY, true));
		assertThat(SegmentQueryParser.parse("gender NOT IN ('MALE')"))
			.isEqualTo(new In(SegmentField.GENDER, List.of(text("MALE")), true));
		assertThat(SegmentQueryParser.parse("joined < -2w")).isEqualTo(
				new Compare(SegmentField.JOINED, Operator.LT, new Value.RelativeDay(-2, ChronoUnit.WEEKS)));
		assertThat(SegmentQueryParser.parse("joined > -1y")).isEqualTo(
				new Compare(SegmentField.JOINED, Operator.GT, new Value.RelativeDay(-1, ChronoUnit.YEARS)));
		assertThat(SegmentQueryParser.parse("joined > -36600d")).isEqualTo(
				new Compare(SegmentField.JOINED, Operator.GT, new Value.RelativeDay(-36_600, ChronoUnit.DAYS)));
		assertThat(SegmentQueryParser.parse("joined >= 1900-01-01")).isEqualTo(
				new Compare(SegmentField.JOINED, Operator.GE, new Value.Day(LocalDate.of(1900, 1, 1))));
		assertThat(SegmentQueryParser.parse("tags CONTAINS \"it's\"")).isEqualTo(new Contains(SegmentField.TAGS, text("it's")));
		assertThat(SegmentQueryParser.parse("tags CONTAINS 'it''s'")).isEqualTo(new Contains(SegmentField.TAGS, text("it's")));
		assertThat(SegmentQueryParser.parse("age != -1.5")).isEqualTo(new Compare(SegmentField.AGE, Operator.NE, number("-1.5")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			teir = 'GOLD'                            | unknown field 'teir' at 1:1 — did you mean 'tier'? 
			tier = 'GOLD' AND\\n  regoin.city = 'x'  | unknown field 'regoin.city' at 2:3 — did you mean 'region.city'?
			tier = GOLD                              | expected a value but found 'GOLD' (texts are quoted: 'GOLD') at 1:8
			tier = 'GOLD' AND                        | expected a field, a behaviour such as orders(...) or '(' but found the end at 1:18
			(tier = 'GOLD'                           | expected ')' to close the '(' at 1:1 but found the end at 1:15
			tier = 'GOLD' tier                       | unexpected 'tier': expected AND, OR or the end at 1:15
			age = 'old'                              | 'age' takes a number at 1:1
			lifecycle = 'LAPSD'                      | 'lifecycle' takes one of 'PROSPECT', 'NEW', 'ACTIVE', 'AT_RISK', 'LAPSED', 'CHURNED' at 1:1 — did you mean 'LAPSED'?
			consent.sms > true                       | 'consent.sms' is true or false and takes only = or != at 1:13
			tier CONTAINS 'x'                        | 'tier' is not a set: CONTAINS applies to tags and channel at 1:6
			gender BETWEEN 'A' AND 'B'               | 'gender' is a choice: BETWEEN needs a number or a day at 1:8
			joined >= 2025-13-01                     | '2025-13-01' is not a day (yyyy-mm-dd) at 1:11
			joined >= 0001-01-01                     | '0001-01-01' is outside the years 1900-2200 at 1:11
			orders(until 9999-12-31)                 | '9999-12-31' is outside the years 1900-2200 at 1:14
			joined >= -36601d                        | '-36601d' reaches too far back: at most a hundred years (-36600d) at 1:11
			orders(since -101y)                      | '-101y' reaches too far back: at most a hundred years (-100y) at 1:14
			orders(since -99999999999m)              | '-99999999999m' reaches too far back: at most a hundred years (-1200m) at 1:14
			orders(cout >= 3)                        | unknown property 'cout' of orders(...) at 1:8 — did you mean 'count'?
			orders(count >= 'x')                     | expected a number after count >= but found 'x' at 1:17
			orders(since 'x')                        | since and until take a day (2025-01-01) or a relative day (-7d, -2w, -3m, -1y, today) at 1:14
			bought(sku > 'x')                        | 'sku' in bought(...) takes '=' and a text at 1:12
			orders(count >= 3                        | expected ')' to close orders( at 1:1 but found the end at 1:18
			tier = 'GOLD                             | text opened at 1:8 is not closed
			tier ! 'GOLD'                            | '!' alone is not an operator: use != or NOT at 1:6
			tier = 'GOLD' ; drop                     | unexpected character ';' at 1:15
			region.city IS 'x'                       | expected NULL after IS at 1:16
			age BETWEEN 1 OR 2                       | expected AND between the two ends of BETWEEN at 1:15
			tier.has('GOLD')                         | 'tier' is not a set: has(...) applies to channel at 1:6
			tags = 'vip'                             | 'tags' is a set: test it with tags CONTAINS '…' at 1:6
			channel IN ('WEB')                       | 'channel' is a set: test it with channel CONTAINS '…' or channel.has('…') at 1:9
			channel.has('TAOBAO')                    | 'channel' takes one of 'STORE', 'WEB', 'APP', 'TMALL', 'JD', 'WECHAT' at 1:1
			orders(count >= -5)                      | 'count' counts up from 0, not -5 at 1:17
			orders(spend > -0.01)                    | 'spend' counts up from 0, not -0.01 at 1:16
			orders(count >= 99999999999999999999)    | '99999999999999999999' is beyond the largest number a condition compares, 1000000000000 at 1:17
			points.balance > 1000000000000.5         | '1000000000000.5' is beyond the largest number a condition compares, 1000000000000 at 1:18
			age BETWEEN -10000000000000 AND 3        | '-10000000000000' is beyond the largest number a condition compares, 1000000000000 at 1:13
			""")
	void mistakesAreNamedWithLineAndColumn(String query, String message) {
		assertThat(mistake(query.replace("\\n", "\n"))).isEqualTo(message.strip());
	}

	@Test
	void mongoOperatorsAndScriptsAreJustUnknownFieldsOrBadCharacters() {
		assertThat(mistake("$where = 'sleep(1000)'")).isEqualTo("unexpected character '$' at 1:1");
		assertThat(mistake("tier = {\"$gt\": \"\"}")).isEqualTo("unexpected character '{' at 1:8");
		assertThat(SegmentQueryParser.parse("tier = '{\"$gt\": \"\"}'"))
			.as("inside quotes it is only a text to compare with")
			.isEqualTo(new Compare(SegmentField.TIER, Operator.EQ, text("{\"$gt\": \"\"}")));
	}

	@Test
	void sizeNestingAndConditionCountAreLimited() {
		assertThat(mistake("tier = '" + "x".repeat(SegmentQueryParser.MAX_LENGTH) + "'")).isEqualTo("is 4009 characters long; at most 4000");
		assertThat(mistake("(".repeat(25) + "tier = 'GOLD'" + ")".repeat(25))).isEqualTo("nested too deeply: at most 20 levels of parentheses and NOT at 1:21");
		assertThat(mistake("NOT ".repeat(30) + "tier = 'GOLD'")).contains("nested too deeply");
		String many = String.join(" OR ", java.util.Collections.nCopies(201, "age > 1"));
		assertThat(mistake(many)).contains("too many conditions: at most 200");
		assertThat(mistake("  ")).isEqualTo(
				"is empty: describe the members, e.g. tier = 'GOLD'");
	}

	/** The reason the parser gives for refusing the query, which is always about the field {@code query}. */
	private static String mistake(String query) {
		try {
			SegmentQueryParser.parse(query);
		}
		catch (InvalidInputException ex) {
			assertThat(ex.field()).isEqualTo("query");
			return ex.reason();
		}
		throw new AssertionError("accepted: " + query);
	}

}
