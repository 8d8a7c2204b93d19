package io.membergraph.security;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo accounts ({@code admin}, {@code crm}, {@code marketer}, {@code support}, {@code storefront}, all
 * with password {@code demo}) and a demo storefront API key. Created on the embedded default only, or on
 * real MongoDB when {@code membergraph.demo.accounts=true} is set on purpose.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "membergraph.demo.accounts", havingValue = "true")
class DemoAccounts implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final Map<String, Role> ACCOUNTS = Map.of("admin", Role.ADMIN, "crm", Role.CRM_SPECIALIST,
			"marketer", Role.MARKETER, "support", Role.SUPPORT, "storefront", Role.STOREFRONT);

	private final Credentials credentials;

	private final String storefrontApiKey;

	DemoAccounts(Credentials credentials, @Value("${membergraph.demo.storefront-api-key}") String storefrontApiKey) {
		this.credentials = credentials;
		this.storefrontApiKey = storefrontApiKey;
	}

	@Override
	public void run(ApplicationArguments args) {
		ACCOUNTS.forEach((username, role) -> {
			if (!credentials.hasAccount(username)) {
				credentials.saveAccount(username, PASSWORD, Set.of(role));
			}
		});
		credentials.registerApiKey("demo-storefront", storefrontApiKey);
	}

}
