package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.CustomerAnalytics;
import io.membergraph.analytics.ScopeInput;
import io.membergraph.customer.LifecycleThresholds;
import io.membergraph.customer.RfmScore;
import io.membergraph.member.Member;
import io.membergraph.member.MemberBatches;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.UserError;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
public class AnalyticsController {

	private final CustomerAnalytics analytics;

	private final BusinessCalendar calendar;

	AnalyticsController(CustomerAnalytics analytics, BusinessCalendar calendar) {
		this.analytics = analytics;
		this.calendar = calendar;
	}

	record RfmInput(ScopeInput scope, Rfm.Reference reference, Double recencyThreshold, Double frequencyThreshold,
			Money monetaryThreshold, List<Integer> recencyCuts, List<Integer> frequencyCuts, List<Money> monetaryCuts) {

		Rfm.Settings settings() {
			return new Rfm.Settings(reference, recencyThreshold, frequencyThreshold, monetaryThreshold, recencyCuts,
					frequencyCuts, monetaryCuts);
		}

	}

	record CohortInput(ScopeInput scope, CohortRetention.Basis basis, String from, String to, Integer maxOffset,
			Boolean byChannel) {
	}

	record ValueMatrixInput(ScopeInput scope, Money aovThreshold, Double frequencyThreshold) {
	}

	record LifecycleInput(ScopeInput scope, Integer newDays, Integer activeDays, Integer atRiskDays, Integer lapsedDays,
			Boolean rhythm, Double activeFactor, Double atRiskFactor, Double lapsedFactor) {

		LifecycleThresholds settings() {
			LifecycleThresholds d = LifecycleThresholds.DEFAULT;
			return new LifecycleThresholds(or(newDays, d.newDays()), or(activeDays, d.activeDays()),
					or(atRiskDays, d.atRiskDays()), or(lapsedDays, d.lapsedDays()), Boolean.TRUE.equals(rhythm),
					or(activeFactor, d.activeFactor()), or(atRiskFactor, d.atRiskFactor()), or(lapsedFactor, d.lapsedFactor()));
		}

		private static <T> T or(T value, T otherwise) {
			return value == null ? otherwise : value;
		}

	}

	/** {@code LifecycleTransitionsInput}: the stage settings of {@code LifecycleInput} and the earlier day. */
	record LifecycleTransitionsInput(ScopeInput scope, LocalDate fromDate, Integer newDays, Integer activeDays,
			Integer atRiskDays, Integer lapsedDays, Boolean rhythm, Double activeFactor, Double atRiskFactor,
			Double lapsedFactor) {

		LifecycleInput stages() {
			return new LifecycleInput(scope, newDays, activeDays, atRiskDays, lapsedDays, rhythm, activeFactor,
					atRiskFactor, lapsedFactor);
		}

	}

	@QueryMapping
	ValueMatrix.Result valueMatrix(@Argument ValueMatrixInput input) {
		return analytics.valueMatrix(scope(input.scope()),
				new ValueMatrix.Settings(input.aovThreshold(), input.frequencyThreshold()));
	}

	@QueryMapping
	Lifecycle.Distribution lifecycle(@Argument LifecycleInput input) {
		return analytics.lifecycle(scope(input.scope()), input.settings());
	}

	@QueryMapping
	Lifecycle.Transitions lifecycleTransitions(@Argument LifecycleTransitionsInput input) {
		AnalysisScope to = scope(input.scope());
		AnalysisScope from = new AnalysisScope(InvalidInputException.require("fromDate", input.fromDate()), to.zone(), null,
				null, null, null, null, to.storeId(), null);
		return analytics.lifecycleTransitions(from, to, input.stages().settings());
	}

	@SchemaMapping(typeName = "LifecycleTransitions")
	LocalDate fromDate(Lifecycle.Transitions transitions) {
		return transitions.from().asOf();
	}

	@SchemaMapping(typeName = "LifecycleTransitions")
	AnalysisScope scope(Lifecycle.Transitions transitions) {
		return transitions.to();
	}

	@SchemaMapping(typeName = "ValueMatrix")
	Money aovReference(ValueMatrix.Result result) {
		return new Money(Math.round(result.aovReference()));
	}

	record RepurchaseInput(ScopeInput scope, Repurchase.Dimension dimension, Integer top) {

		Repurchase.Dimension dimensionOrDefault() {
			return dimension == null ? Repurchase.Dimension.PRODUCT : dimension;
		}

	}

	@QueryMapping
	Repurchase.Result repurchase(@Argument RepurchaseInput input) {
		return analytics.repurchase(scope(input.scope()), input.dimensionOrDefault(), input.top() == null ? 20 : input.top());
	}

	@QueryMapping
	List<Repurchase.DueMember> dueForRepurchase(@Argument DueForRepurchaseInput input) {
		return analytics.dueForRepurchase(scope(input.scope()),
				input.dimension() == null ? Repurchase.Dimension.PRODUCT : input.dimension(), input.key(),
				input.withinDays() == null ? 7 : input.withinDays());
	}

	record DueForRepurchaseInput(ScopeInput scope, Repurchase.Dimension dimension, String key, Integer withinDays) {
	}

	@QueryMapping
	Acquisition.Result acquisition(@Argument PeriodsInput input) {
		return analytics.acquisition(scope(input.scope()), input.periodOr(Period.MONTH), input.requiredFrom());
	}

	@QueryMapping
	MemberBase.Result memberBase(@Argument ScopedInput input) {
		return analytics.memberBase(scope(input.scope()));
	}

	@QueryMapping
	List<MemberBase.Migration> tierMigration(@Argument TierMigrationInput input) {
		return analytics.tierMigration(scope(input.scope()), InvalidInputException.require("fromDate", input.fromDate()));
	}

	record TierMigrationInput(ScopeInput scope, LocalDate fromDate) {
	}

	@QueryMapping
	List<PointsFlows.PeriodPoints> pointsFlows(@Argument PeriodsInput input) {
		return analytics.pointsFlows(scope(input.scope()), input.periodOr(Period.MONTH), input.requiredFrom());
	}

	@QueryMapping
	SalesKpis.Result salesKpis(@Argument SalesKpisInput input, DataFetchingFieldSelectionSet selection) {
		java.util.Set<SalesKpis.Column> shown = java.util.EnumSet.noneOf(SalesKpis.Column.class);
		for (SalesKpis.Column column : SalesKpis.Column.values()) {
			if (selection.contains("rows/" + column.field())) {
				shown.add(column);
			}
		}
		return analytics.salesKpis(scope(input.scope()), input.period() == null ? Period.DAY : input.period(),
				InvalidInputException.require("from", input.from()),
				input.dimension() == null ? SalesKpis.Dimension.NONE : input.dimension(), shown);
	}

	record SalesKpisInput(ScopeInput scope, Period period, LocalDate from, SalesKpis.Dimension dimension) {
	}

	@QueryMapping
	Rfm.Result rfm(@Argument RfmInput input) {
		return analytics.rfm(scope(input.scope()), input.settings());
	}

	@MutationMapping
	ScoreRfmPayload scoreRfm(@Argument RfmInput input) {
		return Payloads.attempt(() -> analytics.scoreRfm(scope(input.scope()), input.settings()), ScoreRfmPayload::new);
	}

	record ScoreRfmPayload(CustomerAnalytics.Scoring scoring, List<UserError> errors) {
	}

	@QueryMapping
	CohortRetention.Result cohortRetention(@Argument CohortInput input) {
		CohortRetention.Settings settings = new CohortRetention.Settings(input.basis(), month("from", input.from()),
				month("to", input.to()), input.maxOffset() == null ? 12 : input.maxOffset(),
				Boolean.TRUE.equals(input.byChannel()));
		return analytics.cohorts(scope(input.scope()), settings);
	}

	@BatchMapping(typeName = "Member")
	Map<Member, RfmScore> rfm(List<Member> members) {
		return MemberBatches.byMember(members, analytics.storedRfms(members.stream().map(Member::id).toList()), null);
	}

	@SchemaMapping(typeName = "RfmAnalysis")
	Rfm.Reference reference(Rfm.Result result) {
		return result.settings().reference();
	}

	@SchemaMapping(typeName = "RfmAnalysis")
	String scoring(Rfm.Result result) {
		return result.settings().quintiles() ? "QUINTILES" : "THRESHOLDS";
	}

	@SchemaMapping(typeName = "RfmScoring")
	Rfm.Result analysis(CustomerAnalytics.Scoring scoring) {
		return scoring.result();
	}

	@SchemaMapping(typeName = "CohortRetention")
	CohortRetention.Basis basis(CohortRetention.Result result) {
		return result.settings().basis();
	}

	@SchemaMapping(typeName = "Cohort")
	String month(CohortRetention.Cohort cohort) {
		return cohort.month().toString();
	}

	@SchemaMapping(typeName = "AnalysisScope")
	String zone(AnalysisScope scope) {
		return scope.zone().getId();
	}

	private AnalysisScope scope(ScopeInput input) {
		return ScopeInput.toScope(input, calendar);
	}

	private static YearMonth month(String field, String value) {
		try {
			return YearMonth.parse(InvalidInputException.requireText(field, value).strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + value + "' is not a month (yyyy-MM)");
		}
	}

}
