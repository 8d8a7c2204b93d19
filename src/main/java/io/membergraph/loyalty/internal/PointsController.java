package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.LoyaltyInputs.AdjustPointsInput;
import io.membergraph.loyalty.LoyaltyInputs.DefineEarnRuleInput;
import io.membergraph.loyalty.LoyaltyInputs.EarnPointsInput;
import io.membergraph.loyalty.LoyaltyInputs.PointsPayload;
import io.membergraph.loyalty.LoyaltyInputs.RedeemPointsInput;
import io.membergraph.loyalty.LoyaltyInputs;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.internal.PointsLedger.PointsSummary;
import io.membergraph.loyalty.PointsMaintenance.Discrepancy;
import io.membergraph.loyalty.PointsMaintenance.ExpiryRun;
import io.membergraph.loyalty.PointsMaintenance;
import io.membergraph.loyalty.Referrals;
import io.membergraph.member.Member;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
public class PointsController {

	private final PointsLedger ledger;

	private final PointsMaintenance maintenance;

	private final EarnRules rules;

	private final Referrals referrals;

	private final Clock clock;

	PointsController(PointsLedger ledger, PointsMaintenance maintenance, EarnRules rules, Referrals referrals,
			Clock clock) {
		this.ledger = ledger;
		this.maintenance = maintenance;
		this.rules = rules;
		this.referrals = referrals;
		this.clock = clock;
	}

	@MutationMapping
	Referrals.ReferralPayload recordReferral(@Argument LoyaltyInputs.RecordReferralInput input) {
		return referrals.record(input);
	}

	@QueryMapping
	Connection<PointsEntry> pointsLedger(@Argument String memberId, @Argument Integer first, @Argument String after,
			@Argument List<EntryType> types) {
		Set<EntryType> wanted = types == null || types.isEmpty() ? Set.of() : EnumSet.copyOf(types);
		return ledger.entries(memberId, wanted, PageRequest.of(first, after));
	}

	@QueryMapping
	List<EarnRule> earnRules() {
		return rules.rules();
	}

	@QueryMapping
	List<Discrepancy> pointsAudit() {
		return maintenance.audit();
	}

	@MutationMapping
	PointsPayload earnPoints(@Argument EarnPointsInput input) {
		return ledger.earnForActivity(input);
	}

	@MutationMapping
	PointsPayload redeemPoints(@Argument RedeemPointsInput input) {
		return ledger.redeem(input);
	}

	@MutationMapping
	PointsPayload adjustPoints(@Argument AdjustPointsInput input) {
		return ledger.adjust(input);
	}

	@MutationMapping
	DefineEarnRulePayload defineEarnRule(@Argument DefineEarnRuleInput input) {
		return Payloads.attempt(() -> rules.define(input), DefineEarnRulePayload::new);
	}

	record DefineEarnRulePayload(EarnRule rule, List<UserError> errors) {
	}

	@MutationMapping
	RunPointsExpiryPayload runPointsExpiry(@Argument AsOfInput input) {
		Instant asOf = input == null || input.asOf() == null ? clock.instant() : input.asOf();
		return Payloads.attempt(() -> maintenance.runExpiry(TimeBounds.upToNow("asOf", asOf, clock.instant())),
				RunPointsExpiryPayload::new);
	}

	record RunPointsExpiryPayload(ExpiryRun run, List<UserError> errors) {
	}

	/** {@code RunPointsExpiryInput}: the moment to run as of, default now. */
	record AsOfInput(Instant asOf) {
	}

	/** The points of every member on the page from one read of their accounts. */
	@BatchMapping(typeName = "Member")
	Map<Member, PointsSummary> points(List<Member> members) {
		Map<String, PointsSummary> byId = ledger.summaries(members.stream().map(Member::id).toList());
		return members.stream().collect(Collectors.toMap(Function.identity(), m -> byId.get(m.id()), (a, b) -> a));
	}

}
