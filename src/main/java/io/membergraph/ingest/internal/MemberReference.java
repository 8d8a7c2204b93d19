package io.membergraph.ingest.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Channel;

/**
 * How an order or interaction row names its member: by member id, by phone, by e-mail (as web shops' order exports
 * name their customers), or by the member's account in the row's channel, the first the row gives. A row naming
 * none is a guest's. The members a batch names are found together,
 * one read per kind of reference, not one per row.
 */
public final class MemberReference {

	/** How one row names its member. */
	record Ref(String field, String value, Channel channel) {

		/** Why a row naming no known member is refused, naming what it gave. */
		String unknown() {
			return "no member has " + (field.equals("memberExternalId") ? channel + " account " : "") + value;
		}

	}

	private final MemberDirectory members;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	MemberReference(MemberDirectory members, FieldMapping mapping, Cleaning cleaning) {
		this.members = members;
		this.mapping = mapping;
		this.cleaning = cleaning;
	}

	/** How the row names its member: id, phone, e-mail or channel account, the first given; null for a guest. */
	Ref of(SourceRow row, Channel channel) {
		String id = Cleaning.text(mapping.value(row, "memberId"));
		if (id != null) {
			return new Ref("memberId", id, channel);
		}
		String phone = cleaning.phone("memberPhone", mapping.value(row, "memberPhone"));
		if (phone != null) {
			return new Ref("memberPhone", phone, channel);
		}
		String email = Cleaning.email("memberEmail", mapping.value(row, "memberEmail"));
		if (email != null) {
			return new Ref("memberEmail", email, channel);
		}
		String account = Cleaning.identifier("memberExternalId", mapping.value(row, "memberExternalId"));
		return account == null ? null : new Ref("memberExternalId", account, channel);
	}

	/**
	 * The member each reference names, for a batch: a member id as given (whoever records the row checks it and
	 * follows merges), phones and channel accounts looked up together. References no member holds are left out.
	 */
	Map<Ref, String> resolve(Collection<Ref> refs) {
		Set<String> phones = new HashSet<>();
		Set<String> emails = new HashSet<>();
		Map<Channel, Set<String>> accounts = new HashMap<>();
		Map<Ref, String> found = new HashMap<>();
		for (Ref ref : refs) {
			switch (ref.field()) {
				case "memberId" -> found.put(ref, ref.value());
				case "memberPhone" -> phones.add(ref.value());
				case "memberEmail" -> emails.add(ref.value());
				default -> accounts.computeIfAbsent(ref.channel(), c -> new HashSet<>()).add(ref.value());
			}
		}
		Map<String, String> byPhone = phones.isEmpty() ? Map.of() : members.idsByPhone(phones);
		Map<String, String> byEmail = emails.isEmpty() ? Map.of() : members.idsByEmail(emails);
		Map<Channel, Map<String, String>> byAccount = new HashMap<>();
		accounts.forEach((channel, ids) -> byAccount.put(channel, members.idsByIdentity(channel, ids)));
		for (Ref ref : refs) {
			if (found.containsKey(ref)) {
				continue;
			}
			String id = switch (ref.field()) {
				case "memberPhone" -> byPhone.get(ref.value());
				case "memberEmail" -> byEmail.get(ref.value());
				default -> byAccount.getOrDefault(ref.channel(), Map.of()).get(ref.value());
			};
			if (id != null) {
				found.put(ref, id);
			}
		}
		return found;
	}

}
