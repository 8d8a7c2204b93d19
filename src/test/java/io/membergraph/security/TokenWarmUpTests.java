package io.membergraph.security;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The tokens' warm-up signs and reads member tokens only: no account, no sign-in, nothing in the audit trail. */
class TokenWarmUpTests extends ApplicationTest {

	@Test
	void warmingTheTokensLeavesNoTrace() {
		MongoTemplate mongo = bean(MongoTemplate.class);
		long accounts = mongo.getCollection("accounts").countDocuments();
		long audit = mongo.getCollection("audit_log").countDocuments();

		bean(TokenWarmUp.class).warm();

		assertThat(mongo.getCollection("accounts").countDocuments()).isEqualTo(accounts);
		assertThat(mongo.getCollection("audit_log").countDocuments()).isEqualTo(audit);
	}

}
