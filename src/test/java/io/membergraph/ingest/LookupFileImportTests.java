package io.membergraph.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.ingest.internal.ImportSpool;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders exported as several files, as Olist's public e-commerce data and Taobao's 宝贝报表 and 订单报表 come: the
 * lines are the import's file, and lookup files add the order's customer and dates by the order number, and the
 * customer's lasting id by the per-order customer id. A line whose key a lookup file lacks, or has on rows that
 * differ, is rejected with the reason; a key column a file lacks refuses the import before anything is read.
 */
class LookupFileImportTests extends ApplicationTest {

	/** Olist's three files, their headers as published; customer_id is one per order, customer_unique_id the person. */
	private static final String ITEMS = "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n";

	private static final String ORDERS = "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
			+ "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n";

	private static final String CUSTOMERS = "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,"
			+ "customer_state\n";

	private static final String MAPPING = """
			{"orderNumber":"order_id","channel":{"value":"WEB"},"memberExternalId":"customer_unique_id",
			 "placedAt":"order_purchase_timestamp","paidAt":"order_approved_at",
			 "deliveredAt":"order_delivered_customer_date","sku":"product_id","quantity":{"value":"1"},
			 "unitPrice":"price","status":"order_status"}""";

	@Test
	void olistsItemsOrdersAndCustomersLoadAsOneCustomersOrders() throws InterruptedException {
		String n = newPhone().substring(4);
		String person = "u" + n;
		String items = ITEMS
				+ "o1%s,1,p-lamp,s1,2017-10-06 11:07:15,29.99,8.72\n".formatted(n)
				+ "o1%s,2,p-lamp,s1,2017-10-06 11:07:15,29.99,8.72\n".formatted(n)
				+ "o2%s,1,p-desk,s2,2018-01-10 10:00:00,118.70,22.76\n".formatted(n)
				+ "o9%s,1,p-ghost,s2,2018-01-10 10:00:00,5.00,1.00\n".formatted(n);
		// The same person bought twice, under two per-order customer ids.
		String orders = ORDERS
				+ "o2%1$s,c2%1$s,delivered,2018-01-03 18:24:47,2018-01-03 18:35:52,2018-01-05 20:48:00,2018-01-12 12:40:55,2018-01-25 00:00:00\n"
					.formatted(n)
				+ "o1%1$s,c1%1$s,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15,2017-10-04 19:55:00,2017-10-10 21:25:13,2017-10-18 00:00:00\n"
					.formatted(n);
		String customers = CUSTOMERS + "c1%1$s,%2$s,03149,sao paulo,SP\nc2%1$s,%2$s,03149,sao paulo,SP\n".formatted(n, person);

		String job = start(Map.of("mapping", MAPPING, "joinOn", "order_id,customer_id", "unknownMembers", "REGISTER",
				"zone", "America/Sao_Paulo", "currency", "BRL"), items, List.of(
						file("olist_orders_dataset.csv", orders), file("olist_customers_dataset.csv", customers)))
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.fileName").entity(String.class).isEqualTo("order_items.csv")
			.path("importJob.lookupFiles").entityList(String.class)
			.containsExactly("olist_orders_dataset.csv", "olist_customers_dataset.csv")
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.row").entity(Integer.class).isEqualTo(4)
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.isEqualTo("row has order_id 'o9%s', which olist_orders_dataset.csv does not have".formatted(n));
		String member = as("crm").documentName("memberByIdentity").variable("channel", "WEB").variable("externalId", person)
			.execute().path("memberByIdentity.id").entity(String.class).get();
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("178.68");
		as("crm").document("{ order(channel: WEB, orderNumber: \"o1%s\") { placedAt paidAt lines { sku quantity } } }"
			.formatted(n)).execute()
			.path("order.placedAt").entity(String.class).isEqualTo("2017-10-02T13:56:33Z")
			.path("order.paidAt").entity(String.class).isEqualTo("2017-10-02T14:07:15Z")
			.path("order.lines[*].sku").entityList(String.class).containsExactly("p-lamp", "p-lamp");
		assertNothingSpooled();
	}

	/** Taobao's item report joined to its order report by 订单编号: a number on two differing rows names no order. */
	@Test
	void aKeyOnRowsThatDifferRejectsTheLinesThatNameIt() {
		String n = newPhone().substring(4);
		String items = "订单编号,商家编码,购买数量,价格\nT1%1$s,SKU-1,1,10.00\nT2%1$s,SKU-2,2,5.00\n".formatted(n);
		String orders = "订单编号,买家会员名,订单付款时间\nT1%1$s,buyer%1$s,2024-05-01 10:00:00\n".formatted(n)
				+ "T2%1$s,buyer%1$s,2024-05-02 10:00:00\nT2%1$s,other%1$s,2024-05-02 10:00:00\n".formatted(n);
		String mapping = """
				{"orderNumber":"订单编号","channel":{"value":"TMALL"},"memberExternalId":"买家会员名","placedAt":"订单付款时间",
				 "paidAt":{"sameAs":"placedAt"},"sku":"商家编码","quantity":"购买数量","unitPrice":"价格"}""";

		String job = start(Map.of("mapping", mapping, "joinOn", "订单编号", "unknownMembers", "REGISTER"), items,
				List.of(file("订单报表.csv", orders)))
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.isEqualTo("row has 订单编号 'T2%s', which 订单报表.csv has on rows that differ: keep one of them".formatted(n));
	}

	@Test
	void aKeyColumnAFileLacksRefusesTheImportBeforeAnyRowIsRead() throws InterruptedException {
		String items = ITEMS + "o1,1,p1,s1,2017-10-06 11:07:15,29.99,8.72\n";
		long jobs = bean(MongoTemplate.class).count(new Query(), ImportJob.class);
		start(Map.of("mapping", MAPPING, "joinOn", "customer_id"), items, List.of(file("olist_orders_dataset.csv",
				"order_id,order_status\n")))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.problems[*].field").isEqualTo(List.of("joinOn", "joinOn"))
			.jsonPath("$.problems[0].reason").isEqualTo("olist_orders_dataset.csv has no column 'customer_id'; its columns "
					+ "are [order_id, order_status]")
			.jsonPath("$.problems[1].reason").value(reason -> assertThat(reason.toString())
				.startsWith("the rows to look up in olist_orders_dataset.csv have no column 'customer_id'"));
		// A lookup file with no key to find it by, and a key with no file.
		start(Map.of("mapping", MAPPING), items, List.of(file("olist_orders_dataset.csv", ORDERS)))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.problems[0].field").isEqualTo("joinOn")
			.jsonPath("$.problems[0].reason").value(reason -> assertThat(reason.toString())
				.startsWith("names 0 key columns and 1 lookup files came"));
		assertNothingSpooled();
		assertThat(bean(MongoTemplate.class).count(new Query(), ImportJob.class)).isEqualTo(jobs);
	}

	/** The layout lists every file's columns, so the mapping can name a lookup file's; the preview shows them joined. */
	@Test
	void theLayoutAndPreviewReadTheLookupFilesToo() throws InterruptedException {
		String items = ITEMS + "o1,1,p-lamp,s1,2017-10-06 11:07:15,29.99,8.72\n";
		String orders = ORDERS + "o1,c1,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15,,,2017-10-18 00:00:00\n";
		Map<String, String> parameters = Map.of("mapping", MAPPING, "joinOn", "order_id,customer_id");
		List<Map.Entry<String, String>> lookups = List.of(file("orders.csv", orders), file("customers.csv",
				CUSTOMERS + "c1,u1,03149,sao paulo,SP\n"));

		startAt("/api/import/orders/layout", parameters, items, lookups).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.columns").value(columns -> assertThat((List<Object>) columns)
				.startsWith("order_id", "order_item_id").contains("order_purchase_timestamp", "customer_unique_id")
				.containsOnlyOnce("order_id", "customer_id"))
			.jsonPath("$.problems").isEmpty();
		startAt("/api/import/orders/preview", parameters, items, lookups).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.rows[0].fields[?(@.field == 'memberExternalId')].cleaned").isEqualTo(List.of("u1"))
			.jsonPath("$.rows[0].fields[?(@.field == 'paidAt')].value").isEqualTo(List.of("2017-10-02 11:07:15"));
		assertNothingSpooled();
	}

	/** A lookup file with a row that cannot be read fails the job with the file and row: its keys would mislead. */
	@Test
	void anUnreadableLookupRowFailsTheJobNamingTheFile() throws InterruptedException {
		String items = ITEMS + "o1,1,p-lamp,s1,2017-10-06 11:07:15,29.99,8.72\n";
		String job = start(Map.of("mapping", MAPPING.replace("customer_unique_id", "customer_id"), "joinOn", "order_id"), items,
				List.of(file("orders.csv",
				ORDERS + "o1,c1,delivered\n")))
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("FAILED")
			.path("importJob.failure").entity(String.class)
			.isEqualTo("orders.csv: row 1 has 3 values where the header has 8; a lookup file must be readable throughout");
		assertNothingSpooled();
	}

	/** A job cut short is resumed with the same files: a lookup file that differs is not the job's. */
	@Test
	void anInterruptedJobResumesOnlyWithTheSameLookupFiles() {
		String n = newPhone().substring(4);
		String items = ITEMS + "r1%s,1,p-lamp,s1,2017-10-06 11:07:15,29.99,8.72\n".formatted(n);
		String orders = ORDERS + "r1%1$s,c%1$s,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15,,,2017-10-18 00:00:00\n"
			.formatted(n);
		Map<String, String> parameters = Map.of("mapping", MAPPING.replace("customer_unique_id", "customer_id"), "joinOn",
				"order_id", "unknownMembers", "REGISTER");
		String job = start(parameters, items, List.of(file("orders.csv", orders)))
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED");
		// As the restart after a crash marks it.
		bean(MongoTemplate.class).updateFirst(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
			.is(job)), new org.springframework.data.mongodb.core.query.Update().set("status", ImportJob.Status.INTERRUPTED),
				ImportJob.class);

		start(Map.of("resume", job), items, List.of(file("orders.csv", orders.replace("delivered", "shipped"))))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("resume")
			.jsonPath("$.reason").value(reason -> assertThat(reason.toString())
				.contains("upload the same file with the same lookup files [orders.csv]"));
		start(Map.of("resume", job), items, List.of(file("orders.csv", orders))).expectStatus().isAccepted();
		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void moreLookupFilesThanAnImportTakesAreRefused() {
		String lookup = "order_id,x\no1,1\n";
		start(Map.of("mapping", MAPPING, "joinOn", "order_id,order_id,order_id"), ITEMS, List.of(file("a.csv", lookup),
				file("b.csv", lookup), file("c.csv", lookup), file("d.csv", lookup)))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.problems[0].field").isEqualTo("lookup")
			.jsonPath("$.problems[0].reason").isEqualTo("4 lookup files came; an import takes at most 3");
	}

	private static Map.Entry<String, String> file(String name, String content) {
		return Map.entry(name, content);
	}

	private WebTestClient.ResponseSpec start(Map<String, String> parameters, String items,
			List<Map.Entry<String, String>> lookups) {
		return startAt("/api/import/orders", parameters, items, lookups);
	}

	private WebTestClient.ResponseSpec startAt(String path, Map<String, String> parameters, String items,
			List<Map.Entry<String, String>> lookups) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", named("order_items.csv", items)).contentType(MediaType.parseMediaType("text/csv"));
		lookups.forEach(lookup -> form.part("lookup", named(lookup.getKey(), lookup.getValue()))
			.contentType(MediaType.parseMediaType("text/csv")));
		parameters.forEach(form::part);
		return http().post().uri(path)
			.header("Authorization", "Bearer " + token("crm"))
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange();
	}

	private static ByteArrayResource named(String name, String content) {
		return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

	private void assertNothingSpooled() throws InterruptedException {
		SpooledUploads.await(bean(ImportSpool.class), 0);
	}

}
