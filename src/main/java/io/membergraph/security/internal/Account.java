package io.membergraph.security.internal;

import java.time.Instant;
import java.util.Set;

import io.membergraph.security.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A staff or client account that signs in with a password, kept only as a hash (Spring Security's delegating
 * encoder). {@code version} goes up whenever what a token of the account may do changes (roles, password,
 * disabling): a token carries the version it was issued at and is refused once they differ.
 *
 * @param mustChangePassword the password is a one-time password: it signs in only to change it
 */
@Document("accounts")
public record Account(@Id String username, String displayName, String passwordHash, Set<Role> roles, Status status,
		boolean mustChangePassword, long version, Instant createdAt, String createdBy, Instant updatedAt,
		String updatedBy, Instant lastSignInAt) {

	public enum Status {

		ACTIVE, DISABLED

	}

	public boolean active() {
		return status != Status.DISABLED;
	}

	public boolean isActiveAdmin() {
		return active() && roles.contains(Role.ADMIN);
	}

	/** The account after a change by {@code by}: what a token may do changed, so earlier tokens end. */
	public Account changed(String passwordHash, Set<Role> roles, Status status, boolean mustChangePassword, String by,
			Instant at) {
		return new Account(username, displayName, passwordHash, roles, status, mustChangePassword, version + 1, createdAt,
				createdBy, at, by, lastSignInAt);
	}

	public Account signedIn(Instant at) {
		return new Account(username, displayName, passwordHash, roles, status, mustChangePassword, version, createdAt,
				createdBy, updatedAt, updatedBy, at);
	}

}
