package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.DurationSetting;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import jakarta.annotation.PreDestroy;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * An append-only log of who did what to personal data: reads of members in full, exports, merges, account and role
 * changes, sign-ins that worked and that failed. Nothing in the API changes or removes an entry. Reads are many,
 * so they are gathered and written in batches (at most a second late, and at once when an ADMIN reads the log), one
 * entry per reader, member and operation in each batch; everything else is written as it happens.
 */
@Service
public class AuditTrail {

	/** What an entry records. */
	public enum Action {

		READ_PERSONAL_DATA, EXPORT, MERGE, ACCOUNT_CHANGE, SIGN_IN, SIGN_IN_FAILED

	}

	@Document("audit_log")
	public record Entry(@Id String id, @Indexed Instant at, String actor, Action action, @Indexed String memberId,
			String operation, String detail) {
	}

	private static final int MAX_TEXT = 200;

	private static final int FLUSH_AT = 1_000;

	private final MongoTemplate mongo;

	private final Caller caller;

	private final Clock clock;

	/** Reads waiting to be written, one per reader, member and operation. */
	private final Map<String, Entry> pendingReads = new LinkedHashMap<>();

	AuditTrail(MongoTemplate mongo, Caller caller, Clock clock,
			@Value("${membergraph.audit.flush-interval:PT1S}") Duration flushInterval) {
		// Reads of personal data wait this long in memory: a crash loses at most this much of the trail.
		DurationSetting.within("membergraph.audit.flush-interval", flushInterval, Duration.ofMillis(100),
				Duration.ofMinutes(1));
		this.mongo = mongo;
		this.caller = caller;
		this.clock = clock;
	}

	/** The caller saw this member's personal data in full through the operation. */
	public void readPersonalData(String memberId, String operation) {
		String actor = caller.name();
		if (memberId == null || actor.equals(memberId)) {
			return; // a member reading itself
		}
		boolean full;
		synchronized (pendingReads) {
			pendingReads.putIfAbsent(actor + "\u0000" + memberId + "\u0000" + operation,
					entry(actor, Action.READ_PERSONAL_DATA, memberId, operation, null));
			full = pendingReads.size() >= FLUSH_AT;
		}
		if (full) {
			flush();
		}
	}

	/** Anything other than a read, written at once. */
	public void record(Action action, String memberId, String operation, String detail) {
		mongo.insert(entry(caller.name(), action, memberId, operation, detail));
	}

	/** A sign-in, by the username given (which may be no account at all). */
	public void signIn(String username, boolean succeeded, String address) {
		mongo.insert(entry(clip(username), succeeded ? Action.SIGN_IN : Action.SIGN_IN_FAILED, null, "/auth/token",
				"from " + clip(address)));
	}

	@Scheduled(fixedDelayString = "${membergraph.audit.flush-interval:PT1S}")
	@PreDestroy
	public void flush() {
		List<Entry> batch;
		synchronized (pendingReads) {
			if (pendingReads.isEmpty()) {
				return;
			}
			batch = new ArrayList<>(pendingReads.values());
			pendingReads.clear();
		}
		try {
			mongo.insertAll(batch);
		}
		catch (RuntimeException storeUnavailable) {
			// Kept for the next flush rather than lost; the caller (or the scheduler's log) sees the failure.
			synchronized (pendingReads) {
				batch.forEach(entry -> pendingReads.putIfAbsent(entry.id(), entry));
			}
			throw storeUnavailable;
		}
	}

	/** The log, newest first, by member, actor, action and period (days in UTC, both ends included). */
	@PreAuthorize("hasRole('ADMIN')")
	public Connection<Entry> entries(String memberId, String actor, Action action, LocalDate from, LocalDate to,
			PageRequest page) {
		flush();
		Query query = new Query().with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"))).limit(page.fetchSize());
		if (memberId != null && !memberId.isBlank()) {
			query.addCriteria(Criteria.where("memberId").is(memberId.strip()));
		}
		if (actor != null && !actor.isBlank()) {
			query.addCriteria(Criteria.where("actor").is(actor.strip()));
		}
		if (action != null) {
			query.addCriteria(Criteria.where("action").is(action));
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw new InvalidInputException("to", "is before from");
		}
		Criteria at = Criteria.where("at");
		boolean bounded = false;
		if (from != null) {
			at = at.gte(from.atStartOfDay().toInstant(ZoneOffset.UTC));
			bounded = true;
		}
		if (to != null) {
			at = at.lt(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
			bounded = true;
		}
		if (page.after() != null) {
			Instant time = page.after().timeKey(0);
			String id = page.after().key(1);
			query.addCriteria(new Criteria().orOperator(Criteria.where("at").lt(time),
					Criteria.where("at").is(time).and("_id").lt(id)));
		}
		if (bounded) {
			query.addCriteria(at);
		}
		return Connection.of(mongo.find(query, Entry.class), page, e -> Cursor.of(e.at(), e.id()).encode());
	}

	private Entry entry(String actor, Action action, String memberId, String operation, String detail) {
		return new Entry(new ObjectId().toHexString(), clock.instant(), actor, action, memberId, operation, clip(detail));
	}

	private static String clip(String text) {
		if (text == null) {
			return null;
		}
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > MAX_TEXT ? printable.substring(0, MAX_TEXT) + "..." : printable;
	}

}
