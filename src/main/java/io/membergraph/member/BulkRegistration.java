package io.membergraph.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.internal.IdentityClaim;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.member.internal.ProfileRules;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.UserError;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Registers many new members at once, as {@link MemberProfiles#register} registers each: the same checks, numbers
 * from the same counter, every identity claimed, then the members written and welcomed together
 * ({@link MembersRegistered}). A few writes per batch instead of a dozen per member.
 * <p>
 * A member some of whose identities turn out to be taken (by a member registered meanwhile, or a claim a crash
 * left behind) is not registered here: its outcome says to register it alone, where such claims are resolved.
 * A crash between the claims and the members leaves claims of members never written, which a later
 * registration of the same identity takes over; members written but not yet welcomed are welcomed by the
 * loyalty programme's sweep.
 */
@Service
public class BulkRegistration {

	/** What became of one input: registered with an id, refused with the reason, or to be registered alone. */
	public record Outcome(String memberId, InvalidInputException refused) {

		static final Outcome ALONE = new Outcome(null, null);

		public boolean registerAlone() {
			return memberId == null && refused == null;
		}

	}

	private final MemberProfiles profiles;

	private final MemberRepository members;

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BulkRegistration(MemberProfiles profiles, MemberRepository members, MongoTemplate mongo,
			ApplicationEventPublisher events, Clock clock, RecordDocuments documents) {
		this.documents = documents;
		this.profiles = profiles;
		this.members = members;
		this.mongo = mongo;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Registers the inputs that are new members; returns an outcome per input, in their order. One with an identity
	 * a member holds already, or shares with an input before it, is left to be registered (or linked) alone.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<Outcome> registerAll(List<RegisterMemberInput> inputs) {
		Instant now = clock.instant();
		Outcome[] outcomes = new Outcome[inputs.size()];
		List<Integer> valid = new ArrayList<>();
		List<Member> drafts = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			try {
				drafts.add(profiles.draft(inputs.get(i), now));
				valid.add(i);
			}
			catch (InvalidInputException ex) {
				outcomes[i] = new Outcome(null, ex);
			}
		}
		// One whose identity is known already, or shared with an input before it, may belong to that member.
		Set<String> taken = taken(drafts);
		Set<String> seen = new HashSet<>();
		List<Member> fresh = new ArrayList<>();
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			Member draft = drafts.get(i);
			List<String> keys = ProfileRules.claimKeys(draft.identities(), draft.phone(), draft.email());
			boolean known = keys.stream().anyMatch(taken::contains);
			boolean shared = keys.stream().map(seen::add).toList().contains(false);
			if (known || shared) {
				outcomes[valid.get(i)] = Outcome.ALONE;
			}
			else {
				fresh.add(draft);
				positions.add(valid.get(i));
			}
		}
		if (!fresh.isEmpty()) {
			register(fresh, positions, outcomes);
		}
		return Arrays.asList(outcomes);
	}

	/**
	 * Registers one input as {@link MemberProfiles#register} does, where an identity claimed by a registration
	 * that crashed is taken over: for an input {@link #registerAll} left to register alone whose identity's
	 * member never appeared. An identity another member holds refuses it, naming that member.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Outcome registerAlone(RegisterMemberInput input) {
		try {
			MemberPayload registered = profiles.register(input);
			if (registered.errors().isEmpty()) {
				return new Outcome(registered.member().id(), null);
			}
			UserError refused = registered.errors().get(0);
			return new Outcome(null, new InvalidInputException(Objects.requireNonNullElse(refused.field(), "identities"),
					refused.message()));
		}
		catch (InvalidInputException ex) {
			return new Outcome(null, ex);
		}
	}

	/** Refuses the input as {@link #registerAll} would, naming the field; writes nothing (an import's preview). */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public void check(RegisterMemberInput input) {
		profiles.draft(input, clock.instant());
	}

	/** The identity keys of the drafts some member holds already. */
	private Set<String> taken(List<Member> drafts) {
		Set<String> keys = new HashSet<>();
		drafts.forEach(d -> keys.addAll(ProfileRules.claimKeys(d.identities(), d.phone(), d.email())));
		Set<String> taken = new HashSet<>();
		mongo.find(Lookups.byIds(keys), IdentityClaim.class).forEach(claim -> taken.add(claim.key()));
		return taken;
	}

	private void register(List<Member> drafts, List<Integer> positions, Outcome[] outcomes) {
		long first = members.reserveMemberNumbers(drafts.size());
		List<Member> numbered = new ArrayList<>();
		List<IdentityClaim> claims = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			Member member = MemberProfiles.withNumber(drafts.get(i), first + i);
			numbered.add(member);
			for (String key : ProfileRules.claimKeys(member.identities(), member.phone(), member.email())) {
				claims.add(new IdentityClaim(key, member.id(), member.updatedAt()));
			}
		}
		Set<String> refused = claim(claims);
		List<Member> written = new ArrayList<>();
		for (int i = 0; i < numbered.size(); i++) {
			Member member = numbered.get(i);
			if (refused.contains(member.id())) {
				outcomes[positions.get(i)] = Outcome.ALONE;
			}
			else {
				written.add(member);
				outcomes[positions.get(i)] = new Outcome(member.id(), null);
			}
		}
		if (written.isEmpty()) {
			return;
		}
		documents.insert(written, Member.class);
		events.publishEvent(new MembersRegistered("welcome-" + written.get(0).id(), written.stream()
			.map(m -> new MemberRegistered(m.id(), m.joinChannel(), m.joinedAt()))
			.toList()));
	}

	/**
	 * Claims every key in one write; returns the members one of whose keys was taken, after releasing the keys
	 * they did claim.
	 */
	private Set<String> claim(List<IdentityClaim> claims) {
		try {
			mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, IdentityClaim.class).insert(documents.write(claims)).execute();
			return Set.of();
		}
		catch (BulkOperationException taken) {
			Set<String> refused = new HashSet<>();
			taken.getErrors().forEach(error -> refused.add(claims.get(error.getIndex()).memberId()));
			Map<String, List<String>> release = new HashMap<>();
			for (int i = 0; i < claims.size(); i++) {
				IdentityClaim claim = claims.get(i);
				if (refused.contains(claim.memberId())) {
					release.computeIfAbsent(claim.memberId(), id -> new ArrayList<>()).add(claim.key());
				}
			}
			release.forEach((memberId, keys) -> mongo.remove(Query.query(Criteria.where("_id").in(keys)
				.and("memberId").is(memberId)), IdentityClaim.class));
			return refused;
		}
	}

}
