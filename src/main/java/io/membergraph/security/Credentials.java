package io.membergraph.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import io.membergraph.shared.Digests;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Keeps accounts and API keys, and checks a password or a key against what is stored. */
@Service
public class Credentials {

	private static final SecureRandom random = new SecureRandom();

	/** A hash of nothing anyone knows, checked against for unknown usernames. */
	private static final String UNKNOWN_USER_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder()
		.encode(PasswordPolicy.oneTime());

	private final AccountRepository accounts;

	private final ApiKeyRepository apiKeys;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	Credentials(AccountRepository accounts, ApiKeyRepository apiKeys, PasswordEncoder passwordEncoder, Clock clock) {
		this.accounts = accounts;
		this.apiKeys = apiKeys;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * The active account the password signs in to, noting the sign-in. An unknown username costs a hash as a known
	 * one does, so the answer's time does not tell which usernames exist.
	 */
	Optional<Account> authenticate(String username, String password) {
		Optional<Account> account = accounts.findById(username.strip().toLowerCase(java.util.Locale.ROOT));
		if (account.isEmpty()) {
			passwordEncoder.matches(password, UNKNOWN_USER_HASH);
			return Optional.empty();
		}
		Optional<Account> signedIn = account.filter(a -> passwordEncoder.matches(password, a.passwordHash()))
			.filter(Account::active);
		signedIn.ifPresent(a -> accounts.save(a.signedIn(clock.instant())));
		return signedIn;
	}

	Optional<ApiKey> authenticateKey(String rawKey) {
		return apiKeys.findById(hash(rawKey));
	}

	/** Creates an account with a password of its own (the demo accounts, the first ADMIN). */
	void saveAccount(String username, String password, Set<Role> roles, String by) {
		saveAccount(username, password, roles, false, by);
	}

	/** The same, with a one-time password the user must change when {@code oneTime}. */
	void saveAccount(String username, String password, Set<Role> roles, boolean oneTime, String by) {
		java.time.Instant now = clock.instant();
		accounts.save(new Account(username, username, passwordEncoder.encode(password), roles, Account.Status.ACTIVE,
				oneTime, 1, now, by, now, by, null));
	}

	boolean hasAccount(String username) {
		return accounts.existsById(username);
	}

	boolean hasActiveAdmin() {
		return accounts.findAll().stream().anyMatch(Account::isActiveAdmin);
	}

	/** Issues a new storefront API key; the raw key is returned once and never stored. */
	@PreAuthorize("hasRole('ADMIN')")
	public String issueApiKey(String name) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String rawKey = "mgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		registerApiKey(name, rawKey);
		return rawKey;
	}

	void registerApiKey(String name, String rawKey) {
		apiKeys.save(new ApiKey(hash(rawKey), name, Set.of(Role.STOREFRONT), clock.instant()));
	}

	static String hash(String rawKey) {
		return Digests.sha256Hex(rawKey);
	}

}
