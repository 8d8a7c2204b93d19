package io.membergraph.loyalty;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

import io.membergraph.shared.Digests;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line of a member's append-only points ledger. The id is the member id and the idempotency key, so a
 * replayed request finds its entry instead of writing another.
 *
 * @param requested the points asked for: positive for EARN, the amount to take for REDEEM, EXPIRE and
 * REVERSE, signed for ADJUST
 * @param points the signed change actually applied to the balance (after any cap); 0 until applied
 * @param source what the entry comes from: for EXPIRE the lot, for REVERSE the EARN entry (its lot) being
 * reversed, otherwise an order, an activity or a client reference
 * @param qualifyingSpend spend (minor units) this entry adds to (or, reversed, takes from) tier qualification
 * @param occurredAt when the underlying event happened: lots earned expire relative to it, and it dates the
 * entry's contribution to tier qualification
 * @param fingerprint a digest of the request, to tell an honest retry from a clashing key
 * @param note why the applied points differ from the request, e.g. a capped reversal
 * @param changedAt when the entry was last written, so in-memory views of the ledger reload only what changed
 * @param movedFrom for an entry a merge moved to the survivor, the merged member's entry it is a copy of; null
 * for a member's own entries. Two members' entries can match in every other field (registered in one
 * instant, as an import does), so only this tells a copy from the survivor's own entry.
 * @param expiredUnused for a REVERSE, the part of {@code requested} that expired unused from the lot it reverses:
 * not taken from the balance again, but out of tier qualification like the rest (0 for every other entry)
 */
@Document("points_ledger")
@CompoundIndex(name = "member_created", def = "{'memberId': 1, 'createdAt': -1}")
public record PointsEntry(@Id String id, String memberId, EntryType type, long requested, long points,
		@Indexed EntryStatus status, String reason, String actor, @Indexed String source, long qualifyingSpend, Instant occurredAt, String fingerprint,
		String note, Instant createdAt, Instant settledAt, @Indexed Instant changedAt, String movedFrom,
		long expiredUnused) {

	/** The source of an entry that rewards an activity, followed by the client's key. */
	public static final String ACTIVITY_SOURCE = "activity:";

	public static String idOf(String memberId, String idempotencyKey) {
		return memberId + "|" + idempotencyKey;
	}

	/** The key of the entry that expires a lot: lots are named after the entries that earned them. */
	public static String expiryKey(String lotId) {
		return "expire:" + lotId;
	}

	/**
	 * Where the expiry of this earning's lot may be found: under the lot's name, or, for a lot that expired before a
	 * merge moved it, under the name it had then (a merge keeps keys naming the merged member as they are).
	 */
	public List<String> expiryIds() {
		String own = idOf(memberId, expiryKey(id));
		return movedFrom == null ? List.of(own) : List.of(own, idOf(memberId, expiryKey(movedFrom)));
	}

	/** The entry that expired what was left of this earning's lot, looked up by id; null while it has not expired. */
	public PointsEntry expiryAmong(Function<String, PointsEntry> byId) {
		for (String expiryId : expiryIds()) {
			PointsEntry expiry = byId.apply(expiryId);
			if (expiry != null) {
				return expiry;
			}
		}
		return null;
	}

	/** The idempotency key the entry was written under, its id without the member. */
	public String key() {
		return id.substring(memberId.length() + 1);
	}

	/**
	 * The ids a merge may give this entry under the survivor: its own key, or, where that could clash with the
	 * survivor's own, the key marked with the merged member ({@link #idOfMerged}).
	 */
	public static List<String> idsUnder(String survivorId, String entryId, String mergedId) {
		String key = entryId.substring(mergedId.length() + 1);
		return List.of(idOf(survivorId, key), idOfMerged(survivorId, mergedId, key));
	}

	/** The id under the survivor of a merged member's entry whose key could clash with one of the survivor's own. */
	public static String idOfMerged(String survivorId, String mergedId, String key) {
		return idOf(survivorId, mergedKey(mergedId, key));
	}

	/** The key a merged member's entry goes by under the survivor when it could clash with the survivor's own. */
	static String mergedKey(String mergedId, String key) {
		return "merged:" + mergedId + ":" + key;
	}

	/** A new entry, pending until its account decides it; {@code createdAt} is when it is written. */
	public static PointsEntry draft(String memberId, String key, EntryType type, long requested, String reason,
			String actor, String source, long spend, Instant occurredAt, Instant createdAt) {
		// What the client asked for, not when: a retry a second later is the same request.
		String fingerprint = Digests.sha256Hex(type + "|" + requested + "|" + source + "|" + spend, 12);
		return new PointsEntry(idOf(memberId, key), memberId, type, requested, 0, EntryStatus.PENDING, reason, actor,
				source, spend, occurredAt.truncatedTo(ChronoUnit.MILLIS), fingerprint, null, createdAt, null, null, null, 0);
	}

	/** This reversal, {@code points} of whose request expired unused and are left in the balance. */
	public PointsEntry withExpiredUnused(long points) {
		return new PointsEntry(id, memberId, type, requested, this.points, status, reason, actor, source, qualifyingSpend,
				occurredAt, fingerprint, note, createdAt, settledAt, changedAt, movedFrom, points);
	}

	public PointsEntry settled(EntryStatus outcome, long appliedPoints, String outcomeNote, Instant at) {
		return new PointsEntry(id, memberId, type, requested, appliedPoints, outcome, reason, actor, source,
				qualifyingSpend, occurredAt,
				fingerprint, outcomeNote, createdAt, at, null, movedFrom, expiredUnused);
	}

	/** This entry stamped as written at {@code at}; every write of an entry sets {@code changedAt}. */
	public PointsEntry changedAt(Instant at) {
		return new PointsEntry(id, memberId, type, requested, points, status, reason, actor, source, qualifyingSpend,
				occurredAt, fingerprint, note, createdAt, settledAt, at, movedFrom, expiredUnused);
	}

}
