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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Records who referred whom, and rewards the referrer once the new member buys. */
@Service
public class Referrals {

	/** The longest chain of referrals walked looking for a cycle. */
	private static final int MAX_CHAIN = 200;

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
		Referral existing = mongo.findById(referred, Referral.class);
		if (existing != null) {
			return existing.referrerId().equals(referrer) ? new ReferralPayload(existing, true, List.of())
					: conflict(existing);
		}
		if (members.firstOrderAt(referred).isPresent()) {
			// The reward comes with the new member's first order; a referral noted after it would reward a later one.
			return ReferralPayload.failed("REFERRAL_TOO_LATE", "Member " + referred + " has bought already: a referral "
					+ "brings in a new member, before the first order", "referredId");
		}
		if (broughtIn(referrer, referred)) {
			return cycle(referrer, referred);
		}
		Referral referral = new Referral(referred, referrer, clock.instant(), caller.name(), referred);
		try {
			mongo.insert(referral);
		}
		catch (DuplicateKeyException referredMeanwhile) {
			Referral first = mongo.findById(referred, Referral.class);
			return first.referrerId().equals(referrer) ? new ReferralPayload(first, true, List.of()) : conflict(first);
		}
		if (broughtIn(referrer, referred)) {
			// The referrer's own referral by the new member came in meanwhile: this one goes again. (Should both meet
			// here, both go, and either may be recorded again; a cycle is never kept.)
			mongo.remove(Query.query(Criteria.where("_id").is(referred).and("referrerId").is(referrer)), Referral.class);
			return cycle(referrer, referred);
		}
		return new ReferralPayload(referral, false, List.of());
	}

	private static ReferralPayload conflict(Referral existing) {
		return ReferralPayload.failed("REFERRAL_CONFLICT", "Member " + existing.referredId() + " was referred by "
				+ existing.referrerId() + " already", "referredId");
	}

	private static ReferralPayload cycle(String referrer, String referred) {
		return ReferralPayload.failed("REFERRAL_CYCLE", "Member " + referrer + " was brought in by " + referred
				+ " (or by someone " + referred + " brought in): " + referred + " cannot have been brought in by them",
				"referrerId");
	}

	/** Whether {@code member} was brought in by {@code ancestor}, directly or along a chain of referrals. */
	private boolean broughtIn(String member, String ancestor) {
		String id = member;
		for (int hop = 0; hop < MAX_CHAIN; hop++) {
			Referral referral = mongo.findById(id, Referral.class);
			if (referral == null) {
				return false;
			}
			id = members.currentId(referral.referrerId()).orElse(referral.referrerId());
			if (id.equals(ancestor)) {
				return true;
			}
		}
		// Longer chains than any programme sees: taken as a cycle rather than walked for ever.
		return true;
	}

	/** Who referred the member, if anyone; a plain id read. */
	public Referral of(String referredId) {
		return mongo.findById(referredId, Referral.class);
	}

}
