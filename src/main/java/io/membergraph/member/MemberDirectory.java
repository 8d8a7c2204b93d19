package io.membergraph.member;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.membergraph.member.internal.IdentityClaim;
import io.membergraph.member.internal.IdentityClaims;
import io.membergraph.member.internal.MemberMergeRecord;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.security.AuditTrail;
import io.membergraph.security.Caller;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.ForbiddenFieldException;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.store.LeftoverWatch;
import io.membergraph.store.Lookups;
import io.membergraph.store.WriteCounts;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Finds members for the roles that may see them. Every member leaves through {@link #visible}, so roles
 * without personal-data rights get masked data whichever query they use.
 */
@Service
public class MemberDirectory {

	/** How long before a choice of members a merge is still looked for among them ({@link #mergedAwayAmong}). */
	static final Duration MERGES_OVERLAP = Duration.ofDays(1);

	/** A tombstone pointing to a tombstone is followed this far; real chains are one or two long. */
	private static final int MAX_MERGE_HOPS = 20;

	private final MemberRepository members;

	private final IdentityClaims claims;

	private final Caller caller;

	private final AuditTrail audit;

	private final MongoTemplate mongo;

	/** Members without a tier, which the recovery sweep asks for: none, until a member is written. */
	private final LeftoverWatch untiered;

	MemberDirectory(MemberRepository members, IdentityClaims claims, Caller caller, MongoTemplate mongo,
			AuditTrail audit, WriteCounts writeCounts) {
		this.untiered = writeCounts.leftovers(Member.class);
		this.audit = audit;
		this.members = members;
		this.claims = claims;
		this.caller = caller;
		this.mongo = mongo;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT','MARKETER') or @caller.isMember(#id)")
	public Optional<Member> findById(String id) {
		return currentId(id).flatMap(members::findById).map(m -> visible(m, "member"));
	}

	/** Members by id, as the caller may see them, in the order asked; ids of no live member are left out. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<Member> findByIds(List<String> ids) {
		Map<String, Member> found = new HashMap<>();
		members.findAllById(ids).forEach(m -> found.put(m.id(), m));
		return ids.stream()
			.map(found::get)
			.filter(m -> m != null && m.status() != MemberStatus.MERGED)
			.map(m -> visible(m, "members"))
			.toList();
	}

	/** Exact-match lookups answer whether a value is someone's: only for roles that see that value. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public Optional<Member> findByIdentity(Channel channel, String externalId) {
		String id = InvalidInputException.requireText("externalId", externalId);
		return claims.ownerOf(IdentityClaim.channelKey(channel, id)).flatMap(members::findById).map(m -> visible(m, "memberByIdentity"));
	}

	/** Finds a member by exactly one of phone, e-mail or WeChat unionid, each compared in normalised form. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public Optional<Member> findByContact(String phone, String email, String wechatUnionId) {
		long given = Stream.of(phone, email, wechatUnionId).filter(v -> v != null && !v.isBlank()).count();
		if (given != 1) {
			throw new InvalidInputException("phone", "give exactly one of phone, email or wechatUnionId");
		}
		String key;
		if (phone != null && !phone.isBlank()) {
			key = IdentityClaim.phoneKey(PhoneNumber.normalise("phone", phone));
		}
		else if (email != null && !email.isBlank()) {
			key = IdentityClaim.emailKey(EmailAddress.normalise("email", email));
		}
		else {
			key = IdentityClaim.unionIdKey(wechatUnionId.strip());
		}
		return claims.ownerOf(key).flatMap(members::findById).map(m -> visible(m, "memberByContact"));
	}

	/**
	 * The ids of the members holding these phones (normalised), for batches that name members by phone: one query
	 * for the claims and one for the members. Phones no member holds are left out.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public Map<String, String> idsByPhone(Collection<String> phones) {
		Map<String, String> keys = new HashMap<>();
		phones.forEach(phone -> keys.put(IdentityClaim.phoneKey(phone), phone));
		return owners(keys);
	}

	/** The ids of the members holding these e-mails (as cleaned), as {@link #idsByPhone} does for phones. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public Map<String, String> idsByEmail(Collection<String> emails) {
		Map<String, String> keys = new HashMap<>();
		emails.forEach(email -> keys.put(IdentityClaim.emailKey(email), email));
		return owners(keys);
	}

	/** The ids of the members holding these accounts in the channel, as {@link #idsByPhone} does for phones. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public Map<String, String> idsByIdentity(Channel channel, Collection<String> externalIds) {
		Map<String, String> keys = new HashMap<>();
		externalIds.forEach(id -> keys.put(IdentityClaim.channelKey(channel, id), id));
		return owners(keys);
	}

	/** Claim key to what was asked for; answers what was asked for to the member holding it. */
	private Map<String, String> owners(Map<String, String> asked) {
		Map<String, String> claimedBy = new HashMap<>();
		mongo.find(Lookups.byIds(asked.keySet()), IdentityClaim.class)
			.forEach(claim -> claimedBy.put(asked.get(claim.key()), claim.memberId()));
		// A claim a crash left behind points at no member; a merged member's claims moved to the survivor.
		Map<String, String> current = currentIds(claimedBy.values());
		Map<String, String> owners = new HashMap<>();
		claimedBy.forEach((value, memberId) -> {
			if (current.containsKey(memberId)) {
				owners.put(value, current.get(memberId));
			}
		});
		return owners;
	}

	/** Lists members; storefront apps may not, since they serve one customer at a time. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','MARKETER')")
	public Connection<Member> search(MemberFilter filter, PageRequest page) {
		MemberFilter criteria = filter == null ? MemberFilter.NONE : filter.normalised();
		refuseMaskedFilters(criteria);
		return Connection.of(members.search(criteria, page), page, m -> Cursor.of(m.id()).encode())
			.map(m -> visible(m, "members"));
	}

	/**
	 * A caller who sees names and contacts masked may not filter on them either: a name prefix or an exact phone
	 * that matches would tell the masked value, one question at a time.
	 */
	private void refuseMaskedFilters(MemberFilter filter) {
		if (caller.seesPersonalData()) {
			return;
		}
		Map<String, String> masked = new LinkedHashMap<>();
		masked.put("filter.name", filter.name());
		masked.put("filter.phone", filter.phone());
		masked.put("filter.email", filter.email());
		masked.forEach((field, value) -> {
			if (value != null && !value.isBlank()) {
				throw new ForbiddenFieldException(field, "is masked for your role, so it cannot be filtered on");
			}
		});
	}

	/** Whether a member exists; for other features checking a reference, reveals nothing else. */
	public boolean exists(String memberId) {
		return memberId != null && Lookups.hasId(mongo, memberId, Member.class);
	}

	/** Those of the members who withdrew their consent to marketing through the channel (said no, not just never asked). */
	public Set<String> withdrewConsent(Collection<String> memberIds, ConsentChannel channel) {
		Set<String> withdrawn = new HashSet<>();
		List<String> ids = new ArrayList<>(memberIds);
		for (int from = 0; from < ids.size(); from += 10_000) {
			Query refused = Lookups.byIds(ids.subList(from, Math.min(ids.size(), from + 10_000)),
					"consent." + channel.name() + ".granted", false);
			refused.fields().include("_id");
			mongo.find(refused, org.bson.Document.class, mongo.getCollectionName(Member.class))
				.forEach(member -> withdrawn.add(member.getString("_id")));
		}
		return withdrawn;
	}

	/** When the member's first paid order was placed, once it has bought (as its stats have it). */
	public Optional<java.time.Instant> firstOrderAt(String memberId) {
		Query byId = Query.query(Criteria.where("_id").is(memberId));
		byId.fields().include("stats");
		Member member = mongo.findOne(byId, Member.class);
		return Optional.ofNullable(member == null ? null : member.stats().firstOrderAt());
	}

	/**
	 * The id under which the member lives now: its own, or, for a member merged away, the survivor's (merges
	 * can chain). Empty for an unknown id. Features writing for a member given by id write for this one.
	 */
	public Optional<String> currentId(String memberId) {
		List<String> path = mergePath(memberId);
		return path.isEmpty() ? Optional.empty() : Optional.of(path.get(path.size() - 1));
	}

	/**
	 * The ids the member went by, from the one given to the one it lives under now ({@link #currentId}), one per
	 * merge it went through. Empty for an unknown id.
	 */
	public List<String> mergePath(String memberId) {
		if (memberId == null) {
			return List.of();
		}
		List<String> path = new ArrayList<>();
		String id = memberId;
		for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
			Query byId = Query.query(Criteria.where("_id").is(id));
			byId.fields().include("status");
			Member member = mongo.findOne(byId, Member.class);
			if (member == null) {
				return List.of();
			}
			path.add(id);
			if (member.status() != MemberStatus.MERGED) {
				return path;
			}
			MemberMergeRecord merge = mongo.findById(id, MemberMergeRecord.class);
			if (merge == null) {
				return List.of();
			}
			id = merge.survivorId();
		}
		throw new IllegalStateException("Member " + memberId + " was merged more than " + MAX_MERGE_HOPS + " times over");
	}

	/**
	 * {@link #currentId} for many ids at once, as batches need them: reads the members in one query and follows
	 * merges in one query per hop. Unknown ids are left out of the answer.
	 */
	public Map<String, String> currentIds(Collection<String> memberIds) {
		Map<String, String> current = new HashMap<>();
		Map<String, String> chasing = new HashMap<>();
		memberIds.stream().filter(Objects::nonNull).distinct().forEach(id -> chasing.put(id, id));
		for (int hop = 0; hop < MAX_MERGE_HOPS && !chasing.isEmpty(); hop++) {
			Query byIds = Lookups.byIds(new HashSet<>(chasing.values()));
			byIds.fields().include("status");
			Set<String> merged = new HashSet<>();
			Set<String> found = new HashSet<>();
			for (org.bson.Document member : mongo.find(byIds, org.bson.Document.class,
					mongo.getCollectionName(Member.class))) {
				found.add(member.getString("_id"));
				if (MemberStatus.MERGED.name().equals(member.getString("status"))) {
					merged.add(member.getString("_id"));
				}
			}
			Map<String, String> survivors = new HashMap<>();
			if (!merged.isEmpty()) {
				mongo.find(Lookups.byIds(merged), MemberMergeRecord.class)
					.forEach(record -> survivors.put(record.mergedId(), record.survivorId()));
			}
			Map<String, String> next = new HashMap<>();
			chasing.forEach((given, id) -> {
				if (found.contains(id) && !merged.contains(id)) {
					current.put(given, id);
				}
				else if (survivors.containsKey(id)) {
					next.put(given, survivors.get(id));
				}
			});
			chasing.clear();
			chasing.putAll(next);
		}
		if (!chasing.isEmpty()) {
			throw new IllegalStateException("Members " + chasing.keySet() + " were merged more than " + MAX_MERGE_HOPS
					+ " times over");
		}
		return current;
	}

	/** Of these members, those merged away, each with the member it lives in now. */
	public Map<String, String> mergedAway(Collection<String> memberIds) {
		Map<String, String> away = new HashMap<>();
		currentIds(memberIds).forEach((id, current) -> {
			if (!id.equals(current)) {
				away.put(id, current);
			}
		});
		return away;
	}

	/**
	 * Of the members {@code among} holds for, those a merge completed since {@code since} took away, each with the
	 * member it lives in now. Reads the merge log's records of that time (only the two ids), not the members: for a
	 * large set, such as a campaign's audience of a million, it costs what the merges since cost rather than a million
	 * lookups. Merges up to {@link #MERGES_OVERLAP} before {@code since} are read too: a choice of members that took a
	 * while, or was made on an instance whose clock runs behind, may still have seen a member merged just before. A
	 * null {@code since} reads every merge.
	 */
	public Map<String, String> mergedAwayAmong(Predicate<String> among, Instant since) {
		Criteria completed = Criteria.where("status").is(MemberMergeRecord.Status.COMPLETED);
		Query query = Query.query(since == null ? completed : completed.and("completedAt").gte(since.minus(MERGES_OVERLAP)));
		query.fields().include("_id", "survivorId");
		Map<String, String> survivors = new HashMap<>();
		mongo.find(query, org.bson.Document.class, mongo.getCollectionName(MemberMergeRecord.class))
			.forEach(merge -> survivors.put(merge.getString("_id"), merge.getString("survivorId")));
		Map<String, String> away = new HashMap<>();
		survivors.forEach((merged, survivor) -> {
			if (among.test(merged)) {
				String current = survivor;
				for (int hop = 0; hop < MAX_MERGE_HOPS && survivors.containsKey(current); hop++) {
					current = survivors.get(current);
				}
				away.put(merged, current);
			}
		});
		return away;
	}

	/**
	 * These members, chosen at {@code chosenAt} (a segment's evaluation, say), as they live now: each merged away
	 * since is the member it lives in, and a customer whose two accounts were both chosen is there once.
	 */
	public Set<String> asTheyAreNow(Collection<String> memberIds, Instant chosenAt) {
		Set<String> now = new HashSet<>(memberIds);
		Map<String, String> mergedAway = mergedAwayAmong(now::contains, chosenAt);
		now.removeAll(mergedAway.keySet());
		now.addAll(mergedAway.values());
		return now;
	}

	/**
	 * Of these members, those merged away whose merge has already taken their figures (its snapshot of their stats
	 * is made), each with the member it lives in now: what reaches such a member from now on (an order written for
	 * it just before the merge began) is the survivor's, or it would be lost or left on the tombstone. One query;
	 * the merge log is read only for members merged away.
	 */
	public Map<String, String> figuresMovedOn(Collection<String> memberIds) {
		Query merged = Lookups.byIds(new HashSet<>(memberIds))
			.addCriteria(Criteria.where("status").is(MemberStatus.MERGED));
		merged.fields().include("_id");
		List<String> mergedIds = mongo.find(merged, Member.class).stream().map(Member::id).toList();
		if (mergedIds.isEmpty()) {
			return Map.of();
		}
		List<String> taken = mongo.find(Lookups.byIds(mergedIds), MemberMergeRecord.class).stream()
			.filter(record -> record.mergedStats() != null)
			.map(MemberMergeRecord::mergedId)
			.toList();
		return taken.isEmpty() ? Map.of() : currentIds(taken);
	}

	/**
	 * Members the loyalty programme has not yet put in a tier: just registered, or left so by a crash between
	 * registering and being welcomed. Reveals ids and join facts only.
	 */
	public List<MemberRegistered> awaitingTier(int limit, java.time.Instant writtenBefore) {
		LeftoverWatch.Look look = untiered.look();
		if (look.needless()) {
			return List.of();
		}
		Query waiting = Query.query(Criteria.where("tierCode").is(null).and("updatedAt").lt(writtenBefore)).limit(limit);
		waiting.fields().include("joinChannel", "joinedAt");
		List<MemberRegistered> found = mongo.find(waiting, Member.class)
			.stream()
			.map(m -> new MemberRegistered(m.id(), m.joinChannel(), m.joinedAt()))
			.toList();
		if (found.isEmpty() && !mongo.exists(Query.query(Criteria.where("tierCode").is(null)), Member.class)) {
			look.foundNone();
		}
		return found;
	}

	/** How the member joined, for features that act on its registration; reveals no personal data. */
	public Optional<MemberRegistered> registrationOf(String memberId) {
		return members.findById(memberId).map(m -> new MemberRegistered(m.id(), m.joinChannel(), m.joinedAt()));
	}

	/** {@link #registrationOf} for many members at once; unknown ids are left out. */
	public Map<String, MemberRegistered> registrationsOf(Collection<String> memberIds) {
		Query byIds = Lookups.byIds(memberIds);
		byIds.fields().include("joinChannel", "joinedAt");
		Map<String, MemberRegistered> found = new HashMap<>();
		// Two fields of each, read as stored: mapping whole members for them was 3% of a member import's CPU.
		mongo.find(byIds, org.bson.Document.class, mongo.getCollectionName(Member.class)).forEach(m -> {
			String channel = m.getString("joinChannel");
			java.util.Date joinedAt = m.getDate("joinedAt");
			found.put(m.getString("_id"), new MemberRegistered(m.getString("_id"),
					channel == null ? null : Channel.valueOf(channel), joinedAt == null ? null : joinedAt.toInstant()));
		});
		return found;
	}

	/** The member as the caller may see it; a read in full is written to the audit trail with the operation. */
	public Member visible(Member member, String operation) {
		if (!caller.seesPersonalData()) {
			return member.masked();
		}
		audit.readPersonalData(member.id(), operation);
		return member;
	}

}
