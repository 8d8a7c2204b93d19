package io.membergraph.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.member.BulkRegistration;
import io.membergraph.member.MemberInputs.IdentityInput;
import io.membergraph.member.MemberInputs.RegisterMemberInput;

/**
 * Registers the customers an order import names by phone, e-mail or channel account and no member has, when the
 * import asks for it ({@code unknownMembers=REGISTER}). Each is named by what the file says of it: the phone, the
 * e-mail, or the channel and account (cut to a name's length).
 */
public final class UnknownCustomers {

	/** A member's name at most (the profile's own bound). */
	private static final int MAX_NAME = 64;

	private final BulkRegistration registrations;

	private final MemberReference memberReference;

	UnknownCustomers(BulkRegistration registrations, MemberReference memberReference) {
		this.registrations = registrations;
		this.memberReference = memberReference;
	}

	/**
	 * Registers each customer, joined in its reference's channel at the moment given, and adds it to {@code found};
	 * one registered meanwhile by someone else is found instead, and why any other could not be registered goes to
	 * {@code notRegistered}.
	 */
	void register(Map<MemberReference.Ref, Instant> firstSeen, Map<MemberReference.Ref, String> found,
			Map<MemberReference.Ref, String> notRegistered) {
		List<MemberReference.Ref> refs = new ArrayList<>(firstSeen.keySet());
		List<RegisterMemberInput> inputs = refs.stream().map(ref -> {
			boolean byPhone = ref.field().equals("memberPhone");
			boolean byEmail = ref.field().equals("memberEmail");
			boolean byAccount = !byPhone && !byEmail;
			String name = byAccount ? ref.channel() + " " + ref.value() : ref.value();
			return new RegisterMemberInput(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name, null, null,
					byPhone ? ref.value() : null, byEmail ? ref.value() : null, null, null, null, ref.channel(),
					firstSeen.get(ref), byAccount ? List.of(new IdentityInput(ref.channel(), ref.value(), null)) : List.of(),
					List.of(), List.of(), null);
		}).toList();
		List<BulkRegistration.Outcome> outcomes = registrations.registerAll(inputs);
		List<MemberReference.Ref> registeredMeanwhile = new ArrayList<>();
		for (int i = 0; i < refs.size(); i++) {
			BulkRegistration.Outcome outcome = outcomes.get(i);
			if (outcome.memberId() != null) {
				found.put(refs.get(i), outcome.memberId());
			}
			else if (outcome.registerAlone()) {
				registeredMeanwhile.add(refs.get(i));
			}
			else {
				notRegistered.put(refs.get(i), outcome.refused().reason());
			}
		}
		// Another import, or the API, registered the same customer since the batch looked: that member is theirs.
		// One not found (not written yet, or its registration crashed after claiming) is registered alone, which
		// waits for a registration in flight to write its member and takes over what a crash left.
		Map<MemberReference.Ref, String> meanwhile = memberReference.resolve(registeredMeanwhile);
		for (MemberReference.Ref ref : registeredMeanwhile) {
			if (!meanwhile.containsKey(ref)) {
				BulkRegistration.Outcome alone = registrations.registerAlone(inputs.get(refs.indexOf(ref)));
				String member = alone.memberId() != null ? alone.memberId() : memberReference.resolve(List.of(ref)).get(ref);
				if (member != null) {
					meanwhile.put(ref, member);
				}
				else {
					notRegistered.put(ref, alone.refused().reason());
				}
			}
		}
		found.putAll(meanwhile);
	}

}
