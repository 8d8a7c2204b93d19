package io.membergraph.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.membergraph.PinnedClockConfiguration;
import io.membergraph.security.internal.Account;
import io.membergraph.security.internal.ApiKey;
import io.membergraph.security.internal.Credentials;
import io.membergraph.security.internal.FirstAdmin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys, sign-ins and the first ADMIN against real MongoDB 8: the key found by its hash and by its key id, rotation and
 * revocation taking effect at once, and the bootstrap admin created on an empty store once and never again.
 * Skipped where no Docker engine runs; the HTTP side is the embedded suite's.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "membergraph.seed.enabled=false", "membergraph.security.jwt-secret=test-secret-of-at-least-32-bytes-long!!" })
@Import(PinnedClockConfiguration.class)
@WithMockUser(roles = "ADMIN")
class RealMongoDbCredentialsTests {

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

	@Autowired
	Credentials credentials;

	@Autowired
	MongoTemplate template;

	@Test
	void apiKeysAreFoundRotatedAndRevokedAtOnce() {
		Credentials.IssuedKey issued = credentials.issueApiKey("real-storefront", 300);
		assertThat(credentials.authenticateKey(issued.rawKey())).get()
			.extracting(ApiKey::name, ApiKey::requestsPerMinute)
			.containsExactly("real-storefront", 300);
		assertThat(credentials.authenticateKey(issued.rawKey() + "x")).isEmpty();
		assertThat(credentials.apiKeys()).extracting(ApiKey::keyId).contains(issued.key().keyId());

		Credentials.IssuedKey rotated = credentials.rotateApiKey(issued.key().keyId()).orElseThrow().fresh();
		assertThat(credentials.authenticateKey(issued.rawKey())).as("the key rotated away").isEmpty();
		assertThat(credentials.rotateApiKey(issued.key().keyId()).orElseThrow().fresh()).as("a second rotation").isNull();
		assertThat(credentials.authenticateKey(rotated.rawKey())).get().extracting(ApiKey::name).isEqualTo("real-storefront");

		assertThat(credentials.revokeApiKey(rotated.key().keyId())).get().extracting(ApiKey::revoked).isEqualTo(true);
		assertThat(credentials.authenticateKey(rotated.rawKey())).isEmpty();
		assertThat(credentials.revokeApiKey("key_unknown")).isEmpty();
	}

	/** A sign-in notes its time on the account as read (guarded by its version), and nothing else. */
	@Test
	void aSignInNotesItsTimeOnTheAccountAsRead() {
		credentials.saveAccount("real.signer", "a passphrase long enough", Set.of(Role.SUPPORT), "test");
		assertThat(credentials.authenticate("Real.Signer", "a passphrase long enough")).get()
			.extracting(Account::lastSignInAt).isNotNull();
		assertThat(template.findById("real.signer", Account.class).lastSignInAt()).isNotNull();
		assertThat(credentials.authenticate("real.signer", "not the passphrase")).isEmpty();
	}

	@Test
	void theFirstAdminIsCreatedOnceOnAnEmptyStore() {
		template.dropCollection(Account.class);
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		FirstAdmin bootstrap = new FirstAdmin(credentials, "Founder", "", false,
				new PrintStream(console, true, StandardCharsets.UTF_8));

		bootstrap.run(null);
		bootstrap.run(null);

		assertThat(template.findAll(Account.class)).singleElement().satisfies(account -> {
			assertThat(account.username()).isEqualTo("founder");
			assertThat(account.roles()).isEqualTo(Set.of(Role.ADMIN));
		});
		assertThat(console.toString(StandardCharsets.UTF_8)).containsOnlyOnce("One-time password");
		assertThat(credentials.hasActiveAdmin()).isTrue();
	}

}
