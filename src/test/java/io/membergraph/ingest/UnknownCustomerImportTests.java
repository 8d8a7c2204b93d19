package io.membergraph.ingest;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order log keyed by the shop's own customer numbers, with no member file (as public web-shop exports are):
 * by default an order of a customer no member has is refused with the way out; with {@code unknownMembers=REGISTER}
 * each customer becomes a member once, holding that channel account, joined with its first order and welcomed as
 * of then, and importing the log again changes nothing.
 */
class UnknownCustomerImportTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber":"InvoiceNo","sku":"StockCode","quantity":"Quantity","unitPrice":"UnitPrice",
			 "placedAt":"InvoiceDate","paidAt":{"sameAs":"placedAt"},"memberExternalId":"CustomerID",
			 "channel":{"value":"WEB"}}""";

	@Test
	void ordersOfUnknownCustomersAreRefusedWithTheWayOutByDefault() {
		String customer = newPhone();
		String log = "InvoiceNo,StockCode,Quantity,UnitPrice,InvoiceDate,CustomerID\nUK-%s,85123A,6,2.55,2025-12-01 08:26,%s\n"
			.formatted(customer, customer);

		String job = startImport("orders", "crm", log, MAPPING, null);

		awaitImport(job).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.satisfies(reason -> assertThat(reason).contains("no member has WEB account " + customer)
				.contains("unknownMembers=REGISTER"));
	}

	@Test
	void withRegisterEachUnknownCustomerBecomesOneMemberJoinedWithItsFirstOrder() {
		String first = newPhone();
		String second = newPhone();
		String log = "InvoiceNo,StockCode,Quantity,UnitPrice,InvoiceDate,CustomerID\n"
				+ "A-%s,85123A,6,2.55,2025-12-01 08:26,%s\n".formatted(first, first)
				+ "A-%s,22633,6,1.85,2025-12-01 08:26,%s\n".formatted(first, first)
				+ "B-%s,84879,32,1.6875,2025-12-03 10:00,%s\n".formatted(second, second)
				+ "C-%s,22960,1,4.25,2025-12-09 09:00,%s\n".formatted(first, first);

		awaitImport(startImport("orders", "crm", log, MAPPING, null, null, "REGISTER"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		awaitImport(startImport("orders", "crm", log, MAPPING, null, null, "REGISTER"))
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(4);

		String member = as("crm").documentName("memberByIdentity").variable("channel", "WEB").variable("externalId", first)
			.execute().path("memberByIdentity.id").entity(String.class).get();
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("30.65");
		as("crm").documentName("memberProfile").variable("id", member).execute()
			.path("member.name").entity(String.class).isEqualTo("WEB " + first)
			.path("member.joinChannel").entity(String.class).isEqualTo("WEB")
			.path("member.joinedAt").entity(String.class).isEqualTo("2025-12-01T00:26:00Z");
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY");
		as("crm").documentName("pointsLedger").variable("memberId", member).execute()
			.path("pointsLedger.edges[*].node.reason").entityList(String.class)
			.satisfies(reasons -> assertThat(reasons).containsOnlyOnce("REGISTRATION").containsOnlyOnce("FIRST_ORDER"));
		as("crm").documentName("memberByIdentity").variable("channel", "WEB").variable("externalId", second).execute()
			.path("memberByIdentity.id").entity(String.class).satisfies(id -> assertThat(id).isNotEqualTo(member));
	}

	/**
	 * A web shop's order export names its customers by e-mail (Shopify's {@code Name}, {@code Email}, {@code Lineitem}
	 * columns): a known member is found by it, whatever its case, and with REGISTER an unknown one becomes a member
	 * holding that e-mail, once.
	 */
	@Test
	void aShopsOrderExportFindsItsCustomersByEmail() {
		String known = "Known." + newPhone() + "@Example.com";
		String knownId = as("crm").documentName("registerMember").variable("input", java.util.Map.of("name", "Known Buyer",
				"email", known.toLowerCase(java.util.Locale.ROOT), "joinChannel", "WEB")).execute()
			.path("registerMember.member.id").entity(String.class).get();
		String unknown = "new." + newPhone() + "@example.com";
		// A gift card has no SKU in such exports: its name stands in ("firstOf").
		String export = "Name,Email,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Lineitem name\n"
				+ "#%s,%s,2025-11-02 10:00:00 +0100,2,19.90,SH-TEE,Tee\n".formatted(knownId, known)
				+ "#%s,%s,2025-11-03 11:00:00 +0100,1,49.00,SH-HOOD,Hoodie\n".formatted(unknown.substring(4, 15), unknown)
				+ "#%s,%s,2025-11-03 11:00:00 +0100,1,25.00,,Gift Card\n".formatted(unknown.substring(4, 15), unknown);
		String mapping = """
				{"orderNumber":"Name","memberEmail":"Email","placedAt":"Created at","paidAt":{"sameAs":"placedAt"},
				 "quantity":"Lineitem quantity","unitPrice":"Lineitem price","sku":{"firstOf":["Lineitem sku","Lineitem name"]},
				 "channel":{"value":"WEB"}}""";

		awaitImport(startImport("orders", "crm", export, mapping, null, null, "REGISTER"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		as("crm").documentName("memberStats").variable("id", knownId).execute()
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("39.80");
		String registered = as("crm").documentName("memberByContact").variable("email", unknown).execute()
			.path("memberByContact.name").entity(String.class).isEqualTo(unknown)
			.path("memberByContact.id").entity(String.class).get();
		as("crm").documentName("memberStats").variable("id", registered).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("74.00");
		as("crm").document("{ order(channel: WEB, orderNumber: \"#%s\") { lines { sku } } }".formatted(unknown.substring(4, 15)))
			.execute().path("order.lines[*].sku").entityList(String.class).containsExactly("SH-HOOD", "Gift Card");
	}

}
