package io.membergraph.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.loyalty.internal.AccountChange;
import io.membergraph.loyalty.internal.EarnRules;
import io.membergraph.loyalty.internal.LoyaltyReplay;
import io.membergraph.loyalty.internal.LoyaltySettings;
import io.membergraph.loyalty.internal.TierRules;
import io.membergraph.loyalty.internal.TierStatus;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.RecordDocuments;
import org.springframework.stereotype.Service;

/**
 * Loads members' loyalty history in bulk (demo data, imports of settled history): each member's history is
 * replayed through the programme's rules, and the ledger, account, tier and tier changes are written as the
 * live path would have left them.
 */
@Service
public class LoyaltyBulkLoad {

	private final EarnRules rules;

	private final TierCatalog tiers;

	private final AccountChange change;

	private final LoyaltySettings settings;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final RecordDocuments documents;

	LoyaltyBulkLoad(EarnRules rules, TierCatalog tiers, AccountChange change,
			LoyaltySettings settings, BusinessCalendar calendar, Clock clock, RecordDocuments documents) {
		this.documents = documents;
		this.clock = clock;
		this.rules = rules;
		this.tiers = tiers;
		this.change = change;
		this.settings = settings;
		this.calendar = calendar;
	}

	/** Points a member spent at a time, under the client's idempotency key. */
	public record Redemption(Instant at, long points, String key) {
	}

	/** Replays histories with the rules as they are now; one per batch of members. */
	public Replayer replayer() {
		return new Replayer(new LoyaltyReplay(rules.calculator(), new TierRules(tiers.all(), settings, calendar.zone()),
				change, calendar.zone()));
	}

	/** Collects replayed histories until they are written. */
	public final class Replayer {

		private final LoyaltyReplay replay;

		private final List<LoyaltyReplay.Result> results = new ArrayList<>();

		private Replayer(LoyaltyReplay replay) {
			this.replay = replay;
		}

		/**
		 * Replays one member's history up to {@code asOf} and returns the tier the member ends in. Redemptions
		 * the balance cannot cover at their time are refused, as they would have been.
		 */
		public String replay(String memberId, Instant joinedAt, List<Order> orders, List<Redemption> redemptions,
				Instant asOf) {
			LoyaltyReplay.Result result = replay.replay(memberId, joinedAt, orders, redemptions, asOf);
			synchronized (results) {
				results.add(result);
			}
			return result.tier().tierCode();
		}

		/** Takes what was replayed since the last call, as a write to run when the members are written. */
		public Runnable drain() {
			List<LoyaltyReplay.Result> batch;
			synchronized (results) {
				batch = List.copyOf(results);
				results.clear();
			}
			return () -> write(batch);
		}

		private void write(List<LoyaltyReplay.Result> batch) {
			if (batch.isEmpty()) {
				return;
			}
			Instant now = clock.instant();
			documents.insert(batch.stream().flatMap(r -> r.entries().stream()).map(e -> e.changedAt(now)).toList(),
					PointsEntry.class);
			documents.insert(batch.stream().map(r -> r.account().changedAt(now)).toList(), PointsAccount.class);
			documents.insert(batch.stream().map(LoyaltyReplay.Result::tier).toList(), TierStatus.class);
			documents.insert(batch.stream().flatMap(r -> r.changes().stream()).map(c -> c.recordedAt(now)).toList(),
					TierChange.class);
		}

	}

}
