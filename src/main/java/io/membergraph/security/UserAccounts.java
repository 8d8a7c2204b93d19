package io.membergraph.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.membergraph.security.internal.Account;
import io.membergraph.security.internal.AccountCheck;
import io.membergraph.security.internal.AccountViews;
import io.membergraph.security.internal.PasswordPolicy;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.UserError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The team's accounts: ADMIN creates them (with a one-time password the user must change), sets their roles,
 * disables and enables them, resets their password; everyone signed in reads and changes their own. A change of
 * what an account may do ends the tokens issued before it ({@link Account#version}). The last active ADMIN can be
 * neither disabled nor demoted, so the programme never locks itself out.
 */
@Service
public class UserAccounts {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

	private static final Set<Role> STAFF_ROLES = EnumSet.of(Role.ADMIN, Role.CRM_SPECIALIST, Role.MARKETER,
			Role.SUPPORT, Role.STOREFRONT);

	/** A user as the API shows it: never the hash. */
	public record User(String username, String displayName, List<Role> roles, String status, boolean mustChangePassword,
			Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant lastSignInAt) {

		static User of(Account account) {
			return AccountViews.MAPPER.user(account);
		}

	}

	/** What a change answers: the user, a one-time password when one was made, a fresh token, or why not. */
	public record UserPayload(User user, String oneTimePassword, String accessToken, List<UserError> errors) {

		static UserPayload of(Account account) {
			return new UserPayload(User.of(account), null, null, List.of());
		}

		static UserPayload failed(String code, String message, String field) {
			return new UserPayload(null, null, null, List.of(new UserError(code, message, field)));
		}

	}

	public record CreateUserInput(String username, String displayName, List<Role> roles) {
	}

	public record UpdateUserRolesInput(String username, List<Role> roles) {
	}

	public record ChangeMyPasswordInput(String oldPassword, String newPassword) {
	}

	private final MongoTemplate mongo;

	private final PasswordEncoder passwords;

	private final AccountCheck check;

	private final Caller caller;

	private final ObjectProvider<TokenIssuer> tokens;

	private final Clock clock;

	private final AuditTrail audit;

	UserAccounts(MongoTemplate mongo, PasswordEncoder passwords, AccountCheck check, Caller caller,
			ObjectProvider<TokenIssuer> tokens, Clock clock, AuditTrail audit) {
		this.audit = audit;
		this.mongo = mongo;
		this.passwords = passwords;
		this.check = check;
		this.caller = caller;
		this.tokens = tokens;
		this.clock = clock;
	}

	@PreAuthorize("hasRole('ADMIN')")
	public UserPayload createUser(CreateUserInput input) {
		String username = username(input.username());
		Set<Role> roles = roles(input.roles());
		String displayName = InvalidInputException.oneLine("displayName",
				input.displayName() == null || input.displayName().isBlank() ? username : input.displayName().strip(), 100);
		if (mongo.findById(username, Account.class) != null) {
			return UserPayload.failed("USERNAME_TAKEN", "an account named " + username + " exists", "username");
		}
		String oneTime = PasswordPolicy.oneTime();
		Instant now = clock.instant();
		Account account = new Account(username, displayName, passwords.encode(oneTime), roles, Account.Status.ACTIVE, true,
				1, now, caller.name(), now, caller.name(), null);
		try {
			mongo.insert(account);
		}
		catch (DuplicateKeyException taken) {
			return UserPayload.failed("USERNAME_TAKEN", "an account named " + username + " exists", "username");
		}
		audited("createUser", account);
		return new UserPayload(User.of(account), oneTime, null, List.of());
	}

	@PreAuthorize("hasRole('ADMIN')")
	public UserPayload updateUserRoles(UpdateUserRolesInput input) {
		Set<Role> roles = roles(input.roles());
		return change("updateUserRoles", input.username(), account -> !roles.contains(Role.ADMIN) && account.isActiveAdmin()
				? "LAST_ADMIN" : null,
				account -> account.changed(account.passwordHash(), roles, account.status(), account.mustChangePassword(),
						caller.name(), clock.instant()));
	}

	@PreAuthorize("hasRole('ADMIN')")
	public UserPayload disableUser(String username) {
		return change("disableUser", username, account -> account.isActiveAdmin() ? "LAST_ADMIN" : null,
				account -> account.changed(account.passwordHash(), account.roles(), Account.Status.DISABLED,
						account.mustChangePassword(), caller.name(), clock.instant()));
	}

	@PreAuthorize("hasRole('ADMIN')")
	public UserPayload enableUser(String username) {
		return change("enableUser", username, account -> null, account -> account.changed(account.passwordHash(),
				account.roles(), Account.Status.ACTIVE, account.mustChangePassword(), caller.name(), clock.instant()));
	}

	/** A new one-time password, shown once: the user signs in with it only to choose a password. */
	@PreAuthorize("hasRole('ADMIN')")
	public UserPayload resetPassword(String username) {
		String oneTime = PasswordPolicy.oneTime();
		UserPayload changed = change("resetPassword", username, account -> null, account -> account.changed(passwords.encode(oneTime),
				account.roles(), account.status(), true, caller.name(), clock.instant()));
		return changed.errors().isEmpty() ? new UserPayload(changed.user(), oneTime, null, List.of()) : changed;
	}

	@PreAuthorize("hasRole('ADMIN')")
	public Connection<User> users(PageRequest page) {
		Query query = new Query().with(Sort.by("_id")).limit(page.fetchSize());
		if (page.after() != null) {
			query.addCriteria(Criteria.where("_id").gt(page.after().key(0)));
		}
		return Connection.of(mongo.find(query, Account.class), page, a -> Cursor.of(a.username()).encode()).map(User::of);
	}

	/** The signed-in user's own account; empty for callers without one (API keys, member tokens). */
	@PreAuthorize("isAuthenticated()")
	public Optional<User> me() {
		return Optional.ofNullable(mongo.findById(caller.name(), Account.class)).map(User::of);
	}

	/**
	 * Changes the signed-in user's password, the current one required; the tokens issued before end, and the answer
	 * carries a fresh one.
	 */
	@PreAuthorize("isAuthenticated()")
	public UserPayload changeMyPassword(ChangeMyPasswordInput input) {
		Account account = mongo.findById(caller.name(), Account.class);
		if (account == null || !account.active()) {
			return UserPayload.failed("UNKNOWN_USER", "only a signed-in user with an account changes its password", null);
		}
		if (input.oldPassword() == null || !passwords.matches(input.oldPassword(), account.passwordHash())) {
			return UserPayload.failed("WRONG_PASSWORD", "the current password is not right", "oldPassword");
		}
		String problem = PasswordPolicy.problem(account.username(), input.newPassword());
		if (problem == null && passwords.matches(input.newPassword(), account.passwordHash())) {
			problem = "must differ from the current password";
		}
		if (problem != null) {
			return UserPayload.failed("WEAK_PASSWORD", "the new password " + problem, "newPassword");
		}
		UserPayload changed = change("changeMyPassword", account.username(), a -> null, a -> a.changed(passwords.encode(input.newPassword()),
				a.roles(), a.status(), false, a.username(), clock.instant()));
		Account now = mongo.findById(account.username(), Account.class);
		TokenIssuer issuer = tokens.getIfAvailable();
		return issuer == null || now == null ? changed
				: new UserPayload(changed.user(), null, issuer.issue(now).accessToken(), List.of());
	}

	/**
	 * Replaces the account by its changed form, guarded by its version so that two changes cannot overwrite each
	 * other; {@code refusal} names a rule the change would break (the last active ADMIN), checked against the others.
	 */
	private UserPayload change(String operation, String username, Function<Account, String> refusal,
			UnaryOperator<Account> change) {
		String name = InvalidInputException.requireText("username", username).strip().toLowerCase(Locale.ROOT);
		Account account = mongo.findById(name, Account.class);
		if (account == null) {
			return UserPayload.failed("UNKNOWN_USER", "no account is named " + name, "username");
		}
		if ("LAST_ADMIN".equals(refusal.apply(account)) && !otherActiveAdmin(name)) {
			return lastAdmin(name);
		}
		Account changed = change.apply(account);
		boolean replaced = mongo.findAndReplace(Query.query(Criteria.where("_id").is(name).and("version")
			.is(account.version())), changed) != null;
		if (!replaced) {
			return UserPayload.failed("CHANGED_MEANWHILE", "the account of " + name + " was changed meanwhile; try again",
					"username");
		}
		// Two ADMINs demoted or disabled at once each saw the other still active before writing: looked at again
		// after the write, a change that left no active ADMIN is put back (both, when both see it).
		if ("LAST_ADMIN".equals(refusal.apply(account)) && !changed.isActiveAdmin() && !otherActiveAdmin(name)) {
			Account restored = changed.changed(account.passwordHash(), account.roles(), account.status(),
					account.mustChangePassword(), caller.name(), clock.instant());
			boolean putBack = mongo.findAndReplace(Query.query(Criteria.where("_id").is(name).and("version")
				.is(changed.version())), restored) != null;
			return putBack ? lastAdmin(name)
					: UserPayload.failed("CHANGED_MEANWHILE", "the account of " + name + " was changed meanwhile; look "
							+ "at it again", "username");
		}
		check.forget(name);
		audited(operation, changed);
		return UserPayload.of(changed);
	}

	private static UserPayload lastAdmin(String name) {
		return UserPayload.failed("LAST_ADMIN", name + " is the last active ADMIN; make another ADMIN first", "username");
	}

	private void audited(String operation, Account account) {
		audit.record(AuditTrail.Action.ACCOUNT_CHANGE, null, operation, account.username() + ": roles " + account.roles()
				+ ", " + account.status() + (account.mustChangePassword() ? ", must change password" : ""));
	}

	private boolean otherActiveAdmin(String username) {
		return mongo.find(Query.query(Criteria.where("roles").is(Role.ADMIN.name())), Account.class).stream()
			.anyMatch(a -> a.isActiveAdmin() && !a.username().equals(username));
	}

	private static String username(String given) {
		String username = InvalidInputException.requireText("username", given).strip().toLowerCase(Locale.ROOT);
		if (!USERNAME.matcher(username).matches()) {
			throw new InvalidInputException("username", "2 to 64 of a-z, 0-9, '.', '_', '@', '-', starting with a letter "
					+ "or digit");
		}
		return username;
	}

	private static Set<Role> roles(List<Role> given) {
		if (given == null || given.isEmpty()) {
			throw new InvalidInputException("roles", "give at least one role");
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Role role : new ArrayList<>(given)) {
			if (!STAFF_ROLES.contains(role)) {
				throw new InvalidInputException("roles", role + " is not a role of an account");
			}
			roles.add(role);
		}
		return roles;
	}

}
