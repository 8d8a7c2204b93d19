package io.membergraph.loyalty;

import java.time.Clock;
import java.time.Instant;

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

	/**
	 * What became of a posting.
	 *
	 * @param account the account as this posting left it, or null when it did not change it (a replay)
	 */
	record Posted(PointsEntry entry, boolean replayed, String conflict, PointsAccount account) {

		boolean isConflict() {
			return conflict != null;
		}

	}

	Posted post(PointsEntry draft) {
		try {
			mongo.insert(draft.changedAt(clock.instant()));
		}
		catch (DuplicateKeyException replay) {
			PointsEntry existing = mongo.findById(draft.id(), PointsEntry.class);
			if (!existing.fingerprint().equals(draft.fingerprint())) {
				return new Posted(existing, true, "key already used for a different request", null);
			}
			return existing.status() == EntryStatus.PENDING ? replayed(complete(existing)) : new Posted(existing, true, null, null);
		}
		steps.reached(Step.ENTRY_WRITTEN);
		return complete(draft);
	}

	private static Posted replayed(Posted completed) {
		return new Posted(completed.entry(), true, null, completed.account());
	}

	/**
	 * Finishes a pending entry: unless the account has decided it already, decides it (applies or refuses it)
	 * in one version-guarded update of the account; then settles the entry as the account decided.
	 */
	Posted complete(PointsEntry entry) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			PointsAccount account = accountOf(entry.memberId());
			AppliedEntry decided = account.decisionOn(entry.id());
			if (decided != null) {
				return new Posted(settle(entry, decided), false, null, account);
			}
			AccountChange.Outcome outcome = change.apply(account, entry);
			if (replace(account, outcome.account())) {
				steps.reached(Step.ACCOUNT_UPDATED);
				return new Posted(settle(entry, outcome.account().decisionOn(entry.id())), false, null, outcome.account());
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
			return mongo.insert(PointsAccount.open(memberId).changedAt(clock.instant()));
		}
		catch (DuplicateKeyException openedMeanwhile) {
			return mongo.findById(memberId, PointsAccount.class);
		}
	}

	private boolean replace(PointsAccount before, PointsAccount after) {
		Query unchanged = Query.query(Criteria.where("_id").is(before.memberId()).and("version").is(before.version()));
		return mongo.replace(unchanged, after.changedAt(clock.instant())).getModifiedCount() == 1;
	}

	/**
	 * Writes the entry as the account decided it. Every completer derives the same content from the account,
	 * so the write needs no condition, and it is a plain {@code _id} write on any store.
	 */
	private PointsEntry settle(PointsEntry entry, AppliedEntry decision) {
		Instant now = clock.instant();
		PointsEntry settled = entry.settled(decision.outcome(), decision.points(), decision.note(), now).changedAt(now);
		mongo.save(settled);
		return settled;
	}

}
