package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.commerce.BatchSteps;
import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.Referral;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberRegistered;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.springframework.data.mongodb.core.MongoTemplate;
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
 * <p>
 * The journals themselves, and the writes that carry them out, are {@link PointsJournals}'.
 */
@Component
public class BatchLoyalty {

	private static final int MAX_ATTEMPTS = 20;

	private final MongoTemplate mongo;

	/** Reads and writes the batch's records without the converter's per-property work: the import's hottest paths. */
	private final RecordDocuments documents;

	private final EarnRules rules;

	private final TierCatalog tiers;

	private final AccountChange change;

	private final LoyaltySettings settings;

	private final MemberDirectory members;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final BatchSteps steps;

	private final PointsJournals journals;

	BatchLoyalty(MongoTemplate mongo, EarnRules rules, TierCatalog tiers, AccountChange change, LoyaltySettings settings,
			MemberDirectory members, BusinessCalendar calendar, Clock clock, BatchSteps steps, PointsJournals journals,
			RecordDocuments documents) {
		this.documents = documents;
		this.steps = steps;
		this.journals = journals;
		this.mongo = mongo;
		this.rules = rules;
		this.tiers = tiers;
		this.change = change;
		this.settings = settings;
		this.members = members;
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
		String decision = PointsBatch.decisionKey(batch);
		Map<String, String> movedOn = new HashMap<>();
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			journals.finish(batch);
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
			List<PointsBatch> journal = journals.write(batch, pending);
			if (journal == null) {
				// Another service instance settles the same batch this moment (a replay there, the sweep): once its
				// journal is carried out, running again finds its members decided.
				journals.awaitGone(batch);
				continue;
			}
			steps.reached(BatchSteps.Step.LOYALTY_JOURNAL_WRITTEN, batch);
			boolean allTook = writeAccounts(batch, pending);
			steps.reached(BatchSteps.Step.ACCOUNTS_WRITTEN, batch);
			// The journal just written is in hand: no need to read it back, nor to ask which accounts took it when all did.
			journals.carryOut(journal, allTook ? null : journals.decided(batch, PointsJournals.memberIdsOf(journal)));
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

	/**
	 * Replaces (or creates) each member's account with the one after the batch; true when every one took it. One
	 * whose account changed since it was read keeps its account and is run again.
	 */
	private boolean writeAccounts(String batch, List<LoyaltyCourse.Ledger> ledgers) {
		List<PointsAccount> fresh = new ArrayList<>();
		List<RecordDocuments.Replacement> replacing = new ArrayList<>();
		Instant now = clock.instant();
		for (LoyaltyCourse.Ledger ledger : ledgers) {
			PointsAccount before = ledger.read == null ? PointsAccount.open(ledger.memberId) : ledger.read;
			PointsAccount after = change.decideBatch(ledger.account, before, PointsBatch.decisionKey(batch)).changedAt(now);
			if (ledger.read == null) {
				fresh.add(after);
			}
			else {
				replacing.add(new RecordDocuments.Replacement(after, ledger.read.version()));
			}
		}
		boolean all = documents.replaceUnchanged(PointsAccount.class, "version", replacing) == replacing.size();
		// An account someone else opened meanwhile did not take the batch: the next attempt reads it.
		return documents.insertNew(fresh, PointsAccount.class).isEmpty() && all;
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
		for (Referral referral : documents.find(Lookups.byIds(buyers), Referral.class)) {
			if (!movedOn.containsKey(referral.referrerId())) {
				referrals.put(referral.referredId(), referral);
			}
		}
		Set<String> ids = new HashSet<>(buyers);
		referrals.values().forEach(r -> ids.add(r.referrerId()));
		Map<String, PointsAccount> accounts = byId(documents.find(Lookups.byIds(ids), PointsAccount.class),
				PointsAccount::memberId);
		// Read after the accounts: what they took elsewhere is in the statuses and entries read next.
		journals.writeTakenElsewhere(accounts.values(), batch);
		Map<String, TierStatus> statuses = byId(documents.find(Lookups.byIds(ids), TierStatus.class),
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
		List<PointsEntry> found = new ArrayList<>(documents.find(Lookups.byIds(ids), PointsEntry.class));
		Set<String> forRefunds = refundLookups(events, byId(found, PointsEntry::id), referrals);
		forRefunds.removeAll(ids);
		if (!forRefunds.isEmpty()) {
			found.addAll(documents.find(Lookups.byIds(forRefunds), PointsEntry.class));
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
