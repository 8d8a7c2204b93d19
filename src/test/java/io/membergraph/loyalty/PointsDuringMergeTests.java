package io.membergraph.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.PointsPosting.Step;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberMerge;
import io.membergraph.member.MemberMerge.MergeMembersInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redemption or an adjustment posted for a member at the moment a CRM specialist merges that member into another:
 * the merge runs between the steps of the posting, or just before it. The posting lands once, with the survivor, or
 * is refused and changes nobody's points; the merged member is left without an account, and no points are left
 * on it.
 */
class PointsDuringMergeTests extends ApplicationTest {

	enum Kind {

		REDEEM(EntryType.REDEEM, 200, -200), ADJUST_UP(EntryType.ADJUST, 100, 100), ADJUST_DOWN(EntryType.ADJUST, -50, -50);

		final EntryType type;

		final long requested;

		final long change;

		Kind(EntryType type, long requested, long change) {
			this.type = type;
			this.requested = requested;
			this.change = change;
		}

	}

	/**
	 * The merge runs once the entry is written and before the merged member's account decides it: the merge finishes
	 * the member's postings first, so the entry is applied, moves to the survivor with the account, and the posting
	 * tells what the merge made of it. Before the account was closed, the posting went on to open a new, empty
	 * account for the merged member and applied the entry a second time there.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(Kind.class)
	void aPostingTheMergeFinishesLandsOnceWithTheSurvivor(Kind kind) throws Exception {
		Pair pair = pairWithPoints("finished " + kind);

		PointsPosting.Posted posted = mergingAfter(Step.ENTRY_WRITTEN, pair).post(entry(pair.merged, kind));

		assertThat(posted.entry().status()).isEqualTo(EntryStatus.APPLIED);
		assertThat(posted.entry().memberId()).isEqualTo(pair.survivor);
		assertThat(balance(pair.survivor)).isEqualTo(pair.survivorBefore + pair.mergedBefore + kind.change);
		assertNothingLeftWith(pair.merged);
		PointsEntry moved = movedCopyOf(pair.survivor, PointsEntry.idOf(pair.merged, "during-merge"));
		assertThat(moved.status()).isEqualTo(EntryStatus.APPLIED);
		assertThat(moved.points()).isEqualTo(kind.change);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	/**
	 * A posting whose member check passed just before the merge, and whose entry is written after it: the account is
	 * gone to the survivor, so the posting is refused, naming the survivor to ask again for, and moves no points.
	 * Before, it opened a new, empty account for the merged member and put an adjustment there, out of everyone's
	 * balance.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(Kind.class)
	void aPostingWrittenAfterItsMemberWasMergedIsRefusedAndMovesNoPoints(Kind kind) throws Exception {
		Pair pair = pairWithPoints("refused " + kind);
		merge(pair);

		PointsPosting.Posted posted = bean(PointsPosting.class).post(entry(pair.merged, kind));

		assertThat(posted.entry().status()).isEqualTo(EntryStatus.REJECTED);
		assertThat(posted.entry().points()).isZero();
		assertThat(posted.entry().note()).startsWith("MEMBER_MERGED").contains(pair.survivor);
		assertThat(balance(pair.survivor)).isEqualTo(pair.survivorBefore + pair.mergedBefore);
		assertThat(bean(MongoTemplate.class).findById(pair.merged, PointsAccount.class)).isNull();
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	/**
	 * The merge runs once the merged member's account has taken the posting and before the entry is settled: the
	 * survivor has the points, its copy of the entry is settled as applied, and the posting's own settling does not
	 * write the entry again under the merged member. Before, the copy stayed pending and the original came back on
	 * the merged member.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(Kind.class)
	void aPostingTheMergedAccountDecidedLandsOnceWithTheSurvivor(Kind kind) throws Exception {
		Pair pair = pairWithPoints("applied " + kind);

		PointsPosting.Posted posted = mergingAfter(Step.ACCOUNT_UPDATED, pair).post(entry(pair.merged, kind));

		assertThat(posted.entry().status()).isEqualTo(EntryStatus.APPLIED);
		assertThat(balance(pair.survivor)).isEqualTo(pair.survivorBefore + pair.mergedBefore + kind.change);
		assertNothingLeftWith(pair.merged);
		PointsEntry moved = movedCopyOf(pair.survivor, PointsEntry.idOf(pair.merged, "during-merge"));
		assertThat(moved.status()).isEqualTo(EntryStatus.APPLIED);
		assertThat(moved.points()).isEqualTo(kind.change);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	/** Through the API: asked for the merged member, a redemption is the survivor's, and lands once. */
	@org.junit.jupiter.api.Test
	void aRedemptionAskedForAMemberMergedBeforeIsTheSurvivors() throws Exception {
		Pair pair = pairWithPoints("api");
		merge(pair);

		for (int attempt = 0; attempt < 2; attempt++) {
			as("crm").document("""
					mutation($id: ID!) { redeemPoints(input: {memberId: $id, points: 200, idempotencyKey: "during-merge",
					  reason: "coupon"}) { entry { id status points } errors { code } } }""")
				.variable("id", pair.merged)
				.execute()
				.path("redeemPoints.errors")
				.entityList(Object.class)
				.hasSize(0)
				.path("redeemPoints.entry.status")
				.entity(String.class)
				.isEqualTo("APPLIED")
				.path("redeemPoints.entry.id")
				.entity(String.class)
				.isEqualTo(PointsEntry.idOf(pair.survivor, "redeem:during-merge"));
		}
		assertThat(balance(pair.survivor)).isEqualTo(pair.survivorBefore + pair.mergedBefore - 200);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	private record Pair(String survivor, String merged, long survivorBefore, long mergedBefore) {
	}

	private Pair pairWithPoints(String name) {
		String survivor = registerMember("Survivor " + name);
		String merged = registerMember("Merged " + name);
		PointsPosting healthy = bean(PointsPosting.class);
		healthy.post(entry(survivor, "lot", EntryType.EARN, 300));
		healthy.post(entry(merged, "lot", EntryType.EARN, 500));
		return new Pair(survivor, merged, balance(survivor), balance(merged));
	}

	/** A posting that, at the step given, lets the merge of the pair run whole before it goes on. */
	private PointsPosting mergingAfter(Step step, Pair pair) {
		return new PointsPosting(bean(MongoTemplate.class), bean(AccountChange.class), bean(Clock.class),
				bean(MemberDirectory.class), reached -> {
					if (reached == step) {
						merge(pair);
					}
				});
	}

	private void merge(Pair pair) {
		try {
			MemberMerge.MergePayload merge = asAdmin(() -> bean(MemberMerge.class)
				.merge(new MergeMembersInput(pair.survivor, pair.merged, "duplicate")));
			assertThat(merge.errors()).isEmpty();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long balance(String member) {
		PointsAccount account = bean(MongoTemplate.class).findById(member, PointsAccount.class);
		return account == null ? 0 : account.balance();
	}

	private void assertNothingLeftWith(String merged) {
		MongoTemplate mongo = bean(MongoTemplate.class);
		assertThat(mongo.findById(merged, PointsAccount.class)).isNull();
		assertThat(mongo.find(Query.query(Criteria.where("memberId").is(merged)), PointsEntry.class)).isEmpty();
	}

	private PointsEntry movedCopyOf(String survivor, String originalId) {
		List<PointsEntry> copies = bean(MongoTemplate.class).find(
				Query.query(Criteria.where("memberId").is(survivor).and("movedFrom").is(originalId)), PointsEntry.class);
		assertThat(copies).hasSize(1);
		return copies.get(0);
	}

	private static PointsEntry entry(String member, Kind kind) {
		return entry(member, "during-merge", kind.type, kind.requested);
	}

	private static PointsEntry entry(String member, String key, EntryType type, long requested) {
		Instant now = Instant.parse("2026-06-01T00:00:00Z");
		return new PointsEntry(PointsEntry.idOf(member, key), member, type, requested, 0, EntryStatus.PENDING, "test",
				"test", null, 0, now, type + "|" + requested, null, now, null, null, null);
	}

}
