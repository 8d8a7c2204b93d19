package io.membergraph.security.internal;

import java.util.List;

import io.membergraph.ApplicationTest;
import io.membergraph.security.AuditTrail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door's warm-up reaches the API through the service's port before the application is ready (the readiness
 * gate lets its requests through) and leaves no trace: its sign-in is refused for want of credentials, its member
 * and staff tokens name nobody.
 */
class FrontDoorWarmUpTests extends ApplicationTest {

	@Test
	void beforeReadinessItsRequestsReachTheApiAndLeaveNoTrace() {
		MongoTemplate mongo = bean(MongoTemplate.class);
		long accounts = mongo.getCollection("accounts").countDocuments();
		List<Integer> answers;
		AvailabilityChangeEvent.publish(context(), ReadinessState.REFUSING_TRAFFIC);
		try {
			answers = bean(FrontDoorWarmUp.class).knock();
		}
		finally {
			AvailabilityChangeEvent.publish(context(), ReadinessState.ACCEPTING_TRAFFIC);
		}
		bean(AuditTrail.class).flush();

		// The probe says not ready yet; the sign-in without credentials is refused before any account is looked up;
		// the member's GraphQL request is answered; the staff token without an account is refused; the member's request
		// with variables is answered.
		assertThat(answers).containsExactly(503, 400, 200, 401, 200);
		assertThat(mongo.getCollection("accounts").countDocuments()).isEqualTo(accounts);
		assertThat(mongo.getCollection("audit_log").countDocuments(new Document("detail",
				new Document("$regex", "warm-up")))).isZero();
		assertThat(mongo.getCollection("audit_log").countDocuments(new Document("actor", "(warm-up)"))).isZero();
	}

}
