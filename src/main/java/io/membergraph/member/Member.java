package io.membergraph.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.security.Masking;
import io.membergraph.shared.Channel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member of the loyalty programme: who they are, how to reach them, where they buy, and their running
 * stats. Sharded by {@code _id} (the member id) in production.
 *
 * @param appliedOperations keys of the most recent stats changes applied, so a retried change is not
 * applied twice
 * @param updatedAt when the member's profile, tier or status was last written (stats updates leave it), so
 * in-memory views of the members reload only what changed
 */
@Document("members")
public record Member(@Id String id, @Indexed(unique = true) String memberNumber, String name, Gender gender,
		LocalDate birthDate, @Indexed(unique = true, sparse = true) String phone,
		@Indexed(unique = true, sparse = true) String email, Region region, String occupation, IncomeBand incomeBand,
		@Indexed Instant joinedAt, Channel joinChannel, List<Identity> identities,
		Map<ConsentChannel, Consent> consent, @Indexed Set<String> tags, Map<String, Object> attributes,
		MemberStatus status, @Indexed String tierCode, MemberStats stats, List<String> appliedOperations,
		@Indexed Instant updatedAt) {

	/** How many applied-operation keys a member remembers: far more than can be in flight at once. */
	public static final int REMEMBERED_OPERATIONS = 200;

	public MemberStats stats() {
		return stats == null ? MemberStats.NONE : stats;
	}

	/** The same member, written at {@code at}. */
	Member updatedAt(Instant at) {
		return new Member(id, memberNumber, name, gender, birthDate, phone, email, region, occupation, incomeBand,
				joinedAt, joinChannel, identities, consent, tags, attributes, status, tierCode, stats, appliedOperations, at);
	}

	/** The same member as a role without personal-data rights sees it. */
	Member masked() {
		return new Member(id, memberNumber, Masking.name(name), gender, null, Masking.phone(phone),
				Masking.email(email), region, occupation, incomeBand, joinedAt, joinChannel,
				identities == null ? List.of() : identities.stream().map(Identity::masked).toList(), consent, tags,
				attributes, status, tierCode, stats, List.of(), updatedAt);
	}

}
