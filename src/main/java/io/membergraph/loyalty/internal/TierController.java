package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.loyalty.LoyaltyInputs.DefineTierInput;
import io.membergraph.loyalty.LoyaltyInputs.OverrideTierInput;
import io.membergraph.loyalty.LoyaltyInputs.TierPayload;
import io.membergraph.loyalty.Tier;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.loyalty.TierChange;
import io.membergraph.member.Member;
import io.membergraph.member.MemberBatches;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
public class TierController {

	private final TierCatalog catalog;

	private final TierQualification qualification;

	private final Clock clock;

	TierController(TierCatalog catalog, TierQualification qualification, Clock clock) {
		this.catalog = catalog;
		this.qualification = qualification;
		this.clock = clock;
	}

	@QueryMapping
	List<Tier> tiers() {
		return catalog.tiers();
	}

	@MutationMapping
	DefineTierPayload defineTier(@Argument DefineTierInput input) {
		return Payloads.attempt(() -> catalog.define(input), DefineTierPayload::new);
	}

	record DefineTierPayload(Tier tier, List<UserError> errors) {
	}

	@MutationMapping
	TierPayload overrideTier(@Argument OverrideTierInput input) {
		return qualification.override(input);
	}

	@MutationMapping
	ReevaluateTiersPayload reevaluateTiers(@Argument ReevaluateTiersInput input) {
		Instant at = input == null || input.asOf() == null ? clock.instant() : input.asOf();
		return Payloads.attempt(() -> new TierReview(at, qualification.reevaluate(TimeBounds.upToNow("asOf", at,
				clock.instant()))), ReevaluateTiersPayload::new);
	}

	record ReevaluateTiersPayload(TierReview review, List<UserError> errors) {
	}

	record TierReview(Instant asOf, int changed) {
	}

	/** The tier of every member on the page, from one read of the tier catalogue. */
	/** The moment to review as of, default now. */
	record ReevaluateTiersInput(Instant asOf) {
	}

	@BatchMapping(typeName = "Member")
	Map<Member, Tier> tier(List<Member> members) {
		Map<String, Tier> byCode = catalog.all().stream().collect(Collectors.toMap(Tier::code, Function.identity()));
		return members.stream()
			.filter(m -> m.tierCode() != null && byCode.containsKey(m.tierCode()))
			.collect(Collectors.toMap(Function.identity(), m -> byCode.get(m.tierCode()), (a, b) -> a));
	}

	@BatchMapping(typeName = "Member")
	Map<Member, List<Tier.Benefit>> benefits(List<Member> members) {
		Map<Member, Tier> tiers = tier(members);
		return members.stream()
			.collect(Collectors.toMap(Function.identity(),
					m -> tiers.containsKey(m) ? tiers.get(m).benefits() : List.of(), (a, b) -> a));
	}

	@BatchMapping(typeName = "Member")
	Map<Member, List<TierChange>> tierHistory(List<Member> members) {
		return MemberBatches.byMember(members, qualification.histories(members.stream().map(Member::id).toList()),
				List.of());
	}

}
