package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.commerce.BatchSteps;
import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.Referral;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.loyalty.TierChange;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberProfiles;
import io.membergraph.member.MemberRegistered;
import io.membergraph.shared.Backoff;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Points and tiers for a batch of orders ({@link LoyaltyCourse}), read and written in bulk. Without
 * transactions:
 * <ol>
 * <li>what the batch writes for each member besides the account (ledger entries, tier changes and status, the tier
 * shown) is written to the batch's {@link PointsBatch} journal;</li>
 * <li>each member's account is replaced, guarded by the version read, by the account after the batch, which
 * remembers the batch as decided;</li>
 * <li>the journal's writes of the members whose account took the batch are carried out, and the journal goes.</li>
 * </ol>
 * A crash leaves the journal: completing the batch again carries out the writes of the members that decided it
 * and runs the others again, as it does for a member whose account changed meanwhile. Two service instances
 * settling one batch at once (a replay on one, the recovery sweep on another) meet on the journal's ids: the second
 * waits for the first's journal to be carried out, then finds the members it decided.
 * <p>
 * A member merged away meanwhile (its account closed by the merge, or gone to the survivor) is decided for no more:
 * what the batch brings it goes to the survivor, as it would had the batch come after the merge. What the batch
 * wrote for it once its account had taken the batch follows the rest of its ledger to the survivor.
 */
@Component
public class BatchLoyalty {

	private static final int MAX_ATTEMPTS = 20;

	/** What an account remembers of a batch it took, before the batch's id. */
	private static final String BATCH_DECISION = "batch:";

	/** The longest pause waiting for another instance's journal of the same batch (about ten seconds in all). */
	private static final long LONGEST_PAUSE_MS = 5_120;

	/** Entries and changes per journal document: far below MongoDB's 16 MB. */
	private static final int JOURNAL_PART = 5_000;

	private final MongoTemplate mongo;

	/** Writes the batch's records without the converter's per-property work: the import's hottest writes. */
	private final RecordDocuments documents;

	private final EarnRules rules;

	private final TierCatalog tiers;

	private final AccountChange change;

	private final LoyaltySettings settings;

	private final MemberDirectory members;

	private final MemberProfiles profiles;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final BatchSteps steps;

	private final MergedLedger mergedLedger;

	private final TierQualification qualification;

	BatchLoyalty(MongoTemplate mongo, EarnRules rules, TierCatalog tiers, AccountChange change, LoyaltySettings settings,
			MemberDirectory members, MemberProfiles profiles, BusinessCalendar calendar, Clock clock, BatchSteps steps,
			MergedLedger mergedLedger, TierQualification qualification, RecordDocuments documents) {
		this.documents = documents;
		this.steps = steps;
		this.mergedLedger = mergedLedger;
		this.qualification = qualification;
		this.mongo = mongo;
		this.rules = rules;
		this.tiers = tiers;
		this.change = change;
		this.settings = settings;
		this.members = members;
		this.profiles = profiles;
		this.calendar = calendar;
		this.clock = clock;
	}

	public void complete(String batch, List<OrderEvent> events, LoyaltyMode mode) {
		if (mode == LoyaltyMode.NONE || events.isEmpty() || tiers.isEmpty()) {
			return;
		}
		settle(batch, events, List.of(), mode);
	}

	/**
	 * Welcomes members registered together, as of when each joined ({@link LoyaltyCourse#joined}), with the
	 * history's expiries and reviews up to today: the same journal and accounts as a batch of orders.
	 */
	void welcome(String batch, List<String> memberIds) {
		if (memberIds.isEmpty() || tiers.isEmpty()) {
			return;
		}
		settle(batch, List.of(), memberIds, LoyaltyMode.HISTORY);
	}

	/**
	 * Runs the course for the members (those who joined, those the events belong to) and writes what it decided:
	 * journal, accounts, then the journal carried out; members whose accounts changed meanwhile are run again, and
	 * the events of members merged away meanwhile are run for the survivors (a member merged away before its welcome
	 * is not welcomed: the survivor was).
	 */
	private void settle(String batch, List<OrderEvent> events, List<String> joined, LoyaltyMode mode) {
		String decision = decisionKey(batch);
		Map<String, String> movedOn = new HashMap<>();
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			finishJournal(batch);
			List<OrderEvent> current = events.stream()
				.map(e -> movedOn.containsKey(e.memberId()) ? e.ofMember(survivorOf(e.memberId(), movedOn)) : e)
				.toList();
			List<String> joining = joined.stream().filter(id -> !movedOn.containsKey(id)).toList();
			LoyaltyCourse course = load(batch, current, joining, mode, movedOn);
			Map<String, String> mergedAway = mergedAway(course);
			if (!mergedAway.isEmpty()) {
				movedOn.putAll(mergedAway);
				continue;
			}
			joining.forEach(course::joined);
			run(course, current, mode);
			List<LoyaltyCourse.Ledger> pending = course.ledgers().values().stream()
				.filter(l -> l.changed() && (l.read == null || l.read.decisionOn(decision) == null))
				.toList();
			if (pending.isEmpty()) {
				return;
			}
			steps.reached(BatchSteps.Step.LOYALTY_DECIDED, batch);
			List<PointsBatch> journal = writeJournal(batch, pending);
			if (journal == null) {
				// Another service instance settles the same batch this moment (a replay there, the sweep): once its
				// journal is carried out, running again finds its members decided.
				awaitJournalGone(batch);
				continue;
			}
			steps.reached(BatchSteps.Step.LOYALTY_JOURNAL_WRITTEN, batch);
			boolean allTook = writeAccounts(batch, pending);
			steps.reached(BatchSteps.Step.ACCOUNTS_WRITTEN, batch);
			// The journal just written is in hand: no need to read it back, nor to ask which accounts took it when all did.
			carryOut(journal, allTook ? null : decided(batch, memberIdsOf(journal)));
			if (allTook) {
				return;
			}
		}
		throw new IllegalStateException("The points accounts of batch " + batch + " kept changing; it will be completed "
				+ "by the recovery sweep");
	}

	/** The member a member merged away lives in now (merges can chain). */
	private static String survivorOf(String memberId, Map<String, String> movedOn) {
		String id = memberId;
		for (int hop = 0; hop <= movedOn.size() && movedOn.containsKey(id); hop++) {
			id = movedOn.get(id);
		}
		return id;
	}

	/**
	 * The course's members a merge has taken, each with the member it went to: the merge has closed their account,
	 * or they have none and are merged away (the merge is past moving their account, or found none to move).
	 */
	private Map<String, String> mergedAway(LoyaltyCourse course) {
		Map<String, String> away = new HashMap<>();
		List<String> withoutAccount = new ArrayList<>();
		for (LoyaltyCourse.Ledger ledger : course.ledgers().values()) {
			if (ledger.read == null) {
				withoutAccount.add(ledger.memberId);
			}
			else if (ledger.read.mergedInto() != null) {
				away.put(ledger.memberId, ledger.read.mergedInto());
			}
		}
		away.putAll(members.mergedAway(withoutAccount));
		return away;
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
			.forEach(this::finishJournal);
	}

	private void run(LoyaltyCourse course, List<OrderEvent> events, LoyaltyMode mode) {
		List<OrderEvent> ordered = mode == LoyaltyMode.HISTORY ? byTime(events) : events;
		for (OrderEvent event : ordered) {
			if (event.isRefund()) {
				course.refunded(event.order(), event.refund());
			}
			else {
				course.recorded(event.order());
			}
		}
		if (mode == LoyaltyMode.HISTORY) {
			course.catchUpAll(clock.instant());
		}
	}

	/** Writes the batch's journal; null when another instance's journal of the batch is there already. */
	private List<PointsBatch> writeJournal(String batch, List<LoyaltyCourse.Ledger> ledgers) {
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
	private void awaitJournalGone(String batch) {
		Query journal = Query.query(Criteria.where("batch").is(batch));
		Backoff.until(() -> !mongo.exists(journal, PointsBatch.class), LONGEST_PAUSE_MS);
	}

	/**
	 * Replaces (or creates) each member's account with the one after the batch; true when every one took it. One
	 * whose account changed since it was read keeps its account and is run again.
	 */
	private boolean writeAccounts(String batch, List<LoyaltyCourse.Ledger> ledgers) {
		List<PointsAccount> fresh = new ArrayList<>();
		BulkOperations replaces = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PointsAccount.class);
		int replacing = 0;
		Instant now = clock.instant();
		for (LoyaltyCourse.Ledger ledger : ledgers) {
			PointsAccount before = ledger.read == null ? PointsAccount.open(ledger.memberId) : ledger.read;
			PointsAccount after = change.decideBatch(ledger.account, before, decisionKey(batch)).changedAt(now);
			if (ledger.read == null) {
				fresh.add(after);
			}
			else {
				replaces.replaceOne(Query.query(Criteria.where("_id").is(ledger.memberId).and("version")
					.is(ledger.read.version())), documents.write(after));
				replacing++;
			}
		}
		boolean all = replacing == 0 || replaces.execute().getModifiedCount() == replacing;
		if (!fresh.isEmpty()) {
			try {
				mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PointsAccount.class).insert(documents.write(fresh)).execute();
			}
			catch (BulkOperationException openedMeanwhile) {
				all = false;
			}
		}
		return all;
	}

	/**
	 * Carries out the batch's journal for the members whose account decided the batch, and drops the journal; the
	 * others are left to be run again.
	 */
	private void finishJournal(String batch) {
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
	private void carryOut(List<PointsBatch> parts, Set<String> decided) {
		List<PointsBatch.MemberWrites> writes = parts.stream().flatMap(p -> p.members().stream()).toList();
		List<PointsBatch.MemberWrites> taken = decided == null ? writes
				: writes.stream().filter(w -> decided.contains(w.memberId())).toList();
		write(taken);
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
	private void writeTakenElsewhere(Collection<PointsAccount> accounts, String batch) {
		Map<String, PointsAccount> byMember = byId(List.copyOf(accounts), PointsAccount::memberId);
		// Looked up by the batches the accounts remember taking: a few small keys, where a lookup by member would
		// match thousands of ids against every member of every journal (the embedded store scans them all).
		Set<String> batches = new HashSet<>();
		byMember.values().forEach(account -> account.applied().stream()
			.map(BatchLoyalty::batchOf)
			.filter(taken -> taken != null && !taken.equals(batch))
			.forEach(batches::add));
		if (batches.isEmpty()) {
			return;
		}
		List<PointsBatch.MemberWrites> taken = new ArrayList<>();
		for (PointsBatch part : mongo.find(Query.query(Criteria.where("batch").in(batches)), PointsBatch.class)) {
			part.members().stream()
				.filter(w -> byMember.containsKey(w.memberId())
						&& byMember.get(w.memberId()).decisionOn(decisionKey(part.batch())) != null)
				.forEach(taken::add);
		}
		if (!taken.isEmpty()) {
			write(taken);
		}
	}

	/**
	 * The journal's writes of members whose account took its batch: entries, tier changes and statuses, each written
	 * once however often this runs. The tier a member shows is the carry-out's alone: written unconditionally, it
	 * could otherwise put back an older tier over a later change.
	 */
	private void write(List<PointsBatch.MemberWrites> taken) {
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

	private static List<String> memberIdsOf(List<PointsBatch> parts) {
		return parts.stream().flatMap(p -> p.members().stream()).map(PointsBatch.MemberWrites::memberId).toList();
	}

	/** The members whose account remembers deciding the batch. */
	private Set<String> decided(String batch, List<String> memberIds) {
		Query accounts = Lookups.byIds(memberIds, "applied.entryId", decisionKey(batch));
		accounts.fields().include("_id");
		Set<String> decided = new HashSet<>();
		mongo.find(accounts, org.bson.Document.class, mongo.getCollectionName(PointsAccount.class))
			.forEach(a -> decided.add(a.getString("_id")));
		return decided;
	}

	public static String decisionKey(String batch) {
		return BATCH_DECISION + batch;
	}

	/** The batch an account's decision is on; null when the decision is on a single entry. */
	static String batchOf(AppliedEntry decision) {
		return decision.entryId().startsWith(BATCH_DECISION) ? decision.entryId().substring(BATCH_DECISION.length()) : null;
	}

	/**
	 * The members the events belong to and those who joined, and the referrers of those members, as stored now, with
	 * the entries the course asks about. A referral whose referrer is merged away ({@code movedOn}) but still names it
	 * is one the merge has not moved yet: it counts for nothing in this batch, as an order recorded meanwhile grants
	 * nothing under it ({@code OrderPoints.rewardReferrer}); the survivor, rewarded here, could be rewarded again when
	 * the merge brings over the reward the referrer had earned.
	 */
	private LoyaltyCourse load(String batch, List<OrderEvent> events, List<String> joined, LoyaltyMode mode,
			Map<String, String> movedOn) {
		Set<String> buyers = new HashSet<>(joined);
		Set<String> entryIds = new HashSet<>();
		for (OrderEvent event : events) {
			buyers.add(event.memberId());
			entryIds.add(PointsEntry.idOf(event.memberId(), OrderPoints.earnKey(event.order())));
		}
		Map<String, Referral> referrals = new HashMap<>();
		for (Referral referral : mongo.find(Lookups.byIds(buyers), Referral.class)) {
			if (!movedOn.containsKey(referral.referrerId())) {
				referrals.put(referral.referredId(), referral);
			}
		}
		Set<String> ids = new HashSet<>(buyers);
		referrals.values().forEach(r -> ids.add(r.referrerId()));
		Map<String, PointsAccount> accounts = byId(mongo.find(Lookups.byIds(ids), PointsAccount.class),
				PointsAccount::memberId);
		// Read after the accounts: what they took elsewhere is in the statuses and entries read next.
		writeTakenElsewhere(accounts.values(), batch);
		Map<String, TierStatus> statuses = byId(mongo.find(Lookups.byIds(ids), TierStatus.class),
				TierStatus::memberId);
		Map<String, MemberRegistered> registrations = members.registrationsOf(buyers);
		Map<String, List<PointsEntry>> known = knownEntries(entryIds, buyers, referrals, events);
		LoyaltyCourse course = new LoyaltyCourse(rules.calculator(), new TierRules(tiers.all(), settings, calendar.zone()),
				change, mode, clock.instant());
		for (String id : ids) {
			MemberRegistered registration = registrations.get(id);
			course.add(new LoyaltyCourse.Ledger(id, accounts.get(id), statuses.get(id),
					registration == null ? null : registration.joinedAt(), referrals.get(id),
					byId(known.getOrDefault(id, List.of()), PointsEntry::id)));
		}
		return course;
	}

	/**
	 * The entries the course asks about: welcomes, first-order rewards, earnings of the orders, referral rewards, and
	 * those rewards taken back; for refunds, also the expiries of what they may take back. A refunded order a merge
	 * moved from another member can have brought that member's first-order reward, kept under the survivor's id:
	 * those are read once the order's points say who placed it.
	 */
	private Map<String, List<PointsEntry>> knownEntries(Set<String> entryIds, Set<String> buyers,
			Map<String, Referral> referrals, List<OrderEvent> events) {
		Set<String> ids = new HashSet<>(entryIds);
		buyers.forEach(id -> {
			ids.add(PointsEntry.idOf(id, "registration"));
			ids.add(PointsEntry.idOf(id, OrderPoints.FIRST_ORDER));
			ids.add(PointsEntry.idOf(id, OrderPoints.FIRST_ORDER + OrderPoints.RETURNED));
		});
		referrals.values().forEach(r -> {
			ids.add(PointsEntry.idOf(r.referrerId(), r.rewardKey()));
			ids.add(PointsEntry.idOf(r.referrerId(), r.rewardKey() + OrderPoints.RETURNED));
		});
		List<PointsEntry> found = new ArrayList<>(mongo.find(Lookups.byIds(ids), PointsEntry.class));
		Set<String> forRefunds = refundLookups(events, byId(found, PointsEntry::id), referrals);
		forRefunds.removeAll(ids);
		if (!forRefunds.isEmpty()) {
			found.addAll(mongo.find(Lookups.byIds(forRefunds), PointsEntry.class));
		}
		return found.stream().collect(Collectors.groupingBy(PointsEntry::memberId));
	}

	/**
	 * The ids a refund may look at beyond those read already: the first-order rewards (and their reversals) its order
	 * may have brought, among them a merged member's, and the expiries of the order's points and of those rewards.
	 */
	private static Set<String> refundLookups(List<OrderEvent> events, Map<String, PointsEntry> found,
			Map<String, Referral> referrals) {
		Set<String> ids = new HashSet<>();
		for (OrderEvent event : events) {
			if (!event.isRefund()) {
				continue;
			}
			String member = event.memberId();
			String orderPointsId = PointsEntry.idOf(member, OrderPoints.earnKey(event.order()));
			PointsEntry orderPoints = found.get(orderPointsId);
			if (orderPoints != null) {
				ids.addAll(orderPoints.expiryIds());
			}
			String placedBy = OrderPoints.placedBy(orderPoints);
			for (String id : OrderPoints.firstOrderRewardIds(member, orderPoints)) {
				ids.add(id);
				ids.add(id + OrderPoints.RETURNED);
				ids.add(PointsEntry.idOf(member, PointsEntry.expiryKey(id)));
				if (placedBy != null) {
					// A reward moved by the merge, expired before it: named as the merged member had it.
					String movedFrom = PointsEntry.idOf(placedBy, OrderPoints.FIRST_ORDER);
					ids.add(PointsEntry.idOf(member, PointsEntry.expiryKey(movedFrom)));
				}
			}
			Referral referral = referrals.get(member);
			if (referral != null) {
				String rewardId = PointsEntry.idOf(referral.referrerId(), referral.rewardKey());
				ids.add(PointsEntry.idOf(referral.referrerId(), PointsEntry.expiryKey(rewardId)));
			}
		}
		return ids;
	}

	/** New tier statuses inserted, changed ones replaced unless someone else changed them meanwhile. */
	private void writeStatuses(List<PointsBatch.MemberWrites> writes) {
		List<TierStatus> fresh = new ArrayList<>();
		BulkOperations replaces = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TierStatus.class);
		int replacing = 0;
		for (PointsBatch.MemberWrites member : writes) {
			if (member.status() == null) {
				continue;
			}
			if (member.statusVersion() < 0) {
				fresh.add(member.status());
			}
			else {
				replaces.replaceOne(Query.query(Criteria.where("_id").is(member.memberId()).and("version")
					.is(member.statusVersion())), documents.write(member.status()));
				replacing++;
			}
		}
		if (replacing > 0) {
			replaces.execute();
		}
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

	private static List<OrderEvent> byTime(List<OrderEvent> events) {
		List<OrderEvent> ordered = new ArrayList<>(events);
		ordered.sort(Comparator.comparing(e -> e.isRefund() ? e.refund().refundedAt() : e.order().placedAt()));
		return ordered;
	}

	private static <T> Map<String, T> byId(List<T> documents, Function<T, String> id) {
		Map<String, T> map = new HashMap<>();
		documents.forEach(d -> map.put(id.apply(d), d));
		return map;
	}

}
