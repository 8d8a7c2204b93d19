package io.membergraph.loyalty;

import java.time.Instant;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.internal.PointsLedger;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One order's points posted for both members of a merge: for the merged member just before the merge, and for the
 * survivor just after, when the order moved to the survivor before its points were marked done (a probe of concurrent
 * orders, replays and merges left a survivor's balance above its ledger in one run of six). The merge keeps both
 * entries in the survivor's ledger and takes the second helping back, so the order counts once and balance and ledger
 * agree. Before, the merged member's copy took the id of the survivor's own entry and replaced it: the balance held the
 * points twice and the ledger once.
 */
class PointsCountedTwiceAroundAMergeTests extends ApplicationTest {

	private static final Instant PLACED = Instant.parse("2026-04-01T02:00:00Z");

	@Test
	void anOrdersPointsEarnedByBothMembersCountOnceAfterTheMerge() throws Exception {
		String survivor = registerMember("两次 甲");
		String merged = registerMember("两次 乙");
		PointsLedger ledger = bean(PointsLedger.class);
		for (String member : new String[] { merged, survivor }) {
			ledger.earn(member, "order:WEB:TWICE-1", 150, "order TWICE-1", "order:WEB:TWICE-1", 15_000, PLACED, "system");
		}
		long before = balance(survivor) + balance(merged);

		mergeMembers(survivor, merged);

		assertThat(balance(survivor)).isEqualTo(before - 150);
		assertThat(ledger.entry(survivor, "order:WEB:TWICE-1").points()).isEqualTo(150);
		assertThat(ledger.entry(survivor, "merged:" + merged + ":order:WEB:TWICE-1").points()).isEqualTo(150);
		PointsEntry takenBack = ledger.entry(survivor, "duplicate:merged:" + merged + ":order:WEB:TWICE-1");
		assertThat(takenBack.type()).isEqualTo(EntryType.REVERSE);
		assertThat(takenBack.points()).isEqualTo(-150);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	@Test
	void anOrdersPointsEarnedByOneMemberMoveWithoutATakeBack() throws Exception {
		String survivor = registerMember("一次 甲");
		String merged = registerMember("一次 乙");
		PointsLedger ledger = bean(PointsLedger.class);
		ledger.earn(merged, "order:WEB:ONCE-1", 150, "order ONCE-1", "order:WEB:ONCE-1", 15_000, PLACED, "system");
		long before = balance(survivor) + balance(merged);

		mergeMembers(survivor, merged);

		assertThat(balance(survivor)).isEqualTo(before);
		assertThat(ledger.entry(survivor, "order:WEB:ONCE-1").movedFrom()).isEqualTo(merged + "|order:WEB:ONCE-1");
		assertThat(ledger.entry(survivor, "duplicate:merged:" + merged + ":order:WEB:ONCE-1")).isNull();
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	private long balance(String memberId) {
		PointsAccount account = bean(MongoTemplate.class).findById(memberId, PointsAccount.class);
		return account == null ? 0 : account.balance();
	}

}
