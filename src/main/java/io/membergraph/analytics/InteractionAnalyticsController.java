package io.membergraph.analytics;

import java.time.LocalDate;
import java.util.List;

import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Funnels, interactions, satisfaction, referrals, leads and products bought together (docs/interactions.md). */
@Controller
class InteractionAnalyticsController {

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
	InteractionSummary.Result interactionSummary(@Argument ScopeInput scope, @Argument Period period,
			@Argument LocalDate from, @Argument InteractionSummary.Dimension by, @Argument Integer conversionWindowDays) {
		return interactions.summary(scope(scope), or(period, Period.MONTH), from(from),
				or(by, InteractionSummary.Dimension.CHANNEL_AND_TYPE), or(conversionWindowDays, 7));
	}

	@QueryMapping
	Satisfaction.Result satisfaction(@Argument ScopeInput scope, @Argument Period period, @Argument LocalDate from,
			@Argument Satisfaction.Dimension by) {
		return interactions.satisfaction(scope(scope), or(period, Period.MONTH), from(from),
				or(by, Satisfaction.Dimension.NONE));
	}

	@QueryMapping
	List<Satisfaction.Detractor> detractorsNotBoughtSince(@Argument ScopeInput scope, @Argument Integer first,
			@Argument String after) {
		int limit = or(first, 100);
		if (limit < 1 || limit > MAX_LISTED) {
			throw new InvalidInputException("first", "must be between 1 and " + MAX_LISTED);
		}
		return interactions.detractorsNotBoughtSince(scope(scope)).stream()
			.filter(d -> after == null || d.memberId().compareTo(after) > 0)
			.limit(limit)
			.toList();
	}

	@QueryMapping
	ReferralEffect.Result referralEffect(@Argument ScopeInput scope, @Argument Period period, @Argument LocalDate from,
			@Argument Integer referrerWindowDays) {
		return growth.referralEffect(scope(scope), or(period, Period.MONTH), from(from), or(referrerWindowDays, 90));
	}

	@QueryMapping
	LeadConversion.Result leadConversion(@Argument ScopeInput scope, @Argument Period period, @Argument LocalDate from,
			@Argument LeadConversion.Source by, @Argument Integer windowDays) {
		return growth.leadConversion(scope(scope), or(period, Period.MONTH), from(from), by, or(windowDays, 30));
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
