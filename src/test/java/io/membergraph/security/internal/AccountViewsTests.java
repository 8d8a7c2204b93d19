package io.membergraph.security.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.membergraph.security.Role;
import io.membergraph.security.UserAccounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountViewsTests {

	private static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");

	@Test
	void aUserShowsEveryFieldButTheHashWithRolesInAStableOrder() {
		Account account = new Account("li.na", "Li Na", "{bcrypt}$2a$10$hash",
				new LinkedHashSet<>(List.of(Role.SUPPORT, Role.ADMIN)), Account.Status.DISABLED, true, 3, AT, "admin",
				AT.plusSeconds(60), "boss", AT.plusSeconds(120));

		UserAccounts.User user = AccountViews.MAPPER.user(account);

		assertThat(user).isEqualTo(new UserAccounts.User("li.na", "Li Na", List.of(Role.ADMIN, Role.SUPPORT), "DISABLED",
				true, AT, "admin", AT.plusSeconds(60), "boss", AT.plusSeconds(120)));
		assertThat(user.toString()).doesNotContain("bcrypt");
	}

	@Test
	void aKeyIsListedByItsIdAndPrefixNeverItsHash() {
		ApiKey key = new ApiKey("hash-of-the-key", "key_0a1b2c", "mgk_abcd", "Tmall store", Set.of(Role.STOREFRONT), AT,
				"admin", AT.plusSeconds(5), null, null, 600);

		assertThat(AccountViews.MAPPER.apiKey(key)).isEqualTo(new ApiKeyController.ApiKeyView("key_0a1b2c", "Tmall store",
				"mgk_abcd", AT, "admin", AT.plusSeconds(5), null, null, 600));
	}

}
