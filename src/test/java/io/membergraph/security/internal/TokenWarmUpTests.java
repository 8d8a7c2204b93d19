package io.membergraph.security.internal;

import io.membergraph.ApplicationTest;
import io.membergraph.security.AuditTrail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens' warm-up signs and reads member tokens only: no account, no sign-in, nothing in the audit trail under
 * its name. (Other tests' audit entries may land meanwhile: the trail is written in batches.)
 */
class TokenWarmUpTests extends ApplicationTest {

	@Test
	void warmingTheTokensLeavesNoTrace() {
		MongoTemplate mongo = bean(MongoTemplate.class);
		long accounts = mongo.getCollection("accounts").countDocuments();

		bean(TokenWarmUp.class).warm();
		bean(AuditTrail.class).flush();

		assertThat(mongo.getCollection("accounts").countDocuments()).isEqualTo(accounts);
		assertThat(mongo.getCollection("audit_log").countDocuments(new Document("actor", "warm-up"))).isZero();
		assertThat(mongo.getCollection("audit_log").countDocuments(new Document("detail",
				new Document("$regex", "warm-up")))).isZero();
	}

}
