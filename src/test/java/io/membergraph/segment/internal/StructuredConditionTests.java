package io.membergraph.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import io.membergraph.segment.internal.Condition.Activity;
import io.membergraph.segment.internal.StructuredCondition.BehaviourInput;
import io.membergraph.segment.internal.StructuredCondition.Match;
import io.membergraph.segment.internal.StructuredCondition.Measure;
import io.membergraph.segment.internal.StructuredCondition.Op;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A tree sent over GraphQL compiles to the same condition as the text that says the same. */
class StructuredConditionTests {

	private static StructuredCondition field(String field, Op op, String value, String... values) {
		return new StructuredCondition(null, null, null, field, op, value, values.length == 0 ? null : List.of(values), null);
	}

	private static StructuredCondition all(StructuredCondition... parts) {
		return new StructuredCondition(List.of(parts), null, null, null, null, null, null, null);
	}

	private static StructuredCondition not(StructuredCondition inner) {
		return new StructuredCondition(null, null, inner, null, null, null, null, null);
	}

	private static StructuredCondition behaviour(Activity activity, List<Match> matches, List<Measure> thresholds,
			String since) {
		return new StructuredCondition(null, null, null, null, null, null, null,
				new BehaviourInput(activity, matches, thresholds, since, null));
	}

	@Test
	void theIssuesFirstTwoExamplesAsTreesCompileLikeTheirText() {
		StructuredCondition first = all(field("tier", Op.IN, null, "GOLD", "PLATINUM"),
				field("region.province", Op.EQ, "广东"), field("age", Op.BETWEEN, null, "25", "35"));
		assertThat(SegmentQueryParser.parse(first.toQuery())).isEqualTo(
				SegmentQueryParser.parse("tier IN ('GOLD','PLATINUM') AND region.province = '广东' AND age BETWEEN 25 AND 35"));

		StructuredCondition second = all(
				behaviour(Activity.ORDERS, null, List.of(new Measure("count", Op.GE, new BigDecimal("3")),
						new Measure("spend", Op.GT, new BigDecimal("1000"))), "-180d"),
				not(behaviour(Activity.ORDERS, null, null, "-60d")));
		assertThat(SegmentQueryParser.parse(second.toQuery())).isEqualTo(
				SegmentQueryParser.parse("orders(count >= 3, spend > 1000, since -180d) AND NOT orders(since -60d)"));
	}

	@Test
	void valuesAreWrittenAsTheirFieldsTypeWantsAndQuotesCannotBreakOut() {
		assertThat(all(field("consent.sms", Op.EQ, "TRUE"), field("joined", Op.GE, "2025-01-01"),
				field("tags", Op.CONTAINS, "it's"), field("region.city", Op.IS_NULL, null)).toQuery())
			.isEqualTo("(consent.sms = true) AND (joined >= 2025-01-01) AND (tags CONTAINS 'it''s') AND (region.city IS NULL)");
		assertThat(SegmentQueryParser.parse(field("tier", Op.EQ, "x') OR (tier != 'y").toQuery()))
			.isEqualTo(new Condition.Compare(SegmentField.TIER, Condition.Operator.EQ, new Condition.Value.Text("x') OR (tier != 'y")));
		assertThat(behaviour(Activity.BOUGHT, List.of(new Match("category", "skincare")), null, "-12m").toQuery())
			.isEqualTo("bought(category = 'skincare', since -12m)");
	}

	@Test
	void mistakesNameTheirPlaceInTheTree() {
		assertThatThrownBy(() -> all(field("age", Op.GT, "old")).toQuery())
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("condition.all[0].value: 'old' is not a number");
		assertThatThrownBy(() -> new StructuredCondition(null, null, null, "tier", Op.EQ, "GOLD", null,
				new BehaviourInput(Activity.ORDERS, null, null, null, null)).toQuery())
			.hasMessage("condition: give exactly one of all, any, not, field or behaviour");
		assertThatThrownBy(() -> all().toQuery()).hasMessage("condition.all: must hold at least one condition");
		assertThatThrownBy(() -> field("age", Op.BETWEEN, null, "1").toQuery())
			.hasMessage("condition.values: BETWEEN takes two values, the low and the high end");
		assertThatThrownBy(() -> behaviour(Activity.ORDERS, null, null, "last week").toQuery())
			.hasMessage("condition.behaviour.since: 'last week' is not a day (2025-01-01) or a relative day (-7d, -2w, -3m, -1y, today)");
		assertThatThrownBy(() -> SegmentQueryParser.parse(field("teir", Op.EQ, "GOLD").toQuery()))
			.hasMessageContaining("unknown field 'teir' at 1:1 — did you mean 'tier'?");
	}

}
