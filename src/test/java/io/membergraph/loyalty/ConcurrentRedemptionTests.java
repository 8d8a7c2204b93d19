package io.membergraph.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentRedemptionTests extends ApplicationTest {

	private static final int THREADS = 32;

	@Test
	void thirtyTwoStorefrontRequestsAtOnceNeverOverdrawOneBalance() throws Exception {
		String member = registerMember("Popular");
		as("admin").documentName("adjustPoints")
			.variable("input", Map.of("memberId", member, "points", 200, "idempotencyKey", "top-up-" + member,
					"reason", "test balance"))
			.execute();
		// Balance 300 (100 for registering + 200): room for 30 redemptions of 10, not 32.
		HttpGraphQlTester storefront = as("storefront");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<String>> outcomes = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			String key = "burst-" + i + "-" + member;
			Callable<String> redeem = () -> {
				start.await();
				return storefront.documentName("redeemPoints")
					.variable("input", Map.of("memberId", member, "points", 10, "idempotencyKey", key))
					.execute()
					.path("redeemPoints.entry.status").entity(String.class).get();
			};
			outcomes.add(pool.submit(redeem));
		}
		start.countDown();
		List<String> statuses = new ArrayList<>();
		for (Future<String> outcome : outcomes) {
			statuses.add(outcome.get());
		}
		pool.shutdown();

		assertThat(statuses).filteredOn("APPLIED"::equals).hasSize(30);
		assertThat(statuses).filteredOn("REJECTED"::equals).hasSize(2);
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Integer.class).isEqualTo(0)
			.path("member.points.lifetimeRedeemed").entity(Integer.class).isEqualTo(300);
		assertThat(bean(PointsMaintenance.class).auditAll()).noneMatch(d -> d.memberId().equals(member));
	}

}
