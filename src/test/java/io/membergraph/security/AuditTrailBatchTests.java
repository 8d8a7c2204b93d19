package io.membergraph.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.membergraph.PinnedClock;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** Reads are written in batches: one entry per reader, member and operation, and none lost when a write fails. */
class AuditTrailBatchTests {

	private final MongoTemplate mongo = mock(MongoTemplate.class);

	private final Caller caller = mock(Caller.class);

	private final AuditTrail audit = new AuditTrail(mongo, caller, new PinnedClock(), Duration.ofSeconds(1));

	@Test
	void aBatchTheStoreRefusedIsWrittenWithTheNextFlush() {
		List<AuditTrail.Entry> written = new ArrayList<>();
		given(caller.name()).willReturn("crm");
		given(mongo.insertAll(anyCollection()))
			.willThrow(new DataAccessResourceFailureException("store down"))
			.willAnswer(call -> {
				Collection<AuditTrail.Entry> batch = call.getArgument(0);
				written.addAll(batch);
				return batch;
			});
		audit.readPersonalData("M1", "member");
		audit.readPersonalData("M1", "member");
		audit.readPersonalData("M2", "members");

		assertThatThrownBy(audit::flush).isInstanceOf(DataAccessResourceFailureException.class);
		audit.flush();

		assertThat(written).extracting(AuditTrail.Entry::memberId).containsExactlyInAnyOrder("M1", "M2");
		assertThat(written).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("crm"));
	}

	@Test
	void aMemberReadingItselfIsNoAuditEvent() {
		given(caller.name()).willReturn("M1");
		audit.readPersonalData("M1", "member");
		audit.flush();

		org.mockito.Mockito.verifyNoInteractions(mongo);
	}

}
