package io.membergraph.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.membergraph.ApplicationTest;
import io.membergraph.engagement.Interaction;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/** A product catalogue and an interaction log loaded from channel exports. */
class CatalogueAndInteractionImportTests extends ApplicationTest {

	@Test
	void productsLoadUpdateAndRejectPrecisely() {
		String suffix = newPhone().substring(5);
		String csv = """
				货号,名称,品类,品牌,价格,状态
				IMP-A%1$s,面霜,skincare,Brand,"¥1,280.00",在售
				IMP-B%1$s,洗发水,haircare,,59,下架
				IMP-C%1$s,无价,haircare,,abc,在售
				,无号,haircare,,10,在售
				IMP-D%1$s,状态不明,haircare,,10,maybe
				""".formatted(suffix);
		String mapping = """
				{"sku":"货号","name":"名称","category":"品类","brand":"品牌","listPrice":"价格","active":"状态"}""";

		String job = startImport("products", "admin", csv, mapping, null);

		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.progress").entity(Double.class).isEqualTo(1.0)
			.path("importJob.bytes").entity(Long.class).isEqualTo((long) csv.getBytes(StandardCharsets.UTF_8).length)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(3);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.field").entityList(String.class).containsExactly("listPrice", "sku", "active")
			.path("importRejects.edges[*].node.column").entityList(String.class).containsExactly("价格", "货号", "状态");
		as("crm").documentName("product").variable("sku", "IMP-A" + suffix).execute()
			.path("product.listPrice").entity(String.class).isEqualTo("1280.00")
			.path("product.active").entity(Boolean.class).isEqualTo(true);

		String updated = csv.replace("洗发水,haircare,,59,下架", "洗发水,haircare,,69,在售");
		awaitImport(startImport("products", "crm", updated, mapping, null))
			.path("importJob.rowsLinked").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("product").variable("sku", "IMP-B" + suffix).execute()
			.path("product.listPrice").entity(String.class).isEqualTo("69.00")
			.path("product.active").entity(Boolean.class).isEqualTo(true);
	}

	/**
	 * Product codes load as the shop writes them, as its orders carry them (a space, Chinese, lower case), and a
	 * preview refuses the rows the import refuses, naming the field.
	 */
	@Test
	void productCodesLoadAsOrdersCarryThemAndThePreviewRefusesAsTheImportDoes() {
		String suffix = newPhone().substring(5);
		String csv = """
				sku,name,category,listPrice
				BANK CHARGES %1$s,Bank charges,fees,0
				面霜 50ml-%1$s,面霜,skincare,128
				gift_%1$s,"two
				lines",gifts,0
				nocat-%1$s,No category,,5
				""".formatted(suffix);
		http().post().uri(builder -> builder.path("/api/import/products/preview").queryParam("mapping", "{m}").build("{}"))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(StandardCharsets.UTF_8))
			.exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.rows[*].outcome").isEqualTo(java.util.List.of("LOADED", "LOADED", "REJECTED", "REJECTED"))
			.jsonPath("$.rows[*].field").isEqualTo(java.util.Arrays.asList(null, null, "name", "category"));

		String job = startImport("products", "admin", csv, "{}", null);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(2);
		as("crm").documentName("product").variable("sku", "面霜 50ml-" + suffix).execute()
			.path("product.listPrice").entity(String.class).isEqualTo("128.00");
		as("crm").documentName("product").variable("sku", "BANK CHARGES " + suffix).execute()
			.path("product.listPrice").entity(String.class).isEqualTo("0.00");
	}

	@Test
	void interactionsFindTheirMemberAndAreNotRecordedTwice() {
		String phone = newPhone();
		String member = registerMember("互动 会员", phone, List.of());
		String csv = """
				手机号,渠道,行为,时间,商品,评分
				%1$s,app,add to cart,2026-05-01 10:00,SK-1001,
				%1$s,APP,Survey-Response,2026-05-02 11:00,,9
				%1$s,APP,survey_response,2026-05-03 11:00,,11
				%1$s,APP,teleport,2026-05-03 11:00,,
				13900000000,APP,visit,2026-05-03 11:00,,
				%1$s,MARS,visit,2026-05-03 11:00,,
				""".formatted(phone);
		String mapping = """
				{"memberPhone":"手机号","channel":"渠道","type":"行为","occurredAt":"时间","sku":"商品","score":"评分"}""";

		// The preview finds each row's member as the import would: the phone no member has is refused there too.
		http().post().uri(builder -> builder.path("/api/import/interactions/preview").queryParam("fileName", "i.csv")
				.queryParam("mapping", "{mapping}").build(mapping))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(StandardCharsets.UTF_8))
			.exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.rows[*].outcome").isEqualTo(List.of("LOADED", "LOADED", "REJECTED", "REJECTED", "REJECTED", "REJECTED"))
			.jsonPath("$.rows[4].field").isEqualTo("memberPhone");

		String job = startImport("interactions", "crm", csv, mapping, null);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(4);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.field").entityList(String.class)
			.containsExactly("score", "type", "memberPhone", "channel");
		as("crm").documentName("memberInteractions").variable("id", member).execute()
			.path("member.interactions.edges[*].node.type").entityList(String.class)
			.containsExactly("SURVEY_RESPONSE", "ADD_TO_CART");

		// The same export again, and one with the rows in another file (the digest check is per row, the
		// derived event id per content): nothing is recorded twice.
		awaitImport(startImport("interactions", "crm", csv, mapping, null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("memberInteractions").variable("id", member).execute()
			.path("member.interactions.edges").entityList(Object.class).hasSize(2);
	}

	/** An e-mail tool's event export names its people by e-mail: a member is found by it, an unknown one refused. */
	@Test
	void anEmailToolsEventsFindTheirMembersByEmail() {
		String email = "events." + newPhone() + "@example.com";
		String member = as("crm").documentName("registerMember").variable("input", java.util.Map.of("name", "Event Reader",
				"email", email, "joinChannel", "APP")).execute().path("registerMember.member.id").entity(String.class).get();
		String csv = """
				Email,Event,Time
				%s,Opened Email,2026-05-04 09:00
				nobody.%s,Opened Email,2026-05-04 09:05
				""".formatted(email.toUpperCase(java.util.Locale.ROOT), email);
		String mapping = """
				{"memberEmail":"Email","occurredAt":"Time","channel":{"value":"APP"},
				 "type":{"column":"Event","values":{"Opened Email":"BROWSE"}}}""";

		String job = startImport("interactions", "crm", csv, mapping, null);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.field").entity(String.class).isEqualTo("memberEmail");
		as("crm").documentName("memberInteractions").variable("id", member).execute()
			.path("member.interactions.edges[*].node.type").entityList(String.class).containsExactly("BROWSE");
	}

	/**
	 * A web shop's event log as analytics tools export it (the public Retailrocket log has this shape): Unix times in
	 * milliseconds, anonymous visitors, and its own event names, translated in the mapping or read without their
	 * separators.
	 */
	@Test
	void anEventLogWithUnixTimesAndItsOwnEventNamesLoadsWhole() {
		String visitor = "rr-" + newPhone();
		String csv = """
				timestamp,visitorid,event,itemid,transactionid
				1433221332117,%1$s,View,355908,
				1433224214164,%1$s,addtocart,248676,
				1433221999827,%1$s,transaction,248676,4000
				1433222276276,%1$s,wishlist,248676,
				""".formatted(visitor);
		String mapping = """
				{"visitorId": "visitorid", "occurredAt": "timestamp", "sku": "itemid", "channel": {"value": "WEB"},
				 "type": {"column": "event", "values": {"view": "BROWSE", "transaction": "PAY"}}}""";

		String job = http().post()
			.uri(builder -> builder.path("/api/import/interactions").queryParam("fileName", "events.csv")
				.queryParam("dateFormat", "epoch-millis").queryParam("mapping", "{mapping}").build(mapping))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(StandardCharsets.UTF_8))
			.exchange().expectStatus().isAccepted()
			.expectBody(java.util.Map.class).returnResult().getResponseBody().get("id").toString();

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.row").entity(Integer.class).isEqualTo(4)
			.path("importRejects.edges[0].node.column").entity(String.class).isEqualTo("event")
			.path("importRejects.edges[0].node.reason").entity(String.class).satisfies(reason -> assertThat(reason)
				.startsWith("'wishlist' is not an interaction type").contains("\"values\""));
		List<Interaction> loaded = bean(MongoTemplate.class).find(
				Query.query(Criteria.where("visitorId").is(visitor)).with(Sort.by("occurredAt")), Interaction.class);
		assertThat(loaded).extracting(i -> i.type() + " " + i.occurredAt() + " " + i.sku()).containsExactly(
				"BROWSE 2015-06-02T05:02:12.117Z 355908", "PAY 2015-06-02T05:13:19.827Z 248676",
				"ADD_TO_CART 2015-06-02T05:50:14.164Z 248676");
	}

	@Test
	void anUnknownEntityIsRefusedNamingIt() {
		http().post().uri("/api/import/coupons")
			.header("Authorization", "Bearer " + token("admin"))
			.bodyValue("a,b\n1,2\n")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("entity");
	}

}
