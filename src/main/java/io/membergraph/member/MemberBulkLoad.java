package io.membergraph.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.member.internal.IdentityClaim;
import io.membergraph.member.internal.MemberRepositoryCustomImpl;
import io.membergraph.member.internal.ProfileRules;
import io.membergraph.store.RecordDocuments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Writes members in bulk, with their identity claims, for demo data and imports. The caller vouches that
 * ids, numbers and identities are unique; the store still refuses duplicates.
 */
@Service
public class MemberBulkLoad {

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final Clock clock;

	MemberBulkLoad(MongoTemplate mongo, Clock clock, RecordDocuments documents) {
		this.mongo = mongo;
		this.documents = documents;
		this.clock = clock;
	}

	public boolean hasMembers() {
		return mongo.exists(new Query(), Member.class);
	}

	/** Inserts members numbered from {@link #firstMemberNumber()} upwards and moves the number counter past them. */
	public void insert(List<Member> members) {
		List<IdentityClaim> claims = new ArrayList<>();
		long highestNumber = 0;
		for (Member member : members) {
			ProfileRules.claimKeys(member.identities(), member.phone(), member.email())
				.forEach(key -> claims.add(new IdentityClaim(key, member.id(), member.joinedAt())));
			highestNumber = Math.max(highestNumber, Long.parseLong(member.memberNumber()));
		}
		documents.insert(claims, IdentityClaim.class);
		Instant now = clock.instant();
		documents.insert(members.stream().map(m -> m.updatedAt(now)).toList(), Member.class);
		long issued = highestNumber - MemberRepositoryCustomImpl.FIRST_MEMBER_NUMBER + 1;
		mongo.upsert(Query.query(Criteria.where("_id").is("memberNumber")), new Update().max("issued", issued),
				"counters");
	}

	public static long firstMemberNumber() {
		return MemberRepositoryCustomImpl.FIRST_MEMBER_NUMBER;
	}

	/** The member id that goes with a member number. */
	public static String idFor(long memberNumber) {
		return "M" + memberNumber;
	}

	/** The member number of an id {@link #idFor} made. */
	public static long numberOf(String memberId) {
		if (memberId == null || !memberId.startsWith("M")) {
			throw new IllegalArgumentException("Not a numbered member id: " + memberId);
		}
		return Long.parseLong(memberId, 1, memberId.length(), 10);
	}

}
