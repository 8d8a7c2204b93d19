package io.membergraph.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.loyalty.internal.AppliedEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's points, in one document so every change is one atomic update. Invariants: {@code balance} is
 * the sum of the member's applied ledger entries, and equals the lots' remaining points less the deficit.
 *
 * @param deficit points owed after a reversal took more than the member had, when the programme allows a
 * negative balance; new earnings pay it off first
 * @param qualifying per calendar month ({@code yyyy-MM}), the points earned and spend (minor units) that
 * count towards tier qualification
 * @param applied the latest entries decided here (applied or refused), so a retried entry is never applied
 * twice and is always settled the same way
 * @param version raised by every change; updates are conditional on it, so concurrent changes never
 * interleave
 * @param changedAt when the account was last written, so the in-memory view of balances reloads only what
 * changed; every write sets it ({@link #changedAt(Instant)})
 * @param mergedInto set when a merge of the member has closed the account to take it into the survivor's: from then
 * on nothing is decided here (a posting under way is refused, {@code MEMBER_MERGED}), so what the survivor absorbs
 * is final; null for an account in use
 */
@Document("points_accounts")
public record PointsAccount(@Id String memberId, long balance, long deficit, long lifetimeEarned,
		long lifetimeRedeemed, long lifetimeExpired, long lifetimeAdjusted, long lifetimeReversed, List<PointsLot> lots,
		Map<String, Qualifying> qualifying, List<AppliedEntry> applied, long version,
		@Indexed Instant changedAt, String mergedInto) {

	/** How many applied entries an account remembers: far more than can be in flight for one member. */
	public static final int REMEMBERED_ENTRIES = 200;

	/** What one month contributed towards tier qualification. */
	public record Qualifying(long points, long spend) {

		public Qualifying plus(long morePoints, long moreSpend) {
			return new Qualifying(points + morePoints, spend + moreSpend);
		}

	}

	public static PointsAccount open(String memberId) {
		return new PointsAccount(memberId, 0, 0, 0, 0, 0, 0, 0, List.of(), Map.of(), List.of(), 0, null, null);
	}

	/** This account stamped as written at {@code at}. */
	public PointsAccount changedAt(Instant at) {
		return new PointsAccount(memberId, balance, deficit, lifetimeEarned, lifetimeRedeemed, lifetimeExpired,
				lifetimeAdjusted, lifetimeReversed, lots, qualifying, applied, version, at, mergedInto);
	}

	/**
	 * This account closed by the merge of its member into {@code survivorId} (raising the version, so that a posting
	 * that read it before fails its write and reads it again, closed).
	 */
	public PointsAccount closedInto(String survivorId) {
		return new PointsAccount(memberId, balance, deficit, lifetimeEarned, lifetimeRedeemed, lifetimeExpired,
				lifetimeAdjusted, lifetimeReversed, lots, qualifying, applied, version + 1, changedAt, survivorId);
	}

	/** The account's decision on an entry, or null when the entry has not reached it. */
	public AppliedEntry decisionOn(String entryId) {
		return applied.stream().filter(a -> a.entryId().equals(entryId)).findFirst().orElse(null);
	}

	public long lotsRemaining() {
		return lots.stream().mapToLong(PointsLot::remaining).sum();
	}

}
