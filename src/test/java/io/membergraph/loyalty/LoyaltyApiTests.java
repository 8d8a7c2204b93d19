package io.membergraph.loyalty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.internal.TierQualification;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programme through the API, with the default rules of seed/loyalty.json: BASIC earns 1 point per
 * yuan, SILVER 1.2, GOLD 1.5; skincare x2, fragrance x1.5; 100 points for registering, 200 for the first order.
 */
class LoyaltyApiTests extends ApplicationTest {

	@Test
	void anOrderEarnsPointsByTheRulesAndRefundsTakeThemBackInProportion() {
		String member = registerMember("Earner");
		// paid 500 of 549: skincare 420 x 500/549 x 2 + haircare 129 x 500/549 = 882.5 -> 882
		Map<String, Object> order = order(member, "L-" + member, "2026-05-01T10:00:00+08:00",
				line("SK-1001", "skincare", 1, "420.00"), line("HC-4001", "haircare", 1, "129.00"));
		order.put("discount", "49.00");
		record(order);
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 882 + 200);

		refund("L-" + member, "R1", "250.00");
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(1182 - 441)
			.path("member.points.lifetimeReversed").entity(Integer.class).isEqualTo(441);
		ledger(member, List.of("REVERSE"))
			.path("pointsLedger.edges[0].node.points").entity(Integer.class).isEqualTo(-441)
			.path("pointsLedger.edges[0].node.source").entity(String.class).isEqualTo(member + "|order:WEB:L-" + member);
	}

	@Test
	void shippingEarnsNothingAndReturningTheGoodsTakesBackAllTheirPoints() {
		String member = registerMember("Shipped To");
		// 100.00 of skincare and 15.00 shipping: the goods earn 100 x 2, the shipping nothing
		Map<String, Object> order = order(member, "SHIP-" + member, "2026-05-03T10:00:00+08:00",
				line("SK-1001", "skincare", 1, "100.00"));
		order.put("paidAmount", "115.00");
		record(order);
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 200 + 200);

		refund("SHIP-" + member, "R1", "100.00");
		// the goods' 200 points, and the first-order reward their order brought
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100)
			.path("member.points.lifetimeReversed").entity(Integer.class).isEqualTo(200 + 200);
		noDiscrepancies();
	}

	@Test
	void aFirstOrderReturnedInFullTakesBackTheRewardsItBroughtAndAPartialReturnDoesNot() {
		String referrer = registerMember("Bringer");
		String newcomer = registerMember("Returner");
		refer(referrer, newcomer).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		record(order(newcomer, "RET-" + newcomer, "2026-05-04T10:00:00+08:00", line("HC-4001", "haircare", 2, "50.00")));
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 500);

		refund("RET-" + newcomer, "R1", "40.00");
		points(newcomer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 100 + 200 - 40);
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 500);

		refund("RET-" + newcomer, "R2", "60.00");
		points(newcomer).path("member.points.balance").entity(Integer.class).isEqualTo(100);
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100);
		ledger(referrer, List.of("REVERSE")).path("pointsLedger.edges[0].node.reason").entity(String.class)
			.isEqualTo("the first order of referred " + newcomer + " returned in full");

		// the next order is not a first one: it earns its own points only
		record(order(newcomer, "NEXT-" + newcomer, "2026-05-10T10:00:00+08:00", line("HC-4001", "haircare", 1, "30.00")));
		points(newcomer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 30);
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100);
		noDiscrepancies();
	}

	@Test
	void aMergedMembersFirstOrderReturnedAfterTheMergeTakesBackTheRewardsItBrought() throws Exception {
		String referrer = registerMember("Bringer Of A Duplicate");
		String duplicate = registerMember("Duplicate");
		String survivor = registerMember("Survivor");
		refer(referrer, duplicate).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		record(order(duplicate, "DUP-" + duplicate, "2026-05-04T10:00:00+08:00", line("HC-4001", "haircare", 1, "100.00")));
		record(order(survivor, "SUR-" + survivor, "2026-05-05T10:00:00+08:00", line("HC-4001", "haircare", 1, "50.00")));
		mergeMembers(survivor, duplicate);
		// both welcomes, both orders, both first-order rewards: the survivor keeps the duplicate's beside its own
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 100 + 50 + 2 * 200);

		refund("DUP-" + duplicate, "R1", "100.00");
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 50 + 200);
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100);
		refund("SUR-" + survivor, "R1", "50.00");
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100);
		noDiscrepancies();
	}

	@Test
	void aCustomerWhoReferredItsOwnSecondAccountGivesTheReferralRewardBackWhenTheTwoAreMerged() throws Exception {
		String customer = registerMember("Self Bringer");
		String secondAccount = registerMember("Self Bringer Again");
		refer(customer, secondAccount).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		record(order(secondAccount, "SELF-" + secondAccount, "2026-05-04T10:00:00+08:00",
				line("HC-4001", "haircare", 1, "100.00")));
		points(customer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 500);

		mergeMembers(customer, secondAccount);
		// both welcomes, the order and its first-order reward stand; bringing itself in earns nothing
		points(customer).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 100 + 200);
		ledger(customer, List.of("REVERSE")).path("pointsLedger.edges[0].node.reason").entity(String.class)
			.isEqualTo("merged " + secondAccount + " into " + customer + ", who referred itself");
		mergeMembers(customer, secondAccount);
		points(customer).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 100 + 200);

		// the first order returned later takes back its own reward only
		refund("SELF-" + secondAccount, "R1", "100.00");
		points(customer).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100);
		noDiscrepancies();
	}

	@Test
	void aReferralByTheMergedAccountOfTheSurvivorItselfIsTakenBackToo() throws Exception {
		SelfReferral brought = referredByItsOwnFirstAccount("Brought By Itself", "SELF2-");
		String customer = brought.customer();
		String firstAccount = brought.firstAccount();
		points(firstAccount).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 500);

		mergeMembers(customer, firstAccount);
		points(customer).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 100 + 200);
		assertThat(bean(MongoTemplate.class).findById(customer, Referral.class)).isNull();
		noDiscrepancies();
	}

	/**
	 * The customer buys again while the merge of the account that referred it is under way, after the merge moved that
	 * account's ledger and before it dropped the referral: its reward key is free again under the old id, and the closed
	 * account still remembers the grant the merge moved under that id as applied. Nothing may be granted there: the
	 * merge takes the referral, and the customer referred itself. (The window is set up as the merge leaves it.)
	 */
	@Test
	void anOrderDuringTheMergeOfItsOwnReferrerGrantsTheReferrerNothingMore() throws Exception {
		SelfReferral brought = referredByItsOwnFirstAccount("Bought While Merging", "SELF3-");
		String customer = brought.customer();
		String firstAccount = brought.firstAccount();
		MongoTemplate mongo = bean(MongoTemplate.class);
		PointsAccount referrersAccount = mongo.findById(firstAccount, PointsAccount.class);
		Referral referral = mongo.findById(customer, Referral.class);

		mergeMembers(customer, firstAccount);
		mongo.save(referrersAccount.closedInto(customer));
		mongo.save(referral);
		record(order(customer, "SELF3b-" + customer, "2026-05-05T10:00:00+08:00", line("HC-4001", "haircare", 1, "100.00")));
		mongo.remove(Query.query(Criteria.where("_id").is(firstAccount)), PointsAccount.class);
		mongo.remove(Query.query(Criteria.where("_id").is(customer)), Referral.class);

		assertThat(mongo.find(Query.query(Criteria.where("memberId").is(firstAccount)), PointsEntry.class))
			.as("entries left under the merged referrer").isEmpty();
		points(customer).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 2 * 100 + 200);
		noDiscrepancies();
	}

	/** A customer and its own earlier account, which referred it. */
	private record SelfReferral(String customer, String firstAccount) {
	}

	/** The customer, referred by its own earlier account, has bought once: the earlier account earned the reward. */
	private SelfReferral referredByItsOwnFirstAccount(String name, String orderPrefix) {
		String customer = registerMember(name);
		String firstAccount = registerMember(name + " Earlier");
		refer(firstAccount, customer).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		record(order(customer, orderPrefix + customer, "2026-05-04T10:00:00+08:00", line("HC-4001", "haircare", 1, "100.00")));
		return new SelfReferral(customer, firstAccount);
	}

	@Test
	void aMergedMembersFirstOrderReturnedByAnImportTakesBackTheRewardsItBroughtToo() throws Exception {
		String referrer = registerMember("Bringer Of An Imported Duplicate");
		String duplicatePhone = newPhone();
		String duplicate = registerMember("Imported Duplicate", duplicatePhone, List.of());
		String survivor = registerMember("Survivor Of An Import");
		refer(referrer, duplicate).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		record(order(duplicate, "IDUP-" + duplicate, "2026-05-04T10:00:00+08:00", line("HC-4001", "haircare", 1, "100.00")));
		record(order(survivor, "ISUR-" + survivor, "2026-05-05T10:00:00+08:00", line("HC-4001", "haircare", 1, "50.00")));
		mergeMembers(survivor, duplicate);

		importReturn(duplicatePhone, "IRT-" + duplicate, "2026-05-09 10:00", "100.00", "IDUP-" + duplicate);
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 50 + 200);
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100);
		noDiscrepancies();
	}

	@Test
	void returnsUndoTheUpgradesTheyTakeAwayButNeverBelowTheTierHeldUntilReview() {
		String member = memberJoinedOn("Bought And Returned", "2026-11-01T10:00:00+08:00");
		// 9,000 haircare points +100 +200 -> GOLD at once; the returns come days later
		record(order(member, "TIER-" + member, "2026-11-20T10:00:00+08:00", line("HC-4001", "haircare", 9, "1000.00")));
		points(member).path("member.tier.code").entity(String.class).isEqualTo("GOLD");

		refund("TIER-" + member, "R1", "4000.00");
		points(member).path("member.tier.code").entity(String.class).isEqualTo("SILVER")
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY", "UPGRADE", "DOWNGRADE")
			.path("member.tierHistory[2].note").entity(String.class)
			.isEqualTo("refund R1 of order TIER-" + member + ": qualifying 5300 no longer reaches GOLD");

		clock.advance(Duration.ofHours(1));
		refund("TIER-" + member, "R2", "5000.00");
		points(member).path("member.tier.code").entity(String.class).isEqualTo("BASIC")
			.path("member.tierHistory[*].to").entityList(String.class).containsExactly("BASIC", "GOLD", "SILVER", "BASIC");
	}

	@Test
	void aTierKeptAtItsReviewStaysWhateverIsReturnedAfterIt() {
		String member = memberJoinedOn("Kept Gold", "2025-06-01T10:00:00+08:00");
		record(order(member, "KEPT-A-" + member, "2025-07-01T10:00:00+08:00", line("HC-4001", "haircare", 9, "1000.00")));
		record(order(member, "KEPT-B-" + member, "2026-03-01T10:00:00+08:00", line("HC-4001", "haircare", 9, "1000.00")));
		// the review of 2026-07-01 keeps GOLD on the spring order
		as("admin").documentName("reevaluateTiers").variable("asOf", "2026-07-02T00:00:00+08:00").execute()
			.path("reevaluateTiers.errors").entityList(Object.class).hasSize(0);
		record(order(member, "KEPT-C-" + member, "2026-11-20T10:00:00+08:00", line("HC-4001", "haircare", 20, "1000.00")));
		points(member).path("member.tier.code").entity(String.class).isEqualTo("PLATINUM");

		refund("KEPT-C-" + member, "R1", "20000.00");
		points(member).path("member.tier.code").entity(String.class).isEqualTo("GOLD");
		clock.advance(Duration.ofHours(1));
		refund("KEPT-B-" + member, "R1", "9000.00");
		points(member).path("member.tier.code").entity(String.class).isEqualTo("GOLD")
			.path("member.tierHistory[*].reason").entityList(String.class)
			.containsExactly("ENTRY", "UPGRADE", "UPGRADE", "DOWNGRADE");
	}

	@Test
	void aRefundOfPointsAlreadySpentIsCappedAndTheCapIsRecorded() {
		String member = registerMember("Spender");
		record(order(member, "S-" + member, "2026-05-02T10:00:00+08:00", line("HC-4001", "haircare", 1, "500.00")));
		redeem(member, "spend-" + member, 700).path("redeemPoints.entry.status").entity(String.class).isEqualTo("APPLIED");
		refund("S-" + member, "R1", "500.00");

		ledger(member, List.of("REVERSE"))
			.path("pointsLedger.edges[0].node.requested").entity(Integer.class).isEqualTo(500)
			.path("pointsLedger.edges[0].node.points").entity(Integer.class).isEqualTo(-100)
			.path("pointsLedger.edges[0].node.note").entity(String.class)
			.isEqualTo("capped: 400 of 500 points could not be taken back, the balance had 100");
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(0);
		noDiscrepancies();
	}

	@Test
	void redemptionsAreIdempotentAndNeverOverdraw() {
		String member = registerMember("Redeemer");
		String entryId = redeem(member, "r-" + member, 60)
			.path("redeemPoints.replayed").entity(Boolean.class).isEqualTo(false)
			.path("redeemPoints.entry.points").entity(Integer.class).isEqualTo(-60)
			.path("redeemPoints.entry.id").entity(String.class).get();
		redeem(member, "r-" + member, 60)
			.path("redeemPoints.replayed").entity(Boolean.class).isEqualTo(true)
			.path("redeemPoints.entry.id").entity(String.class).isEqualTo(entryId);
		redeem(member, "r-" + member, 61)
			.path("redeemPoints.errors[0].code").entity(String.class).isEqualTo("IDEMPOTENCY_CONFLICT");
		redeem(member, "r2-" + member, 41)
			.path("redeemPoints.entry.status").entity(String.class).isEqualTo("REJECTED")
			.path("redeemPoints.errors[0].code").entity(String.class).isEqualTo("INSUFFICIENT_POINTS");
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(40)
			.path("member.points.lifetimeRedeemed").entity(Integer.class).isEqualTo(60);
	}

	/** A client retries a request after support merged the member it addressed; the retry still names that member. */
	@Test
	void aRetryAddressedToAMemberMergedSinceIsAReplayNotASecondRequest() throws Exception {
		String first = registerMember("Retried Redeemer");
		String second = registerMember("Retried Redeemer Again");
		String third = registerMember("Retried Redeemer Third");
		redeem(first, "r-" + first, 60).path("redeemPoints.entry.points").entity(Integer.class).isEqualTo(-60);
		checkIn(first, "visit-" + first, null).path("earnPoints.entry.points").entity(Integer.class).isEqualTo(5);
		Map<String, Object> goodwill = Map.of("memberId", first, "points", 250, "idempotencyKey", "gw-" + first,
				"reason", "goodwill");
		as("crm").documentName("adjustPoints").variable("input", goodwill).execute()
			.path("adjustPoints.replayed").entity(Boolean.class).isEqualTo(false);

		mergeMembers(second, first);
		redeem(first, "r-" + first, 60)
			.path("redeemPoints.replayed").entity(Boolean.class).isEqualTo(true)
			.path("redeemPoints.entry.points").entity(Integer.class).isEqualTo(-60);
		checkIn(first, "visit-" + first, null).path("earnPoints.replayed").entity(Boolean.class).isEqualTo(true);
		mergeMembers(third, second);
		redeem(first, "r-" + first, 60).path("redeemPoints.replayed").entity(Boolean.class).isEqualTo(true);
		as("crm").documentName("adjustPoints").variable("input", goodwill).execute()
			.path("adjustPoints.replayed").entity(Boolean.class).isEqualTo(true);
		redeem(first, "r-" + first, 61)
			.path("redeemPoints.errors[0].code").entity(String.class).isEqualTo("IDEMPOTENCY_CONFLICT");

		points(third).path("member.points.balance").entity(Integer.class).isEqualTo(3 * 100 - 60 + 5 + 250);
		noDiscrepancies();
	}

	@Test
	void adjustmentsNeedAReasonAndKeepTheActor() {
		String member = registerMember("Adjusted");
		as("crm").documentName("adjustPoints")
			.variable("input", Map.of("memberId", member, "points", 250, "idempotencyKey", "goodwill-" + member,
					"reason", "goodwill for a late delivery"))
			.execute()
			.path("adjustPoints.entry.actor").entity(String.class).isEqualTo("crm");
		as("crm").documentName("adjustPoints")
			.variable("input", Map.of("memberId", member, "points", -10, "idempotencyKey", "x-" + member, "reason", " "))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "reason"));
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(350)
			.path("member.points.lifetimeAdjusted").entity(Integer.class).isEqualTo(250);
	}

	@Test
	void activitiesEarnTheirRewardOncePerEvent() {
		String member = registerMember("Reviewer");
		Map<String, Object> review = Map.of("memberId", member, "activity", "REVIEW", "idempotencyKey", "review-" + member);
		as("storefront").documentName("earnPoints").variable("input", review).execute()
			.path("earnPoints.entry.points").entity(Integer.class).isEqualTo(20);
		as("storefront").documentName("earnPoints").variable("input", review).execute()
			.path("earnPoints.replayed").entity(Boolean.class).isEqualTo(true);
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(120);
	}

	@Test
	void aCheckInIsRewardedOnceABusinessDayWhateverKeyTheClientSends() {
		String member = registerMember("Daily Visitor");
		checkIn(member, "visit-1", null).path("earnPoints.entry.points").entity(Integer.class).isEqualTo(5);
		checkIn(member, "visit-2", null)
			.path("earnPoints.entry").valueIsNull()
			.path("earnPoints.errors[0].code").entity(String.class).isEqualTo("DAILY_LIMIT_REACHED")
			.path("earnPoints.errors[0].field").entity(String.class).isEqualTo("activity");
		// The day is the brand's: 23:30 in Shanghai on the 24th is another day than 10:00 on the 25th.
		checkIn(member, "visit-3", "2026-11-24T23:30:00+08:00").path("earnPoints.entry.points").entity(Integer.class)
			.isEqualTo(5);
		checkIn(member, "visit-1", null).path("earnPoints.replayed").entity(Boolean.class).isEqualTo(true);
		checkIn(member, "visit-4", "2026-11-17T10:00:00+08:00")
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "occurredAt"));
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 5 + 5);
	}

	@Test
	void reviewsSentAtOnceTakeNoMoreThanTheDaysAllowance() throws Exception {
		String member = registerMember("Eager Reviewer");
		int sent = 8;
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(sent);
		java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(sent);
		List<java.util.concurrent.Future<GraphQlTester.Response>> answers = new java.util.ArrayList<>();
		for (int i = 0; i < sent; i++) {
			String key = "review-" + i + "-" + member;
			answers.add(senders.submit(() -> {
				together.await();
				return as("storefront").documentName("earnPoints")
					.variable("input", Map.of("memberId", member, "activity", "REVIEW", "idempotencyKey", key))
					.execute();
			}));
		}
		for (var answer : answers) {
			answer.get();
		}
		senders.shutdown();
		// The default review rule rewards 3 a day (seed/loyalty.json).
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 3 * 20);
		noDiscrepancies();
	}

	@Test
	void crossingAThresholdUpgradesAtOnceAndTheAnniversaryReviewDowngrades() {
		String member = memberJoinedOn("Climber", "2021-01-01T10:00:00+08:00");
		// 2940 fragrance x 1.5 = 4410 (+100 +200) -> SILVER; then 1960 x 1.2 x 1.5 = 3528 -> 8238 -> GOLD
		record(order(member, "T1-" + member, "2021-03-01T10:00:00+08:00", line("FR-3001", "fragrance", 3, "980.00")));
		record(order(member, "T2-" + member, "2021-06-02T10:00:00+08:00", line("FR-3001", "fragrance", 2, "980.00")));
		points(member)
			.path("member.tier.code").entity(String.class).isEqualTo("GOLD")
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY", "UPGRADE", "UPGRADE")
			.path("member.tierHistory[*].to").entityList(String.class).containsExactly("BASIC", "SILVER", "GOLD")
			.path("member.benefits[*].code").entityList(String.class).contains("FREE_SHIPPING");

		as("crm").documentName("overrideTier")
			.variable("input", Map.of("memberId", member, "tierCode", "PLATINUM", "reason", "brand ambassador",
					"expiresAt", "2027-01-01T00:00:00+08:00"))
			.execute()
			.path("overrideTier.tier.override.actor").entity(String.class).isEqualTo("crm");
		points(member).path("member.tier.code").entity(String.class).isEqualTo("PLATINUM");

		// The reviews run late: each is dated when it fell due, the GOLD anniversary in 2022 before the override.
		clock.set(java.time.Instant.parse("2027-02-01T00:00:00Z"));
		as("admin").documentName("reevaluateTiers").variable("asOf", "2027-02-01T00:00:00+08:00").execute()
			.path("reevaluateTiers.errors").entityList(Object.class).hasSize(0);
		points(member)
			.path("member.tier.code").entity(String.class).isEqualTo("BASIC")
			.path("member.tierHistory[*].reason").entityList(String.class)
			.containsExactly("ENTRY", "UPGRADE", "UPGRADE", "DOWNGRADE", "OVERRIDE", "OVERRIDE_EXPIRED")
			.path("member.tierHistory[3].at").entity(String.class).isEqualTo("2022-06-02T02:00:00Z")
			.path("member.tierHistory[5].at").entity(String.class).isEqualTo("2026-12-31T16:00:00Z");

		// What an order of each date earned at, for correcting it: overrides aside.
		TierQualification tiers = bean(TierQualification.class);
		assertThat(List.of("2021-02-01", "2021-04-01", "2021-07-01", "2023-01-01", "2026-12-01").stream()
			.map(day -> tiers.tierOn(member, java.time.Instant.parse(day + "T00:00:00Z"))))
			.containsExactly("BASIC", "SILVER", "GOLD", "BASIC", "BASIC");
	}

	@Test
	void anOrderFromBeforeJoiningLeavesTheTierItReachedInForceAfterTheEntry() {
		String member = memberJoinedOn("Bought Before Joining", "2026-06-01T10:00:00+08:00");
		record(order(member, "BJ1-" + member, "2026-03-01T10:00:00+08:00", line("FR-3001", "fragrance", 3, "980.00")));

		TierQualification tiers = bean(TierQualification.class);
		assertThat(List.of("2026-02-01", "2026-04-01", "2026-07-01").stream()
			.map(day -> tiers.tierOn(member, java.time.Instant.parse(day + "T00:00:00Z"))))
			.containsExactly("BASIC", "SILVER", "SILVER");
	}

	@Test
	void lotsExpireAtTheEndOfTheYearAfterTheyWereEarned() {
		String member = registerMember("Expiring");
		record(order(member, "E1-" + member, "2020-03-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "300.00")));
		as("admin").documentName("runPointsExpiry").variable("asOf", "2021-12-31T23:00:00+08:00").execute()
			.path("runPointsExpiry.run.lots").entity(Integer.class).isEqualTo(0);
		as("admin").documentName("runPointsExpiry").variable("asOf", "2022-01-01T00:00:00+08:00").execute();
		points(member)
			.path("member.points.lifetimeExpired").entity(Integer.class).isEqualTo(500)
			.path("member.points.balance").entity(Integer.class).isEqualTo(100);
		as("admin").documentName("runPointsExpiry").variable("asOf", "2022-01-01T00:00:00+08:00").execute();
		points(member).path("member.points.lifetimeExpired").entity(Integer.class).isEqualTo(500);
		noDiscrepancies();
	}

	@Test
	void returningAnOrderWhosePointsExpiredTakesNothingFromTheMembersOtherPoints() {
		String member = registerMember("Late Returner");
		record(order(member, "X1-" + member, "2020-03-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "300.00")));
		record(order(member, "X2-" + member, "2020-04-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "100.00")));
		redeem(member, "spent-" + member, 250).path("redeemPoints.errors").entityList(Object.class).hasSize(0);
		// The oldest lots are spent first: X1's first-order reward (200) and 50 of X1's 300; the rest of X1 and all of
		// X2 expire.
		as("admin").documentName("runPointsExpiry").variable("asOf", "2022-01-01T00:00:00+08:00").execute();
		record(order(member, "N1-" + member, "2026-11-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "400.00")));
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 400)
			.path("member.points.lifetimeExpired").entity(Integer.class).isEqualTo(250 + 100);

		// X2's 100 points all expired: its return takes none of the points the member has now.
		refund("X2-" + member, "R1", "100.00");
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(500);
		// Of X1's points the 50 spent are taken back, the 250 expired are not; then, returned in full, its first-order
		// reward, spent and not expired.
		refund("X1-" + member, "R1", "150.00");
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(500 - 50);
		refund("X1-" + member, "R2", "150.00");
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(500 - 50 - 200);
		noDiscrepancies();
	}

	@Test
	void aReturnImportedAfterTheOrdersPointsExpiredTakesNothingFromTheMembersOtherPoints() {
		String phone = newPhone();
		String member = registerMember("Late Importer", phone, List.of());
		record(order(member, "Y1-" + member, "2020-03-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "300.00")));
		as("admin").documentName("runPointsExpiry").variable("asOf", "2022-01-01T00:00:00+08:00").execute();
		record(order(member, "M1-" + member, "2026-11-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "400.00")));

		importReturn(phone, "YRT-" + member, "2026-11-20 10:00", "300.00", "Y1-" + member);
		// Y1's 300 points and its first-order reward expired unused: none of the member's 100 + 400 go.
		points(member).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 400);
		noDiscrepancies();
	}

	@Test
	void aMergedMembersOrderWhosePointsExpiredBeforeTheMergeTakesNothingWhenReturned() throws Exception {
		String duplicatePhone = newPhone();
		String duplicate = registerMember("Expired Duplicate", duplicatePhone, List.of());
		String survivor = registerMember("Fresh Survivor");
		record(order(duplicate, "ED1-" + duplicate, "2020-03-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "300.00")));
		as("admin").documentName("runPointsExpiry").variable("asOf", "2022-01-01T00:00:00+08:00").execute();
		record(order(survivor, "ES1-" + survivor, "2026-11-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "400.00")));
		mergeMembers(survivor, duplicate);
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 400 + 200);

		// The duplicate's 300 and its first-order reward expired before the merge: returning its order takes none of
		// the survivor's points, through the API and through an import alike.
		refund("ED1-" + duplicate, "R1", "150.00");
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(800);
		importReturn(duplicatePhone, "ERT-" + duplicate, "2026-11-20 10:00", "150.00", "ED1-" + duplicate);
		points(survivor).path("member.points.balance").entity(Integer.class).isEqualTo(800);
		noDiscrepancies();
	}

	/**
	 * An expiry or a tier review runs as of now or an earlier moment, never a later one: as of next year it took
	 * points members still have today and reviewed tiers before their anniversaries.
	 */
	@Test
	void expiryAndTierReviewsAreNotRunAsOfTheFuture() {
		String member = registerMember("Not Yet Expiring");
		record(order(member, "NF-" + member, "2026-03-01T10:00:00+08:00", line("HC-4001", "haircare", 1, "300.00")));
		long balance = points(member).path("member.points.balance").entity(Long.class).get();
		String nextYear = now().plus(java.time.Duration.ofDays(400)).toString();

		for (String job : List.of("runPointsExpiry", "reevaluateTiers")) {
			as("admin").documentName(job).variable("asOf", nextYear).execute().errors()
				.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getExtensions()).containsEntry("field", "asOf").containsEntry("classification", "BAD_REQUEST");
					assertThat(error.getMessage()).contains("future");
				}));
		}
		points(member).path("member.points.balance").entity(Long.class).isEqualTo(balance);
	}

	@Test
	void aReferrerIsRewardedOnceWhenTheNewMemberFirstBuys() {
		String referrer = registerMember("Old Friend");
		String newcomer = registerMember("New Friend");
		as("storefront").documentName("recordReferral")
			.variable("input", Map.of("referrerId", referrer, "referredId", newcomer)).execute()
			.path("recordReferral.replayed").entity(Boolean.class).isEqualTo(false);
		as("storefront").documentName("recordReferral")
			.variable("input", Map.of("referrerId", registerMember("Someone Else"), "referredId", newcomer)).execute()
			.path("recordReferral.errors[0].code").entity(String.class).isEqualTo("REFERRAL_CONFLICT");
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100);

		clock.advance(Duration.ofDays(1));
		record(order(newcomer, "F1-" + newcomer, "2026-05-03T10:00:00+08:00", line("HC-4001", "haircare", 1, "10.00")));
		record(order(newcomer, "F2-" + newcomer, "2026-05-04T10:00:00+08:00", line("HC-4001", "haircare", 1, "10.00")));
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 500);
		ledger(referrer, List.of("EARN")).path("pointsLedger.edges[0].node.reason").entity(String.class)
			.isEqualTo("referred " + newcomer + ", who bought");
	}

	@Test
	void aReferrerMergedIntoAnotherAccountIsNotRewardedAgainForTheSameNewcomer() throws Exception {
		MergedReferrer merged = referrerMergedAfterItsReward("Merged Friend");
		record(order(merged.newcomer(), "M2-" + merged.newcomer(), "2026-05-04T10:00:00+08:00",
				line("HC-4001", "haircare", 1, "10.00")));
		points(merged.survivor()).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 500);
		noDiscrepancies();
	}

	@Test
	void aReturnAfterTheReferrersMergeTakesTheReferralRewardBackFromTheSurvivor() throws Exception {
		MergedReferrer merged = referrerMergedAfterItsReward("Merged Giver");
		points(merged.survivor()).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100 + 500);
		refund(merged.firstOrder(), "R1", "10.00");
		points(merged.survivor()).path("member.points.balance").entity(Integer.class).isEqualTo(2 * 100);
		noDiscrepancies();
	}

	/** The account that referred a newcomer, merged into another account of its customer; and the newcomer. */
	private record MergedReferrer(String survivor, String newcomer, String firstOrder) {
	}

	/** The newcomer's first order earned its referrer the reward; then the referrer was merged into its other account. */
	private MergedReferrer referrerMergedAfterItsReward(String name) throws Exception {
		String referrer = registerMember(name);
		String otherAccount = registerMember(name + " Elsewhere");
		String newcomer = registerMember(name + "'s Newcomer");
		refer(referrer, newcomer).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		String firstOrder = "MR1-" + newcomer;
		record(order(newcomer, firstOrder, "2026-05-03T10:00:00+08:00", line("HC-4001", "haircare", 1, "10.00")));
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100 + 500);
		mergeMembers(otherAccount, referrer);
		return new MergedReferrer(otherAccount, newcomer, firstOrder);
	}

	@Test
	void aMemberWhoHasBoughtCannotBeReferredAfterwards() {
		String referrer = registerMember("Late Friend");
		String customer = registerMember("Known Customer");
		record(order(customer, "K1-" + customer, "2026-05-03T10:00:00+08:00", line("HC-4001", "haircare", 1, "10.00")));

		refer(referrer, customer).path("recordReferral.referral").valueIsNull()
			.path("recordReferral.errors[0].code").entity(String.class).isEqualTo("REFERRAL_TOO_LATE")
			.path("recordReferral.errors[0].field").entity(String.class).isEqualTo("referredId");
		record(order(customer, "K2-" + customer, "2026-05-04T10:00:00+08:00", line("HC-4001", "haircare", 1, "10.00")));
		points(referrer).path("member.points.balance").entity(Integer.class).isEqualTo(100);
	}

	@Test
	void noMemberIsBroughtInByOneItBroughtIn() {
		String first = registerMember("Ring One");
		String second = registerMember("Ring Two");
		String third = registerMember("Ring Three");
		refer(first, second).path("recordReferral.errors").entityList(Object.class).hasSize(0);
		refer(second, third).path("recordReferral.errors").entityList(Object.class).hasSize(0);

		refer(second, first).path("recordReferral.errors[0].code").entity(String.class).isEqualTo("REFERRAL_CYCLE")
			.path("recordReferral.errors[0].field").entity(String.class).isEqualTo("referrerId");
		refer(third, first).path("recordReferral.errors[0].code").entity(String.class).isEqualTo("REFERRAL_CYCLE");
		assertThat(bean(MongoTemplate.class).findById(first, Referral.class)).isNull();
	}

	@Test
	void twoMembersReferringEachOtherAtOnceAreNeverBothKept() throws Exception {
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2);
		for (int pair = 0; pair < 6; pair++) {
			String one = registerMember("Pair One");
			String other = registerMember("Pair Other");
			java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
			var first = senders.submit(() -> {
				together.await();
				return refer(one, other).path("recordReferral.errors").entityList(Object.class).get();
			});
			var second = senders.submit(() -> {
				together.await();
				return refer(other, one).path("recordReferral.errors").entityList(Object.class).get();
			});
			first.get();
			second.get();
			MongoTemplate mongo = bean(MongoTemplate.class);
			assertThat(mongo.findById(one, Referral.class) == null || mongo.findById(other, Referral.class) == null)
				.as("pair %d: a cycle of two referrals kept", pair).isTrue();
		}
		senders.shutdown();
	}

	@Test
	void theLedgerOfAnUnknownMemberIsRefusedNotShownEmpty() {
		as("storefront").documentName("pointsLedger").variable("memberId", "M-no-such").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("field", "memberId")
					.containsEntry("reason", "is not a member")));
	}

	@Test
	void aMarketerReadsTiersButNotAMembersPoints() {
		String member = registerMember("Private Points");
		as("marketer").documentName("memberPoints").variable("id", member).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getPath()).isEqualTo("member.points")));
	}

	private String memberJoinedOn(String name, String joinedAt) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", "WEB", "joinedAt", joinedAt))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	private GraphQlTester.Response checkIn(String member, String key, String occurredAt) {
		Map<String, Object> input = new HashMap<>(Map.of("memberId", member, "activity", "CHECK_IN", "idempotencyKey", key));
		if (occurredAt != null) {
			input.put("occurredAt", occurredAt);
		}
		return as("storefront").documentName("earnPoints").variable("input", input).execute();
	}

	private GraphQlTester.Response refer(String referrer, String referred) {
		return as("storefront").documentName("recordReferral")
			.variable("input", Map.of("referrerId", referrer, "referredId", referred)).execute();
	}

	/** Imports, loyalty LIVE, the return of one HC-4001 at {@code price} from the member's {@code original} order. */
	private void importReturn(String phone, String number, String at, String price, String original) {
		String job = startImport("orders", "crm", "单号,手机号,时间,商品,数量,单价,原单号\n"
				+ String.join(",", number, phone, at, "HC-4001", "-1", price, original) + "\n", """
				{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机号","placedAt":"时间",
				 "paidAt":{"sameAs":"placedAt"},"sku":"商品","quantity":"数量","unitPrice":"单价","originalOrderNumber":"原单号"}""",
				null, "LIVE");
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
	}

	private void noDiscrepancies() {
		assertPointsAuditFindsNothing();
	}

	private GraphQlTester.Response points(String member) {
		return as("crm").documentName("memberPoints").variable("id", member).execute();
	}

	private GraphQlTester.Response ledger(String member, List<String> types) {
		return as("crm").documentName("pointsLedger").variable("memberId", member).variable("types", types).execute();
	}

	private GraphQlTester.Response redeem(String member, String key, int points) {
		return as("storefront").documentName("redeemPoints")
			.variable("input", Map.of("memberId", member, "points", points, "idempotencyKey", key))
			.execute();
	}

	private void record(Map<String, Object> order) {
		as("storefront").documentName("recordOrder").variable("input", order).execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	private void refund(String orderNumber, String refundId, String amount) {
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", orderNumber, "refundId", refundId, "amount", amount))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);
	}

	private static Map<String, Object> order(String member, String number, String at, Map<?, ?>... lines) {
		Map<String, Object> order = new HashMap<>();
		order.put("channel", "WEB");
		order.put("orderNumber", number);
		order.put("memberId", member);
		order.put("placedAt", at);
		order.put("paidAt", at);
		order.put("lines", List.of(lines));
		return order;
	}

	private static Map<String, Object> line(String sku, String category, int quantity, String price) {
		return Map.of("sku", sku, "category", category, "quantity", quantity, "unitPrice", price);
	}

}
