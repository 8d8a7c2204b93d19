package io.membergraph.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web shops export an order's refunds as an amount on the order's row ("Refunded Amount"), not as returned lines:
 * mapped to {@code refundedAmount}, it is a refund of that order, counted in net spend, and found again when the
 * file is imported again.
 */
class RefundedAmountImportTests extends ApplicationTest {

	private static final String HEADER = "Name,Email,Financial Status,Created at,Paid at,Refunded at,Refunded Amount,"
			+ "Lineitem quantity,Lineitem price,Lineitem sku\n";

	private static final String MAPPING = """
			{"orderNumber":"Name","channel":{"value":"WEB"},"memberEmail":"Email","placedAt":"Created at","paidAt":"Paid at",
			 "refundedAt":"Refunded at","refundedAmount":"Refunded Amount","quantity":"Lineitem quantity",
			 "unitPrice":"Lineitem price","sku":"Lineitem sku"}""";

	/** Order-level fields on an order's first line only, as a web shop writes them. */
	private static String export(String suffix, String email) {
		return HEADER + """
				#R1-%1$s,%2$s,refunded,2026-03-02 10:00:00 +0100,2026-03-02 10:05:00 +0100,2026-03-09 12:00:00 +0100,64.70,2,19.90,TEE-M
				#R1-%1$s,,,2026-03-02 10:00:00 +0100,,,,1,24.90,HOOD-L
				#R2-%1$s,%2$s,partially_refunded,2026-03-04 10:00:00 +0100,2026-03-04 10:01:00 +0100,2026-03-10 09:00:00 +0100,10.00,1,49.00,GIFT
				#R3-%1$s,%2$s,paid,2026-03-05 10:00:00 +0100,2026-03-05 10:01:00 +0100,,0.00,1,15.00,MUG
				""".formatted(suffix, email);
	}

	@Test
	void anOrdersRefundedAmountIsARefundOfThatOrderAndImportingAgainChangesNothing() {
		String email = "refunds-" + newPhone() + "@example.com";
		String member = customer("Refund Buyer", email);
		String suffix = email.substring(email.indexOf('@') - 6, email.indexOf('@'));

		String job = startImport("orders", "crm", export(suffix, email), MAPPING, null);

		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "#R1-" + suffix).execute()
			.path("order.paidAmount").entity(String.class).isEqualTo("64.70")
			.path("order.refundedAmount").entity(String.class).isEqualTo("64.70")
			.path("order.refunds[0].refundId").entity(String.class).isEqualTo("refunded-#R1-" + suffix)
			.path("order.refunds[0].refundedAt").entity(String.class).isEqualTo("2026-03-09T11:00:00Z");
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "#R3-" + suffix).execute()
			.path("order.refundedAmount").entity(String.class).isEqualTo("0.00")
			.path("order.refunds").entityList(Object.class).hasSize(0);
		// 64.70 + 49.00 + 15.00 paid, 64.70 + 10.00 given back; the fully refunded order counts as such.
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("128.70")
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("74.70")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.fullyRefundedOrderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("54.00");

		awaitImport(startImport("orders", "crm", export(suffix, email), MAPPING, null))
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("74.70")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(2);
	}

	@Test
	void ordersImportedWithoutTheirRefundsGainThemWhenTheFileIsImportedWithRefundedAmountMapped() {
		String email = "later-" + newPhone() + "@example.com";
		String member = customer("Later Refund", email);
		String suffix = email.substring(email.indexOf('@') - 6, email.indexOf('@'));
		String withoutRefunds = MAPPING.replace("\"refundedAt\":\"Refunded at\",\"refundedAmount\":\"Refunded Amount\",", "");
		String first = startImport("orders", "crm", export(suffix, email), withoutRefunds, null);
		awaitImport(first)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4);

		awaitImport(startImport("orders", "crm", export(suffix, email), MAPPING, null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(1);

		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(3)
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("74.70");
	}

	/** A later export of the same orders says more was given back: told, and corrected when the import says so. */
	@Test
	void aRefundedAmountThatChangedSinceTheLastExportIsRefusedUnlessTheImportCorrectsIt() {
		String email = "more-" + newPhone() + "@example.com";
		String member = customer("More Refunded", email);
		String suffix = email.substring(email.indexOf('@') - 6, email.indexOf('@'));
		awaitImport(startImport("orders", "crm", export(suffix, email), MAPPING, null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4);
		String later = export(suffix, email).replace(",10.00,1,49.00,GIFT", ",25.00,1,49.00,GIFT");

		String refused = startImport("orders", "crm", later, MAPPING, null);
		awaitImport(refused).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(3);
		as("crm").documentName("importRejects").variable("jobId", refused).execute()
			.path("importRejects.edges[0].node.field").entity(String.class).isEqualTo("refundedAmount")
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.satisfies(reason -> assertThat(reason).contains("changedOrders=CORRECT"));
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("74.70");

		awaitImport(startImport("orders", "crm", later, Map.of("mapping", MAPPING, "changedOrders", "CORRECT")))
			.path("importJob.rowsLinked").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("creditNote").variable("channel", "WEB").variable("orderNumber", "#R2-" + suffix).execute()
			.path("order.refundedAmount").entity(String.class).isEqualTo("25.00");
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("89.70")
			.path("member.stats.refundCount").entity(Integer.class).isEqualTo(2);
	}

	@Test
	void aRefundedAmountAboveWhatTheOrderPaidRefusesTheOrderWholeAndWritesNothing() {
		String email = "over-" + newPhone() + "@example.com";
		String member = customer("Over Refund", email);
		String suffix = email.substring(email.indexOf('@') - 6, email.indexOf('@'));
		String csv = HEADER + """
				#O1-%1$s,%2$s,refunded,2026-03-02 10:00,2026-03-02 10:05,2026-03-09 12:00,99.00,2,19.90,TEE-M
				#O1-%1$s,,,2026-03-02 10:00,,,,1,24.90,HOOD-L
				#O2-%1$s,%2$s,refunded,2026-03-02 11:00,2026-03-02 11:05,,5.00,1,19.90,TEE-M
				#O3-%1$s,%2$s,voided,2026-03-02 12:00,,2026-03-03 12:00,5.00,1,19.90,TEE-M
				""".formatted(suffix, email);

		String job = startImport("orders", "crm", csv, MAPPING, null);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(4);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.field").entityList(String.class)
			.containsExactly("refundedAmount", null, "refundedAt", "refundedAmount")
			.path("importRejects.edges[3].node.reason").entity(String.class)
			.isEqualTo("is given on order #O3-" + suffix + ", which was never paid (no paidAt)")
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.isEqualTo("is 99.00, more than the 64.70 paid for order #O1-" + suffix)
			.path("importRejects.edges[2].node.reason").entity(String.class)
			.isEqualTo("is required when refundedAmount is given");
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void aMappingWithARefundedAmountButNoRefundDateIsRefusedBeforeAnyRowIsRead() {
		String mapping = MAPPING.replace("\"refundedAt\":\"Refunded at\",", "");
		http().post().uri("/api/import/orders?fileName=orders.csv&mapping={m}", Map.of("m", mapping))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(export("none", "none@example.com").getBytes(StandardCharsets.UTF_8))
			.exchange().expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.problems[*].field").isEqualTo(List.of("mapping.refundedAt"))
			.jsonPath("$.problems[0].reason").value(reason -> assertThat((String) reason)
				.contains("dates the refund that refundedAmount gives back"));
	}

	@Test
	void aReturnInACurrencyThatIsNoCurrencyIsRefusedAndTheImportGoesOn() {
		String email = "xyz-" + newPhone() + "@example.com";
		customer("Odd Currency", email);
		String suffix = email.substring(email.indexOf('@') - 6, email.indexOf('@'));
		String csv = "order,email,placed,sku,qty,price,currency\n"
				+ "X1-%1$s,%2$s,2026-03-02 10:00,TEE-M,-1,19.90,XYZ\nX2-%1$s,%2$s,2026-03-02 10:00,TEE-M,1,19.90,EUR\n"
					.formatted(suffix, email);
		String mapping = """
				{"orderNumber":"order","channel":{"value":"WEB"},"memberEmail":"email","placedAt":"placed",
				 "paidAt":{"sameAs":"placedAt"},"sku":"sku","quantity":"qty","unitPrice":"price","currency":"currency"}""";

		String job = startImport("orders", "crm", csv, mapping, null);

		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.field").entity(String.class).isEqualTo("currency");
	}

	private String customer(String name, String email) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "email", email, "joinChannel", "WEB"))
			.execute()
			.path("registerMember.errors").entityList(Object.class).hasSize(0)
			.path("registerMember.member.id").entity(String.class).get();
	}

}
