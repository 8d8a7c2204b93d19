package io.membergraph.loyalty;

import java.time.Clock;
import java.util.List;

import io.membergraph.loyalty.LoyaltyInputs.RecordReferralInput;
import io.membergraph.member.MemberDirectory;
import io.membergraph.security.Caller;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Records who referred whom, and rewards the referrer once the new member buys. */
@Service
public class Referrals {

	private final MongoTemplate mongo;

	private final MemberDirectory members;

	private final Caller caller;

	private final Clock clock;

	Referrals(MongoTemplate mongo, MemberDirectory members, Caller caller, Clock clock) {
		this.mongo = mongo;
		this.members = members;
		this.caller = caller;
		this.clock = clock;
	}

	/** The answer to recording a referral. */
	public record ReferralPayload(Referral referral, boolean replayed, List<UserError> errors) {

		static ReferralPayload failed(String code, String message, String field) {
			return new ReferralPayload(null, false, List.of(new UserError(code, message, field)));
		}

	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','STOREFRONT')")
	public ReferralPayload record(RecordReferralInput input) {
		String givenReferrer = InvalidInputException.requireText("referrerId", input.referrerId());
		String givenReferred = InvalidInputException.requireText("referredId", input.referredId());
		if (givenReferrer.equals(givenReferred)) {
			throw new InvalidInputException("referredId", "a member cannot refer itself");
		}
		String referrer = members.currentId(givenReferrer).orElse(null);
		String referred = members.currentId(givenReferred).orElse(null);
		if (referrer == null || referred == null) {
			String missing = referrer == null ? givenReferrer : givenReferred;
			return ReferralPayload.failed("MEMBER_NOT_FOUND", "No member with id '" + missing + "'",
					referrer == null ? "referrerId" : "referredId");
		}
		if (referrer.equals(referred)) {
			throw new InvalidInputException("referredId", "is the same member as the referrer since their merge");
		}
		try {
			return new ReferralPayload(mongo.insert(new Referral(referred, referrer, clock.instant(), caller.name(), referred)), false,
					List.of());
		}
		catch (DuplicateKeyException alreadyReferred) {
			Referral existing = mongo.findById(referred, Referral.class);
			if (existing.referrerId().equals(referrer)) {
				return new ReferralPayload(existing, true, List.of());
			}
			return ReferralPayload.failed("REFERRAL_CONFLICT", "Member " + referred + " was referred by "
					+ existing.referrerId() + " already", "referredId");
		}
	}

	/** Who referred the member, if anyone; a plain id read. */
	Referral of(String referredId) {
		return mongo.findById(referredId, Referral.class);
	}

}
