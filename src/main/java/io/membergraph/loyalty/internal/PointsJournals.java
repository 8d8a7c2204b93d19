package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.TierChange;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Backoff;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The batches' journals ({@link PointsBatch}): written before a batch's accounts, carried out into the ledger, tier
 * changes and statuses for the members whose account took the batch, then dropped (see {@link BatchLoyalty} for the
 * steps). Other writes that meet a journal between a batch's accounts and its carry-out write its share for the
 * accounts that took it first, and leave the journal to its batch, or to the recovery sweep when a crash stopped it.
 */
@Component
class PointsJournals {

	/** Entries and changes per journal document: far below MongoDB's 16 MB. */
	private static final int JOURNAL_PART = 5_000;

	/** The longest pause waiting for another instance's journal of the same batch (about ten seconds in all). */
	private static final long LONGEST_PAUSE_MS = 5_120;

	private final MongoTemplate mongo;

	/** Writes the batch's records without the converter's per-property work: the import's hottest writes. */
	private final RecordDocuments documents;

	private final MemberDirectory members;

	private final MemberProfiles profiles;

	private final MergedLedger mergedLedger;

	private final TierQualification qualification;

	private final Clock clock;

	PointsJournals(MongoTemplate mongo, RecordDocuments documents, MemberDirectory members, MemberProfiles profiles,
			MergedLedger mergedLedger, TierQualification qualification, Clock clock) {
		this.mongo = mongo;
		this.documents = documents;
		this.members = members;
		this.profiles = profiles;
		this.mergedLedger = mergedLedger;
		this.qualification = qualification;
		this.clock = clock;
	}

	/**
	 * Writes what journals hold for the member where its account took their batch, before a merge moves its ledger
	 * or a welcome looks at it. The journals stay: a batch between its journal and its accounts, or stopped there by a
	 * crash, still needs its journal for the members whose accounts take it next.
	 */
	void flushDecided(String memberId) {
		PointsAccount account = mongo.findById(memberId, PointsAccount.class);
		if (account != null) {
			writeTakenElsewhere(List.of(account), null);
		}
	}

	/**
	 * Carries out the journals that hold writes for the member, of batches a crash cut short long enough ago for
	 * the recovery sweep: what their accounts took is written, and the journals go.
	 */
	void finishLeftJournals(String memberId) {
		mongo.find(Query.query(Criteria.where("members.memberId").is(memberId)), PointsBatch.class).stream()
			.map(PointsBatch::batch)
			.distinct()
			.forEach(this::finish);
	}

	/** Writes the batch's journal; null when another instance's journal of the batch is there already. */
	List<PointsBatch> write(String batch, List<LoyaltyCourse.Ledger> ledgers) {
		List<PointsBatch> parts = new ArrayList<>();
		List<PointsBatch.MemberWrites> part = new ArrayList<>();
		int size = 0;
		for (LoyaltyCourse.Ledger ledger : ledgers) {
			PointsBatch.MemberWrites writes = new PointsBatch.MemberWrites(ledger.memberId, ledger.posted,
					ledger.tierChanges, ledger.status == ledger.readStatus ? null : ledger.status,
					ledger.readStatus == null ? -1 : ledger.readStatus.version(), ledger.shownTier);
			part.add(writes);
			size += writes.size();
			if (size >= JOURNAL_PART) {
				parts.add(new PointsBatch(batch + ":" + parts.size(), batch, parts.size(), List.copyOf(part)));
				part.clear();
				size = 0;
			}
		}
		if (!part.isEmpty()) {
			parts.add(new PointsBatch(batch + ":" + parts.size(), batch, parts.size(), List.copyOf(part)));
		}
		try {
			documents.insert(parts, PointsBatch.class);
		}
		catch (DuplicateKeyException writtenElsewhere) {
			return null;
		}
		return parts;
	}

	/** Waits, about ten seconds at most, for the journal another instance is writing to be carried out. */
	void awaitGone(String batch) {
		Query journal = Query.query(Criteria.where("batch").is(batch));
		Backoff.until(() -> !mongo.exists(journal, PointsBatch.class), LONGEST_PAUSE_MS);
	}

	/**
	 * Carries out the batch's journal for the members whose account decided the batch, and drops the journal; the
	 * others are left to be run again.
	 */
	void finish(String batch) {
		// A part is a few megabytes: read them a few at a time.
		List<PointsBatch> parts = mongo.find(Query.query(Criteria.where("batch").is(batch)).cursorBatchSize(4),
				PointsBatch.class);
		if (parts.isEmpty()) {
			return;
		}
		carryOut(parts, decided(batch, memberIdsOf(parts)));
	}

	/**
	 * Carries out the journal's writes of the members whose account decided the batch ({@code decided}; null when
	 * all did), and drops the journal.
	 */
	void carryOut(List<PointsBatch> parts, Set<String> decided) {
		List<PointsBatch.MemberWrites> writes = parts.stream().flatMap(p -> p.members().stream()).toList();
		List<PointsBatch.MemberWrites> taken = decided == null ? writes
				: writes.stream().filter(w -> decided.contains(w.memberId())).toList();
		land(taken);
		Map<String, String> shown = new LinkedHashMap<>();
		taken.stream().filter(w -> w.shownTier() != null).forEach(w -> shown.put(w.memberId(), w.shownTier()));
		profiles.changeTiers(shown);
		mongo.remove(Query.query(Criteria.where("_id").in(parts.stream().map(PointsBatch::id).toList())), PointsBatch.class);
	}

	/**
	 * Writes what other batches' journals hold for these accounts' members where the account has taken that batch
	 * and the journal is not carried out yet (its batch is between its accounts and its ledger, or a crash stopped it
	 * there). The balance counts those entries already: a course that read the ledger without them would grant again
	 * what they grant (a bulk welcome's registration reward, counted twice in the balance and once in the ledger).
	 * The journal stays for its batch, or the sweep, to carry out and drop; writing its entries twice writes nothing.
	 * {@code batch} is the caller's own, left out; null when the caller has none.
	 */
	void writeTakenElsewhere(Collection<PointsAccount> accounts, String batch) {
		Map<String, PointsAccount> byMember = new HashMap<>();
		accounts.forEach(account -> byMember.put(account.memberId(), account));
		// Looked up by the batches the accounts remember taking: a few small keys, where a lookup by member would
		// match thousands of ids against every member of every journal (the embedded store scans them all).
		Set<String> batches = new HashSet<>();
		byMember.values().forEach(account -> account.applied().stream()
			.map(PointsBatch::batchOf)
			.filter(taken -> taken != null && !taken.equals(batch))
			.forEach(batches::add));
		if (batches.isEmpty()) {
			return;
		}
		List<PointsBatch.MemberWrites> taken = new ArrayList<>();
		for (PointsBatch part : mongo.find(Query.query(Criteria.where("batch").in(batches)), PointsBatch.class)) {
			part.members().stream()
				.filter(w -> byMember.containsKey(w.memberId())
						&& byMember.get(w.memberId()).decisionOn(PointsBatch.decisionKey(part.batch())) != null)
				.forEach(taken::add);
		}
		if (!taken.isEmpty()) {
			land(taken);
		}
	}

	/**
	 * The journal's writes of members whose account took its batch: entries, tier changes and statuses, each written
	 * once however often this runs. The tier a member shows is the carry-out's alone: written unconditionally, it
	 * could otherwise put back an older tier over a later change.
	 */
	private void land(List<PointsBatch.MemberWrites> taken) {
		Instant now = clock.instant();
		writeEntries(taken.stream().flatMap(w -> w.entries().stream()).toList());
		insertIgnoringCopies(taken.stream().flatMap(w -> w.tierChanges().stream()).map(c -> c.recordedAt(now)).toList(),
				TierChange.class);
		writeStatuses(taken);
		followMerges(taken);
	}

	/**
	 * What was just written for members a merge took after their account took the batch (their account is closed now,
	 * or gone) follows the rest of their ledger to the survivor: the merge may have moved it already, and would leave
	 * these entries and this tier on the merged member, in no one's balance.
	 */
	private void followMerges(List<PointsBatch.MemberWrites> written) {
		if (written.isEmpty()) {
			return;
		}
		Map<String, PointsBatch.MemberWrites> byMember = new HashMap<>();
		written.forEach(w -> byMember.put(w.memberId(), w));
		Query accounts = Lookups.byIds(byMember.keySet());
		accounts.fields().include("_id", "mergedInto");
		Map<String, String> survivors = new HashMap<>();
		Set<String> gone = new HashSet<>(byMember.keySet());
		for (org.bson.Document account : mongo.find(accounts, org.bson.Document.class,
				mongo.getCollectionName(PointsAccount.class))) {
			gone.remove(account.getString("_id"));
			if (account.getString("mergedInto") != null) {
				survivors.put(account.getString("_id"), account.getString("mergedInto"));
			}
		}
		survivors.putAll(members.mergedAway(gone));
		survivors.forEach((mergedId, survivorId) -> {
			PointsBatch.MemberWrites writes = byMember.get(mergedId);
			List<PointsEntry> left = mongo.find(Lookups.byIds(writes.entries().stream().map(PointsEntry::id).toList()),
					PointsEntry.class);
			mergedLedger.move(left, mergedId, survivorId, null);
			if (writes.status() != null) {
				PointsAccount survivor = mongo.findById(survivorId, PointsAccount.class);
				qualification.absorb(survivorId, mergedId, survivor == null ? PointsAccount.open(survivorId) : survivor,
						clock.instant());
			}
		});
	}

	static List<String> memberIdsOf(List<PointsBatch> parts) {
		return parts.stream().flatMap(p -> p.members().stream()).map(PointsBatch.MemberWrites::memberId).toList();
	}

	/** The members whose account remembers deciding the batch. */
	Set<String> decided(String batch, List<String> memberIds) {
		Query accounts = Lookups.byIds(memberIds, "applied.entryId", PointsBatch.decisionKey(batch));
		accounts.fields().include("_id");
		Set<String> decided = new HashSet<>();
		mongo.find(accounts, org.bson.Document.class, mongo.getCollectionName(PointsAccount.class))
			.forEach(a -> decided.add(a.getString("_id")));
		return decided;
	}

	/** New tier statuses inserted, changed ones replaced unless someone else changed them meanwhile. */
	private void writeStatuses(List<PointsBatch.MemberWrites> writes) {
		List<TierStatus> fresh = new ArrayList<>();
		List<RecordDocuments.Replacement> replacing = new ArrayList<>();
		for (PointsBatch.MemberWrites member : writes) {
			if (member.status() == null) {
				continue;
			}
			if (member.statusVersion() < 0) {
				fresh.add(member.status());
			}
			else {
				replacing.add(new RecordDocuments.Replacement(member.status(), member.statusVersion()));
			}
		}
		documents.replaceUnchanged(TierStatus.class, "version", replacing);
		insertIgnoringCopies(fresh, TierStatus.class);
	}

	/**
	 * Inserts the entries; one already there is this very entry, written before, or one a single posting wrote under
	 * the same key (a live order's first-order reward beside an import's) and has not decided yet. The account took
	 * this batch first, so that one is the batch's: it is written as the batch decided it, and the posting, finding it
	 * settled, does not apply it again ({@link PointsPosting#complete}).
	 */
	private void writeEntries(List<PointsEntry> entries) {
		Set<Integer> there = documents.insertNew(entries, PointsEntry.class);
		if (there.isEmpty()) {
			return;
		}
		// Most copies are this batch's own, from an attempt a crash cut short: one read finds the few pending ones.
		Map<String, PointsEntry> copies = new HashMap<>();
		there.forEach(index -> copies.put(entries.get(index).id(), entries.get(index)));
		Query pending = Lookups.byIds(copies.keySet(), "status", EntryStatus.PENDING);
		pending.fields().include("_id");
		for (org.bson.Document stillPending : mongo.find(pending, org.bson.Document.class,
				mongo.getCollectionName(PointsEntry.class))) {
			PointsEntry entry = copies.get(stillPending.getString("_id"));
			mongo.replace(Query.query(Criteria.where("_id").is(entry.id()).and("status").is(EntryStatus.PENDING)), entry);
		}
	}

	/** Inserts documents whose ids say what they are: one already there is this very document, written before. */
	private <T> void insertIgnoringCopies(List<T> records, Class<T> type) {
		// Duplicates of what a crashed attempt wrote are expected; everything else went in (unordered).
		documents.insertNew(records, type);
	}

}
