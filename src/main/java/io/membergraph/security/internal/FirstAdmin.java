package io.membergraph.security.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

import io.membergraph.security.Role;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first ADMIN of a store that has none: named by {@code MEMBERGRAPH_BOOTSTRAP_ADMIN}, with the password in
 * {@code MEMBERGRAPH_BOOTSTRAP_ADMIN_PASSWORD}, or without one a one-time password printed once on the console
 * (to change at first sign-in). Used only while no active ADMIN exists; the password is never logged. Further
 * accounts are made by that ADMIN with {@code createUser}.
 */
@Component
@Order(0)
public class FirstAdmin implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(FirstAdmin.class);

	private final Credentials credentials;

	private final String username;

	private final String password;

	private final boolean embedded;

	private final PrintStream console;

	@Autowired
	public FirstAdmin(Credentials credentials, @Value("${membergraph.bootstrap.admin:}") String username,
			@Value("${membergraph.bootstrap.admin-password:}") String password,
			@Value("${membergraph.store.embedded:false}") boolean embedded) {
		this(credentials, username, password, embedded, System.out);
	}

	public FirstAdmin(Credentials credentials, String username, String password, boolean embedded, PrintStream console) {
		this.credentials = credentials;
		this.username = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
		this.password = password == null ? "" : password;
		this.embedded = embedded;
		this.console = console;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (credentials.hasActiveAdmin()) {
			return;
		}
		if (username.isEmpty()) {
			if (!embedded) {
				log.warn("No ADMIN account exists, so nobody can sign in: set MEMBERGRAPH_BOOTSTRAP_ADMIN (and "
						+ "MEMBERGRAPH_BOOTSTRAP_ADMIN_PASSWORD) and start again, or start with "
						+ "--membergraph.bootstrap.admin=<name> for a one-time password");
			}
			return;
		}
		if (password.isEmpty()) {
			String oneTime = PasswordPolicy.oneTime();
			credentials.saveAccount(username, oneTime, Set.of(Role.ADMIN), true, "bootstrap");
			log.info("Created the first ADMIN account '" + username + "'; its one-time password is on the console");
			console.println("First ADMIN '" + username + "' created. One-time password (shown once): " + oneTime);
			console.println("Sign in with it (POST /auth/token) and choose a password with changeMyPassword.");
			return;
		}
		String problem = PasswordPolicy.problem(username, password);
		if (problem != null) {
			throw new IllegalStateException("MEMBERGRAPH_BOOTSTRAP_ADMIN_PASSWORD " + problem + " (at least "
					+ PasswordPolicy.MIN_LENGTH + " characters, not the username, not a common password)");
		}
		credentials.saveAccount(username, password, Set.of(Role.ADMIN), "bootstrap");
		log.info("Created the first ADMIN account '" + username + "' from MEMBERGRAPH_BOOTSTRAP_ADMIN");
	}

}
