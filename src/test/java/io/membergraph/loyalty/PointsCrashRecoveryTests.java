package io.membergraph.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.internal.PointsPosting.Step;
import io.membergraph.loyalty.internal.AccountChange;
import io.membergraph.loyalty.internal.PointsPosting;
import io.membergraph.store.RecordDocuments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A crash can stop a posting between any two of its steps. For every kind of entry and every such point,
 * the store is left as the crash leaves it; then the recovery sweep runs, or the client retries, and the
 * entry must have landed exactly once with the balance equal to the ledger.
 */
class PointsCrashRecoveryTests extends ApplicationTest {

	static final class SimulatedCrash extends RuntimeException {

		SimulatedCrash(Step step) {
			super("crash after " + step);
		}

	}

	enum Recovery {

		SWEEP, RETRY

	}

	static Stream<Arguments> everyEntryTypeCrashPointAndRecovery() {
		return Stream.of(EntryType.values())
			.flatMap(type -> Stream.of(Step.values())
				.flatMap(step -> Stream.of(Recovery.values()).map(recovery -> Arguments.of(type, step, recovery))));
	}

	@ParameterizedTest(name = "{0} crashed after {1}, recovered by {2}")
	@MethodSource("everyEntryTypeCrashPointAndRecovery")
	void aCrashedEntryLandsExactlyOnce(EntryType type, Step crashPoint, Recovery recovery) {
		String member = registerMember("Crash " + type + " " + crashPoint);
		PointsPosting healthy = bean(PointsPosting.class);
		healthy.post(entry(member, "lot", EntryType.EARN, 500, null));
		long before = healthy.accountOf(member).balance();
		PointsEntry entry = switch (type) {
			case EARN -> entry(member, "crash", EntryType.EARN, 300, null);
			case REDEEM -> entry(member, "crash", EntryType.REDEEM, 250, null);
			case ADJUST -> entry(member, "crash", EntryType.ADJUST, -40, null);
			case REVERSE -> entry(member, "crash", EntryType.REVERSE, 200, PointsEntry.idOf(member, "lot"));
			case EXPIRE -> entry(member, "crash", EntryType.EXPIRE, 500, PointsEntry.idOf(member, "lot"));
		};
		long change = switch (type) {
			case EARN -> 300;
			case REDEEM -> -250;
			case ADJUST -> -40;
			case REVERSE -> -200;
			case EXPIRE -> -500;
		};

		assertThatThrownBy(() -> crashingAfter(crashPoint).post(entry)).isInstanceOf(SimulatedCrash.class);
		if (recovery == Recovery.SWEEP) {
			recoverySweepAfterGrace();
			assertThat(healthy.post(entry).replayed()).isTrue();
		}
		else {
			assertThat(healthy.post(entry).replayed()).isTrue();
			recoverySweepAfterGrace();
		}

		PointsAccount account = healthy.accountOf(member);
		assertThat(account.balance()).isEqualTo(before + change);
		assertThat(account.applied().stream().filter(a -> a.entryId().equals(entry.id()))).hasSize(1);
		PointsEntry settled = bean(MongoTemplate.class).findById(entry.id(), PointsEntry.class);
		assertThat(settled.status()).isEqualTo(EntryStatus.APPLIED);
		assertThat(settled.points()).isEqualTo(change);
		assertThat(bean(PointsMaintenance.class).auditAll()).noneMatch(d -> d.memberId().equals(member));
	}

	/**
	 * Between the account's update and the entry's settling, the account holds points the ledger does not show yet:
	 * the read-model check leaves the member out, even asked to repair, so the retry lands them once.
	 */
	@org.junit.jupiter.api.Test
	void theReadModelCheckLeavesAPostingUnderWayAlone() {
		String member = registerMember("Crash check");
		PointsPosting healthy = bean(PointsPosting.class);
		healthy.post(entry(member, "lot", EntryType.EARN, 500, null));
		long before = healthy.accountOf(member).balance();
		PointsEntry entry = entry(member, "crash", EntryType.EARN, 300, null);
		assertThatThrownBy(() -> crashingAfter(Step.ACCOUNT_UPDATED).post(entry)).isInstanceOf(SimulatedCrash.class);

		assertThat(bean(PointsReadModels.class).check(true).totals()).doesNotContain(member);

		assertThat(healthy.post(entry).replayed()).isTrue();
		assertThat(healthy.accountOf(member).balance()).isEqualTo(before + 300);
		assertThat(bean(PointsReadModels.class).check(false).totals()).doesNotContain(member);
	}

	/**
	 * The audit counts a posting under way as it will land: a crash between any two of its steps is no discrepancy,
	 * while a balance that no posting explains still is, under way or not.
	 */
	@ParameterizedTest(name = "crashed after {0}")
	@EnumSource(Step.class)
	void theAuditCountsAPostingUnderWayAsItWillLand(Step crashPoint) {
		String member = registerMember("Crash audit " + crashPoint);
		PointsPosting healthy = bean(PointsPosting.class);
		healthy.post(entry(member, "lot", EntryType.EARN, 500, null));
		long before = healthy.accountOf(member).balance();
		PointsEntry entry = entry(member, "crash", EntryType.EARN, 300, null);
		assertThatThrownBy(() -> crashingAfter(crashPoint).post(entry)).isInstanceOf(SimulatedCrash.class);

		assertThat(audited(member)).as("a posting under way").isEmpty();

		MongoTemplate mongo = bean(MongoTemplate.class);
		Query account = Query.query(Criteria.where("_id").is(member));
		mongo.updateFirst(account, new Update().inc("balance", 7).inc("version", 1), PointsAccount.class);
		try {
			long landing = crashPoint == Step.ACCOUNT_UPDATED ? before + 300 : before;
			assertThat(audited(member)).as("a balance no posting explains").singleElement().satisfies(found -> {
				assertThat(found.balance()).isEqualTo(landing + 7);
				assertThat(found.ledgerSum()).as("the applied entries' sum").isEqualTo(before);
			});
		}
		finally {
			mongo.updateFirst(account, new Update().inc("balance", -7).inc("version", 1), PointsAccount.class);
		}

		assertThat(healthy.post(entry).replayed()).isTrue();
		assertThat(audited(member)).isEmpty();
	}

	private List<PointsMaintenance.Discrepancy> audited(String member) {
		return bean(PointsMaintenance.class).auditAll().stream().filter(d -> d.memberId().equals(member)).toList();
	}

	private PointsPosting crashingAfter(Step crashPoint) {
		return new PointsPosting(bean(MongoTemplate.class), bean(RecordDocuments.class), bean(AccountChange.class), bean(Clock.class),
				bean(io.membergraph.member.MemberDirectory.class), step -> {
			if (step == crashPoint) {
				throw new SimulatedCrash(step);
			}
		});
	}

	private static PointsEntry entry(String member, String key, EntryType type, long requested, String source) {
		Instant now = Instant.parse("2026-06-01T00:00:00Z");
		return new PointsEntry(PointsEntry.idOf(member, key), member, type, requested, 0, EntryStatus.PENDING, "test",
				"test", source, 0, now, type + "|" + requested, null, now, null, null, null, 0);
	}

}
