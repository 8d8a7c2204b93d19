package io.membergraph.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.loyalty.internal.PointsLedger;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A programme whose tiers are reached by spend (`membergraph.loyalty.qualification: SPEND`), in a database of its own:
 * thresholds in whole currency units, and orders too small to earn a point counting their spend all the same.
 */
@TestPropertySource(properties = { "membergraph.loyalty.qualification=SPEND",
		"membergraph.store.embedded-database=spend-qualification" })
class SpendQualificationTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机号","placedAt":"时间",
			 "paidAt":{"sameAs":"placedAt"},"sku":"商品","quantity":"数量","unitPrice":"单价"}""";

	@Test
	void spendReachesATierInWholeCurrencyUnitsAndAnOrderTooSmallForAPointCountsToo() {
		String member = memberJoinedOn("Spender", newPhone());
		record(member, "SQ1-" + member, "2026-11-10T10:00:00+08:00", "1999.50");
		// 1,999 of SILVER's 2,000 (counted in cents, 199,950 had made the member PLATINUM)
		tier(member).isEqualTo("BASIC");

		record(member, "SQ2-" + member, "2026-11-12T10:00:00+08:00", "0.60");
		tier(member).isEqualTo("SILVER");
		// the small order earned no point, only its spend: registration, the first order and its reward
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Integer.class).isEqualTo(100 + 1999 + 200);

		// returned, it takes its spend back and the upgrade with it
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", "SQ2-" + member, "refundId", "R1", "amount", "0.60"))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);
		tier(member).isEqualTo("BASIC");
		// replayed in bulk (as the demo's history loads), the same entries, spend and tier
		assertThat(ReplayedAsLive.replayed(context(), member, now()).account().qualifying().get("2026-11").spend())
			.isEqualTo(199_950);
		assertPointsAuditFindsNothing();
	}

	@Test
	void anImportedHistoryCountsTheSpendOfOrdersTooSmallForAPoint() {
		String phone = newPhone();
		String member = memberJoinedOn("Imported Spender", phone);
		String job = startImport("orders", "crm", "单号,手机号,时间,商品,数量,单价\n"
				+ String.join(",", "SQI1-" + member, phone, "2026-10-10 10:00", "HC-4001", "1", "1999.50") + "\n"
				+ String.join(",", "SQI2-" + member, phone, "2026-10-11 10:00", "HC-4001", "1", "0.60") + "\n",
				MAPPING, null);
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2);
		tier(member).isEqualTo("SILVER");
	}

	@Test
	void aCorrectionThatChangesOnlyTheSpendOfAnOrderMovesItsTier() {
		String phone = newPhone();
		String member = memberJoinedOn("Corrected Spender", phone);
		String wrong = ordersFile(member, phone, "0.40");
		awaitImport(startImport("orders", "crm", wrong, MAPPING, null)).path("importJob.rowsLoaded").entity(Integer.class)
			.isEqualTo(2);
		tier(member).isEqualTo("BASIC");

		// the small order read anew at 0.60 an hour later: no point either way, 0.20 more spend, 2,000.10 in all
		clock.advance(Duration.ofHours(1));
		String job = startImport("orders", "crm", ordersFile(member, phone, "0.60"),
				Map.of("mapping", MAPPING, "changedOrders", "CORRECT"));
		awaitImport(job).path("importJob.rowsLinked").entity(Integer.class).isEqualTo(1);
		tier(member).isEqualTo("SILVER");
	}

	@Test
	void theSpendOfAnOrderTooSmallForAPointCountedByBothMembersOfAMergeCountsOnce() throws Exception {
		String survivor = memberJoinedOn("Twice Spender", newPhone());
		String merged = memberJoinedOn("Twice Spender too", newPhone());
		Instant placed = Instant.parse("2026-11-10T02:00:00Z");
		PointsLedger ledger = bean(PointsLedger.class);
		// posted for both around the merge, as an order moved to the survivor before its points were marked done
		for (String member : new String[] { merged, survivor }) {
			ledger.earn(member, "order:WEB:SQT-1", 0, "order SQT-1", "order:WEB:SQT-1", 60, placed, "system");
		}

		mergeMembers(survivor, merged);

		PointsAccount account = bean(MongoTemplate.class).findById(survivor, PointsAccount.class);
		assertThat(account.qualifying().get("2026-11").spend()).isEqualTo(60);
		PointsEntry takenBack = ledger.entry(survivor, "duplicate:merged:" + merged + ":order:WEB:SQT-1");
		assertThat(takenBack.type()).isEqualTo(EntryType.REVERSE);
		assertThat(takenBack.qualifyingSpend()).isEqualTo(60);
		assertThat(bean(PointsMaintenance.class).auditAll()).isEmpty();
	}

	private static String ordersFile(String member, String phone, String smallOrderPrice) {
		return "单号,手机号,时间,商品,数量,单价\n"
				+ String.join(",", "SQC1-" + member, phone, "2026-10-10 10:00", "HC-4001", "1", "1999.50") + "\n"
				+ String.join(",", "SQC2-" + member, phone, "2026-10-11 10:00", "HC-4001", "1", smallOrderPrice) + "\n";
	}

	private String memberJoinedOn(String name, String phone) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", phone, "joinChannel", "WEB", "joinedAt",
					"2026-01-01T10:00:00+08:00"))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	private void record(String member, String number, String at, String price) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "memberId", member, "placedAt", at,
					"paidAt", at, "lines", List.of(Map.of("sku", "HC-4001", "category", "haircare", "quantity", 1,
							"unitPrice", price))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	private GraphQlTester.Entity<String, ?> tier(String member) {
		return as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.tier.code").entity(String.class);
	}

}
