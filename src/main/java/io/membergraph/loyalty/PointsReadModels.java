package io.membergraph.loyalty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.loyalty.internal.PointsBatch;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Rebuilds each points account's balance and lifetime totals from the ledger, and says where the account
 * differs. Lots cannot be told from totals; an account whose lots disagree with its balance is reported,
 * not guessed at.
 */
@Service
public class PointsReadModels {

	private final MongoTemplate mongo;

	private final Clock clock;

	PointsReadModels(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Members whose account totals differ from the ledger (repaired when asked), and whose lots disagree. */
	public record Differences(int accounts, List<String> totals, List<String> lots) {
	}

	public Differences check(boolean repair) {
		Set<String> inFlight = underWay();
		Map<String, long[]> ledger = ledgerTotals();
		List<String> totals = new ArrayList<>();
		List<String> lots = new ArrayList<>();
		List<PointsAccount> accounts = mongo.findAll(PointsAccount.class);
		for (PointsAccount account : accounts) {
			if (inFlight.contains(account.memberId())) {
				// Its account may hold points whose ledger entries are still being written: judged once they are.
				continue;
			}
			long[] t = ledger.getOrDefault(account.memberId(), new long[EntryType.values().length]);
			long balance = 0;
			for (long sum : t) {
				balance += sum;
			}
			PointsAccount expected = new PointsAccount(account.memberId(), balance, account.deficit(),
					t[EntryType.EARN.ordinal()], -t[EntryType.REDEEM.ordinal()], -t[EntryType.EXPIRE.ordinal()],
					t[EntryType.ADJUST.ordinal()], -t[EntryType.REVERSE.ordinal()], account.lots(), account.qualifying(),
					account.applied(), account.version() + 1, account.changedAt(), account.mergedInto());
			if (!sameTotals(expected, account)) {
				totals.add(account.memberId());
				if (repair) {
					mongo.replace(Query.query(Criteria.where("_id").is(account.memberId()).and("version").is(account.version())),
							expected.changedAt(clock.instant()));
				}
			}
			if (account.lotsRemaining() - account.deficit() != balance) {
				lots.add(account.memberId());
			}
		}
		totals.sort(null);
		lots.sort(null);
		return new Differences(accounts.size(), totals, lots);
	}

	/**
	 * Members whose points are being posted: named by a loyalty journal (a batch under way, or one a crash left to
	 * the recovery sweep), or with an entry still pending (posted one by one, the account is updated before the
	 * entry is settled).
	 */
	private Set<String> underWay() {
		Query journals = new Query();
		journals.fields().include("members.memberId");
		Set<String> members = new HashSet<>();
		mongo.find(journals, Document.class, mongo.getCollectionName(PointsBatch.class))
			.forEach(journal -> journal.getList("members", Document.class, List.of())
				.forEach(member -> members.add(member.getString("memberId"))));
		Query pending = Query.query(Criteria.where("status").is(EntryStatus.PENDING));
		pending.fields().include("memberId");
		mongo.find(pending, Document.class, mongo.getCollectionName(PointsEntry.class))
			.forEach(entry -> members.add(entry.getString("memberId")));
		return members;
	}

	/** Per member, the applied points by entry type, from one aggregation over the ledger. */
	private Map<String, long[]> ledgerTotals() {
		Map<String, long[]> totals = new HashMap<>();
		mongo.aggregate(Aggregation.newAggregation(Aggregation.match(Criteria.where("status").is(EntryStatus.APPLIED)),
				Aggregation.group("memberId", "type").sum("points").as("points")), PointsEntry.class, Document.class)
			.getMappedResults()
			.forEach(group -> {
				Document id = group.get("_id", Document.class);
				long[] byType = totals.computeIfAbsent(id.getString("memberId"), m -> new long[EntryType.values().length]);
				byType[EntryType.valueOf(id.getString("type")).ordinal()] += ((Number) group.get("points")).longValue();
			});
		return totals;
	}

	private static boolean sameTotals(PointsAccount a, PointsAccount b) {
		return a.balance() == b.balance() && a.lifetimeEarned() == b.lifetimeEarned()
				&& a.lifetimeRedeemed() == b.lifetimeRedeemed() && a.lifetimeExpired() == b.lifetimeExpired()
				&& a.lifetimeAdjusted() == b.lifetimeAdjusted() && a.lifetimeReversed() == b.lifetimeReversed();
	}

}
