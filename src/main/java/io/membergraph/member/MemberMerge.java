package io.membergraph.member;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.membergraph.member.internal.IdentityClaim;
import io.membergraph.member.internal.MemberMergeRecord;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.security.AuditTrail;
import io.membergraph.security.Caller;
import io.membergraph.shared.Backoff;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.RecoveryStep;
import io.membergraph.shared.UserError;
import io.membergraph.store.Lookups;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Merges a member registered twice into one. Without multi-document transactions, a merge is a sequence of
 * idempotent steps driven by the merge log ({@link MemberMergeRecord}), written before anything moves:
 * <ol>
 * <li>the merged member becomes a tombstone (status MERGED), so lookups and new writes go to the survivor, and its
 * stats take no more changes: one that reaches it later (an order recorded for it the moment before) goes to the
 * survivor ({@link MemberStatistics#apply});</li>
 * <li>every {@link MergeParticipant} finishes the merged member's half-done work, and the merged member's stats,
 * final since it became a tombstone, are noted in the log;</li>
 * <li>profile: identities, contacts, consent, tags and missing profile fields move to the survivor;</li>
 * <li>stats: the merged member's stats are added to the survivor's in one update keyed by the merge, so they
 * land once;</li>
 * <li>each participant moves its data (orders, points ledger, interactions) and recomputes the survivor's;</li>
 * <li>the log is marked completed.</li>
 * </ol>
 * Each finished step is noted in the log. A merge interrupted by a crash is resumed by asking for it again or
 * by the recovery sweep, and runs only the steps not yet noted; a step interrupted half-way is itself
 * idempotent. Asking again for a completed merge changes nothing.
 */
@Service
public class MemberMerge implements RecoveryStep {

	private static final Log log = LogFactory.getLog(MemberMerge.class);

	/** Told as a merge passes each step; tests use it to simulate a crash. */
	interface StepListener {

		StepListener NONE = step -> {
		};

		void reached(String step);

	}

	private final MongoTemplate mongo;

	private final MemberRepository members;

	private final MemberDirectory directory;

	private final List<MergeParticipant> participants;

	private final Caller caller;

	private final Clock clock;

	private final StepListener steps;

	private final AuditTrail audit;

	@Autowired
	MemberMerge(MongoTemplate mongo, MemberRepository members, MemberDirectory directory,
			List<MergeParticipant> participants, Caller caller, Clock clock, AuditTrail audit) {
		this(mongo, members, directory, participants, caller, clock, audit, StepListener.NONE);
	}

	MemberMerge(MongoTemplate mongo, MemberRepository members, MemberDirectory directory,
			List<MergeParticipant> participants, Caller caller, Clock clock, AuditTrail audit, StepListener steps) {
		this.audit = audit;
		this.mongo = mongo;
		this.members = members;
		this.directory = directory;
		this.participants = participants;
		this.caller = caller;
		this.clock = clock;
		this.steps = steps;
	}

	/** The answer to a merge: the log entry and the survivor as it is now, or why nothing was merged. */
	public record MergePayload(MemberMergeRecord merge, Member survivor, boolean replayed, List<UserError> errors) {

		static MergePayload failed(String code, String message, String field) {
			return new MergePayload(null, null, false, List.of(new UserError(code, message, field)));
		}

	}

	public record MergeMembersInput(String survivorId, String mergedId, String reason) {
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public MergePayload merge(MergeMembersInput input) {
		String survivorId = InvalidInputException.requireText("survivorId", input.survivorId());
		String mergedId = InvalidInputException.requireText("mergedId", input.mergedId());
		String reason = InvalidInputException.oneLine("reason", InvalidInputException.requireText("reason", input.reason()),
				500);
		if (survivorId.equals(mergedId)) {
			throw new InvalidInputException("mergedId", "must differ from survivorId");
		}
		MemberMergeRecord earlier = mongo.findById(mergedId, MemberMergeRecord.class);
		if (earlier != null) {
			return again(earlier, survivorId);
		}
		Member survivor = members.findById(survivorId).orElse(null);
		Member merged = members.findById(mergedId).orElse(null);
		if (survivor == null || merged == null) {
			String missing = survivor == null ? survivorId : mergedId;
			return MergePayload.failed("MEMBER_NOT_FOUND", "No member with id '" + missing + "'",
					survivor == null ? "survivorId" : "mergedId");
		}
		if (survivor.status() == MemberStatus.MERGED) {
			String into = directory.currentId(survivorId).orElse("?");
			return MergePayload.failed("MEMBER_MERGED",
					"Member " + survivorId + " was merged into " + into + "; merge into that member instead", "survivorId");
		}
		if (survivor.status() == MemberStatus.CLOSED) {
			return MergePayload.failed("MEMBER_CLOSED", "Member " + survivorId + " is closed and cannot survive a merge",
					"survivorId");
		}
		MemberMergeRecord record = new MemberMergeRecord(mergedId, survivorId, reason, caller.name(), clock.instant(),
				null, MemberMergeRecord.Status.IN_PROGRESS, merged, null, List.of(), Map.of());
		try {
			mongo.insert(record);
		}
		catch (DuplicateKeyException startedMeanwhile) {
			MemberMergeRecord other = loggedMeanwhile(mergedId);
			return other != null ? again(other, survivorId) : inProgress(mergedId, "mergedId");
		}
		// Merges touching each other's members at once (B into A while A into B, or while C into B) would leave one
		// member's data on a tombstone or two tombstones leading to each other. Each logs itself, then looks for the
		// other: at least one of them sees it and withdraws before changing anything.
		Optional<UserError> crossing = crossing(mergedId, survivorId);
		if (crossing.isPresent()) {
			mongo.remove(Query.query(Criteria.where("_id").is(mergedId).and("survivorId").is(survivorId)
				.and("startedAt").is(record.startedAt()).and("status").is(MemberMergeRecord.Status.IN_PROGRESS)),
					MemberMergeRecord.class);
			return new MergePayload(null, null, false, List.of(crossing.get()));
		}
		steps.reached("logged");
		audit.record(AuditTrail.Action.MERGE, survivorId, "mergeMembers", "merged " + mergedId + ": " + reason);
		MemberMergeRecord resumed = resume(record);
		Member survivorNow = members.findById(survivorId).orElseThrow();
		return new MergePayload(resumed, directory.visible(survivorNow, "mergeMembers"), false, List.of());
	}

	/**
	 * Another merge of the same member, whose log entry took the id a moment ago. The embedded store refuses the
	 * duplicate before it shows the entry, so it is looked for a few times.
	 */
	private MemberMergeRecord loggedMeanwhile(String mergedId) {
		Backoff.until(() -> Lookups.hasId(mongo, mergedId, MemberMergeRecord.class), 640);
		return mongo.findById(mergedId, MemberMergeRecord.class);
	}

	/** Another merge under way that this one must not run beside: of its survivor, or into the member it merges. */
	private Optional<UserError> crossing(String mergedId, String survivorId) {
		if (mongo.findById(survivorId, MemberMergeRecord.class) != null) {
			return Optional.of(inProgressError(survivorId, "survivorId"));
		}
		Query intoMerged = Query.query(Criteria.where("survivorId").is(mergedId)
			.and("status").is(MemberMergeRecord.Status.IN_PROGRESS));
		return mongo.exists(intoMerged, MemberMergeRecord.class) ? Optional.of(inProgressError(mergedId, "mergedId"))
				: Optional.empty();
	}

	private static MergePayload inProgress(String memberId, String field) {
		return new MergePayload(null, null, false, List.of(inProgressError(memberId, field)));
	}

	private static UserError inProgressError(String memberId, String field) {
		return new UserError("MERGE_IN_PROGRESS", "Member " + memberId
				+ " is in another merge under way; ask again once it is done (memberMerges shows it)", field);
	}

	/** A merge asked for again: finishes it if a crash interrupted it, and changes nothing if it is complete. */
	private MergePayload again(MemberMergeRecord earlier, String survivorId) {
		if (!earlier.survivorId().equals(survivorId)) {
			return MergePayload.failed("ALREADY_MERGED",
					"Member " + earlier.mergedId() + " was merged into " + earlier.survivorId() + " already", "mergedId");
		}
		boolean complete = earlier.status() == MemberMergeRecord.Status.COMPLETED;
		Optional<UserError> crossing = complete ? Optional.empty() : crossing(earlier.mergedId(), survivorId);
		if (crossing.isPresent()) {
			return new MergePayload(null, null, false, List.of(crossing.get()));
		}
		MemberMergeRecord record = complete ? earlier : resume(earlier);
		Member survivor = members.findById(survivorId).orElseThrow();
		return new MergePayload(record, directory.visible(survivor, "mergeMembers"), complete, List.of());
	}

	/** The merge log, newest first; of one member, as survivor or as merged, when given. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<MemberMergeRecord> history(String memberId, int limit) {
		Query query = memberId == null ? new Query()
				: Query.query(new Criteria().orOperator(Criteria.where("survivorId").is(memberId),
						Criteria.where("_id").is(memberId)));
		return mongo.find(query.with(org.springframework.data.domain.Sort.by("startedAt").descending()).limit(limit),
				MemberMergeRecord.class);
	}

	/** Resumes merges a crash interrupted, of those started before the moment ({@link RecoveryStep}). */
	@Override
	public int recover(java.time.Instant startedBefore) {
		List<MemberMergeRecord> interrupted = mongo.find(
				Query.query(Criteria.where("status").is(MemberMergeRecord.Status.IN_PROGRESS).and("startedAt").lt(startedBefore)),
				MemberMergeRecord.class);
		int resumed = 0;
		for (MemberMergeRecord record : interrupted) {
			try {
				resume(record);
				resumed++;
				log.info("Resumed the interrupted merge of " + record.mergedId() + " into " + record.survivorId());
			}
			catch (RuntimeException failure) {
				log.warn("Could not resume the merge of " + record.mergedId() + " into " + record.survivorId(), failure);
			}
		}
		return resumed;
	}

	private MemberMergeRecord resume(MemberMergeRecord started) {
		String mergedId = started.mergedId();
		String survivorId = started.survivorId();
		tombstone(mergedId);
		steps.reached("tombstone");
		participants.forEach(p -> p.prepare(mergedId));
		steps.reached("prepared");
		MemberMergeRecord record = withMergedStats(started);
		steps.reached("figures-noted");
		if (!record.done("orders")) {
			// A batch that found the member not yet merged just before its figures were noted, having written its
			// orders after the work finished above, may still be adding them to the member's order list (its stats go
			// to the survivor: the tombstone refuses them). Its orders carry their marks: finished now, before the
			// orders and the list move.
			participants.forEach(p -> p.prepare(mergedId));
		}
		if (!record.done("profile")) {
			markDone(mergedId, "profile", moveProfile(record.merged(), survivorId));
		}
		if (!record.done("stats")) {
			MemberStats stats = record.mergedStats();
			members.applyStatsChange(survivorId, "merge:" + mergedId, StatsChange.transferOf(stats));
			steps.reached("stats-applied");
			mongo.updateFirst(byId(mergedId), new Update().set("stats", MemberStats.NONE), Member.class);
			markDone(mergedId, "stats", Map.of("orders", stats.orderCount(), "netSpend", stats.totalSpend().minorUnits()));
		}
		for (MergeParticipant participant : participants) {
			if (!record.done(participant.name())) {
				markDone(mergedId, participant.name(), participant.move(mergedId, survivorId));
			}
		}
		mongo.updateFirst(byId(mergedId), new Update().set("status", MemberMergeRecord.Status.COMPLETED)
			.set("completedAt", clock.instant()), MemberMergeRecord.class);
		return mongo.findById(mergedId, MemberMergeRecord.class);
	}

	/**
	 * Makes the merged member a tombstone. Its phone and e-mail leave the document (they are unique among
	 * members and may move to the survivor); the log keeps the member as it was.
	 */
	private void tombstone(String mergedId) {
		mongo.updateFirst(byId(mergedId), new Update().set("status", MemberStatus.MERGED)
			.unset("phone")
			.unset("email")
			.set("identities", List.of())
			.set("updatedAt", clock.instant()), Member.class);
	}

	/** Notes the merged member's stats, final since it became a tombstone, unless noted before. */
	private MemberMergeRecord withMergedStats(MemberMergeRecord record) {
		if (record.mergedStats() == null) {
			MemberStats stats = members.findById(record.mergedId()).map(Member::stats).orElse(MemberStats.NONE);
			mongo.updateFirst(Query.query(Criteria.where("_id").is(record.mergedId()).and("mergedStats").is(null)),
					new Update().set("mergedStats", stats), MemberMergeRecord.class);
		}
		return mongo.findById(record.mergedId(), MemberMergeRecord.class);
	}

	/**
	 * Moves identities and contacts, and fills what the survivor's profile lacks from the merged member's:
	 * the survivor's own values always win.
	 */
	private Map<String, Object> moveProfile(Member merged, String survivorId) {
		long claims = mongo.updateMulti(Query.query(Criteria.where("memberId").is(merged.id())),
				Update.update("memberId", survivorId), IdentityClaim.class).getModifiedCount();
		Member survivor = members.findById(survivorId).orElseThrow();
		Update update = new Update().set("updatedAt", clock.instant());
		List<Identity> identities = merged.identities() == null ? List.of() : merged.identities();
		List<Identity> newIdentities = identities.stream()
			.filter(i -> survivor.identities().stream()
				.noneMatch(s -> s.channel() == i.channel() && s.externalId().equals(i.externalId())))
			.toList();
		if (!newIdentities.isEmpty()) {
			update.push("identities").each(newIdentities.toArray());
		}
		fillIfMissing(update, "phone", survivor.phone(), merged.phone());
		fillIfMissing(update, "email", survivor.email(), merged.email());
		fillIfMissing(update, "name", survivor.name(), merged.name());
		fillIfMissing(update, "gender", survivor.gender(), merged.gender());
		fillIfMissing(update, "birthDate", survivor.birthDate(), merged.birthDate());
		fillIfMissing(update, "region", survivor.region(), merged.region());
		fillIfMissing(update, "occupation", survivor.occupation(), merged.occupation());
		fillIfMissing(update, "incomeBand", survivor.incomeBand(), merged.incomeBand());
		if (merged.tags() != null && !merged.tags().isEmpty()) {
			update.addToSet("tags").each(merged.tags().toArray());
		}
		if (merged.consent() != null) {
			merged.consent().forEach((channel, consent) -> {
				if (survivor.consent() == null || !survivor.consent().containsKey(channel)) {
					update.set("consent." + channel.name(), consent);
				}
			});
		}
		if (merged.attributes() != null) {
			merged.attributes().forEach((key, value) -> {
				if (survivor.attributes() == null || !survivor.attributes().containsKey(key)) {
					update.set("attributes." + key, value);
				}
			});
		}
		mongo.updateFirst(byId(survivorId), update, Member.class);
		Map<String, Object> moved = new LinkedHashMap<>();
		moved.put("identityClaims", claims);
		moved.put("identities", newIdentities.size());
		return moved;
	}

	private static void fillIfMissing(Update update, String field, Object survivorValue, Object mergedValue) {
		if (survivorValue == null && mergedValue != null) {
			update.set(field, mergedValue);
		}
	}

	private void markDone(String mergedId, String step, Map<String, Object> moved) {
		mongo.updateFirst(byId(mergedId), new Update().addToSet("stepsDone", step).set("moved." + step, moved),
				MemberMergeRecord.class);
		steps.reached(step);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
