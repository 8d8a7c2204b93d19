package io.membergraph.security.internal;

import java.time.LocalDate;

import io.membergraph.security.AuditTrail;
import io.membergraph.security.UserAccounts.ChangeMyPasswordInput;
import io.membergraph.security.UserAccounts.CreateUserInput;
import io.membergraph.security.UserAccounts.UpdateUserRolesInput;
import io.membergraph.security.UserAccounts.User;
import io.membergraph.security.UserAccounts.UserPayload;
import io.membergraph.security.UserAccounts;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The team's accounts and the audit trail over GraphQL: the services decide who may do what. */
@Controller
public class UserController {

	private final UserAccounts accounts;

	private final AuditTrail audit;

	UserController(UserAccounts accounts, AuditTrail audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	record AuditLogFilter(String memberId, String actor, AuditTrail.Action action, LocalDate from, LocalDate to) {
	}

	@QueryMapping
	Connection<AuditTrail.Entry> auditLog(@Argument AuditLogFilter filter, @Argument Integer first,
			@Argument String after) {
		AuditLogFilter given = filter == null ? new AuditLogFilter(null, null, null, null, null) : filter;
		return audit.entries(given.memberId(), given.actor(), given.action(), given.from(), given.to(),
				PageRequest.of(first, after));
	}

	@QueryMapping
	User me() {
		return accounts.me().orElse(null);
	}

	@QueryMapping
	Connection<User> users(@Argument Integer first, @Argument String after) {
		return accounts.users(PageRequest.of(first, after));
	}

	@MutationMapping
	UserPayload createUser(@Argument CreateUserInput input) {
		return accounts.createUser(input);
	}

	@MutationMapping
	UserPayload updateUserRoles(@Argument UpdateUserRolesInput input) {
		return accounts.updateUserRoles(input);
	}

	/** The account a mutation acts on: {@code DisableUserInput}, {@code EnableUserInput}, {@code ResetPasswordInput}. */
	record UsernameInput(String username) {
	}

	@MutationMapping
	UserPayload disableUser(@Argument UsernameInput input) {
		return accounts.disableUser(input.username());
	}

	@MutationMapping
	UserPayload enableUser(@Argument UsernameInput input) {
		return accounts.enableUser(input.username());
	}

	@MutationMapping
	UserPayload resetPassword(@Argument UsernameInput input) {
		return accounts.resetPassword(input.username());
	}

	@MutationMapping
	UserPayload changeMyPassword(@Argument ChangeMyPasswordInput input) {
		return accounts.changeMyPassword(input);
	}

}
