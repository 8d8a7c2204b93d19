package io.membergraph.security;

/** The roles of the role matrix in the README; a token carries them in its {@code roles} claim. */
public enum Role {

	ADMIN, CRM_SPECIALIST, MARKETER, SUPPORT, STOREFRONT,

	/** A member's own token: its subject is the member id and it sees only that member. */
	MEMBER;

	public String authority() {
		return "ROLE_" + name();
	}

}
