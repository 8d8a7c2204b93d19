package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.analytics.internal.LeadConversion;
import io.membergraph.analytics.internal.Period;
import io.membergraph.analytics.internal.ProductAssociations;
import io.membergraph.analytics.internal.ReferralEffect;
import io.membergraph.analytics.internal.ScopesShown;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.DistinctMembers;
import io.membergraph.customer.InteractionFacts;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.customer.OrderFacts;
import io.membergraph.engagement.InteractionType;
import io.membergraph.loyalty.Referral;
import io.membergraph.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Where new customers come from and what they buy: referrals, leads by source, products bought together. */
@Service
public class GrowthAnalytics {

	static final int MAX_DAYS = 365;

	private final ScopedHistories histories;

	private final LoyaltyFacts loyalty;

	private final InteractionFacts interactions;

	private final OrderFacts orders;

	GrowthAnalytics(ScopedHistories histories, LoyaltyFacts loyalty, InteractionFacts interactions, OrderFacts orders) {
		this.histories = histories;
		this.loyalty = loyalty;
		this.interactions = interactions;
		this.orders = orders;
	}

	/** A record a referral effect rests on, of its member. */
	private record RestedOn(String owner, long identity, long state) {
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public ReferralEffect.Result referralEffect(AnalysisScope scope, Period period, LocalDate from, int days) {
		period.count(from, scope.asOf());
		requireDays("referrerWindowDays", days);
		Map<String, CustomerHistory> members = histories.byId(scope);
		// Referred members are looked up whatever the scope's filters (the filters select the referrers); the
		// all-time scope keeps the store, so every member's orders are counted alike.
		Map<String, CustomerHistory> everyone = scope.filtersMembers() ? histories.reachedById(scope) : members;
		List<Referral> referrals = loyalty.referrals().stream()
			.filter(r -> members.containsKey(r.referrerId()))
			.toList();
		// What the figures rest on is kept only for a caller whose answers are set against each other.
		List<RestedOn> restedOn = new ArrayList<>();
		ScopesShown.Records keep = histories.guardsCaller()
				? (owner, identity, state) -> restedOn.add(new RestedOn(owner, identity, state))
				: (owner, identity, state) -> {
				};
		ReferralEffect.Result effect = ReferralEffect.of(referrals, everyone, scope, period, from, days, keep);
		// Asked with another window, or as of another day, the referrers counted and their orders differ: by those of
		// one referrer, the two answers set against each other would be that member's spend.
		histories.refuseDifferingByAFew(scope, "referral effect", "from " + from + ", " + days + " days", members.size(),
				records -> restedOn.forEach(r -> records.add(r.owner(), r.identity(), r.state())));
		if (histories.guardsCaller()) {
			// Each row is set against the periods shown before too (ReferralEffect.rowsRestingOn).
			histories.refusePeriodsDifferingByAFew(scope, "referral effect",
					ReferralEffect.rowsRestingOn(referrals, everyone, scope, period, from));
		}
		return effect;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public LeadConversion.Result leadConversion(AnalysisScope scope, Period period, LocalDate from,
			LeadConversion.Source by, int windowDays) {
		period.count(from, scope.asOf());
		requireDays("windowDays", windowDays);
		LeadConversion.Source source = by == null ? LeadConversion.Source.JOIN_CHANNEL : by;
		List<CustomerHistory> members = histories.in(scope);
		return new LeadConversion.Result(scope, period, source, windowDays,
				LeadConversion.rows(members, scope, period, from, windowDays, sourceOf(source, from, scope)));
	}

	private Function<CustomerHistory, String> sourceOf(LeadConversion.Source source, LocalDate from, AnalysisScope scope) {
		switch (source) {
			case REFERRAL -> {
				Set<String> referred = loyalty.referrals().stream().map(Referral::referredId).collect(Collectors.toSet());
				return m -> referred.contains(m.memberId()) ? "referral" : "direct";
			}
			case CAMPAIGN -> {
				return onRegistration(from, scope, InteractionFacts.Event::campaignId);
			}
			case STORE -> {
				return onRegistration(from, scope, InteractionFacts.Event::storeId);
			}
			default -> {
				return m -> m.joinChannel() == null ? "unknown" : m.joinChannel().name();
			}
		}
	}

	/** What the member's registration interaction recorded (a campaign, a store), else "none". */
	private Function<CustomerHistory, String> onRegistration(LocalDate from, AnalysisScope scope,
			Function<InteractionFacts.Event, String> recorded) {
		Map<String, String> sourceOf = new HashMap<>();
		// A day early: the registration interaction may be stamped just before the member's joinedAt.
		interactions.between(from.minusDays(1).atStartOfDay(scope.zone()).toInstant(), scope.end(),
				List.of(InteractionType.REGISTER), event -> {
			if (event.type() == InteractionType.REGISTER && event.memberId() != null && recorded.apply(event) != null) {
				sourceOf.putIfAbsent(event.memberId(), recorded.apply(event));
			}
		});
		return m -> sourceOf.getOrDefault(m.memberId(), "none");
	}

	/** Rules between items bought in the same order in the scope's window (all time without one). */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public ProductAssociations.Result associations(AnalysisScope scope, ProductAssociations.Settings settings) {
		Set<String> admitted = scope.filtersMembers() ? histories.byId(scope).keySet() : null;
		if (admitted == null) {
			histories.refuseDifferingByAFew(scope);
		}
		ProductAssociations baskets = new ProductAssociations(settings);
		DistinctMembers members = orders.placedBetween(scope.start(), scope.end(),
				admitted == null ? null : m -> m != null && admitted.contains(m),
				o -> (scope.storeId() == null || scope.storeId().equals(o.storeId())) && baskets.add(o));
		return new ProductAssociations.Result(scope, settings, members.count() + baskets.guestOrders(), baskets.orders(),
				baskets.rules());
	}

	private static void requireDays(String field, int days) {
		if (days < 1 || days > MAX_DAYS) {
			throw new InvalidInputException(field, "must be between 1 and " + MAX_DAYS);
		}
	}

}
