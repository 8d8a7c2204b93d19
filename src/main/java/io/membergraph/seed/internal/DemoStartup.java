package io.membergraph.seed.internal;

import io.membergraph.member.MemberBulkLoad;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On start-up: loads demo data when asked to (by default only on the embedded store), and on the embedded
 * store says in one line where the API is and how to get a token.
 */
@Component
@Order(1)
public class DemoStartup implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(DemoStartup.class);

	private final DemoDataLoader loader;

	private final SeedSettings settings;

	private final boolean embedded;

	DemoStartup(DemoDataLoader loader, SeedSettings settings,
			@Value("${membergraph.store.embedded:false}") boolean embedded) {
		this.loader = loader;
		this.settings = settings;
		this.embedded = embedded;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (settings.enabled()) {
			loader.loadIfEmpty(settings);
		}
	}

	@EventListener
	void announce(ApplicationReadyEvent ready) {
		if (!embedded) {
			return;
		}
		String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
		log.info("MemberGraph is running on the embedded in-memory MongoDB" + (settings.enabled() ? " with demo data" : "")
				+ ". GraphQL: http://localhost:" + port + "/graphql (GraphiQL at /graphiql). Get a token: curl -s -X POST "
				+ "http://localhost:" + port + "/auth/token -H 'Content-Type: application/json' "
				+ "-d '{\"username\":\"crm\",\"password\":\"demo\"}' (accounts admin, crm, marketer, support, storefront; "
				+ "password demo; member ids start at M" + MemberBulkLoad.firstMemberNumber() + ")");
	}

}
