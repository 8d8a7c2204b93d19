package io.membergraph.customer;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.MembersByCode;
import io.membergraph.customer.internal.MovementColumns;
import io.membergraph.customer.internal.TierChangeColumns;
import io.membergraph.customer.internal.TimeColumns;
import io.membergraph.loyalty.EntryStatus;
import io.membergraph.loyalty.EntryType;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.PointsEntry;
import io.membergraph.loyalty.PointsLot;
import io.membergraph.loyalty.Referral;
import io.membergraph.loyalty.TierChange;
import io.membergraph.shared.SettingOutOfBounds;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.ValueDictionary;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * What analyses need from the loyalty programme: each member's tier on a past day, from the recorded tier
 * changes, and the points moved by the ledger. Reveals no personal data. Both are kept in memory and
 * refreshed from what was written since the previous read.
 */
@Service
public class LoyaltyFacts implements WarmUp {

	/** An applied ledger entry as analyses count it. */
	public record Movement(String memberId, Flow flow, Instant occurredAt, long points, boolean forActivity) {
	}

	/**
	 * Ledger entries as the view keeps them: the applied ones, by when they took effect. Read from the documents as
	 * stored (enums by name, instants as dates), as the interaction view is, rather than each mapped to the entity.
	 */
	static final ColumnView.Kind<Document, Movement, MovementColumns> MOVEMENTS = new ColumnView.PlainKind<>("occurredAt",
			"changedAt") {

		@Override
		public Movement recordOf(Document entry) {
			// An entry without a time is in no period; one not applied (yet) moved nothing.
			Date occurredAt = entry.getDate("occurredAt");
			if (!EntryStatus.APPLIED.name().equals(entry.getString("status")) || occurredAt == null) {
				return null;
			}
			String type = entry.getString("type");
			Object points = entry.get("points");
			String source = entry.getString("source");
			return new Movement(entry.getString("memberId"), flowOf(type == null ? null : EntryType.valueOf(type)),
					occurredAt.toInstant(), points == null ? 0 : ((Number) points).longValue(),
					source != null && source.startsWith(PointsEntry.ACTIVITY_SOURCE));
		}

		@Override
		public MovementColumns.Builder builder(int expected, ValueDictionary dictionary) {
			return new MovementColumns.Builder(expected, dictionary);
		}

	};

	/**
	 * A recorded tier change as analyses read it: whose, the tier it moved to, when, and its id, which orders two
	 * changes of one member at one instant.
	 */
	public record TierStep(String id, String memberId, String to, Instant at) {
	}

	/** Tier changes as the view keeps them, by when they took effect, read from the documents as stored. */
	static final ColumnView.Kind<Document, TierStep, TierChangeColumns> TIER_CHANGES = new ColumnView.PlainKind<>("at",
			"recordedAt") {

		@Override
		public TierStep recordOf(Document change) {
			Instant at = instantOf(change, "at");
			return at == null ? null : new TierStep(idOf(change), change.getString("memberId"), change.getString("to"), at);
		}

		@Override
		public TierChangeColumns.Builder builder(int expected, ValueDictionary dictionary) {
			return new TierChangeColumns.Builder(expected, dictionary);
		}

	};

	/** What the view reads of each tier change. */
	static final String[] TIER_CHANGE_FIELDS = { "memberId", "to", "at", "recordedAt" };

	/** What the view reads of each entry. */
	static final String[] ENTRY_FIELDS = { "memberId", "type", "points", "status", "source", "occurredAt", "changedAt" };

	private final ColumnView<Document, TierStep, TierChangeColumns> tierChanges;

	private final ColumnView<Document, Movement, MovementColumns> movements;

	private final ChangeStampedView<PointsAccount, Holding> holdings;

	private final MongoTemplate mongo;

	LoyaltyFacts(ChangeStampedViews views, MongoTemplate mongo,
			@Value("${membergraph.views.ledger-fold-at:50000}") int foldAt) {
		if (foldAt < 1) {
			throw new SettingOutOfBounds("membergraph.views.ledger-fold-at", "at least 1", foldAt);
		}
		this.mongo = mongo;
		this.tierChanges = new ColumnView<>(views.plainFeed(TierChange.class, "recordedAt", TIER_CHANGE_FIELDS),
				TIER_CHANGES, foldAt);
		this.movements = new ColumnView<>(views.plainFeed(PointsEntry.class, "changedAt", ENTRY_FIELDS), MOVEMENTS, foldAt);
		// The account's primitive fields are read too: the record cannot be made without them. Its remembered
		// entries and qualification months are not.
		this.holdings = views.of(PointsAccount.class, "changedAt",
				new String[] { "balance", "deficit", "lifetimeEarned", "lifetimeRedeemed", "lifetimeExpired",
						"lifetimeAdjusted", "lifetimeReversed", "version", "lots", "changedAt" },
				PointsAccount::memberId, Holding::of);
	}

	/**
	 * What a segment needs of a points account, in primitive arrays: the balance and each lot's expiry (epoch
	 * milliseconds, {@link Long#MAX_VALUE} for none) with its remaining points. A merged-away member's account is
	 * deleted, not tombstoned, so it may linger here; nothing asks for a merged member's balance.
	 */
	private record Holding(long balance, long[] expiries, long[] remaining) {

		static Holding of(PointsAccount account) {
			List<PointsLot> lots = account.lots() == null ? List.of() : account.lots();
			long[] expiries = new long[lots.size()];
			long[] remaining = new long[lots.size()];
			for (int i = 0; i < expiries.length; i++) {
				PointsLot lot = lots.get(i);
				expiries[i] = lot.expiresAt() == null ? Long.MAX_VALUE : lot.expiresAt().toEpochMilli();
				remaining[i] = lot.remaining();
			}
			return new Holding(account.balance(), expiries, remaining);
		}

		Balance balanceBefore(long soon) {
			long expiring = 0;
			for (int i = 0; i < expiries.length; i++) {
				if (expiries[i] < soon) {
					expiring += remaining[i];
				}
			}
			return new Balance(balance, expiring);
		}

	}

	/**
	 * Each member's tier just before {@code end}: the target of its latest tier change before then (of two at
	 * the same instant, the one with the greater id, so the answer never depends on reading order).
	 */
	public Map<String, String> tiersBefore(Instant end) {
		return tiersBefore(tierChanges.current(), end);
	}

	static Map<String, String> tiersBefore(ColumnView.Snapshot<TierStep, TierChangeColumns> changes, Instant end) {
		long before = TimeColumns.millis(end);
		Map<String, TierStep> latest = changes.columns().latestBefore(before, changes.gone(), changes.values());
		for (TierStep recent : changes.recent()) {
			if (recent.at().toEpochMilli() < before) {
				latest.merge(recent.memberId(), recent, LoyaltyFacts::later);
			}
		}
		Map<String, String> tiers = new HashMap<>();
		latest.forEach((member, change) -> tiers.put(member, change.to()));
		return tiers;
	}

	private static TierStep later(TierStep a, TierStep b) {
		int byTime = b.at().compareTo(a.at());
		return byTime > 0 || byTime == 0 && b.id().compareTo(a.id()) > 0 ? b : a;
	}

	/** A member's available points and how many of them expire before a given time. */
	public record Balance(long available, long expiringSoon) {
	}

	/** Members' balances as of one moment, looked up one member at a time. */
	@FunctionalInterface
	public interface Balances {

		/** The member's balance, or null when the member has no points account. */
		Balance of(String memberId);

		/**
		 * Whether the other gives every member the same balance as this one: both were read from the same state of
		 * the accounts for the same moment. What was worked out from one holds for the other.
		 */
		default boolean sameAs(Balances other) {
			return this == other;
		}

	}

	/**
	 * Every points account's available balance, and the points of its lots that expire before {@code soon}, from
	 * the in-memory view of the accounts as it is now; each worked out when asked, none for members not asked about.
	 */
	public Balances balances(Instant soon) {
		return new AccountBalances(holdings.current(), soon.toEpochMilli());
	}

	/** The accounts as the view held them (a new map once any account changed), and the moment "soon" ends. */
	private static final class AccountBalances implements Balances {

		private final Map<String, Holding> holdings;

		private final long before;

		AccountBalances(Map<String, Holding> holdings, long before) {
			this.holdings = holdings;
			this.before = before;
		}

		@Override
		public Balance of(String memberId) {
			Holding holding = holdings.get(memberId);
			return holding == null ? null : holding.balanceBefore(before);
		}

		@Override
		public boolean sameAs(Balances other) {
			return other instanceof AccountBalances balances && balances.holdings == holdings
					&& balances.before == before;
		}

	}

	/** The kinds of points movement an analysis reports. */
	public enum Flow {

		ISSUED, REDEEMED, EXPIRED, ADJUSTED, REVERSED

	}

	/**
	 * Takes one points movement, when it took effect (epoch milliseconds), its flow and its points, and answers the
	 * group whose members its member counts in (null for none).
	 */
	@FunctionalInterface
	public interface MovementSink {

		DistinctMembers moved(long epochMilli, Flow flow, long points);

	}

	/**
	 * Hands every applied ledger entry of the given members that took effect in [{@code start}, {@code end}) to
	 * {@code sink}, as its time and its points (positive for points issued, negative for points taken), oldest
	 * first, and counts its member in the group the sink answers.
	 */
	public void pointsMoved(Set<String> memberIds, Instant start, Instant end, MovementSink sink) {
		handOut(of(memberIds, false), start, end, sink);
	}

	/** Hands every applied ledger entry of the given members (all when null) in [{@code start}, {@code end}) to {@code each}. */
	public void movements(Set<String> memberIds, Instant start, Instant end, Consumer<Movement> each) {
		movements.current().forEach(TimeColumns.millis(start), TimeColumns.millis(end), of(memberIds, false), each);
	}

	/** Every recorded referral ("old brings new"); a small collection, read whole. */
	public List<Referral> referrals() {
		return mongo.findAll(Referral.class);
	}

	/**
	 * Hands every applied entry that rewarded an activity (a review, a check-in, a referral…) in [{@code start},
	 * {@code end}) to {@code sink}, as its time and points, and counts its member in the group the sink answers; all
	 * members' when {@code memberIds} is null.
	 */
	public void activityRewards(Set<String> memberIds, Instant start, Instant end, MovementSink sink) {
		handOut(of(memberIds, true), start, end, sink);
	}

	/**
	 * The movements a reader wants, each counted in the group the sink answers by its member's code in the columns:
	 * millions of movements cost no look at a member's id.
	 */
	private void handOut(ColumnView.Wanted<Movement, MovementColumns> wanted, Instant start, Instant end,
			MovementSink sink) {
		ColumnView.Snapshot<Movement, MovementColumns> snapshot = movements.current();
		snapshot.forEach(TimeColumns.millis(start), TimeColumns.millis(end), wanted, MovementColumns::memberCode,
				(movement, code) -> {
					DistinctMembers group = sink.moved(movement.occurredAt().toEpochMilli(), movement.flow(),
							movement.points());
					if (group != null) {
						group.add(movement.memberId(), code, snapshot.values());
					}
				});
	}

	/**
	 * The movements of the members (all when null), only those rewarding an activity when {@code activities}: judged
	 * on the columns before a movement is decoded. One instance for one pass over the rows.
	 */
	static ColumnView.Wanted<Movement, MovementColumns> of(Set<String> memberIds, boolean activities) {
		return new ColumnView.Wanted<>() {

			private final MembersByCode members = memberIds == null ? null : new MembersByCode(memberIds::contains);

			@Override
			public boolean row(MovementColumns columns, Object[] values, int row) {
				if (activities && !columns.isForActivity(row)) {
					return false;
				}
				return members == null || members.accepts(values, columns.memberCode(row));
			}

			@Override
			public boolean record(Movement movement) {
				return (!activities || movement.forActivity())
						&& (memberIds == null || memberIds.contains(movement.memberId()));
			}

		};
	}

	@Override
	public void warm() {
		movements.current();
		tierChanges.current();
	}

	private static Flow flowOf(EntryType type) {
		return switch (type) {
			case EARN -> Flow.ISSUED;
			case REDEEM -> Flow.REDEEMED;
			case EXPIRE -> Flow.EXPIRED;
			case ADJUST -> Flow.ADJUSTED;
			case REVERSE -> Flow.REVERSED;
		};
	}

}
