package io.membergraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.BatchCrashes;
import io.membergraph.commerce.BatchSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Member rows are loaded in batches (7 rows here): the new members of a batch are registered together, and the
 * outcome is what loading the rows one by one in the file's order gives: a row finding a known member links to
 * it, a row sharing an identity with an earlier row of the same batch links to the member that row made, and
 * everyone new is welcomed (registration points, entry tier) as of the day it joined.
 */
class MemberBatchImportTests extends ApplicationTest {

	private static final String MAPPING = "{\"name\":\"姓名\",\"phone\":\"手机\",\"email\":\"邮箱\",\"joinedAt\":\"注册时间\","
			+ "\"joinChannel\":{\"value\":\"STORE\"}}";

	private static final String ORDER_MAPPING = """
			{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机","placedAt":"时间","paidAt":{"sameAs":"placedAt"},
			 "sku":"商品","quantity":"数量","unitPrice":"单价"}""";

	@AfterEach
	void noMoreCrashes() {
		BatchCrashes.calm(context());
	}

	@Test
	void rowsLoadAsTheyWouldOneByOneInTheFilesOrder() {
		String known = newPhone();
		String knownId = registerMember("已知 会员", known, List.of());
		String tag = newPhone();
		String[] phones = new String[12];
		for (int i = 0; i < phones.length; i++) {
			phones[i] = newPhone();
		}
		StringBuilder csv = new StringBuilder("姓名,手机,邮箱,注册时间\n");
		csv.append("甲,%s,,2025-03-01\n".formatted(phones[0]));
		csv.append("乙,%s,b%s@example.com,2025-03-02\n".formatted(phones[1], tag));
		// Finds the known member by its phone and gives it an e-mail.
		csv.append("已知,%s,k%s@example.com,2025-03-03\n".formatted(known, tag));
		// Same batch as 甲, who is new: linked to the member 甲's row made, with its e-mail.
		csv.append("甲,%s,a%s@example.com,2025-03-01\n".formatted(phones[0], tag));
		csv.append("甲,%s,,2025-03-01\n".formatted(phones[0]));
		csv.append("坏,12345,,2025-03-04\n");
		// Only the e-mail the third row gave the known member: linked to it.
		csv.append("已知 邮箱,,k%s@example.com,2025-03-05\n".formatted(tag));
		for (int i = 2; i < phones.length; i++) {
			csv.append("新%d,%s,,2025-04-%02d\n".formatted(i, phones[i], i));
		}

		GraphQlTester.Response job = awaitImport(startImport("members", "crm", csv.toString(), MAPPING, null));

		job.path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRead").entity(Integer.class).isEqualTo(17)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(12)
			.path("importJob.rowsLinked").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		assertThat(byContact("phone", known)).isEqualTo(knownId);
		assertThat(byContact("email", "k" + tag + "@example.com")).isEqualTo(knownId);
		assertThat(byContact("email", "a" + tag + "@example.com")).isEqualTo(byContact("phone", phones[0]));
		List<String> ids = new ArrayList<>();
		for (String phone : phones) {
			ids.add(byContact("phone", phone));
		}
		assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
		for (String id : ids) {
			welcomedOnce(id);
		}
	}

	@Test
	void aWelcomeCutShortByACrashIsFinishedByTheSweepWithoutPayingTwice() {
		String phone = newPhone();
		BatchCrashes.crashAt(context(), BatchSteps.Step.ACCOUNTS_WRITTEN, 1);

		awaitImport(startImport("members", "crm", "姓名,手机,邮箱,注册时间\n崩溃,%s,,2025-05-01\n".formatted(phone), MAPPING,
				null)).path("importJob.status").entity(String.class).isEqualTo("FAILED");
		BatchCrashes.calm(context());
		String member = byContact("phone", phone);
		// Registered, its account decided, but the welcome's entries and tier are not written yet.
		as("crm").documentName("memberPoints").variable("id", member).execute().path("member.tier").valueIsNull();

		recoverySweepAfterGrace();

		welcomedOnce(member);
	}

	/**
	 * An order batch that reads a member's points account while the member's bulk welcome has written the account and
	 * not yet its ledger entries counts the registration reward as granted: it does not grant it again. (It did, once
	 * in a while, when two imports registered the same customers at once: the balance held the reward twice, the
	 * ledger once, and the points audit flagged the member.)
	 */
	@Test
	void anOrderBatchMeetingAWelcomeBetweenItsAccountsAndItsLedgerDoesNotWelcomeAgain() {
		String phone = newPhone();
		String orders = "单号,手机,时间,商品,数量,单价\nWB-%s,%s,2025-06-01 10:00,SK-1001,1,19.90\n".formatted(phone, phone);
		BatchCrashes.runAt(context(), BatchSteps.Step.ACCOUNTS_WRITTEN,
				() -> awaitImport(startImport("orders", "crm", orders, ORDER_MAPPING, null, "HISTORY"))
					.path("importJob.status").entity(String.class).isEqualTo("COMPLETED"));

		awaitImport(startImport("members", "crm", "姓名,手机,邮箱,注册时间\n相遇,%s,,2025-05-01\n".formatted(phone), MAPPING,
				null)).path("importJob.status").entity(String.class).isEqualTo("COMPLETED");

		pointsMatchTheLedgerWithOneWelcome(byContact("phone", phone));
	}

	/** As above, for an order recorded through the API at that moment. */
	@Test
	void anOrderRecordedMeetingAWelcomeBetweenItsAccountsAndItsLedgerDoesNotWelcomeAgain() {
		String phone = newPhone();
		BatchCrashes.runAt(context(), BatchSteps.Step.ACCOUNTS_WRITTEN, () -> as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", "WA-" + phone, "memberId", byContact("phone", phone),
					"placedAt", "2025-06-01T02:00:00Z", "paidAt", "2025-06-01T02:00:00Z",
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "19.90"))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0));

		awaitImport(startImport("members", "crm", "姓名,手机,邮箱,注册时间\n相遇,%s,,2025-05-01\n".formatted(phone), MAPPING,
				null)).path("importJob.status").entity(String.class).isEqualTo("COMPLETED");

		pointsMatchTheLedgerWithOneWelcome(byContact("phone", phone));
	}

	private void pointsMatchTheLedgerWithOneWelcome(String member) {
		List<Long> ledger = as("crm").documentName("pointsLedger").variable("memberId", member).execute()
			.path("pointsLedger.edges[?(@.node.reason == 'REGISTRATION')].node.points").entityList(Long.class).hasSize(1)
			.path("pointsLedger.edges[*].node.points").entityList(Long.class).get();
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Long.class)
			.isEqualTo(ledger.stream().mapToLong(Long::longValue).sum());
		assertPointsAuditFindsNothing();
	}

	/** In the entry tier, with one registration reward of 100 points, dated the day it joined. */
	private void welcomedOnce(String member) {
		GraphQlTester.Response points = as("crm").documentName("memberPoints").variable("id", member).execute();
		points.path("member.tier.code").entity(String.class).isEqualTo("BASIC")
			.path("member.points.lifetimeEarned").entity(Long.class).isEqualTo(100L)
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY");
		as("crm").documentName("pointsLedger").variable("memberId", member).execute()
			.path("pointsLedger.edges[*].node.reason").entityList(String.class).containsExactly("REGISTRATION");
	}

	private String byContact(String kind, String value) {
		return as("crm").documentName("memberByContact").variable(kind, value).execute()
			.path("memberByContact.id").entity(String.class).get();
	}

}
