package io.membergraph.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import io.membergraph.shared.Digests;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Keeps accounts and API keys, and checks a password or a key against what is stored. */
@Service
public class Credentials {

	private static final SecureRandom random = new SecureRandom();

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

	Optional<Account> authenticate(String username, String password) {
		return accounts.findById(username).filter(a -> passwordEncoder.matches(password, a.passwordHash()));
	}

	Optional<ApiKey> authenticateKey(String rawKey) {
		return apiKeys.findById(hash(rawKey));
	}

	/** Creates or replaces an account; used for the demo accounts and by operators. */
	void saveAccount(String username, String password, Set<Role> roles) {
		accounts.save(new Account(username, passwordEncoder.encode(password), roles));
	}

	boolean hasAccount(String username) {
		return accounts.existsById(username);
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
