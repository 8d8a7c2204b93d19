package io.membergraph.analytics.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import graphql.schema.DataFetchingFieldSelectionSet;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.GrowthAnalytics;
import io.membergraph.analytics.InteractionAnalytics;
import io.membergraph.analytics.ScopeInput;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Funnels, interactions, satisfaction, referrals, leads and products bought together (docs/interactions.md). */
@Controller
public class InteractionAnalyticsController {

	static final int MAX_LISTED = 1_000;

	private final InteractionAnalytics interactions;

	private final GrowthAnalytics growth;

	private final BusinessCalendar calendar;

	InteractionAnalyticsController(InteractionAnalytics interactions, GrowthAnalytics growth, BusinessCalendar calendar) {
		this.interactions = interactions;
		this.growth = growth;
		this.calendar = calendar;
	}

	record FunnelInput(ScopeInput scope, List<InteractionType> steps, Integer windowDays, Boolean ordered,
			Funnel.Split split, List<String> segmentIds) {
	}

	record AssociationInput(ScopeInput scope, ProductAssociations.Level level, Double minSupport, Double minConfidence,
			String item, Integer limit) {
	}

	@QueryMapping
	List<Funnel.Result> funnel(@Argument FunnelInput input) {
		Funnel.Settings settings = new Funnel.Settings(input.steps(), or(input.windowDays(), 7),
				!Boolean.FALSE.equals(input.ordered()));
		return interactions.funnel(scope(input.scope()), settings, input.split() == null ? Funnel.Split.NONE : input.split(),
				input.segmentIds());
	}

	@QueryMapping
	InteractionSummary.Result interactionSummary(@Argument InteractionSummaryInput input) {
		return interactions.summary(scope(input.scope()), or(input.period(), Period.MONTH), from(input.from()),
				or(input.by(), InteractionSummary.Dimension.CHANNEL_AND_TYPE), or(input.conversionWindowDays(), 7));
	}

	record InteractionSummaryInput(ScopeInput scope, Period period, LocalDate from, InteractionSummary.Dimension by,
			Integer conversionWindowDays) {
	}

	@QueryMapping
	Satisfaction.Result satisfaction(@Argument SatisfactionInput input, DataFetchingFieldSelectionSet selection) {
		Set<Satisfaction.Part> shown = EnumSet.noneOf(Satisfaction.Part.class);
		for (Satisfaction.Part part : Satisfaction.Part.values()) {
			if (selection.contains(part.fields())) {
				shown.add(part);
			}
		}
		return interactions.satisfaction(scope(input.scope()), or(input.period(), Period.MONTH), from(input.from()),
				or(input.by(), Satisfaction.Dimension.NONE), shown);
	}

	record SatisfactionInput(ScopeInput scope, Period period, LocalDate from, Satisfaction.Dimension by) {
	}

	@QueryMapping
	List<Satisfaction.Detractor> detractorsNotBoughtSince(@Argument ScopedInput input, @Argument Integer first,
			@Argument String after) {
		int limit = InvalidInputException.between("first", first, 100, 1, MAX_LISTED);
		return interactions.detractorsNotBoughtSince(scope(input.scope())).stream()
			.filter(d -> after == null || d.memberId().compareTo(after) > 0)
			.limit(limit)
			.toList();
	}

	@QueryMapping
	ReferralEffect.Result referralEffect(@Argument ReferralEffectInput input) {
		return growth.referralEffect(scope(input.scope()), or(input.period(), Period.MONTH), from(input.from()),
				or(input.referrerWindowDays(), 90));
	}

	record ReferralEffectInput(ScopeInput scope, Period period, LocalDate from, Integer referrerWindowDays) {
	}

	@QueryMapping
	LeadConversion.Result leadConversion(@Argument LeadConversionInput input) {
		return growth.leadConversion(scope(input.scope()), or(input.period(), Period.MONTH), from(input.from()),
				input.by(), or(input.windowDays(), 30));
	}

	record LeadConversionInput(ScopeInput scope, Period period, LocalDate from, LeadConversion.Source by,
			Integer windowDays) {
	}

	@QueryMapping
	ProductAssociations.Result productAssociations(@Argument AssociationInput input) {
		ProductAssociations.Settings settings = new ProductAssociations.Settings(input.level(),
				or(input.minSupport(), 0.001), or(input.minConfidence(), 0.1),
				input.item() == null || input.item().isBlank() ? null : input.item().strip(), or(input.limit(), 20));
		return growth.associations(scope(input.scope()), settings);
	}

	private AnalysisScope scope(ScopeInput input) {
		return ScopeInput.toScope(input, calendar);
	}

	private static LocalDate from(LocalDate from) {
		return InvalidInputException.require("from", from);
	}

	private static <T> T or(T value, T otherwise) {
		return value == null ? otherwise : value;
	}

}
