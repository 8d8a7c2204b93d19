package io.membergraph.member;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.membergraph.security.Caller;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
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

	private final MemberRepository members;

	private final IdentityClaims claims;

	private final Caller caller;

	private final MongoTemplate mongo;

	MemberDirectory(MemberRepository members, IdentityClaims claims, Caller caller, MongoTemplate mongo) {
		this.members = members;
		this.claims = claims;
		this.caller = caller;
		this.mongo = mongo;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT','MARKETER') or @caller.isMember(#id)")
	public Optional<Member> findById(String id) {
		return members.findById(id).map(this::visible);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT','MARKETER')")
	public Optional<Member> findByIdentity(Channel channel, String externalId) {
		String id = InvalidInputException.requireText("externalId", externalId);
		return claims.ownerOf(IdentityClaim.channelKey(channel, id)).flatMap(members::findById).map(this::visible);
	}

	/** Finds a member by exactly one of phone, e-mail or WeChat unionid, each compared in normalised form. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT','MARKETER')")
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
		return claims.ownerOf(key).flatMap(members::findById).map(this::visible);
	}

	/** Lists members; storefront apps may not, since they serve one customer at a time. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','MARKETER')")
	public Connection<Member> search(MemberFilter filter, PageRequest page) {
		MemberFilter criteria = filter == null ? MemberFilter.NONE : filter.normalised();
		return Connection.of(members.search(criteria, page), page, m -> Cursor.of(m.id()).encode())
			.map(this::visible);
	}

	/** Whether a member exists; for other features checking a reference, reveals nothing else. */
	public boolean exists(String memberId) {
		return memberId != null && members.existsById(memberId);
	}

	/**
	 * Members the loyalty programme has not yet put in a tier: just registered, or left so by a crash between
	 * registering and being welcomed. Reveals ids and join facts only.
	 */
	public List<MemberRegistered> awaitingTier(int limit) {
		Query waiting = Query.query(Criteria.where("tierCode").is(null)).limit(limit);
		waiting.fields().include("joinChannel", "joinedAt");
		return mongo.find(waiting, Member.class)
			.stream()
			.map(m -> new MemberRegistered(m.id(), m.joinChannel(), m.joinedAt()))
			.toList();
	}

	/** How the member joined, for features that act on its registration; reveals no personal data. */
	public Optional<MemberRegistered> registrationOf(String memberId) {
		return members.findById(memberId).map(m -> new MemberRegistered(m.id(), m.joinChannel(), m.joinedAt()));
	}

	Member visible(Member member) {
		return caller.seesPersonalData() ? member : member.masked();
	}

}
