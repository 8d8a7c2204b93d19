package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.Referral;
import io.membergraph.member.MergeParticipant;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Moves a merged member's loyalty to the survivor: the ledger entries (renamed under the survivor), the
 * account (absorbed into the survivor's in one version-guarded update), the tier, and the referrals.
 * Runs after the orders have moved, so a refund of a moved order finds its earned points under the survivor.
 */
@Component
@Order(20)
public class LoyaltyMerge implements MergeParticipant {

	private final MongoTemplate mongo;

	private final PointsPosting posting;

	private final AccountChange change;

	private final TierQualification tiers;

	private final Clock clock;

	private final PointsJournals journals;

	private final MergedLedger ledger;

	private final BuyingRewards rewards;

	LoyaltyMerge(MongoTemplate mongo, PointsPosting posting, AccountChange change, TierQualification tiers, Clock clock,
			PointsJournals journals, MergedLedger ledger, BuyingRewards rewards) {
		this.journals = journals;
		this.ledger = ledger;
		this.rewards = rewards;
		this.mongo = mongo;
		this.posting = posting;
		this.change = change;
		this.tiers = tiers;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "loyalty";
	}

	@Override
	public void prepare(String mergedId) {
		// What a batch decided on the merged account goes to its ledger before the ledger moves.
		journals.flushDecided(mergedId);
		mongo.find(Query.query(Criteria.where("memberId").is(mergedId).and("status").is(EntryStatus.PENDING))
			.with(Sort.by("createdAt")), PointsEntry.class).forEach(posting::complete);
	}

	@Override
	public Map<String, Object> move(String mergedId, String survivorId) {
		PointsAccount closed = close(mergedId, survivorId);
		// No batch decides on the account from now on; one that decided before it closed, and has not yet carried out
		// its journal, carries it out now, so that the ledger moved below is whole.
		journals.flushDecided(mergedId);
		PointsAccount combined = absorbAccount(mergedId, survivorId);
		List<PointsEntry> entries = mongo.find(Query.query(Criteria.where("memberId").is(mergedId)), PointsEntry.class);
		ledger.move(entries, mergedId, survivorId, closed);
		mongo.remove(Query.query(Criteria.where("_id").is(mergedId)), PointsAccount.class);
		tiers.absorb(survivorId, mergedId, combined, clock.instant());
		long referrals = moveReferrals(mergedId, survivorId);
		Map<String, Object> moved = new LinkedHashMap<>();
		moved.put("ledgerEntries", entries.size());
		moved.put("referrals", referrals);
		return moved;
	}

	/**
	 * Closes the merged member's account to postings, so that what the survivor takes is final: a posting or a batch
	 * that read it before fails its write (the version moved) and, reading it again, finds it closed. A member without
	 * an account (none was opened, or a run of this merge cut short had already removed it) gets a closed, empty one,
	 * so that nothing opens one for it meanwhile.
	 */
	private PointsAccount close(String mergedId, String survivorId) {
		for (int attempt = 0; attempt < PointsPosting.MAX_ATTEMPTS; attempt++) {
			PointsAccount account = mongo.findById(mergedId, PointsAccount.class);
			if (account == null) {
				try {
					return mongo.insert(PointsAccount.open(mergedId).closedInto(survivorId).changedAt(clock.instant()));
				}
				catch (DuplicateKeyException openedMeanwhile) {
					continue;
				}
			}
			if (account.mergedInto() != null) {
				return account;
			}
			PointsAccount closed = account.closedInto(survivorId).changedAt(clock.instant());
			Query unchanged = Query.query(Criteria.where("_id").is(mergedId).and("version").is(account.version()));
			if (mongo.replace(unchanged, closed).getModifiedCount() == 1) {
				return closed;
			}
		}
		throw new IllegalStateException("Points account " + mergedId + " kept changing during a merge; the merge "
				+ "will be resumed");
	}

	/** Absorbs the merged account into the survivor's, unless that happened before the merge was interrupted. */
	private PointsAccount absorbAccount(String mergedId, String survivorId) {
		String absorption = "merge:" + mergedId;
		for (int attempt = 0; attempt < PointsPosting.MAX_ATTEMPTS; attempt++) {
			PointsAccount survivor = posting.accountOf(survivorId);
			PointsAccount merged = mongo.findById(mergedId, PointsAccount.class);
			if (merged == null || survivor.decisionOn(absorption) != null) {
				return survivor;
			}
			PointsAccount combined = change.absorb(survivor, merged, ledger.renaming(mergedId, survivorId), absorption).changedAt(clock.instant());
			Query unchanged = Query.query(Criteria.where("_id").is(survivorId).and("version").is(survivor.version()));
			if (mongo.replace(unchanged, combined).getModifiedCount() == 1) {
				return combined;
			}
		}
		throw new IllegalStateException("Points account " + survivorId + " kept changing during a merge; the merge "
				+ "will be resumed");
	}

	/**
	 * Referrals made by the merged member become the survivor's; so does the referral that brought it in. A referral
	 * between the two ends, and what it earned goes back: the customer referred itself.
	 */
	private long moveReferrals(String mergedId, String survivorId) {
		Referral survivorBroughtIn = mongo.findById(survivorId, Referral.class);
		if (survivorBroughtIn != null && isBetween(survivorBroughtIn, mergedId, survivorId)) {
			// The merged member earned it; its ledger is the survivor's now, the reward under its own key.
			rewards.takeBackSelfReferral(survivorId, survivorBroughtIn.rewardKey(), mergedId, clock.instant());
		}
		long made = mongo.updateMulti(Query.query(Criteria.where("referrerId").is(mergedId)),
				Update.update("referrerId", survivorId), Referral.class).getModifiedCount();
		Referral broughtIn = mongo.findById(mergedId, Referral.class);
		if (broughtIn != null) {
			if (isBetween(broughtIn, mergedId, survivorId)) {
				rewards.takeBackSelfReferral(survivorId, broughtIn.rewardKey(), mergedId, clock.instant());
			}
			else if (mongo.findById(survivorId, Referral.class) == null) {
				mongo.save(new Referral(survivorId, broughtIn.referrerId(), broughtIn.at(), broughtIn.recordedBy(),
						broughtIn.originallyReferredId() == null ? mergedId : broughtIn.originallyReferredId()));
			}
			mongo.remove(broughtIn);
		}
		mongo.remove(Query.query(Criteria.where("_id").is(survivorId).and("referrerId").is(survivorId)), Referral.class);
		return made;
	}

	/** Whether one of the two merged members referred the other (the referrer may already read as the survivor). */
	private static boolean isBetween(Referral referral, String mergedId, String survivorId) {
		return referral.referrerId().equals(mergedId) || referral.referrerId().equals(survivorId);
	}

}
