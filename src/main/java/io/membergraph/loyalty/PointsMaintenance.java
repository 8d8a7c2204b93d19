package io.membergraph.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.membergraph.loyalty.internal.AppliedEntry;
import io.membergraph.loyalty.internal.LoyaltyProgramme;
import io.membergraph.loyalty.internal.PointsBatch;
import io.membergraph.loyalty.internal.PointsLedger;
import io.membergraph.loyalty.internal.PointsPosting;
import io.membergraph.shared.RecoveryStep;
import io.membergraph.store.LeftoverWatch;
import io.membergraph.store.WriteCounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The programme's background work: expiring lots that reached their date, finishing entries a crash left
 * pending, and checking that every balance equals its ledger.
 */
@Service
public class PointsMaintenance implements RecoveryStep {

	private static final Log log = LogFactory.getLog(PointsMaintenance.class);

	/** Readings of one member before the audit gives up waiting for its account to keep still. */
	private static final int RECHECKS = 5;

	private final MongoTemplate mongo;

	private final PointsLedger ledger;

	private final PointsPosting posting;

	private final LoyaltyProgramme programme;

	private final Clock clock;

	private final LeftoverWatch pendingEntries;

	PointsMaintenance(MongoTemplate mongo, PointsLedger ledger, PointsPosting posting, LoyaltyProgramme programme,
			Clock clock, WriteCounts writeCounts) {
		this.pendingEntries = writeCounts.leftovers(PointsEntry.class);
		this.mongo = mongo;
		this.ledger = ledger;
		this.posting = posting;
		this.programme = programme;
		this.clock = clock;
	}

	/** Expires every lot whose date has come by {@code asOf}; returns the points expired. */
	@PreAuthorize("hasRole('ADMIN')")
	public ExpiryRun runExpiry(Instant asOf) {
		return expireAsOf(asOf);
	}

	@Scheduled(cron = "${membergraph.points.expiry-cron:0 10 0 * * *}", zone = "${membergraph.calendar.zone:Asia/Shanghai}")
	void expireDaily() {
		ExpiryRun run = expireAsOf(clock.instant());
		if (run.lots() > 0) {
			log.info("Expired " + run.points() + " points in " + run.lots() + " lots of " + run.members() + " members");
		}
	}

	/** What an expiry run did. */
	public record ExpiryRun(Instant asOf, int members, int lots, long points) {
	}

	ExpiryRun expireAsOf(Instant asOf) {
		int members = 0;
		int lots = 0;
		long points = 0;
		List<PointsAccount> due = mongo.find(Query.query(Criteria.where("lots.expiresAt").lte(asOf)), PointsAccount.class);
		for (PointsAccount account : due) {
			members++;
			for (PointsLot lot : account.lots()) {
				if (lot.expiresAt() != null && !lot.expiresAt().isAfter(asOf)) {
					PointsPosting.Posted posted = ledger.expire(account.memberId(), lot);
					lots++;
					points -= posted.entry().points();
				}
			}
		}
		return new ExpiryRun(asOf, members, lots, points);
	}

	/**
	 * Finishes the entries a crash left pending (oldest first) and the welcomes a crash interrupted, of those begun
	 * before the moment ({@link RecoveryStep}).
	 */
	@Override
	public int recover(Instant startedBefore) {
		int completed = completePending(startedBefore);
		int welcomed = programme.welcomeLeftovers(startedBefore);
		if (completed + welcomed > 0) {
			log.info("Completed " + completed + " points entries left pending by an interrupted write; welcomed "
					+ welcomed + " members a crash left without their tier");
		}
		return completed + welcomed;
	}

	private int completePending(Instant createdBefore) {
		List<PointsEntry> pending = pendingEntries.pending(() -> mongo.find(
				Query.query(Criteria.where("status").is(EntryStatus.PENDING)).with(Sort.by("createdAt")), PointsEntry.class));
		List<PointsEntry> left = pending.stream()
			.filter(entry -> entry.createdAt() != null && entry.createdAt().isBefore(createdBefore))
			.toList();
		left.forEach(posting::complete);
		return left.size();
	}

	/** A member whose balance does not match its ledger or its lots. */
	public record Discrepancy(String memberId, long balance, long ledgerSum, long lotsRemaining, long deficit) {
	}

	/**
	 * Checks every account: balance = sum of applied entries = lots remaining − deficit. A write still under way
	 * (an entry its account has decided but not yet settled, a batch journal its account has taken but not yet
	 * carried out, including one a crash left for the recovery sweep) is counted as it will land, so the audit
	 * reports what no write explains, never a posting caught between its steps.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public List<Discrepancy> audit() {
		return auditAll();
	}

	List<Discrepancy> auditAll() {
		Map<String, Long> sums = mongo.aggregate(Aggregation.newAggregation(
				Aggregation.match(Criteria.where("status").is(EntryStatus.APPLIED)),
				Aggregation.group("memberId").sum("points").as("sum")), PointsEntry.class, Document.class)
			.getMappedResults()
			.stream()
			.collect(Collectors.toMap(d -> d.getString("_id"), d -> ((Number) d.get("sum")).longValue()));
		List<PointsAccount> accounts = mongo.findAll(PointsAccount.class);
		List<Discrepancy> found = new ArrayList<>(accounts.stream()
			.filter(a -> a.balance() != sums.getOrDefault(a.memberId(), 0L) || a.balance() != a.lotsRemaining() - a.deficit())
			.map(a -> new Discrepancy(a.memberId(), a.balance(), sums.getOrDefault(a.memberId(), 0L), a.lotsRemaining(),
					a.deficit()))
			.map(this::unlessWritesInFlightExplainIt)
			.filter(Objects::nonNull)
			.toList());
		// Points applied to a member without an account are in no balance: lost, as the ledger shows them.
		Set<String> withAccounts = accounts.stream().map(PointsAccount::memberId).collect(Collectors.toSet());
		sums.forEach((memberId, sum) -> {
			if (sum != 0 && !withAccounts.contains(memberId)) {
				found.add(new Discrepancy(memberId, 0, sum, 0, 0));
			}
		});
		return found;
	}

	/**
	 * The member checked again on its own, with the writes under way counted as they will land; null when they
	 * explain the difference. The account is read before and after its ledger, and the reading is taken only when
	 * no change came in between; the journals are read before the entries, so an entry carried out of a journal
	 * meanwhile is found in one or the other, and counted once.
	 */
	private Discrepancy unlessWritesInFlightExplainIt(Discrepancy seen) {
		String memberId = seen.memberId();
		for (int attempt = 0; attempt < RECHECKS; attempt++) {
			PointsAccount account = mongo.findById(memberId, PointsAccount.class);
			List<PointsBatch> journals = account == null ? List.of()
					: mongo.find(Query.query(Criteria.where("members.memberId").is(memberId)), PointsBatch.class);
			List<PointsEntry> entries = mongo.find(Query.query(Criteria.where("memberId").is(memberId)
				.and("status").in(EntryStatus.APPLIED, EntryStatus.PENDING)), PointsEntry.class);
			PointsAccount again = mongo.findById(memberId, PointsAccount.class);
			if (account == null || again == null || again.version() != account.version()) {
				continue;
			}
			long applied = entries.stream().filter(e -> e.status() == EntryStatus.APPLIED).mapToLong(PointsEntry::points).sum();
			long landing = applied + decidedNotSettled(account, entries) + takenNotCarriedOut(account, journals, entries);
			if (account.balance() == landing && account.balance() == account.lotsRemaining() - account.deficit()) {
				return null;
			}
			return new Discrepancy(memberId, account.balance(), applied, account.lotsRemaining(), account.deficit());
		}
		return seen;
	}

	/** The points of pending entries the account has applied already: their settling is all that is left. */
	private static long decidedNotSettled(PointsAccount account, List<PointsEntry> entries) {
		return entries.stream()
			.filter(e -> e.status() == EntryStatus.PENDING)
			.map(e -> account.decisionOn(e.id()))
			.filter(decision -> decision != null && decision.outcome() == EntryStatus.APPLIED)
			.mapToLong(AppliedEntry::points)
			.sum();
	}

	/** The points of journal entries of batches the account has taken, not yet in the ledger. */
	private static long takenNotCarriedOut(PointsAccount account, List<PointsBatch> journals, List<PointsEntry> entries) {
		Set<String> inLedger = entries.stream().map(PointsEntry::id).collect(Collectors.toSet());
		return journals.stream()
			.filter(part -> account.decisionOn(PointsBatch.decisionKey(part.batch())) != null)
			.flatMap(part -> part.members().stream())
			.filter(writes -> writes.memberId().equals(account.memberId()))
			.flatMap(writes -> writes.entries().stream())
			.filter(entry -> entry.status() == EntryStatus.APPLIED && !inLedger.contains(entry.id()))
			.mapToLong(PointsEntry::points)
			.sum();
	}

}
