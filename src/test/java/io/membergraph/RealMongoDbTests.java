package io.membergraph;

import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberFilter;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import io.membergraph.shared.PageRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store-facing behaviour against real MongoDB 8 (a single-node replica set), so that what the embedded
 * store does is known to match. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "membergraph.seed.enabled=false", "membergraph.security.jwt-secret=test-secret-of-at-least-32-bytes-long!!" })
@Import(PinnedClockConfiguration.class)
@WithMockUser(roles = "ADMIN")
class RealMongoDbTests {

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

	@Autowired
	MemberProfiles profiles;

	@Autowired
	MemberDirectory directory;

	@Autowired
	OrderRecording orders;

	@Test
	void identitiesAreUniqueAndFoundByLookup() {
		String id = register("Real One", "13900000001");
		assertThat(register("Real Two", "+86 139 0000 0001")).isNull();
		assertThat(directory.findByContact("13900000001", null, null)).get().extracting(m -> m.id()).isEqualTo(id);
		assertThat(directory.search(new MemberFilter("Real", null, null, null, null, null, null, null, null, null),
				PageRequest.of(10, null)).nodes()).hasSize(1);
	}

	@Test
	void ordersReplayAndRefundWithExactStats() {
		String id = register("Buyer", "13900000002");
		RecordOrderInput order = new RecordOrderInput(Channel.JD, "JD-1", id, null, null, Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null,
				List.of(new OrderLineInput("SK-1001", 2, UnitPrice.of("420.00"), null, null)), null, null, null, null, null);
		assertThat(orders.record(order).replayed()).isFalse();
		assertThat(orders.record(order).replayed()).isTrue();
		orders.refund(new RefundOrderInput(Channel.JD, "JD-1", "R1", Money.of("40.00"), null, "damaged", null));
		assertThat(orders.refund(new RefundOrderInput(Channel.JD, "JD-1", "R2", Money.of("800.01"), null, null, null)).errors())
			.extracting(e -> e.code()).containsExactly("REFUND_EXCEEDS_PAID");
		var stats = directory.findById(id).orElseThrow().stats();
		assertThat(stats.orderCount()).isEqualTo(1);
		assertThat(stats.totalSpend()).isEqualTo(Money.of("800.00"));
	}

	private String register(String name, String phone) {
		var payload = profiles.register(new RegisterMemberInput(name, null, null, phone, null, null, null, null, Channel.WEB,
				null, null, null, null, null));
		return payload.member() == null ? null : payload.member().id();
	}

}
