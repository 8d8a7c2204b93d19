package io.membergraph.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.membergraph.member.CustomAttributes.AttributeValue;
import io.membergraph.member.internal.IdentityClaims.Conflict;
import io.membergraph.member.MemberInputs.ConsentInput;
import io.membergraph.member.MemberInputs.LinkIdentityInput;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberInputs.SetConsentInput;
import io.membergraph.member.MemberInputs.UpdateMemberProfileInput;
import io.membergraph.member.internal.IdentityClaim;
import io.membergraph.member.internal.IdentityClaims;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.member.internal.ProfileRules;
import io.membergraph.security.Caller;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.ForbiddenFieldException;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.UserError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Registers members and changes their profiles, identities and consent. Input is checked in full before
 * the first write, and identities are claimed before the member document changes, so a refused change
 * leaves nothing behind.
 */
@Service
public class MemberProfiles {

	private final MemberRepository members;

	private final IdentityClaims claims;

	private final CustomAttributes attributes;

	private final MemberDirectory directory;

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final Caller caller;

	MemberProfiles(MemberRepository members, IdentityClaims claims, CustomAttributes attributes,
			MemberDirectory directory, MongoTemplate mongo, ApplicationEventPublisher events,
			BusinessCalendar calendar, Clock clock, Caller caller) {
		this.caller = caller;
		this.members = members;
		this.claims = claims;
		this.attributes = attributes;
		this.directory = directory;
		this.mongo = mongo;
		this.events = events;
		this.calendar = calendar;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public MemberPayload register(RegisterMemberInput input) {
		Instant now = clock.instant();
		Member member = withNumber(draft(input, now), members.nextMemberNumber());
		Optional<Conflict> conflict = claims.claimAll(member.id(),
				ProfileRules.claimKeys(member.identities(), member.phone(), member.email()));
		if (conflict.isPresent()) {
			return MemberPayload.failed(identityTaken(conflict.get()));
		}
		members.insert(member);
		events.publishEvent(new MemberRegistered(member.id(), member.joinChannel(), member.joinedAt()));
		return reload(member.id());
	}

	/** A member as registering it would write it, without id and number; throws on invalid input. */
	Member draft(RegisterMemberInput input, Instant now) {
		String phone = PhoneNumber.normalise("phone", input.phone());
		String email = EmailAddress.normalise("email", input.email());
		List<Identity> identities = ProfileRules.identities(input.identities(), now);
		if (phone == null && email == null && identities.isEmpty()) {
			throw new InvalidInputException("identities", "a member needs a phone, an e-mail or a channel identity");
		}
		return new Member(null, null, ProfileRules.name(input.name()), input.gender(),
				ProfileRules.birthDate(input.birthDate(), calendar.dayOf(now)), phone, email,
				ProfileRules.region(input.region()), ProfileRules.occupation(input.occupation()), input.incomeBand(),
				ProfileRules.joinedAt(input.joinedAt(), now), InvalidInputException.require("joinChannel", input.joinChannel()),
				identities, consents(input.consents(), now), ProfileRules.tags(input.tags()),
				input.attributes() == null ? Map.of() : attributes.parse(input.attributes()), MemberStatus.ACTIVE, null,
				MemberStats.NONE, List.of(), now);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT') or @caller.isMember(#input.memberId)")
	public MemberPayload updateProfile(UpdateMemberProfileInput input) {
		String givenId = InvalidInputException.requireText("memberId", input.memberId());
		for (int attempt = 0; attempt < CONTACT_RACES; attempt++) {
			Member current = currentMember(givenId);
			if (current == null) {
				return MemberPayload.unknownMember(givenId);
			}
			MemberPayload updated = updateProfile(input, current);
			if (updated != null) {
				return updated;
			}
		}
		return MemberPayload.failed(new UserError("CONCURRENT_UPDATE", "The member's phone or e-mail kept changing while "
				+ "this update was written; ask again", "memberId"));
	}

	/**
	 * The update made on the member as read; null when it changed its phone or e-mail and another update changed them
	 * first: written over that one, the phone or e-mail claimed by the other update would stay claimed for the member
	 * with nobody showing it, and refuse every other customer who gives it.
	 */
	private MemberPayload updateProfile(UpdateMemberProfileInput input, Member current) {
		String memberId = current.id();
		if (caller.isMemberOnly()) {
			refuseCrmFields(input);
		}
		Instant now = clock.instant();
		Update update = new Update().set("updatedAt", now);
		setIfGiven(update, "name", input.name() == null ? null : ProfileRules.name(input.name()));
		setIfGiven(update, "gender", input.gender());
		setIfGiven(update, "birthDate", ProfileRules.birthDate(input.birthDate(), calendar.dayOf(now)));
		setIfGiven(update, "region", ProfileRules.region(input.region()));
		setIfGiven(update, "occupation", ProfileRules.occupation(input.occupation()));
		setIfGiven(update, "incomeBand", input.incomeBand());
		setIfGiven(update, "tags", input.tags() == null ? null : ProfileRules.tags(input.tags()));
		setIfGiven(update, "attributes", input.attributes() == null ? null : attributes.parse(input.attributes()));
		String phone = PhoneNumber.normalise("phone", input.phone());
		String email = EmailAddress.normalise("email", input.email());
		List<String> released = new ArrayList<>();
		List<String> newKeys = new ArrayList<>();
		if (phone != null && !phone.equals(current.phone())) {
			update.set("phone", phone);
			newKeys.add(IdentityClaim.phoneKey(phone));
			Optional.ofNullable(current.phone()).map(IdentityClaim::phoneKey).ifPresent(released::add);
		}
		if (email != null && !email.equals(current.email())) {
			update.set("email", email);
			newKeys.add(IdentityClaim.emailKey(email));
			Optional.ofNullable(current.email()).map(IdentityClaim::emailKey).ifPresent(released::add);
		}
		Optional<Conflict> conflict = claims.claimAll(memberId, newKeys);
		if (conflict.isPresent()) {
			return MemberPayload.failed(identityTaken(conflict.get()));
		}
		Query contactsAsRead = byId(memberId);
		if (!newKeys.isEmpty()) {
			contactsAsRead.addCriteria(Criteria.where("phone").is(current.phone()))
				.addCriteria(Criteria.where("email").is(current.email()));
		}
		Written written = attempt(contactsAsRead, memberId, update, newKeys);
		if (written.refused() != null) {
			return MemberPayload.failed(written.refused());
		}
		if (!written.done()) {
			settleContactClaims(memberId, newKeys);
			return null;
		}
		List<String> touched = new ArrayList<>(newKeys);
		touched.addAll(released);
		settleContactClaims(memberId, touched);
		return reload(memberId);
	}

	/**
	 * Leaves each of the keys (the member's phone and e-mail, before and after an update) claimed for the member if it
	 * shows it, and released if it does not, as the member and its claims are once they hold still: updates of one
	 * member's contacts meeting each other claim and release the same keys (one sets a phone again that another, having
	 * read it, releases), and each ends here, so the last to end leaves them right.
	 */
	private void settleContactClaims(String memberId, List<String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		List<String> shown = contactKeys(memberId);
		Set<String> held = claims.heldBy(memberId, keys);
		for (int round = 0; round < CONTACT_RACES; round++) {
			for (String key : keys) {
				if (shown.contains(key) && !held.contains(key)) {
					claims.claimAll(memberId, List.of(key));
				}
				else if (!shown.contains(key) && held.contains(key)) {
					claims.release(memberId, key);
				}
			}
			List<String> shownNow = contactKeys(memberId);
			Set<String> heldNow = claims.heldBy(memberId, keys);
			if (shownNow.equals(shown) && heldNow.equals(Set.copyOf(keys.stream().filter(shown::contains).toList()))) {
				return;
			}
			shown = shownNow;
			held = heldNow;
		}
	}

	private List<String> contactKeys(String memberId) {
		return members.findById(memberId)
			.map(member -> ProfileRules.claimKeys(List.of(), member.phone(), member.email()))
			.orElse(List.of());
	}

	/**
	 * The member the id stands for now: a merged member's survivor, as reads redirect there. A write for a member
	 * merged away lands on the customer's one member, never on the tombstone.
	 */
	private Member currentMember(String memberId) {
		return directory.currentId(memberId).flatMap(members::findById).orElse(null);
	}

	/**
	 * Updates the member (as {@code target} finds it) unless a merge made it a tombstone since it was read; on
	 * refusal the identities claimed for the update are released again, so that no claim points at a member that
	 * does not show it.
	 */
	private Optional<UserError> write(Query target, String memberId, Update update, List<String> claimed) {
		return Optional.ofNullable(attempt(target, memberId, update, claimed).refused());
	}

	/**
	 * What a write of the member did: done; refused, with the reason (the identities claimed for it released); or
	 * neither, the member found but no longer as {@code target} asks (a guard on what was read).
	 */
	private record Written(boolean done, UserError refused) {
	}

	private Written attempt(Query target, String memberId, Update update, List<String> claimed) {
		Query live = target.addCriteria(Criteria.where("status").ne(MemberStatus.MERGED));
		Written written;
		try {
			if (mongo.updateFirst(live, update, Member.class).getMatchedCount() == 1) {
				return new Written(true, null);
			}
			boolean merged = members.findById(memberId).map(m -> m.status() == MemberStatus.MERGED).orElse(true);
			written = new Written(false, !merged ? null
					: new UserError("MEMBER_MERGED", "Member " + memberId
							+ " was merged into another member meanwhile; ask again to update that member", "memberId"));
		}
		catch (DuplicateKeyException heldByAnother) {
			// A contact another member's document still holds (its claim moved or went in a merge under way).
			written = new Written(false, new UserError("IDENTITY_CONFLICT",
					"Another member holds this phone or e-mail at this moment; ask again", claimed.isEmpty() ? "memberId"
							: claimed.get(0).startsWith("PHONE:") ? "phone" : "email"));
		}
		if (written.refused() != null) {
			claimed.forEach(key -> claims.release(memberId, key));
		}
		return written;
	}

	/**
	 * Gives the member those of the attributes it has no value for, leaving the values it has: an import's older
	 * word does not overwrite what the CRM team set since. Values are checked as {@link #updateProfile} checks them.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public MemberPayload addAttributes(String memberId, List<AttributeValue> values) {
		Member current = members.findById(InvalidInputException.requireText("memberId", memberId)).orElse(null);
		if (current == null) {
			return MemberPayload.unknownMember(memberId);
		}
		Map<String, Object> held = current.attributes() == null ? Map.of() : current.attributes();
		Update update = new Update();
		attributes.parse(values).forEach((key, value) -> {
			if (!held.containsKey(key)) {
				update.set("attributes." + key, value);
			}
		});
		if (!update.getUpdateObject().isEmpty()) {
			mongo.updateFirst(byId(memberId), update.set("updatedAt", clock.instant()), Member.class);
		}
		return reload(memberId);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public MemberPayload linkIdentity(LinkIdentityInput input) {
		String givenId = InvalidInputException.requireText("memberId", input.memberId());
		Identity identity = ProfileRules.identity("identity", input.channel(), input.externalId(), input.unionId(),
				clock.instant());
		Member current = currentMember(givenId);
		if (current == null) {
			return MemberPayload.unknownMember(givenId);
		}
		String memberId = current.id();
		List<String> claimed = ProfileRules.claimKeys(List.of(identity), null, null);
		Optional<Conflict> conflict = claims.claimAll(memberId, claimed);
		if (conflict.isPresent()) {
			return MemberPayload.failed(identityTaken(conflict.get()));
		}
		if (linked(current, identity)) {
			return reload(memberId);
		}
		if (current.identities().size() >= ProfileRules.MAX_IDENTITIES) {
			return tooManyIdentities(memberId, claimed);
		}
		// Room for one more, checked in the write itself: links sent at once cannot pass the limit together.
		Query notLinkedWithRoom = byId(memberId).addCriteria(Criteria.where("identities")
			.not()
			.elemMatch(Criteria.where("channel").is(identity.channel()).and("externalId").is(identity.externalId()))
			.and("identities." + (ProfileRules.MAX_IDENTITIES - 1)).exists(false));
		Written written = attempt(notLinkedWithRoom, memberId,
				new Update().push("identities", identity).set("updatedAt", clock.instant()), claimed);
		if (written.refused() != null) {
			return MemberPayload.failed(written.refused());
		}
		// Not written: linked by a request sent at once (done, then), or the others took the room left.
		if (!written.done() && members.findById(memberId).filter(m -> linked(m, identity)).isEmpty()) {
			return tooManyIdentities(memberId, claimed);
		}
		return reload(memberId);
	}

	/** Refuses a link beyond the limit, letting its identity's claim go. */
	private MemberPayload tooManyIdentities(String memberId, List<String> claimed) {
		claimed.forEach(key -> claims.release(memberId, key));
		return MemberPayload.failed(new UserError("TOO_MANY_IDENTITIES", "Member " + memberId + " holds "
				+ ProfileRules.MAX_IDENTITIES + " identities, the most one member may hold; this one is not linked",
				"externalId"));
	}

	private static boolean linked(Member member, Identity identity) {
		return member.identities().stream()
			.anyMatch(i -> i.channel() == identity.channel() && i.externalId().equals(identity.externalId()));
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT') or @caller.isMember(#input.memberId)")
	public MemberPayload setConsent(SetConsentInput input) {
		String givenId = InvalidInputException.requireText("memberId", input.memberId());
		ConsentChannel channel = InvalidInputException.require("channel", input.channel());
		boolean granted = InvalidInputException.require("granted", input.granted());
		String memberId = directory.currentId(givenId).orElse(null);
		if (memberId == null) {
			return MemberPayload.unknownMember(givenId);
		}
		Instant now = clock.instant();
		Update update = new Update().set("consent." + channel.name(), new Consent(granted, now)).set("updatedAt", now);
		Optional<UserError> refused = write(byId(memberId), memberId, update, List.of());
		return refused.isPresent() ? MemberPayload.failed(refused.get()) : reload(memberId);
	}

	/** Records the member's tier; the loyalty programme decides which tier that is. */
	public void changeTier(String memberId, String tierCode) {
		mongo.updateFirst(byId(memberId), new Update().set("tierCode", tierCode).set("updatedAt", clock.instant()),
				Member.class);
	}

	/** {@link #changeTier} for many members in one bulk write, as a batch of orders moves them. */
	public void changeTiers(Map<String, String> tierCodes) {
		if (tierCodes.isEmpty()) {
			return;
		}
		// One update per tier: a batch moves thousands of members into a handful of tiers.
		Map<String, List<String>> byTier = new java.util.HashMap<>();
		tierCodes.forEach((memberId, tierCode) -> byTier.computeIfAbsent(tierCode, t -> new ArrayList<>()).add(memberId));
		BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Member.class);
		Instant now = clock.instant();
		byTier.forEach((tierCode, memberIds) -> bulk.updateMulti(Query.query(Criteria.where("_id").in(memberIds)),
				new Update().set("tierCode", tierCode).set("updatedAt", now)));
		bulk.execute();
	}

	private MemberPayload reload(String memberId) {
		return MemberPayload.of(directory.visible(members.findById(memberId).orElseThrow(), "profile"));
	}

	static Member withNumber(Member draft, long number) {
		return new Member(MemberBulkLoad.idFor(number), Long.toString(number), draft.name(), draft.gender(), draft.birthDate(),
				draft.phone(), draft.email(), draft.region(), draft.occupation(), draft.incomeBand(), draft.joinedAt(),
				draft.joinChannel(), draft.identities(), draft.consent(), draft.tags(), draft.attributes(),
				draft.status(), draft.tierCode(), draft.stats(), draft.appliedOperations(), draft.updatedAt());
	}

	private static Map<ConsentChannel, Consent> consents(List<ConsentInput> inputs, Instant now) {
		Map<ConsentChannel, Consent> consent = new EnumMap<>(ConsentChannel.class);
		if (inputs != null) {
			for (int i = 0; i < inputs.size(); i++) {
				ConsentInput input = inputs.get(i);
				ConsentChannel channel = InvalidInputException.require("consents[" + i + "].channel", input.channel());
				boolean granted = InvalidInputException.require("consents[" + i + "].granted", input.granted());
				consent.put(channel, new Consent(granted, now));
			}
		}
		return consent;
	}

	/** Who holds the identity is said only to roles that may read that member; to others it is just taken. */
	private UserError identityTaken(Conflict conflict) {
		return new UserError("IDENTITY_CONFLICT", caller.readsAnyMember()
				? "Identity " + conflict.key() + " already belongs to member " + conflict.ownerId()
				: "Identity " + conflict.key() + " is already taken by another member", conflict.field());
	}

	/** Tags and attributes are the CRM team's: segments and campaigns select on them, so a member may not set them. */
	private static void refuseCrmFields(UpdateMemberProfileInput input) {
		if (input.tags() != null) {
			throw new ForbiddenFieldException("tags", "are set by the CRM team, not by the member");
		}
		if (input.attributes() != null) {
			throw new ForbiddenFieldException("attributes", "are set by the CRM team, not by the member");
		}
	}

	private static void setIfGiven(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

	/** More updates of one member's contacts at one moment than a person or an app makes. */
	private static final int CONTACT_RACES = 10;

	private static Query byId(String memberId) {
		return Query.query(Criteria.where("_id").is(memberId));
	}

}
