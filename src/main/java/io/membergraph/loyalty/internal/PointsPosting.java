package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.member.MemberDirectory;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
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
 * <p>
 * A merge closes the merged member's account before the survivor takes it ({@link PointsAccount#mergedInto}): an
 * entry of that member not decided by then is refused ({@code MEMBER_MERGED}), never decided on an account about to
 * go, and a settled entry is written only where it still is, never again under the merged member once the merge has
 * moved it to the survivor.
 */
public class PointsPosting {

	/** The points between steps, where a test may simulate a crash. */
	public enum Step {

		ENTRY_WRITTEN, ACCOUNT_UPDATED

	}

	/** Told each time a posting passes a step; the application's does nothing. */
	public interface StepListener {

		StepListener NONE = step -> {
		};

		void reached(Step step);

	}

	/** Concurrent changes to one account retry this often before giving up (and leaving the entry pending). */
	static final int MAX_ATTEMPTS = 100;

	private final MongoTemplate mongo;

	/** Accounts are read and written by plan: a buyer of thousands of orders has an account of thousands of lots. */
	private final RecordDocuments documents;

	private final AccountChange change;

	private final Clock clock;

	private final StepListener steps;

	/** Tells a member merged away, whose account the survivor has taken, from one that has none yet. */
	private final MemberDirectory members;

	public PointsPosting(MongoTemplate mongo, RecordDocuments documents, AccountChange change, Clock clock, MemberDirectory members,
			StepListener steps) {
		this.mongo = mongo;
		this.documents = documents;
		this.members = members;
		this.change = change;
		this.clock = clock;
		this.steps = steps;
	}

	/**
	 * What became of a posting.
	 *
	 * @param account the account as this posting left it, or null when it did not change it (a replay)
	 */
	public record Posted(PointsEntry entry, boolean replayed, String conflict, PointsAccount account) {

		public boolean isConflict() {
			return conflict != null;
		}

	}

	public Posted post(PointsEntry draft) {
		try {
			mongo.insert(draft.changedAt(clock.instant()));
		}
		catch (DuplicateKeyException replay) {
			return replay(mongo.findById(draft.id(), PointsEntry.class), draft);
		}
		steps.reached(Step.ENTRY_WRITTEN);
		return complete(draft);
	}

	/**
	 * A retry of the request that wrote {@code existing} under the same key: what that request came to (completed now
	 * if it was cut short), or a conflict when the key was used for a different request.
	 */
	public Posted replay(PointsEntry existing, PointsEntry draft) {
		if (!existing.fingerprint().equals(draft.fingerprint())) {
			return new Posted(existing, true, "key already used for a different request", null);
		}
		return existing.status() == EntryStatus.PENDING ? replayed(complete(existing)) : new Posted(existing, true, null, null);
	}

	private static Posted replayed(Posted completed) {
		return new Posted(completed.entry(), true, null, completed.account());
	}

	/**
	 * Finishes a pending entry: unless the account has decided it already, decides it (applies or refuses it)
	 * in one version-guarded update of the account; then settles the entry as the account decided.
	 */
	public Posted complete(PointsEntry entry) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			PointsAccount account = documents.findById(entry.memberId(), PointsAccount.class);
			AppliedEntry decided = account == null ? null : account.decisionOn(entry.id());
			if (decided != null) {
				return new Posted(settle(entry, decided), false, null, account);
			}
			PointsEntry batchCopy = account == null ? null : decidedInABatch(account, entry.id());
			if (batchCopy != null) {
				return new Posted(batchCopy, false, null, account);
			}
			String survivor = account != null ? account.mergedInto() : survivorOf(entry.memberId());
			if (survivor != null) {
				// The merge may have decided the entry itself (finishing the merged member's postings first) and moved
				// it: then it is settled under the survivor, as the client is told.
				PointsEntry moved = settledCopy(entry, survivor);
				return moved != null ? new Posted(moved, false, null, null)
						: new Posted(settle(entry, refusedByMerge(entry.id(), entry.memberId(), survivor)), false, null, null);
			}
			if (account == null) {
				account = accountOf(entry.memberId());
				if (account.mergedInto() != null) {
					// Not opened here: a merge closed the member meanwhile, with an account standing in for none.
					continue;
				}
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

	/**
	 * The entry as a batch the account has taken decided it, written in its place; null when no batch did. A batch
	 * that read the ledger before this entry was written may have granted the same key (a first-order reward, a
	 * welcome) and its account taken it; its journal holds the entry until it is carried out, which then writes its
	 * copy over this pending one. The journal is looked at before the entry, and a carry-out writes the entries before
	 * it drops the journal, so one of the two readings finds it.
	 */
	private PointsEntry decidedInABatch(PointsAccount account, String entryId) {
		List<String> batches = account.applied().stream().map(PointsBatch::batchOf).filter(Objects::nonNull).toList();
		if (batches.isEmpty()) {
			return null;
		}
		Query journals = Query.query(Criteria.where("members.memberId").is(account.memberId()).and("batch").in(batches));
		PointsEntry decided = mongo.find(journals, PointsBatch.class).stream()
			.flatMap(part -> part.members().stream())
			.filter(writes -> writes.memberId().equals(account.memberId()))
			.flatMap(writes -> writes.entries().stream())
			.filter(journaled -> journaled.id().equals(entryId))
			.findFirst()
			.orElse(null);
		if (decided != null) {
			mongo.replace(Query.query(Criteria.where("_id").is(entryId).and("status").is(EntryStatus.PENDING)), decided);
			return decided;
		}
		PointsEntry stored = mongo.findById(entryId, PointsEntry.class);
		return stored != null && stored.status() != EntryStatus.PENDING ? stored : null;
	}

	/** The refusal of an entry its member's merge left undecided: it is asked again for the survivor. */
	static AppliedEntry refusedByMerge(String entryId, String mergedId, String survivorId) {
		return new AppliedEntry(entryId, 0, EntryStatus.REJECTED, "MEMBER_MERGED: member " + mergedId
				+ " was merged into " + survivorId + " while this was posted; ask again for " + survivorId);
	}

	/** The entry's copy under the survivor of its member's merge, once settled there; null when there is none. */
	private PointsEntry settledCopy(PointsEntry entry, String survivorId) {
		return mongo.find(Lookups.byIds(PointsEntry.idsUnder(survivorId, entry.id(), entry.memberId())), PointsEntry.class)
			.stream()
			.filter(copy -> entry.id().equals(copy.movedFrom()) && copy.status() != EntryStatus.PENDING)
			.findFirst()
			.orElse(null);
	}

	/** The member a member without an account was merged into, whose account took its own; null when not merged. */
	private String survivorOf(String memberId) {
		return members.currentId(memberId).filter(current -> !current.equals(memberId)).orElse(null);
	}

	public PointsAccount accountOf(String memberId) {
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
		return documents.replace(unchanged, after.changedAt(clock.instant()));
	}

	/**
	 * Writes the entry as the account decided it. Every completer derives the same content from the account, so the
	 * write needs no condition but the entry's being there: one a merge has moved to the survivor meanwhile was
	 * settled there as the merged account decided it, and is not written again under the merged member.
	 */
	private PointsEntry settle(PointsEntry entry, AppliedEntry decision) {
		Instant now = clock.instant();
		PointsEntry settled = entry.settled(decision.outcome(), decision.points(), decision.note(), now).changedAt(now);
		mongo.replace(Query.query(Criteria.where("_id").is(entry.id())), settled);
		return settled;
	}

}
