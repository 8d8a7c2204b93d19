package io.membergraph.prediction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.membergraph.ApplicationTest;
import io.membergraph.PinnedClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fitting and scoring through the API over forty-two members who bought over the past year at their own pace: the
 * loyal one every fortnight up to last week, the lapsed one four times in its first month, the others at random
 * (a fixed seed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionApiTests extends ApplicationTest {

	private String loyal;

	private String lapsed;

	private final LocalDate today = PinnedClock.DEFAULT.atZone(PinnedClock.BUSINESS_ZONE).toLocalDate();

	private final LocalDate yearAgo = today.minusDays(364);

	private LocalDate loyalLast;

	@BeforeAll
	void aYearOfPurchases() {
		Random random = new Random(11);
		loyal = registerMember("Every fortnight");
		for (LocalDate day = yearAgo; day.isBefore(today.minusDays(6)); day = day.plusDays(14)) {
			order(loyal, day, "80.00");
			loyalLast = day;
		}
		lapsed = registerMember("First month only");
		for (int offset : new int[] { 0, 7, 17, 25 }) {
			order(lapsed, yearAgo.plusDays(offset), "50.00");
		}
		for (int m = 0; m < 40; m++) {
			String member = registerMember("Paced " + m);
			LocalDate day = yearAgo.plusDays(random.nextInt(60));
			while (day.isBefore(today)) {
				order(member, day, (20 + random.nextInt(80)) + ".00");
				day = day.plusDays(10 + random.nextInt(90));
			}
		}
	}

	@Test
	void aFitReportsItsParametersDiagnosticsAndHoldoutValidation() {
		as("crm").documentName("fitPredictionModels").variable("calibrationEnd", today.minusDays(91).toString())
			.variable("holdoutEnd", today.minusDays(1).toString())
			.execute()
			.path("fitPredictionModels.model.repeatBuyers").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(40))
			.path("fitPredictionModels.model.bgNbd.r").entity(Double.class).satisfies(r -> assertThat(r).isPositive())
			.path("fitPredictionModels.model.bgNbdFit.converged").entity(Boolean.class).isEqualTo(true)
			.path("fitPredictionModels.model.bgNbdFit.starts").entity(Integer.class).isEqualTo(4)
			.path("fitPredictionModels.model.gammaGammaFit.converged").entity(Boolean.class).isEqualTo(true)
			.path("fitPredictionModels.model.validation.actual").entity(Double.class).satisfies(a -> assertThat(a).isPositive())
			.path("fitPredictionModels.model.validation.weekly").entityList(Object.class).hasSize(13);
		as("marketer").documentName("predictionModel").execute()
			.path("predictionModel.bgNbd.r").entity(Double.class).satisfies(r -> assertThat(r).isPositive());
	}

	@Test
	void scoresPutTheLapsedMemberAtHigherRiskThanTheLoyalOne() {
		as("admin").documentName("fitPredictionModels").variable("calibrationEnd", today.minusDays(1).toString()).execute()
			.path("fitPredictionModels.model.version").entity(String.class).get();
		as("admin").documentName("scoreMembers").execute()
			.path("scoreMembers.scoring.scored").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(42));

		double loyalRisk = risk(loyal);
		double lapsedRisk = risk(lapsed);
		assertThat(lapsedRisk).isGreaterThan(loyalRisk);
		as("crm").documentName("memberPrediction").variable("memberId", loyal).execute()
			.path("memberPrediction.lastPurchaseDate").entity(String.class).isEqualTo(loyalLast.toString())
			// purchase days a fortnight apart: its own rhythm gives the next date
			.path("memberPrediction.nextPurchaseDate").entity(String.class).isEqualTo(loyalLast.plusDays(14).toString())
			.path("memberPrediction.clv").entity(Double.class).satisfies(clv -> assertThat(clv).isPositive())
			.path("memberPrediction.probabilityNoPurchase").entity(Double.class)
			.satisfies(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
		as("support").documentName("memberWithPrediction").variable("id", loyal).execute()
			.path("member.prediction.nextPurchaseDate").entity(String.class).isEqualTo(loyalLast.plusDays(14).toString());
		as("crm").documentName("membersDueToBuy").variable("withinDays", 30).execute()
			.path("membersDueToBuy[*].memberId").entityList(String.class).contains(loyal);
		// The filters these lists once took as plain arguments (deprecated) still work, but not beside the input.
		as("crm").document("{ membersDueToBuy(withinDays: 30) { memberId } churnRisk(segmentId: null) { memberId } }")
			.execute()
			.path("membersDueToBuy[*].memberId").entityList(String.class).contains(loyal)
			.path("churnRisk[*].memberId").entityList(String.class).contains(loyal);
		as("crm").document("{ membersDueToBuy(input: {withinDays: 30}, withinDays: 7) { memberId } }").execute()
			.errors()
			.satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "input"));
	}

	@Test
	void anEarlierFitCanScoreTheMembersAgainAndAnUnknownVersionIsRefusedByName() {
		String earlier = as("crm").documentName("fitPredictionModels").variable("calibrationEnd", today.minusDays(91).toString())
			.execute().path("fitPredictionModels.model.version").entity(String.class).get();
		String latest = as("crm").documentName("fitPredictionModels").variable("calibrationEnd", today.minusDays(1).toString())
			.execute().path("fitPredictionModels.model.version").entity(String.class).get();
		as("marketer").documentName("predictionModels").variable("first", 2).execute()
			.path("predictionModels[*].version").entityList(String.class).containsExactly(latest, earlier)
			.path("predictionModels[1].calibrationEnd").entity(String.class).isEqualTo(today.minusDays(91).toString());

		as("crm").documentName("scoreMembers").variable("modelVersion", earlier).execute()
			.path("scoreMembers.scoring.modelVersion").entity(String.class).isEqualTo(earlier);
		as("crm").documentName("memberPrediction").variable("memberId", loyal).execute()
			.path("memberPrediction.modelVersion").entity(String.class).isEqualTo(earlier);
		// Without a version (or without an input, as before the input existed) the latest fit scores.
		as("crm").document("mutation { scoreMembers { scoring { modelVersion } errors { code } } }").execute()
			.path("scoreMembers.scoring.modelVersion").entity(String.class).isEqualTo(latest);

		as("crm").documentName("scoreMembers").variable("modelVersion", "PM000000000000000000000000").execute()
			.path("scoreMembers.scoring").valueIsNull()
			.path("scoreMembers.errors[0].code").entity(String.class).isEqualTo("MODEL_NOT_FOUND")
			.path("scoreMembers.errors[0].field").entity(String.class).isEqualTo("modelVersion");
		as("crm").documentName("memberPrediction").variable("memberId", loyal).execute()
			.path("memberPrediction.modelVersion").entity(String.class).isEqualTo(latest);
		// null, as the schema allows, is the default
		as("crm").document("{ predictionModels(first: null) { version } }").execute()
			.path("predictionModels[0].version").entity(String.class).isEqualTo(latest);
		for (int first : new int[] { 0, 101 }) {
			as("crm").documentName("predictionModels").variable("first", first).execute()
				.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "first"));
		}
	}

	@Test
	void storefrontsSeeOnlyTheBandAndTheNextPurchaseDateAndMarketersOnlyAggregates() {
		as("admin").documentName("fitPredictionModels").variable("calibrationEnd", today.minusDays(1).toString()).execute();
		as("admin").documentName("scoreMembers").execute();
		Map<String, Object> seen = as("storefront").documentName("memberPrediction").variable("memberId", loyal).execute()
			.path("memberPrediction").entity(Map.class).get();
		assertThat(seen.get("churnBand")).isNotNull();
		assertThat(seen.get("nextPurchaseDate")).isNotNull();
		assertThat(seen.get("churnRisk")).isNull();
		assertThat(seen.get("clv")).isNull();
		as("marketer").documentName("memberPrediction").variable("memberId", loyal).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		as("marketer").documentName("churnBands").execute()
			.path("churnBands[*].band").entityList(String.class).containsExactly("LOW", "MEDIUM", "HIGH");
		// A band of one to four members would tell a marketer what those few are worth: withheld, as every small group.
		assertSmallGroupsWithheldFromMarketer(user -> as(user).documentName("churnBands"), "churnBands", "members", "clv");
		assertThat(bean(org.springframework.graphql.execution.GraphQlSource.class).schema().getObjectType("ChurnBandSummary")
			.getFieldDefinition("members").hasAppliedDirective("groupFigure")).isTrue();
		as("marketer").documentName("churnRisk").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		List<Double> risks = new ArrayList<>(as("crm").documentName("churnRisk").variable("first", 10).execute()
			.path("churnRisk[*].churnRisk").entityList(Double.class).get());
		assertThat(risks).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void aSalesForecastStartsTodayWithIntervalsAndABacktestAgainstTheSeasonalNaiveForecast() {
		as("marketer").documentName("salesForecast").variable("horizon", 14).execute()
			.path("salesForecast.season").entity(Integer.class).isEqualTo(7)
			.path("salesForecast.historyTo").entity(String.class).isEqualTo(today.minusDays(1).toString())
			.path("salesForecast.gmv.points").entityList(Object.class).hasSize(14)
			.path("salesForecast.gmv.points[0].period").entity(String.class).isEqualTo(today.toString())
			.path("salesForecast.gmv.points[0].lower").entity(Double.class).satisfies(lower -> assertThat(lower).isNotNegative())
			.path("salesForecast.gmv.backtest.origins").entity(Integer.class).isEqualTo(4)
			.path("salesForecast.gmv.backtest.naiveMape").entity(Double.class).satisfies(m -> assertThat(m).isPositive());
		as("marketer").documentName("salesForecast").variable("horizon", 0).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "horizon"));
		as("storefront").documentName("salesForecast").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getErrorType().toString()).isEqualTo("FORBIDDEN"));
		// The arguments the forecast once took one by one (deprecated) still work.
		as("marketer").document("{ salesForecast(horizon: 3, granularity: DAY) { horizon gmv { points { period } } } }").execute()
			.path("salesForecast.horizon").entity(Integer.class).isEqualTo(3)
			.path("salesForecast.gmv.points").entityList(Object.class).hasSize(3);
	}

	@Test
	void clustersGroupTheBuyersAndProfileEachGroup() {
		as("marketer").documentName("clusters").variable("k", 3).execute()
			.path("clusters.k").entity(Integer.class).isEqualTo(3)
			.path("clusters.clusters").entityList(Object.class).hasSize(3)
			.path("clusters.clusters[0].label").entity(String.class).satisfies(label -> assertThat(label).isNotBlank())
			.path("clusters.buyers").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(42));
		as("marketer").documentName("clusters").variable("k", 1).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "k"));
	}

	@Test
	void aCalibrationDayThatIsNotInThePastIsRefusedByName() {
		as("crm").documentName("fitPredictionModels").variable("calibrationEnd", "2199-01-01").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "calibrationEnd"));
		as("crm").documentName("fitPredictionModels").variable("calibrationEnd", today.minusDays(91).toString())
			.variable("holdoutEnd", today.minusDays(100).toString()).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "holdoutEnd"));
	}

	private double risk(String member) {
		return as("crm").documentName("memberPrediction").variable("memberId", member).execute()
			.path("memberPrediction.churnRisk").entity(Double.class).get();
	}

	private void order(String member, LocalDate day, String amount) {
		recordPaidOrder(member, Instant.parse(day + "T04:00:00Z"), amount);
	}

}
