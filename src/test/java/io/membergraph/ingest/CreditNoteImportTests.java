package io.membergraph.ingest;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

/**
 * Returns whose order is not known are not rejected: they are credit notes, refunds of the member on their own
 * (net spend, refund rate and KPIs count them), and move onto their order if a later file brings it.
 */
class CreditNoteImportTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机号","placedAt":"时间","paidAt":{"sameAs":"placedAt"},
			 "sku":"商品","quantity":"数量","unitPrice":"单价","originalOrderNumber":"原单号"}""";

	private static final String HEADER = "单号,手机号,时间,商品,数量,单价,原单号\n";

	@Test
	void aReturnNamingNoOrderIsACreditNoteThatRefundsTheMemberOnItsOwn() {
		String phone = newPhone();
		String member = registerMember("退货 会员", phone, java.util.List.of());
		String p = phone.substring(5);
		String job = importRows("""
				S1-%1$s,%2$s,2026-04-02 10:00,SK-1001,1,300.00,
				C%1$s,%2$s,2026-04-20 10:00,HC-4001,-2,50.00,
				""", p, phone);

		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "C" + p).execute()
			.path("order.kind").entity(String.class).isEqualTo("CREDIT_NOTE")
			.path("order.memberId").entity(String.class).isEqualTo(member)
			.path("order.paidAmount").entity(String.class).isEqualTo("0.00")
			.path("order.refunds[0].amount").entity(String.class).isEqualTo("100.00")
			.path("order.refunds[0].lines[0].quantity").entity(Integer.class).isEqualTo(2)
			.path("order.returns").valueIsNull();
		// One order of 300 paid, 100 given back on its own: net 200, one refund, no second order.
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("300.00")
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("100.00")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("200.00");
		as("crm").documentName("memberActivity").variable("id", member).variable("months", 12).execute()
			.path("member.purchases.months[0].month").entity(String.class).isEqualTo("2026-04")
			.path("member.purchases.months[0].orders").entity(Integer.class).isEqualTo(1)
			.path("member.purchases.months[0].netSpend").entity(String.class).isEqualTo("200.00");
		as("admin").documentName("rebuildReadModels").variable("repair", false).execute()
			.path("rebuildReadModels.report.memberStats").entityList(String.class).doesNotContain(member)
			.path("rebuildReadModels.report.memberPurchases").entityList(String.class).doesNotContain(member);
	}

	@Test
	void aReturnOfAnOrderNotYetImportedWaitsAsACreditNoteAndMovesOntoItWhenALaterFileBringsIt() {
		String phone = newPhone();
		String member = registerMember("先退后买", phone, java.util.List.of());
		String p = phone.substring(5);
		awaitImport(importRows("""
				R-%1$s,%2$s,2026-05-10 10:00,SK-1001,-1,420.00,S9-%1$s
				""", p, phone))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("420.00")
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("-420.00");
		long points = points(member);

		awaitImport(importRows("""
				S9-%1$s,%2$s,2026-05-01 10:00,SK-1001,2,420.00,
				""", p, phone))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);

		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "R-" + p).execute()
			.path("order.kind").entity(String.class).isEqualTo("CREDIT_NOTE")
			.path("order.attachedTo").entity(String.class).isEqualTo("WEB:S9-" + p);
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "S9-" + p).execute()
			.path("order.kind").entity(String.class).isEqualTo("SALE")
			.path("order.refundedAmount").entity(String.class).isEqualTo("420.00")
			.path("order.refunds[0].refundId").entity(String.class).isEqualTo("R-" + p);
		// The 420 given back is counted once, now as a refund of S9: 840 paid, 420 back.
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("840.00")
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("420.00")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("420.00");
		// S9 earned its points (and the first-order reward) and the refund took back half of the order's.
		org.assertj.core.api.Assertions.assertThat(points(member)).isGreaterThan(points);
		as("admin").documentName("rebuildReadModels").variable("repair", false).execute()
			.path("rebuildReadModels.report.memberStats").entityList(String.class).doesNotContain(member)
			.path("rebuildReadModels.report.memberPurchases").entityList(String.class).doesNotContain(member)
			.path("rebuildReadModels.report.pointsTotals").entityList(String.class).doesNotContain(member);
	}

	@Test
	void aReturnOfUnitsItsOrderDidNotSellIsRejectedNamingTheColumnAndAWaitingOneStaysACreditNote() {
		String phone = newPhone();
		String member = registerMember("多退 会员", phone, java.util.List.of());
		String p = phone.substring(5);
		// R4 waits for S4, which then comes without the sku it returns: it stays a credit note of its own.
		awaitImport(importRows("""
				R4-%1$s,%2$s,2026-06-03 10:00,FR-3001,-1,10.00,S4-%1$s
				""", p, phone))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		String job = importRows("""
				S4-%1$s,%2$s,2026-06-01 10:00,SK-1001,1,100.00,
				S4-%1$s,%2$s,2026-06-01 10:00,HC-4001,3,10.00,
				R5-%1$s,%2$s,2026-06-05 10:00,HC-4001,-4,10.00,S4-%1$s
				R6-%1$s,%2$s,2026-06-06 10:00,HC-4001,-2,10.00,S4-%1$s
				""", p, phone);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.row").entity(Integer.class).isEqualTo(3)
			.path("importRejects.edges[0].node.column").entity(String.class).isEqualTo("数量")
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.isEqualTo("Returning 4 of 'HC-4001', but order S4-" + p + " has 3 of the 3 it sold left to return");
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "S4-" + p).execute()
			.path("order.refundedAmount").entity(String.class).isEqualTo("20.00")
			.path("order.refunds[*].refundId").entityList(String.class).containsExactly("R6-" + p);
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "R4-" + p).execute()
			.path("order.kind").entity(String.class).isEqualTo("CREDIT_NOTE")
			.path("order.attachedTo").valueIsNull();
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("30.00")
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("100.00");
	}

	@Test
	void aReturnDatedBeforeItsOrderIsRejectedNamingItsDateAndAWaitingOneStaysACreditNote() {
		String phone = newPhone();
		registerMember("早退 会员", phone, java.util.List.of());
		String p = phone.substring(5);
		awaitImport(importRows("""
				R7-%1$s,%2$s,2026-06-01 09:00,SK-1001,-1,10.00,S7-%1$s
				""", p, phone))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		String job = importRows("""
				S7-%1$s,%2$s,2026-06-10 10:00,SK-1001,2,10.00,
				R8-%1$s,%2$s,2026-06-09 10:00,SK-1001,-1,10.00,S7-%1$s
				""", p, phone);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.column").entity(String.class).isEqualTo("时间")
			.path("importRejects.edges[0].node.reason").entity(String.class).satisfies(reason -> org.assertj.core.api
				.Assertions.assertThat(reason).startsWith("A refund dated 2026-06-09T02:00:00Z is before order S7-" + p));
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "S7-" + p).execute()
			.path("order.refundedAmount").entity(String.class).isEqualTo("0.00");
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "R7-" + p).execute()
			.path("order.attachedTo").valueIsNull();
	}

	private long points(String member) {
		return as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Long.class).get();
	}

	/** Starts an import of the rows, their {@code %1$s} the order numbers' suffix and {@code %2$s} the phone; its job id. */
	private String importRows(String rows, String suffix, String phone) {
		return startImport("orders", "crm", HEADER + rows.formatted(suffix, phone), MAPPING, null);
	}

}
