package io.membergraph.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.internal.PointsPosting.Step;
import io.membergraph.loyalty.internal.AccountChange;
import io.membergraph.loyalty.internal.PointsPosting;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberMerge.MergeMembersInput;
import io.membergraph.member.MemberMerge;
import io.membergraph.store.RecordDocuments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
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

	static Stream<Arguments> everyKindAndStep() {
		return Stream.of(Kind.values())
			.flatMap(kind -> Stream.of(Step.values()).map(step -> Arguments.of(kind, step)));
	}

	/**
	 * The merge runs between two steps of the posting. Once the entry is written, the merge finishes the member's
	 * postings first, so the entry is applied and moves to the survivor with the account; once the account has taken
	 * it, the survivor takes the points with the account and the entry's copy is settled as applied. Either way the
	 * posting tells what became of it and does not write it again under the merged member. Before the account was
	 * closed, the posting went on to open a new, empty account for the merged member and applied the entry a second
	 * time there, or brought it back on the merged member beside a copy left pending.
	 */
	@ParameterizedTest(name = "{0} meeting a merge after {1}")
	@MethodSource("everyKindAndStep")
	void aPostingMeetingAMergeLandsOnceWithTheSurvivor(Kind kind, Step mergeAfter) throws Exception {
		Pair pair = pairWithPoints(kind + " " + mergeAfter);

		PointsPosting.Posted posted = mergingAfter(mergeAfter, pair).post(entry(pair.merged, kind));

		assertThat(posted.entry().status()).isEqualTo(EntryStatus.APPLIED);
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
		return new PointsPosting(bean(MongoTemplate.class), bean(RecordDocuments.class), bean(AccountChange.class), bean(Clock.class),
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
				"test", null, 0, now, type + "|" + requested, null, now, null, null, null, 0);
	}

}
