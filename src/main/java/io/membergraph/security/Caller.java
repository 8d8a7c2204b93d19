package io.membergraph.security;

import java.util.Set;
import java.util.stream.Stream;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the current caller is, for authorisation rules ({@code @caller.isMember(#id)}) and for deciding
 * whether personal data is shown or masked.
 */
@Component("caller")
public class Caller {

	/** Roles that work with identified customers and so see their personal data in full. */
	private static final Set<String> PERSONAL_DATA_ROLES = Set.of(Role.ADMIN.authority(),
			Role.CRM_SPECIALIST.authority(), Role.SUPPORT.authority(), Role.STOREFRONT.authority(),
			Role.MEMBER.authority());

	/** True when the caller is the member itself, signed in with a member token. */
	public boolean isMember(String memberId) {
		Authentication authentication = current();
		return authentication != null && hasAuthority(authentication, Role.MEMBER.authority())
				&& authentication.getName().equals(memberId);
	}

	/** True when the caller acts for a storefront (a storefront account or API key). */
	public boolean isStorefront() {
		Authentication authentication = current();
		return authentication != null && hasAuthority(authentication, Role.STOREFRONT.authority());
	}

	/** True for the roles that may read any member in full (and so may learn who holds an identity). */
	public boolean readsAnyMember() {
		Authentication authentication = current();
		return authentication != null && Stream.of(Role.ADMIN, Role.CRM_SPECIALIST, Role.SUPPORT)
			.anyMatch(role -> hasAuthority(authentication, role.authority()));
	}

	/**
	 * True for a signed-in caller shown aggregates of members it may not read one by one (MARKETER): what it is shown is
	 * guarded against singling out a few members.
	 */
	public boolean seesOnlyAggregates() {
		return current() != null && !readsAnyMember();
	}

	/** True when the caller is a member signed in for itself, with no staff role besides. */
	public boolean isMemberOnly() {
		Authentication authentication = current();
		return authentication != null && hasAuthority(authentication, Role.MEMBER.authority())
				&& Stream.of(Role.values()).filter(role -> role != Role.MEMBER)
					.noneMatch(role -> hasAuthority(authentication, role.authority()));
	}

	public boolean seesPersonalData() {
		Authentication authentication = current();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(PERSONAL_DATA_ROLES::contains);
	}

	/** A name for audit fields: the username, the API key's name or the member id. */
	public String name() {
		Authentication authentication = current();
		return authentication == null ? "system" : authentication.getName();
	}

	private static boolean hasAuthority(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
	}

	private static Authentication current() {
		return SecurityContextHolder.getContext().getAuthentication();
	}

}
