package io.membergraph.security.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.membergraph.security.Role;
import io.membergraph.shared.Digests;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

	private final MongoTemplate mongo;

	public Credentials(AccountRepository accounts, ApiKeyRepository apiKeys, PasswordEncoder passwordEncoder,
			MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.accounts = accounts;
		this.apiKeys = apiKeys;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * The active account the password signs in to, noting the sign-in. An unknown username costs a hash as a known
	 * one does, so the answer's time does not tell which usernames exist.
	 */
	public Optional<Account> authenticate(String username, String password) {
		Optional<Account> account = accounts.findById(username.strip().toLowerCase(Locale.ROOT));
		if (account.isEmpty()) {
			passwordEncoder.matches(password, UNKNOWN_USER_HASH);
			return Optional.empty();
		}
		Optional<Account> checked = account.filter(a -> passwordEncoder.matches(password, a.passwordHash()))
			.filter(Account::active);
		if (checked.isEmpty()) {
			return checked;
		}
		// Only the sign-in is noted, and only on the account as read: a change made while the password was checked
		// (disabled, demoted, a new password) stands, and this sign-in is refused. Writing the account back whole
		// undid such a change, and revived the tokens it had ended.
		Instant now = clock.instant();
		Query asRead = Query.query(Criteria.where("_id").is(checked.get().username()).and("version")
			.is(checked.get().version()));
		if (mongo.updateFirst(asRead, Update.update("lastSignInAt", now), Account.class).getMatchedCount() == 0) {
			return Optional.empty();
		}
		return Optional.of(checked.get().signedIn(now));
	}

	/** The working key, noting its use at most once a minute (a write per request would double the store's work). */
	public Optional<ApiKey> authenticateKey(String rawKey) {
		Optional<ApiKey> key = apiKeys.findById(hash(rawKey)).filter(k -> !k.revoked());
		Instant now = clock.instant();
		key.filter(k -> k.lastUsedAt() == null || k.lastUsedAt().plusSeconds(60).isBefore(now))
			.ifPresent(k -> mongo.updateFirst(Query.query(
					Criteria.where("_id").is(k.keyHash())),
					Update.update("lastUsedAt", now), ApiKey.class));
		return key;
	}

	/** Creates an account with a password of its own (the demo accounts, the first ADMIN). */
	public void saveAccount(String username, String password, Set<Role> roles, String by) {
		saveAccount(username, password, roles, false, by);
	}

	/** The same, with a one-time password the user must change when {@code oneTime}. */
	public void saveAccount(String username, String password, Set<Role> roles, boolean oneTime, String by) {
		Instant now = clock.instant();
		accounts.save(new Account(username, username, passwordEncoder.encode(password), roles, Account.Status.ACTIVE,
				oneTime, 1, now, by, now, by, null));
	}

	public boolean hasAccount(String username) {
		return accounts.existsById(username);
	}

	public boolean hasActiveAdmin() {
		return accounts.findAll().stream().anyMatch(Account::isActiveAdmin);
	}

	/** Issues a new storefront API key; the raw key is returned once and never stored. */
	@PreAuthorize("hasRole('ADMIN')")
	public IssuedKey issueApiKey(String name, Integer requestsPerMinute) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String rawKey = "mgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiKey key = registerApiKey(name, rawKey, caller(), requestsPerMinute);
		return new IssuedKey(key, rawKey);
	}

	/** A key just made: the raw key is shown this once. */
	public record IssuedKey(ApiKey key, String rawKey) {
	}

	public ApiKey registerApiKey(String name, String rawKey, String by, Integer requestsPerMinute) {
		byte[] id = new byte[6];
		random.nextBytes(id);
		ApiKey key = new ApiKey(hash(rawKey), "key_" + HexFormat.of().formatHex(id),
				rawKey.substring(0, Math.min(8, rawKey.length())), name, Set.of(Role.STOREFRONT), clock.instant(), by, null,
				null, null, requestsPerMinute);
		apiKeys.save(key);
		return key;
	}

	@PreAuthorize("hasRole('ADMIN')")
	public List<ApiKey> apiKeys() {
		return apiKeys.findAll(Sort.by("createdAt"));
	}

	/** Stops the key at once; empty when no key has the id. */
	@PreAuthorize("hasRole('ADMIN')")
	public Optional<ApiKey> revokeApiKey(String keyId) {
		revokeIfWorking(keyId);
		return byKeyId(keyId);
	}

	/** What rotating a key did: the new key, or, for a key revoked (or rotated) before, none. */
	public record Rotation(IssuedKey fresh, ApiKey revokedBefore) {
	}

	/**
	 * A new key for the same storefront, the old one revoked first, in one guarded write: of rotations of one key at
	 * once, one gets the new key and the others are told the key is revoked (each got a working key before). Empty
	 * when no key has the id.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Optional<Rotation> rotateApiKey(String keyId) {
		return byKeyId(keyId).map(old -> revokeIfWorking(keyId)
				? new Rotation(issueApiKey(old.name(), old.requestsPerMinute()), null)
				: new Rotation(null, byKeyId(keyId).orElse(old)));
	}

	/** Revokes the key unless it is revoked already; true when this call revoked it. */
	private boolean revokeIfWorking(String keyId) {
		Query working = Query.query(Criteria.where("keyId").is(keyId).and("revokedAt").is(null));
		return mongo.updateFirst(working, Update.update("revokedAt", clock.instant()).set("revokedBy", caller()), ApiKey.class)
			.getModifiedCount() == 1;
	}

	private Optional<ApiKey> byKeyId(String keyId) {
		return Optional.ofNullable(mongo.findOne(Query.query(
				Criteria.where("keyId").is(keyId)), ApiKey.class));
	}

	private static String caller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null ? "system" : authentication.getName();
	}

	static String hash(String rawKey) {
		return Digests.sha256Hex(rawKey);
	}

}
