package io.membergraph.ingest;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

/**
 * A POS export of order lines loaded as orders, with the same effect on stats and points as recording them
 * through the API. Default rules: BASIC earns 1 point per yuan on haircare, 100 for registering, 200 for the
 * first order.
 */
class OrderImportTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber":"订单号","channel":"渠道","memberPhone":"手机号","placedAt":"下单时间","paidAt":"支付时间",
			 "sku":"商品","category":"品类","quantity":"数量","unitPrice":"单价","discount":"优惠","originalOrderNumber":"原订单号"}""";

	@Test
	void linesBecomeOrdersAReturnBeforeItsOrderBecomesItsRefundAndBadOrdersAreReported() {
		String phone = newPhone();
		String member = registerMember("POS Buyer", phone, java.util.List.of());
		String p = phone.substring(7);
		String csv = """
				订单号,渠道,手机号,下单时间,支付时间,商品,品类,数量,单价,优惠,原订单号
				RET-%1$s,STORE,%2$s,2026/03/05 10:00,,HC-4001,haircare,-1,100.00,,S1-%1$s
				S1-%1$s,STORE,%2$s,2026/03/01 10:00,2026/03/01 10:01,HC-4001,haircare,1,100.00,¥30.00,
				S1-%1$s,STORE,%2$s,2026/03/01 10:00,2026/03/01 10:01,HC-4002,haircare,2,100.00,¥30.00,
				S2-%1$s,STORE,%2$s,2026/03/02 10:00,2026/03/02 10:00,SK-1001,skincare,two,420.00,,
				S3-%1$s,STORE,13999999999,2026/03/02 10:00,2026/03/02 10:00,SK-1001,skincare,1,420.00,,
				S4-%1$s,STORE,,2026/03/03 10:00,2026/03/03 10:00,BC-5003,bodycare,1,79.00,,
				""".formatted(p, phone);

		String job = upload(csv);
		awaitImport(job)
			.path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRead").entity(Integer.class).isEqualTo(6)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(2);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.row").entityList(Integer.class).containsExactly(4, 5)
			.path("importRejects.edges[*].node.field").entityList(String.class).containsExactly("quantity", "memberPhone")
			.path("importRejects.edges[0].node.column").entity(String.class).isEqualTo("数量");

		// paid 300.00 - 30.00 = 270.00; the return refunds 100.00 and takes back 270 x 100/270 = 100 points
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("270.00")
			.path("member.stats.refundAmount").entity(String.class).isEqualTo("100.00")
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("170.00");
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Integer.class).isEqualTo(100 + 270 + 200 - 100);
		as("storefront").documentName("order").variable("channel", "STORE").variable("orderNumber", "S4-" + p).execute()
			.path("order.memberId").valueIsNull()
			.path("order.paidAmount").entity(String.class).isEqualTo("79.00");

		awaitImport(upload(csv))
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Integer.class).isEqualTo(470);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("170.00");
	}

	@Test
	void returnsCanBeMarkedByAnOrderNumberPrefix() {
		String phone = newPhone();
		String member = registerMember("Prefix Buyer", phone, java.util.List.of());
		String p = phone.substring(7);
		String csv = """
				订单号,渠道,手机号,下单时间,支付时间,商品,品类,数量,单价,优惠,原订单号
				P-%1$s,WEB,%2$s,2026/04/01 10:00,2026/04/01 10:00,HC-4001,haircare,2,50.00,,
				R-P-%1$s,WEB,%2$s,2026/04/03 10:00,,HC-4001,haircare,1,50.00,,
				""".formatted(p, phone);
		String job = startImport("orders", "admin", csv, MAPPING, "PREFIX:R-");
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("50.00");
	}

	/**
	 * A marketplace export says an order was closed only in its status, paid or not: translated to CANCELLED, the order
	 * is kept but counts nowhere, as if it had a cancellation time.
	 */
	@Test
	void anOrderWhoseStatusSaysCancelledIsKeptAndCountsNowhere() {
		String phone = newPhone();
		String member = registerMember("Closed Orders", phone, java.util.List.of());
		String p = phone.substring(7);
		String csv = """
				订单编号,手机号,下单时间,付款时间,商品,数量,单价,订单状态
				TB1-%1$s,%2$s,2026-03-01 10:00,2026-03-01 10:01,SK-1001,1,420.00,交易成功
				TB2-%1$s,%2$s,2026-03-02 10:00,2026-03-02 10:01,SK-1001,1,420.00,交易关闭
				""".formatted(p, phone);
		String mapping = """
				{"orderNumber":"订单编号","channel":{"value":"TMALL"},"memberPhone":"手机号","placedAt":"下单时间",
				 "paidAt":"付款时间","sku":"商品","quantity":"数量","unitPrice":"单价",
				 "status":{"column":"订单状态","values":{"交易关闭":"CANCELLED"}}}""";

		awaitImport(startImport("orders", "crm", csv, mapping, null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2);

		as("crm").document("{ order(channel: TMALL, orderNumber: \"TB2-%s\") { status cancelledAt } }".formatted(p)).execute()
			.path("order.status").entity(String.class).isEqualTo("CANCELLED")
			.path("order.cancelledAt").entity(String.class).isEqualTo("2026-03-02T02:00:00Z");
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("420.00");
	}

	/**
	 * A European shop's export: semicolons, decimal commas, euro signs, day-first dates. Amounts load in the import's
	 * currency; a price written in another currency is refused naming it, never stored as euros.
	 */
	@Test
	void aEuropeanExportWithDecimalCommasLoadsInItsCurrency() {
		String phone = newPhone();
		String member = registerMember("Euro Buyer", phone, java.util.List.of());
		String p = phone.substring(7);
		String csv = """
				Bestellnummer;Telefon;Datum;Artikel;Menge;Einzelpreis;Rabatt
				DE-%1$s;%2$s;03.03.2026 10:00;HC-4001;2;1.299,50 €;10,00 €
				DE-%1$s;%2$s;03.03.2026 10:00;HC-4002;1;0,99 €;10,00 €
				DX-%1$s;%2$s;04.03.2026 10:00;HC-4002;1;$5.00;
				""".formatted(p, phone);
		String mapping = """
				{"orderNumber":"Bestellnummer","channel":{"value":"WEB"},"memberPhone":"Telefon","placedAt":"Datum",
				 "paidAt":{"sameAs":"placedAt"},"sku":"Artikel","quantity":"Menge","unitPrice":"Einzelpreis","discount":"Rabatt"}""";
		String job = startImport("orders", "crm", csv, java.util.Map.of("mapping", mapping, "delimiter", "semicolon",
				"decimal", "comma", "currency", "EUR", "dateFormat", "dd.MM.yyyy HH:mm", "zone", "Europe/Berlin"));

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.field").entity(String.class).isEqualTo("unitPrice")
			.path("importRejects.edges[0].node.value").entity(String.class).isEqualTo("$5.00")
			.path("importRejects.edges[0].node.reason").entity(String.class).satisfies(reason -> org.assertj.core.api
				.Assertions.assertThat(reason).contains("is not in EUR"));
		as("crm").document("""
				{ order(channel: WEB, orderNumber: "DE-%s") { paidAmount currency lines { unitPrice amount } } }"""
			.formatted(p)).execute()
			.path("order.currency").entity(String.class).isEqualTo("EUR")
			.path("order.lines[*].unitPrice").entityList(String.class).containsExactly("1299.50", "0.99")
			.path("order.paidAmount").entity(String.class).isEqualTo("2589.99");
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("2589.99");
	}

	/**
	 * An admin grid's export (Magento's, WooCommerce's default) holds orders, not lines: one row per order with its
	 * total. It loads as orders of one line each, with constants for what it does not say.
	 */
	@Test
	void anExportOfOrderTotalsLoadsAsOrdersOfOneLine() {
		String phone = newPhone();
		String member = registerMember("Grid Buyer", phone, java.util.List.of());
		String p = phone.substring(7);
		String csv = """
				ID,Purchase Date,Bill-to Phone,Grand Total (Purchased),Status
				G1-%1$s,"Mar 1, 2026 10:42:09 AM",%2$s,"$1,280.00",complete
				G2-%1$s,"Mar 2, 2026 9:00:00 AM",%2$s,$20.00,canceled
				""".formatted(p, phone);
		String mapping = """
				{"orderNumber":"ID","channel":{"value":"WEB"},"memberPhone":"Bill-to Phone","placedAt":"Purchase Date",
				 "paidAt":{"sameAs":"placedAt"},"status":"Status","sku":{"value":"ORDER"},"quantity":{"value":"1"},
				 "lineAmount":"Grand Total (Purchased)"}""";
		String job = startImport("orders", "crm", csv, java.util.Map.of("mapping", mapping, "currency", "USD"));

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.grossSpend").entity(String.class).isEqualTo("1280.00");
		as("crm").document("{ order(channel: WEB, orderNumber: \"G2-%s\") { status lines { sku quantity amount } } }"
			.formatted(p)).execute()
			.path("order.status").entity(String.class).isEqualTo("CANCELLED")
			.path("order.lines[*].amount").entityList(String.class).containsExactly("20.00");
	}

	private String upload(String csv) {
		return startImport("orders", "crm", csv, MAPPING, null);
	}

}
