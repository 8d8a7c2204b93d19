package io.membergraph.loyalty;

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

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberProfiles;
import io.membergraph.member.MemberRegistered;
import io.membergraph.shared.BusinessCalendar;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Points and tiers for a batch of orders ({@link LoyaltyCourse}), read and written in bulk. Without
 * transactions, through each account's outbox:
 * <ol>
 * <li>each member's account is replaced (guarded by the version read) by the account after the batch, which
 * remembers the batch as decided and holds what else the batch writes for the member in its outbox;</li>
 * <li>the outboxes are written out: ledger entries, tier changes, tier statuses, the tier each member shows;</li>
 * <li>the outboxes are cleared.</li>
 * </ol>
 * A crash after step 1 leaves outboxes that completing the batch again writes out; a member whose account
 * changed meanwhile is run again from its new state. Only members who have not decided the batch are written.
 */
@Component
class BatchLoyalty {

	private static final int MAX_ATTEMPTS = 20;

	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	private final EarnRules rules;

	private final TierCatalog tiers;

	private final AccountChange change;

	private final LoyaltySettings settings;

	private final MemberDirectory members;

	private final MemberProfiles profiles;

	private final BusinessCalendar calendar;

	private final Clock clock;

	BatchLoyalty(MongoTemplate mongo, EarnRules rules, TierCatalog tiers, AccountChange change, LoyaltySettings settings,
			MemberDirectory members, MemberProfiles profiles, BusinessCalendar calendar, Clock clock) {
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

	void complete(String batch, List<OrderEvent> events, LoyaltyMode mode) {
		if (mode == LoyaltyMode.NONE || events.isEmpty() || tiers.isEmpty()) {
			return;
		}
		String decision = decisionKey(batch);
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			LoyaltyCourse course = load(events, mode);
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
			List<LoyaltyCourse.Ledger> pending = new ArrayList<>();
			List<PointsAccount> unflushed = new ArrayList<>();
			for (LoyaltyCourse.Ledger ledger : course.ledgers().values()) {
				if (ledger.read != null && ledger.read.decisionOn(decision) != null) {
					if (ledger.read.outbox() != null && batch.equals(ledger.read.outbox().batch())) {
						unflushed.add(ledger.read);
					}
				}
				else if (ledger.changed()) {
					pending.add(ledger);
				}
			}
			flush(unflushed);
			if (pending.isEmpty()) {
				return;
			}
			List<PointsAccount> written = writeAccounts(batch, pending);
			flush(written);
			if (written.size() == pending.size()) {
				return;
			}
		}
		throw new IllegalStateException("The points accounts of batch " + batch + " kept changing; it will be completed "
				+ "by the recovery sweep");
	}

	/** Writes out what an account's outbox holds, then clears it; for recovery and merges too. */
	void flush(Collection<PointsAccount> accounts) {
		List<PointsAccount> withOutbox = accounts.stream().filter(a -> a.outbox() != null).toList();
		if (withOutbox.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		insertIgnoringCopies(withOutbox.stream().flatMap(a -> a.outbox().entries().stream()).toList(), PointsEntry.class);
		insertIgnoringCopies(withOutbox.stream().flatMap(a -> a.outbox().tierChanges().stream())
			.map(c -> c.recordedAt(now)).toList(), TierChange.class);
		writeStatuses(withOutbox);
		Map<String, String> shown = new LinkedHashMap<>();
		withOutbox.stream().filter(a -> a.outbox().shownTier() != null)
			.forEach(a -> shown.put(a.memberId(), a.outbox().shownTier()));
		profiles.changeTiers(shown);
		// The version moves too, so a writer that read the account with its outbox cannot put the outbox back.
		BulkOperations clear = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PointsAccount.class);
		withOutbox.forEach(a -> clear.updateOne(Query.query(Criteria.where("_id").is(a.memberId())
			.and("outbox.batch").is(a.outbox().batch())), new Update().unset("outbox").inc("version", 1)));
		clear.execute();
	}

	static String decisionKey(String batch) {
		return "batch:" + batch;
	}

	/** Every member the events touch, and the referrers of those who buy, as stored now. */
	private LoyaltyCourse load(List<OrderEvent> events, LoyaltyMode mode) {
		Set<String> buyers = new HashSet<>();
		events.forEach(e -> buyers.add(e.memberId()));
		Map<String, Referral> referrals = byId(mongo.find(Query.query(Criteria.where("_id").in(buyers)), Referral.class),
				Referral::referredId);
		Set<String> ids = new HashSet<>(buyers);
		referrals.values().forEach(r -> ids.add(r.referrerId()));
		Map<String, PointsAccount> accounts = byId(mongo.find(Query.query(Criteria.where("_id").in(ids)), PointsAccount.class),
				PointsAccount::memberId);
		Map<String, TierStatus> statuses = byId(mongo.find(Query.query(Criteria.where("_id").in(ids)), TierStatus.class),
				TierStatus::memberId);
		Map<String, MemberRegistered> registrations = members.registrationsOf(buyers);
		Map<String, List<PointsEntry>> known = knownEntries(events, buyers, referrals.values());
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

	/** The entries the course asks about: welcomes, first-order rewards, earnings of the orders, referral rewards. */
	private Map<String, List<PointsEntry>> knownEntries(List<OrderEvent> events, Set<String> buyers,
			Collection<Referral> referrals) {
		Set<String> ids = new HashSet<>();
		buyers.forEach(id -> {
			ids.add(PointsEntry.idOf(id, "registration"));
			ids.add(PointsEntry.idOf(id, OrderPoints.FIRST_ORDER));
		});
		events.forEach(e -> ids.add(PointsEntry.idOf(e.memberId(), OrderPoints.earnKey(e.order()))));
		referrals.forEach(r -> ids.add(PointsEntry.idOf(r.referrerId(), r.rewardKey())));
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), PointsEntry.class)
			.stream()
			.collect(Collectors.groupingBy(PointsEntry::memberId));
	}

	/**
	 * Replaces (or creates) each member's account with the one after the batch, its outbox filled; returns the
	 * accounts written. One whose account changed since it was read is left for the next attempt.
	 */
	private List<PointsAccount> writeAccounts(String batch, List<LoyaltyCourse.Ledger> ledgers) {
		Map<String, PointsAccount> next = new LinkedHashMap<>();
		for (LoyaltyCourse.Ledger ledger : ledgers) {
			PointsAccount decided = change.decide(ledger.account, decisionKey(batch));
			next.put(ledger.memberId, decided.withOutbox(new PointsAccount.Outbox(batch, ledger.posted, ledger.tierChanges,
					ledger.status == ledger.readStatus ? null : ledger.status,
					ledger.readStatus == null ? -1 : ledger.readStatus.version(), ledger.shownTier)));
		}
		List<PointsAccount> fresh = new ArrayList<>();
		BulkOperations replaces = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PointsAccount.class);
		int replacing = 0;
		for (LoyaltyCourse.Ledger ledger : ledgers) {
			if (ledger.read == null) {
				fresh.add(next.get(ledger.memberId));
			}
			else {
				replaces.replaceOne(Query.query(Criteria.where("_id").is(ledger.memberId).and("version")
					.is(ledger.read.version())), next.get(ledger.memberId));
				replacing++;
			}
		}
		Set<String> failed = new HashSet<>();
		if (replacing > 0 && replaces.execute().getModifiedCount() < replacing) {
			failed.addAll(changedMeanwhile(ledgers, next));
		}
		if (!fresh.isEmpty()) {
			try {
				mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PointsAccount.class).insert(fresh).execute();
			}
			catch (BulkOperationException openedMeanwhile) {
				openedMeanwhile.getErrors().forEach(error -> failed.add(fresh.get(error.getIndex()).memberId()));
			}
		}
		return next.values().stream().filter(a -> !failed.contains(a.memberId())).toList();
	}

	/** Members whose stored account did not take this attempt's write: it does not hold the batch's outbox. */
	private List<String> changedMeanwhile(List<LoyaltyCourse.Ledger> ledgers, Map<String, PointsAccount> next) {
		Set<String> taken = new HashSet<>();
		mongo.find(Query.query(Criteria.where("_id").in(next.keySet())), PointsAccount.class).stream()
			.filter(a -> a.outbox() != null && a.outbox().batch().equals(next.get(a.memberId()).outbox().batch()))
			.forEach(a -> taken.add(a.memberId()));
		return ledgers.stream().filter(l -> l.read != null && !taken.contains(l.memberId)).map(l -> l.memberId).toList();
	}

	/** New tier statuses inserted, changed ones replaced unless someone else changed them meanwhile. */
	private void writeStatuses(List<PointsAccount> accounts) {
		List<TierStatus> fresh = new ArrayList<>();
		BulkOperations replaces = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TierStatus.class);
		int replacing = 0;
		for (PointsAccount account : accounts) {
			PointsAccount.Outbox outbox = account.outbox();
			if (outbox.tierStatus() == null) {
				continue;
			}
			if (outbox.tierStatusVersion() < 0) {
				fresh.add(outbox.tierStatus());
			}
			else {
				replaces.replaceOne(Query.query(Criteria.where("_id").is(account.memberId()).and("version")
					.is(outbox.tierStatusVersion())), outbox.tierStatus());
				replacing++;
			}
		}
		if (replacing > 0) {
			replaces.execute();
		}
		insertIgnoringCopies(fresh, TierStatus.class);
	}

	/** Inserts documents whose ids say what they are: one already there is this very document, written before. */
	private <T> void insertIgnoringCopies(List<T> documents, Class<T> type) {
		if (documents.isEmpty()) {
			return;
		}
		try {
			mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type).insert(documents).execute();
		}
		catch (BulkOperationException writtenBefore) {
			// Duplicates of what a crashed attempt wrote are expected; everything else went in (unordered).
			if (writtenBefore.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
				throw writtenBefore;
			}
		}
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
