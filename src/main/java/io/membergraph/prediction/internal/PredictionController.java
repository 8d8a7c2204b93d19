package io.membergraph.prediction.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.ScopeInput;
import io.membergraph.customer.MemberPrediction;
import io.membergraph.member.Member;
import io.membergraph.member.MemberBatches;
import io.membergraph.prediction.MemberClusters;
import io.membergraph.prediction.MemberPredictions;
import io.membergraph.prediction.MemberScoring.ScoringRun;
import io.membergraph.prediction.MemberScoring;
import io.membergraph.prediction.PredictionFitting;
import io.membergraph.prediction.SalesForecasting;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.DeprecatedArguments;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
public class PredictionController {

	private final PredictionFitting fitting;

	private final MemberScoring scoring;

	private final MemberPredictions predictions;

	private final SalesForecasting sales;

	private final MemberClusters clusters;

	private final BusinessCalendar calendar;

	private final Clock clock;

	PredictionController(PredictionFitting fitting, MemberScoring scoring, MemberPredictions predictions,
			SalesForecasting sales, MemberClusters clusters, BusinessCalendar calendar, Clock clock) {
		this.clusters = clusters;
		this.calendar = calendar;
		this.clock = clock;
		this.fitting = fitting;
		this.scoring = scoring;
		this.predictions = predictions;
		this.sales = sales;
	}

	record ClustersInput(Integer k, ScopeInput scope) {
	}

	record SalesForecastInput(Integer horizon, SalesForecasting.Granularity granularity) {
	}

	@QueryMapping
	Clustering.Result clusters(@Argument ClustersInput input, @Argument Integer k) {
		ClustersInput given = DeprecatedArguments.orInput(input, () -> new ClustersInput(k, null), k);
		// Without a scope: every member's orders up to today.
		AnalysisScope scope = given.scope() == null
				? new AnalysisScope(calendar.dayOf(clock.instant()), calendar.zone(), null, null, null, null, null)
				: ScopeInput.toScope(given.scope(), calendar);
		return clusters.clusters(given.k(), scope);
	}

	@QueryMapping
	SalesForecasting.SalesForecast salesForecast(@Argument SalesForecastInput input, @Argument Integer horizon,
			@Argument SalesForecasting.Granularity granularity) {
		SalesForecastInput given = DeprecatedArguments.orInput(input, () -> new SalesForecastInput(horizon, granularity),
				horizon, granularity);
		return sales.forecast(given.horizon() == null ? 28 : given.horizon(), given.granularity());
	}

	@QueryMapping
	PredictionModel predictionModel() {
		return fitting.current();
	}

	@QueryMapping
	MemberPrediction memberPrediction(@Argument String memberId) {
		return predictions.of(memberId);
	}

	/** The member's scores from the latest scoring run, as {@code memberPrediction} gives them to the caller. */
	@BatchMapping(typeName = "Member")
	Map<Member, MemberPrediction> prediction(List<Member> members) {
		return MemberBatches.byMember(members, predictions.ofAll(members.stream().map(Member::id).toList()), null);
	}

	record ChurnRiskInput(String segmentId) {
	}

	record MembersDueToBuyInput(Integer withinDays) {
	}

	@QueryMapping
	List<MemberPrediction> churnRisk(@Argument ChurnRiskInput input, @Argument Integer first, @Argument String after,
			@Argument String segmentId) {
		ChurnRiskInput given = DeprecatedArguments.orInput(input, () -> new ChurnRiskInput(segmentId), segmentId);
		return predictions.byChurnRisk(given.segmentId(), first == null ? 100 : first, after);
	}

	@QueryMapping
	List<MemberPrediction> membersDueToBuy(@Argument MembersDueToBuyInput input, @Argument Integer first,
			@Argument Integer withinDays) {
		MembersDueToBuyInput given = DeprecatedArguments.orInput(input, () -> new MembersDueToBuyInput(withinDays),
				withinDays);
		return predictions.dueToBuy(calendar.dayOf(clock.instant()), given.withinDays() == null ? 14 : given.withinDays(),
				first == null ? 100 : first);
	}

	@QueryMapping
	List<MemberPredictions.BandSummary> churnBands() {
		return predictions.bands();
	}

	@SchemaMapping(typeName = "Clustering")
	List<Map<String, Object>> silhouettes(Clustering.Result result) {
		return result.silhouettes().entrySet().stream()
			.map(e -> Map.<String, Object>of("k", e.getKey(), "silhouette", e.getValue()))
			.toList();
	}

	@SchemaMapping(typeName = "ClusterProfile")
	List<Map<String, Object>> categoryShares(Clustering.Profile profile) {
		return profile.categoryShares().entrySet().stream()
			.map(e -> Map.<String, Object>of("category", e.getKey(), "share", e.getValue()))
			.toList();
	}

	@MutationMapping
	FitPredictionModelsPayload fitPredictionModels(@Argument FitPredictionModelsInput input) {
		return Payloads.attempt(() -> fitting.fit(input.calibrationEnd(), input.holdoutEnd()),
				FitPredictionModelsPayload::new);
	}

	record FitPredictionModelsPayload(PredictionModel model, List<UserError> errors) {
	}

	record FitPredictionModelsInput(LocalDate calibrationEnd, LocalDate holdoutEnd) {
	}

	@QueryMapping
	List<PredictionModel> predictionModels(@Argument Integer first) {
		return fitting.recent(InvalidInputException.between("first", first, 20, 1, 100));
	}

	@MutationMapping
	ScoreMembersPayload scoreMembers(@Argument ScoreMembersInput input) {
		return Payloads.attempt(() -> scoring.scoreMembers(input == null ? null : input.modelVersion()),
				ScoreMembersPayload::new);
	}

	record ScoreMembersInput(String modelVersion) {
	}

	record ScoreMembersPayload(ScoringRun scoring, List<UserError> errors) {
	}

}
