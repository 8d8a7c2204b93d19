package io.membergraph.member;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.member.MemberMerge.MergeMembersInput;
import io.membergraph.member.internal.MemberMergeRecord;
import io.membergraph.member.internal.MemberRepository;
import io.membergraph.security.AuditTrail;
import io.membergraph.security.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A merge cut short by a crash after any of its steps is finished by asking for it again, or by the recovery
 * sweep, and ends exactly where an uninterrupted merge ends: nothing counted twice, nothing left behind.
 */
class MemberMergeCrashTests extends ApplicationTest {

	static final class Crash extends RuntimeException {

		Crash(String step) {
			super("simulated crash after " + step);
		}

	}

	@ParameterizedTest(name = "crash after {0}, resumed by asking again")
	@ValueSource(strings = { "logged", "tombstone", "prepared", "figures-noted", "profile", "stats-applied", "stats",
			"orders", "loyalty", "interactions" })
	void aMergeInterruptedAfterAnyStepIsFinishedByAskingAgain(String step) {
		Pair pair = pairWithHistory(step);

		assertThatThrownBy(() -> crashingAfter(step).merge(pair.input())).isInstanceOf(Crash.class);
		as("crm").documentName("mergeMembers").variable("input", pair.variables()).execute()
			.path("mergeMembers.errors").entityList(Object.class).hasSize(0)
			.path("mergeMembers.merge.status").entity(String.class).isEqualTo("COMPLETED");

		assertMergedExactlyOnce(pair);
	}

	@ParameterizedTest(name = "crash after {0}, resumed by the sweep")
	@ValueSource(strings = { "tombstone", "stats", "loyalty" })
	void theRecoverySweepFinishesAnInterruptedMerge(String step) {
		Pair pair = pairWithHistory("sweep-" + step);

		assertThatThrownBy(() -> crashingAfter(step).merge(pair.input())).isInstanceOf(Crash.class);
		recoverySweepAfterGrace();

		assertThat(bean(MongoTemplate.class).findById(pair.merged(), MemberMergeRecord.class).status())
			.isEqualTo(MemberMergeRecord.Status.COMPLETED);
		assertMergedExactlyOnce(pair);
	}

	@Test
	void everyParticipantsMoveCanRunAgainAfterItFinished() {
		Pair pair = pairWithHistory("rerun");
		as("crm").documentName("mergeMembers").variable("input", pair.variables()).execute()
			.path("mergeMembers.errors").entityList(Object.class).hasSize(0);

		// As when a crash comes after a participant's work but before the log notes it.
		beans(MergeParticipant.class).forEach(p -> {
			p.prepare(pair.merged());
			p.move(pair.merged(), pair.survivor());
		});

		assertMergedExactlyOnce(pair);
	}

	private MemberMerge crashingAfter(String crashStep) {
		return new MemberMerge(bean(MongoTemplate.class), bean(MemberRepository.class), bean(MemberDirectory.class),
				beans(MergeParticipant.class), bean(Caller.class),
				bean(Clock.class), bean(AuditTrail.class), step -> {
					if (step.equals(crashStep)) {
						throw new Crash(step);
					}
				});
	}

	/** Two members with orders, a refund, interactions and points, and what the survivor must end up with. */
	private Pair pairWithHistory(String label) {
		String survivor = registerMember("崩溃 " + label);
		String merged = registerMember("崩溃乙 " + label);
		String number = "MC-" + newPhone();
		order(survivor, "MC-" + newPhone(), "120.00", "2026-02-01T10:00:00Z");
		order(merged, number, "380.00", "2026-01-10T10:00:00Z");
		as("admin").documentName("refundOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "refundId", "R1", "amount", "80.00"))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", merged, "channel", "APP", "type", "VISIT")).execute();
		long points = balance(survivor) + balance(merged);
		return new Pair(survivor, merged, points);
	}

	private record Pair(String survivor, String merged, long points) {

		MergeMembersInput input() {
			return new MergeMembersInput(survivor, merged, "crash test");
		}

		Map<String, Object> variables() {
			return Map.of("survivorId", survivor, "mergedId", merged, "reason", "crash test");
		}

	}

	private void assertMergedExactlyOnce(Pair pair) {
		as("crm").documentName("memberStats").variable("id", pair.survivor()).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("420.00")
			.path("member.stats.firstOrderAt").entity(String.class).isEqualTo("2026-01-10T10:00:00Z");
		assertThat(balance(pair.survivor())).isEqualTo(pair.points());
		as("crm").documentName("memberInteractions").variable("id", pair.survivor()).execute()
			.path("member.interactions.edges").entityList(Object.class).hasSize(1);
		as("crm").documentName("pointsLedger").variable("memberId", pair.merged()).execute()
			.path("pointsLedger.edges").entityList(Object.class).hasSize(0);
		as("crm").documentName("mergedMembers").variable("name", "崩溃乙").execute()
			.path("members.edges[*].node.id").entityList(String.class).contains(pair.merged());
		MemberMergeRecord record = bean(MongoTemplate.class).findById(pair.merged(), MemberMergeRecord.class);
		assertThat(record.stepsDone()).containsExactlyInAnyOrder("profile", "stats", "orders", "loyalty", "interactions");
		GraphQlTester.Response report = as("admin").documentName("rebuildReadModels").variable("repair", false).execute();
		for (String list : List.of("memberStats", "memberOrderLists", "pointsTotals", "pointsLots")) {
			report.path("rebuildReadModels.report." + list).entityList(String.class).doesNotContain(pair.survivor(), pair.merged());
		}
	}

	private void order(String memberId, String number, String amount, String at) {
		as("admin").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "memberId", memberId, "placedAt", at,
					"paidAt", at, "lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", amount))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	private long balance(String memberId) {
		return as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.balance").entity(Long.class).get();
	}

}
