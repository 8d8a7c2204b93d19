package io.membergraph.security;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.membergraph.ApplicationTest;
import io.membergraph.security.internal.Account;
import io.membergraph.security.internal.AccountRepository;
import io.membergraph.security.internal.ApiKeyRepository;
import io.membergraph.security.internal.Credentials;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in reads the account, checks the password (bcrypt: tens of milliseconds) and then notes the sign-in. An
 * ADMIN's change in between must stand: the sign-in wrote the account back whole as it had read it, so a leaver
 * signing in while being disabled came back active, with the tokens the change had ended. Here the password check
 * is held until the change is written, so the two meet every time.
 */
class SignInDuringAnAccountChangeTests extends ApplicationTest {

	private static final String PASSWORD = "a passphrase long enough";

	@Test
	void anAccountDisabledWhileItsPasswordIsCheckedStaysDisabledAndTheSignInIsRefused() throws Exception {
		String username = "leaver." + newPhone();
		MongoTemplate mongo = bean(MongoTemplate.class);
		PasswordEncoder real = bean(PasswordEncoder.class);
		mongo.save(new Account(username, username, real.encode(PASSWORD), Set.of(Role.CRM_SPECIALIST),
				Account.Status.ACTIVE, false, 1, now(), "test", now(), "test", null));
		CountDownLatch checking = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		Credentials credentials = new Credentials(bean(AccountRepository.class), bean(ApiKeyRepository.class),
				heldUntil(real, checking, changed), mongo, clock);

		CompletableFuture<Optional<Account>> signIn = CompletableFuture
			.supplyAsync(() -> credentials.authenticate(username, PASSWORD));
		assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(asAdmin(() -> bean(UserAccounts.class).disableUser(username)).errors()).isEmpty();
		changed.countDown();

		assertThat(signIn.get(10, TimeUnit.SECONDS)).isEmpty();
		Account after = mongo.findById(username, Account.class);
		assertThat(after.status()).isEqualTo(Account.Status.DISABLED);
		assertThat(after.version()).isEqualTo(2);
	}

	@Test
	void aSignInWithNothingChangedNotesItsTimeAndNothingElse() {
		String username = "stayer." + newPhone();
		MongoTemplate mongo = bean(MongoTemplate.class);
		mongo.save(new Account(username, username, bean(PasswordEncoder.class).encode(PASSWORD), Set.of(Role.SUPPORT),
				Account.Status.ACTIVE, false, 3, now(), "test", now(), "test", null));

		Optional<Account> signedIn = bean(Credentials.class).authenticate(username, PASSWORD);

		assertThat(signedIn).get().extracting(Account::version, Account::lastSignInAt).containsExactly(3L, now());
		assertThat(mongo.findById(username, Account.class).lastSignInAt()).isEqualTo(now());
	}

	/** The real encoder, whose answer waits, once it is known, until {@code changed} opens. */
	private static PasswordEncoder heldUntil(PasswordEncoder real, CountDownLatch checking, CountDownLatch changed) {
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return real.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				boolean matches = real.matches(raw, encoded);
				checking.countDown();
				try {
					changed.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return matches;
			}

		};
	}

}
