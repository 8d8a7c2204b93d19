package io.membergraph.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.BatchCrashes;
import io.membergraph.commerce.BatchSteps;
import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderEvent;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.loyalty.internal.BatchLoyalty;
import io.membergraph.loyalty.internal.EarnRules;
import io.membergraph.loyalty.internal.TierStatus;
import io.membergraph.member.MemberMerge.MergeMembersInput;
import io.membergraph.member.MemberMerge;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of imported orders settling its members' points while a CRM specialist merges one of those members (or
 * the member who referred a buyer) into another: the merge runs between the batch's loyalty steps, as it can from
 * another request or another service instance. The batch's points land once, with the survivor, as they do when
 * the merge comes after the batch; nothing is left on the merged member. Before, a batch that read the account
 * before the merge opened a new account for the merged member and put the order's points there, out of every
 * balance, and one that had decided just before the merge wrote its ledger entries under the merged member after
 * the merge had moved its ledger.
 */
class BatchPointsDuringMergeTests extends ApplicationTest {

	private static final Instant PLACED = Instant.parse("2026-05-02T03:00:00Z");

	@AfterEach
	void calm() {
		BatchCrashes.calm(context());
	}

	@ParameterizedTest(name = "merged after {0}")
	@EnumSource(value = BatchSteps.Step.class, names = { "LOYALTY_DECIDED", "LOYALTY_JOURNAL_WRITTEN", "ACCOUNTS_WRITTEN" })
	void aBatchMeetingAMergeOfItsBuyerGivesThePointsToTheSurvivorOnce(BatchSteps.Step step) throws Exception {
		long expected = survivorBalanceWhenMergedAfterTheBatch("calm " + step);
		Pair pair = pair("met " + step);
		AtomicBoolean merged = new AtomicBoolean();
		BatchCrashes.runAt(context(), step, () -> merged.set(mergeWithinTheBatch(pair)));

		settle("met-" + step, pair.merged);

		assertThat(merged).as("merged while the batch settled").isTrue();
		assertLandedOnceWithTheSurvivor(pair, expected);
	}

	/**
	 * A merge of one buyer carries out, before it moves that buyer's ledger, what the batch's journal holds for members
	 * whose account took it: none yet, the batch's accounts come next. The journal stays, so when the batch then dies
	 * after the other buyer's account took it, its recovery still finds that buyer's entries to write. (The merge
	 * dropped the journal: the balance kept the order's points and the ledger never got them.)
	 */
	@Test
	void aJournalAMergeMetBeforeTheAccountsIsStillThereForTheRecoveryOfACrash() throws Exception {
		String buyer = registerMember("Journal buyer");
		Pair pair = pair("journal");
		List<OrderEvent> events = List.of(new OrderEvent(order("BPM-journal-a", buyer), null),
				new OrderEvent(order("BPM-journal-b", pair.merged), null));
		BatchCrashes.runThenCrash(context(), BatchSteps.Step.LOYALTY_JOURNAL_WRITTEN, () -> mergeWithinTheBatch(pair),
				BatchSteps.Step.ACCOUNTS_WRITTEN);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> asAdmin(() -> {
			bean(BatchLoyalty.class).complete("journal", events, LoyaltyMode.LIVE);
			return null;
		})).isInstanceOf(BatchCrashes.Crash.class);
		BatchCrashes.calm(context());

		// What the recovery sweep does with a batch a crash cut short: it settles it again.
		asAdmin(() -> {
			bean(BatchLoyalty.class).complete("journal", events, LoyaltyMode.LIVE);
			return null;
		});

		assertThat(bean(MongoTemplate.class).count(Query.query(Criteria.where("memberId").is(buyer)
			.and("reason").is("order BPM-journal-a")), PointsEntry.class)).as("the buyer's earn entry").isEqualTo(1);
		assertNothingLeftWith(pair.merged);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	/** The batch looked its buyer up just before the merge, and settles after it: the survivor's account takes it. */
	@Test
	void aBatchForABuyerMergedBeforeItSettledGivesThePointsToTheSurvivor() throws Exception {
		long expected = survivorBalanceWhenMergedAfterTheBatch("calm before");
		Pair pair = pair("before");
		merge(pair);

		settle("after-merge", pair.merged);

		assertLandedOnceWithTheSurvivor(pair, expected);
	}

	/** The member who referred the buyer is merged while the buyer's first order settles: the survivor is rewarded. */
	@Test
	void aReferralRewardOfAReferrerMergedMeanwhileGoesToTheSurvivor() throws Exception {
		String buyer = registerMember("Referred buyer");
		Pair pair = pair("referrer");
		bean(MongoTemplate.class).save(new Referral(buyer, pair.merged, PLACED.minusSeconds(86_400), "test", null));
		long buyerBefore = balance(buyer);
		BatchCrashes.runAt(context(), BatchSteps.Step.LOYALTY_DECIDED, () -> mergeWithinTheBatch(pair));

		settle("referrer", buyer);

		long reward = bean(EarnRules.class).calculator().forActivity(Activity.REFERRAL);
		assertThat(reward).as("the programme rewards referrals").isPositive();
		assertThat(balance(pair.survivor)).isEqualTo(pair.survivorBefore + pair.mergedBefore + reward);
		assertThat(balance(buyer)).isGreaterThan(buyerBefore);
		assertNothingLeftWith(pair.merged);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	/**
	 * The buyer's second order settles while the merge of its referrer is under way: the referrer's account is closed
	 * and its ledger, with the reward the buyer's first order earned it, not yet moved. The survivor must not be
	 * rewarded again: the merge brings that reward over. (The window is set up as the merge leaves it.)
	 */
	@Test
	void aBuyerWhoseReferrerIsBeingMergedRewardsNoOneAgain() throws Exception {
		String buyer = registerMember("Referred twice buyer");
		Pair pair = pair("referrer being merged");
		MongoTemplate mongo = bean(MongoTemplate.class);
		mongo.save(new Referral(buyer, pair.merged, PLACED.minusSeconds(86_400), "test", null));
		settle("first-of-referred", buyer);
		long reward = bean(EarnRules.class).calculator().forActivity(Activity.REFERRAL);
		assertThat(balance(pair.merged)).isEqualTo(pair.mergedBefore + reward);

		mongo.save(mongo.findById(pair.merged, PointsAccount.class).closedInto(pair.survivor));
		settle("second-of-referred", buyer);
		assertThat(balance(pair.survivor)).as("rewarded during the merge").isEqualTo(pair.survivorBefore);
		merge(pair);

		assertThat(balance(pair.survivor)).isEqualTo(pair.survivorBefore + pair.mergedBefore + reward);
		assertNothingLeftWith(pair.merged);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	private record Pair(String survivor, String merged, long survivorBefore, long mergedBefore) {
	}

	/** What the survivor holds when the same batch settles first and the merge follows: what a race must give too. */
	private long survivorBalanceWhenMergedAfterTheBatch(String name) throws Exception {
		Pair pair = pair(name);
		settle("calm-" + name.replace(' ', '-'), pair.merged);
		merge(pair);
		assertNothingLeftWith(pair.merged);
		return balance(pair.survivor);
	}

	private Pair pair(String name) {
		String survivor = registerMember("Survivor " + name);
		String merged = registerMember("Merged " + name);
		return new Pair(survivor, merged, balance(survivor), balance(merged));
	}

	private void settle(String batch, String buyer) throws Exception {
		Order order = order("BPM-" + batch, buyer);
		asAdmin(() -> {
			bean(BatchLoyalty.class).complete(batch, List.of(new OrderEvent(order, null)), LoyaltyMode.LIVE);
			return null;
		});
	}

	private void merge(Pair pair) throws Exception {
		asAdmin(() -> mergeWithinTheBatch(pair));
	}

	/** The merge, run by the admin the batch runs as. */
	private boolean mergeWithinTheBatch(Pair pair) {
		MemberMerge.MergePayload merge = bean(MemberMerge.class)
			.merge(new MergeMembersInput(pair.survivor, pair.merged, "duplicate"));
		assertThat(merge.errors()).isEmpty();
		return true;
	}

	private void assertLandedOnceWithTheSurvivor(Pair pair, long expected) {
		assertThat(balance(pair.survivor)).isEqualTo(expected);
		assertThat(balance(pair.survivor)).as("the order earned points")
			.isGreaterThan(pair.survivorBefore + pair.mergedBefore);
		assertNothingLeftWith(pair.merged);
		assertThat(bean(MongoTemplate.class).count(Query.query(Criteria.where("memberId").is(pair.survivor)
			.and("reason").regex("^order BPM-")), PointsEntry.class)).as("the order's earn entry").isEqualTo(1);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	private void assertNothingLeftWith(String merged) {
		MongoTemplate mongo = bean(MongoTemplate.class);
		assertThat(mongo.findById(merged, PointsAccount.class)).as("the merged member's account").isNull();
		assertThat(mongo.find(Query.query(Criteria.where("memberId").is(merged)), PointsEntry.class))
			.as("entries left on the merged member").isEmpty();
		assertThat(mongo.findById(merged, TierStatus.class)).as("the merged member's tier").isNull();
	}

	private long balance(String member) {
		PointsAccount account = bean(MongoTemplate.class).findById(member, PointsAccount.class);
		return account == null ? 0 : account.balance();
	}

	private static Order order(String number, String member) {
		OrderLine line = new OrderLine("SKU-1", "apparel", 1, UnitPrice.of("880.00"), Money.of("880.00"));
		return new Order("WEB:" + number, number, Channel.WEB, member, null, null, OrderStatus.PAID, PLACED, PLACED, null,
				null, null, null, List.of(line), Money.ZERO, Money.of("880.00"), null, null, List.of(), Money.ZERO, List.of(),
				null, PLACED, null, "CNY", null, null, null);
	}

}
