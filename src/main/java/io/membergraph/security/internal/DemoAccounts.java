package io.membergraph.security.internal;

import java.util.Map;
import java.util.Set;

import io.membergraph.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo accounts ({@code admin}, {@code crm}, {@code marketer}, {@code support}, {@code storefront}, all
 * with password {@code demo}) and a demo storefront API key, on the embedded demo store only.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "membergraph.demo.accounts", havingValue = "true")
public class DemoAccounts implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final org.apache.commons.logging.Log log = org.apache.commons.logging.LogFactory.getLog(DemoAccounts.class);

	private static final Map<String, Role> ACCOUNTS = Map.of("admin", Role.ADMIN, "crm", Role.CRM_SPECIALIST,
			"marketer", Role.MARKETER, "support", Role.SUPPORT, "storefront", Role.STOREFRONT);

	private final Credentials credentials;

	private final String storefrontApiKey;

	private final boolean embedded;

	DemoAccounts(Credentials credentials, @Value("${membergraph.demo.storefront-api-key}") String storefrontApiKey,
			@Value("${membergraph.store.embedded:false}") boolean embedded) {
		this.credentials = credentials;
		this.storefrontApiKey = storefrontApiKey;
		this.embedded = embedded;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!embedded) {
			// Accounts everyone knows the password of never reach a real database.
			log.warn("membergraph.demo.accounts is ignored outside the embedded demo store: create accounts with "
					+ "createUser, the first ADMIN from MEMBERGRAPH_BOOTSTRAP_ADMIN");
			return;
		}
		ACCOUNTS.forEach((username, role) -> {
			if (!credentials.hasAccount(username)) {
				credentials.saveAccount(username, PASSWORD, Set.of(role), "demo");
			}
		});
		if (credentials.authenticateKey(storefrontApiKey).isEmpty()) {
			credentials.registerApiKey("demo-storefront", storefrontApiKey, "demo", null);
		}
	}

}
