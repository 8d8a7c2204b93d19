package io.membergraph.loyalty;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.internal.TierStatus;
import io.membergraph.member.Member;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering writes the member, then welcomes it (registration reward, entry tier). A crash between the two
 * must not lose the reward: the sweep, or the member's first order, finishes the welcome, once.
 */
class WelcomeRecoveryTests extends ApplicationTest {

	@Test
	void aMemberWrittenButNeverWelcomedIsWelcomedByTheSweep() {
		String member = registerMember("Unwelcomed");
		crashRightAfterTheMemberWasWritten(member);

		recoverySweepAfterGrace();
		recoverySweepAfterGrace();

		assertWelcomedOnce(member, 100);
	}

	/** A member registered a moment ago may still be being welcomed by its own request: the sweep leaves it. */
	@Test
	void theSweepLeavesAWelcomeStillInFlightToItsRequest() {
		String member = registerMember("Just Registered");
		crashRightAfterTheMemberWasWritten(member);

		bean(io.membergraph.shared.RecoverySweep.class).sweep();
		as("crm").documentName("memberPoints").variable("id", member).execute().path("member.tier").valueIsNull();

		recoverySweepAfterGrace();
		assertWelcomedOnce(member, 100);
	}

	@Test
	void aMemberRewardedButNotYetInATierIsNotRewardedTwice() {
		String member = registerMember("Half Welcomed");
		MongoTemplate mongo = bean(MongoTemplate.class);
		mongo.remove(Query.query(Criteria.where("_id").is(member)), TierStatus.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(member)), new Update().unset("tierCode"), Member.class);

		recoverySweepAfterGrace();

		assertWelcomedOnce(member, 100);
	}

	@Test
	void aFirstOrderBeforeTheSweepStillBringsTheWelcome() {
		String member = registerMember("Eager Buyer");
		crashRightAfterTheMemberWasWritten(member);

		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "W-" + member, "memberId", member,
					"placedAt", "2026-06-01T10:00:00Z", "paidAt", "2026-06-01T10:00:00Z",
					"lines", List.of(Map.of("sku", "HC-4001", "category", "haircare", "quantity", 1, "unitPrice", "10.00"))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
		recoverySweepAfterGrace();

		assertWelcomedOnce(member, 100 + 10 + 200);
	}

	/** What a crash right after writing the member leaves: no reward, no tier status, no tier on the member. */
	private void crashRightAfterTheMemberWasWritten(String member) {
		MongoTemplate mongo = bean(MongoTemplate.class);
		mongo.remove(Query.query(Criteria.where("memberId").is(member)), PointsEntry.class);
		mongo.remove(Query.query(Criteria.where("_id").is(member)), PointsAccount.class);
		mongo.remove(Query.query(Criteria.where("_id").is(member)), TierStatus.class);
		mongo.remove(Query.query(Criteria.where("memberId").is(member)), TierChange.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(member)), new Update().unset("tierCode"), Member.class);
	}

	private void assertWelcomedOnce(String member, int balance) {
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.tier.code").entity(String.class).isEqualTo("BASIC")
			.path("member.points.balance").entity(Integer.class).isEqualTo(balance)
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY");
		assertThat(bean(MongoTemplate.class).count(Query.query(Criteria.where("memberId").is(member)
			.and("reason").is("REGISTRATION")), PointsEntry.class)).isEqualTo(1);
	}

}
