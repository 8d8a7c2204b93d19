package io.membergraph.security;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import io.membergraph.ApplicationTest;
import io.membergraph.security.UserAccounts.UpdateUserRolesInput;
import io.membergraph.security.UserAccounts.UserPayload;
import io.membergraph.security.internal.Account;
import io.membergraph.security.internal.AccountCheck;
import io.membergraph.shared.UserError;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two last ADMINs demoted, or disabled, at the same moment: each saw the other still active before it wrote,
 * and the store was left without an ADMIN (no one could manage accounts again). Run in a store of their own with
 * the two writes held until both are ready, so the race happens every time.
 */
class LastAdminRaceTests extends ApplicationTest {

	@Test
	void twoLastAdminsDemotedAtOnceLeaveOneAdmin() throws Exception {
		assertOneAdminLeftAfter(accounts -> accounts.updateUserRoles(new UpdateUserRolesInput("first.admin",
				List.of(Role.MARKETER))), accounts -> accounts.updateUserRoles(new UpdateUserRolesInput("second.admin",
						List.of(Role.CRM_SPECIALIST))));
	}

	@Test
	void twoLastAdminsDisabledAtOnceLeaveOneAdmin() throws Exception {
		assertOneAdminLeftAfter(accounts -> accounts.disableUser("first.admin"),
				accounts -> accounts.disableUser("second.admin"));
	}

	private void assertOneAdminLeftAfter(Function<UserAccounts, UserPayload> first,
			Function<UserAccounts, UserPayload> second) throws Exception {
		CyclicBarrier bothWriting = new CyclicBarrier(2);
		MongoTemplate store = new BarrierTemplate(bean(MongoClient.class), "last_admin_race_" + newPhone(), bothWriting);
		UserAccounts accounts = new UserAccounts(store, bean(PasswordEncoder.class), bean(AccountCheck.class),
				bean(Caller.class), context().getBeanProvider(TokenIssuer.class), clock, bean(AuditTrail.class));
		for (String admin : List.of("first.admin", "second.admin")) {
			store.save(new Account(admin, admin, "{noop}unused", java.util.Set.of(Role.ADMIN), Account.Status.ACTIVE, false,
					1, now(), "test", now(), "test", null));
		}

		List<UserPayload> answers = asAdmin(() -> {
			var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
			CompletableFuture<UserPayload> one = CompletableFuture.supplyAsync(asCaller(context, () -> first.apply(accounts)));
			CompletableFuture<UserPayload> other = CompletableFuture.supplyAsync(asCaller(context, () -> second.apply(accounts)));
			return List.of(one.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS));
		});

		assertThat(store.findAll(Account.class)).as("active ADMINs left").filteredOn(Account::isActiveAdmin).isNotEmpty();
		assertThat(answers).flatExtracting(UserPayload::errors).extracting(UserError::code).isNotEmpty()
			.containsOnly("LAST_ADMIN");
		store.getDb().drop();
	}

	private static <T> java.util.function.Supplier<T> asCaller(
			org.springframework.security.core.context.SecurityContext context, java.util.function.Supplier<T> work) {
		return () -> {
			org.springframework.security.core.context.SecurityContextHolder.setContext(context);
			try {
				return work.get();
			}
			finally {
				org.springframework.security.core.context.SecurityContextHolder.clearContext();
			}
		};
	}

	/** Holds each replacement of an account until the other thread's arrives, then lets both through. */
	private static final class BarrierTemplate extends MongoTemplate {

		private final CyclicBarrier bothWriting;

		BarrierTemplate(MongoClient client, String database, CyclicBarrier bothWriting) {
			super(client, database);
			this.bothWriting = bothWriting;
		}

		@Override
		public <T> T findAndReplace(org.springframework.data.mongodb.core.query.Query query, T replacement) {
			try {
				bothWriting.await(2, TimeUnit.SECONDS);
			}
			catch (Exception alone) {
				// The other thread wrote nothing this time (it was refused before): go on alone.
				bothWriting.reset();
			}
			return super.findAndReplace(query, replacement);
		}

	}

}
