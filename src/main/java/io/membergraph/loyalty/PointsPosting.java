package io.membergraph.loyalty;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Posts ledger entries without multi-document transactions, in three steps:
 * <ol>
 * <li>the entry is written as PENDING (its id is the idempotency key, so a replay finds it);</li>
 * <li>the account is updated, conditional on its version, remembering the entry as applied, so the entry
 * lands exactly once however many times this step runs;</li>
 * <li>the entry is settled as APPLIED with the points that moved, or REJECTED.</li>
 * </ol>
 * A crash between steps leaves a PENDING entry that {@link #complete} finishes, whether called by a retry of
 * the same request or by the recovery sweep.
 */
class PointsPosting {

	/** The points between steps, where a test may simulate a crash. */
	enum Step {

		ENTRY_WRITTEN, ACCOUNT_UPDATED

	}

	/** Told each time a posting passes a step; the application's does nothing. */
	interface StepListener {

		StepListener NONE = step -> {
		};

		void reached(Step step);

	}

	/** Concurrent changes to one account retry this often before giving up (and leaving the entry pending). */
	static final int MAX_ATTEMPTS = 100;

	private final MongoTemplate mongo;

	private final AccountChange change;

	private final Clock clock;

	private final StepListener steps;

	PointsPosting(MongoTemplate mongo, AccountChange change, Clock clock, StepListener steps) {
		this.mongo = mongo;
		this.change = change;
		this.clock = clock;
		this.steps = steps;
	}

	/** What became of a posting. */
	record Posted(PointsEntry entry, boolean replayed, String conflict) {

		boolean isConflict() {
			return conflict != null;
		}

	}

	Posted post(PointsEntry draft) {
		try {
			mongo.insert(draft);
		}
		catch (DuplicateKeyException replay) {
			PointsEntry existing = mongo.findById(draft.id(), PointsEntry.class);
			if (!existing.fingerprint().equals(draft.fingerprint())) {
				return new Posted(existing, true, "key already used for a different request");
			}
			return new Posted(existing.status() == EntryStatus.PENDING ? complete(existing) : existing, true, null);
		}
		steps.reached(Step.ENTRY_WRITTEN);
		return new Posted(complete(draft), false, null);
	}

	/** Finishes a pending entry: applies it to the account unless the account has it already, then settles it. */
	PointsEntry complete(PointsEntry entry) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			PointsAccount account = accountOf(entry.memberId());
			Long alreadyApplied = account.appliedPoints(entry.id());
			if (alreadyApplied != null) {
				return settle(entry, EntryStatus.APPLIED, alreadyApplied, noteFor(entry, alreadyApplied));
			}
			AccountChange.Outcome outcome = change.apply(account, entry);
			if (outcome.isRefused()) {
				return settle(entry, EntryStatus.REJECTED, 0, outcome.refusal() + ": " + outcome.refusalMessage());
			}
			if (replace(account, outcome.account())) {
				steps.reached(Step.ACCOUNT_UPDATED);
				return settle(entry, EntryStatus.APPLIED, outcome.points(), outcome.note());
			}
		}
		throw new OptimisticLockingFailureException("Points account " + entry.memberId() + " kept changing; entry "
				+ entry.id() + " stays pending for the recovery sweep");
	}

	PointsAccount accountOf(String memberId) {
		PointsAccount account = mongo.findById(memberId, PointsAccount.class);
		if (account != null) {
			return account;
		}
		try {
			return mongo.insert(PointsAccount.open(memberId));
		}
		catch (DuplicateKeyException openedMeanwhile) {
			return mongo.findById(memberId, PointsAccount.class);
		}
	}

	private boolean replace(PointsAccount before, PointsAccount after) {
		Query unchanged = Query.query(Criteria.where("_id").is(before.memberId()).and("version").is(before.version()));
		return mongo.replace(unchanged, after).getModifiedCount() == 1;
	}

	private PointsEntry settle(PointsEntry entry, EntryStatus status, long points, String note) {
		PointsEntry settled = entry.settled(status, points, note, clock.instant());
		mongo.replace(Query.query(Criteria.where("_id").is(entry.id()).and("status").is(EntryStatus.PENDING)), settled);
		return mongo.findById(entry.id(), PointsEntry.class);
	}

	/** The note of a capped reversal, rebuilt when a crash lost the one made as it was applied. */
	private static String noteFor(PointsEntry entry, long applied) {
		if (entry.type() == EntryType.REVERSE && -applied < entry.requested()) {
			return "capped: " + (entry.requested() + applied) + " of " + entry.requested()
					+ " points could not be taken back";
		}
		return null;
	}

}
