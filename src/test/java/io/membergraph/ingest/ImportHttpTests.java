package io.membergraph.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.membergraph.ApplicationTest;
import io.membergraph.ingest.internal.ImportSettings;
import io.membergraph.ingest.internal.ImportSpool;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import endpoint as curl and browsers call it: the body's {@code Content-Type} decides how it is read, a
 * multipart form works like a plain body, a form-encoded body (curl's default) is refused with the fix, a full
 * queue answers 503 with {@code Retry-After} and leaves nothing behind, and a preview writes nothing.
 */
class ImportHttpTests extends ApplicationTest {

	private static final String MAPPING = "{\"name\":\"姓名\",\"phone\":\"手机号\",\"joinChannel\":{\"value\":\"STORE\"}}";

	@Test
	void aCsvBodyIsReadAsCsvWithAMappingInTheUrl() {
		String phone = newPhone();
		String job = post("/api/import/members?fileName=pos.csv&mapping={m}", "text/csv",
				"姓名,手机号\n张 CSV,%s\n".formatted(phone).getBytes(StandardCharsets.UTF_8))
			.expectStatus().isAccepted()
			.expectHeader().valueMatches("Location", "/api/import/jobs/J[0-9a-f]+")
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		assertThat(memberNamed(phone)).isEqualTo("张 CSV");
	}

	/** A job is found again after its page was left: the team's imports, newest first, a page at a time. */
	@Test
	void theTeamsImportsAreListedNewestFirstInPages() {
		// A week on: other tests' jobs (started at most a day past the pinned default) are older than these two.
		clock.advance(java.time.Duration.ofDays(7));
		String first = post("/api/import/members?fileName=first.csv&mapping={m}", "text/csv",
				"姓名,手机号\n列表一,%s\n".formatted(newPhone()).getBytes(StandardCharsets.UTF_8))
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		awaitImport(first);
		String second = startImport("members", "admin", "姓名,手机号\n列表二,%s\n".formatted(newPhone()), MAPPING, null);
		awaitImport(second);

		String cursor = as("crm").documentName("importJobs").variable("first", 1).execute()
			.path("importJobs.edges[*].node.id").entityList(String.class).containsExactly(second)
			.path("importJobs.edges[0].node.startedBy").entity(String.class).isEqualTo("admin")
			.path("importJobs.edges[0].node.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJobs.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
			.path("importJobs.pageInfo.endCursor").entity(String.class).get();
		as("crm").documentName("importJobs").variable("first", 1).variable("after", cursor).execute()
			.path("importJobs.edges[*].node.id").entityList(String.class).containsExactly(first)
			.path("importJobs.edges[0].node.fileName").entity(String.class).isEqualTo("first.csv");
		as("marketer").documentName("importJobs").execute().errors()
			.satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(org.springframework.graphql.execution.ErrorType.FORBIDDEN));
	}

	@Test
	void theContentTypeSaysNdjsonWhenTheFileNameDoesNot() {
		String phone = newPhone();
		String job = id(post("/api/import/members?mapping={m}", "application/x-ndjson",
				"{\"姓名\":\"李 NDJSON\",\"手机号\":\"%s\"}\n".formatted(phone).getBytes(StandardCharsets.UTF_8)));
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.format").entity(String.class).isEqualTo("NDJSON");
		assertThat(memberNamed(phone)).isEqualTo("李 NDJSON");
	}

	/** An API's answer saved as it came (the rows in an array the answer names) loads as application/json. */
	@Test
	void aJsonDocumentLoadsItsArraysObjects() {
		String phone = newPhone();
		String answer = """
				{"customers": [{"姓名": "周 JSON", "手机号": "%s", "addresses": [{"city": "Leeds"}]}], "next_page": null}"""
			.formatted(phone);
		String job = id(post("/api/import/members?mapping={m}", "application/json", answer.getBytes(StandardCharsets.UTF_8)));
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.format").entity(String.class).isEqualTo("JSON");
		assertThat(memberNamed(phone)).isEqualTo("周 JSON");
	}

	@Test
	void aGzipBodyIsUnpackedAsItIsRead() throws IOException {
		String phone = newPhone();
		String job = id(post("/api/import/members?format=CSV&mapping={m}", "application/gzip",
				gzip("姓名,手机号\n王 GZIP,%s\n".formatted(phone))));
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		assertThat(memberNamed(phone)).isEqualTo("王 GZIP");
	}

	@Test
	void aMultipartUploadNamesItsFileAndCarriesTheParametersAsFields() {
		String phone = newPhone();
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource("姓名,手机号\n赵 Multipart,%s\n".formatted(phone)
			.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return "shop.csv";
			}

		}).contentType(MediaType.parseMediaType("text/csv"));
		form.part("mapping", MAPPING);
		String job = http().post().uri("/api/import/members")
			.header("Authorization", "Bearer " + token("crm"))
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange().expectStatus().isAccepted()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.fileName").entity(String.class).isEqualTo("shop.csv");
		assertThat(memberNamed(phone)).isEqualTo("赵 Multipart");
	}

	@Test
	void aFormEncodedBodyIsRefusedWithTheFixAndNoJobIsLeft() {
		long jobs = bean(MongoTemplate.class).count(new org.springframework.data.mongodb.core.query.Query(), ImportJob.class);
		post("/api/import/members?fileName=pos.csv&mapping={m}", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
				"姓名,手机号\n钱,13800000000\n".getBytes(StandardCharsets.UTF_8))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.field").isEqualTo("Content-Type")
			.jsonPath("$.reason").value(reason -> assertThat(reason.toString()).contains("text/csv").contains("-F file=@"));
		assertThat(bean(MongoTemplate.class).count(new org.springframework.data.mongodb.core.query.Query(), ImportJob.class))
			.isEqualTo(jobs);
	}

	/**
	 * A form cut off or without its boundary is the client's: 400 naming the file, not a server error. Two files,
	 * or a parameter given twice with different values, are refused rather than one silently taken.
	 */
	@Test
	void anUnreadableOrAmbiguousFormIsRefusedNamingWhatAndLeavesNothing() {
		long jobs = jobCount();
		post("/api/import/members", "multipart/form-data; boundary=XYZ", ("--XYZ\r\nContent-Disposition: form-data; "
				+ "name=\"file\"; filename=\"a.csv\"\r\n\r\n姓名,手机号\n钱,").getBytes(StandardCharsets.UTF_8))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("file")
			.jsonPath("$.reason").value(reason -> assertThat(reason.toString())
				.startsWith("the multipart form cannot be read (").contains("curl -F file=@"));
		post("/api/import/members", "multipart/form-data", "姓名,手机号\n".getBytes(StandardCharsets.UTF_8))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.reason").value(reason -> assertThat(reason.toString()).contains("boundary"));

		MultipartBodyBuilder twoFiles = new MultipartBodyBuilder();
		twoFiles.part("file", csvPart("members.csv", "姓名,手机号\n甲," + newPhone() + "\n"));
		twoFiles.part("file", csvPart("more.csv", "姓名,手机号\n乙," + newPhone() + "\n"));
		twoFiles.part("mapping", MAPPING);
		http().post().uri("/api/import/members")
			.header("Authorization", "Bearer " + token("crm"))
			.body(BodyInserters.fromMultipartData(twoFiles.build()))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.reason").value(reason -> assertThat(reason.toString())
				.startsWith("the multipart form has 2 parts named 'file'"));

		MultipartBodyBuilder mappingTwice = new MultipartBodyBuilder();
		mappingTwice.part("file", csvPart("members.csv", "姓名,手机号\n丙," + newPhone() + "\n"));
		mappingTwice.part("mapping", MAPPING);
		http().post().uri(uri -> uri.path("/api/import/members").queryParam("mapping", "{m}").build("{}"))
			.header("Authorization", "Bearer " + token("crm"))
			.body(BodyInserters.fromMultipartData(mappingTwice.build()))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("mapping")
			.jsonPath("$.reason").value(reason -> assertThat(reason.toString()).startsWith("is given 2 times with different values"));
		assertThat(jobCount()).isEqualTo(jobs);
	}

	private static ByteArrayResource csvPart(String name, String csv) {
		return new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

	@Test
	void anUploadBeyondTheLimitIsRefusedWith413AsABodyOrAsAPartAndLeavesNothing() throws IOException {
		long jobs = jobCount();
		byte[] big = new byte[(int) bean(ImportSettings.class).maxUpload().toBytes() + 1];
		java.util.Arrays.fill(big, (byte) 'x');
		post("/api/import/members?fileName=big.csv&mapping={m}", "text/csv", big)
			.expectStatus().isEqualTo(413)
			.expectBody().jsonPath("$.reason").value(reason -> assertThat(reason.toString()).contains("command line"));
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(big) {

			@Override
			public String getFilename() {
				return "big.csv";
			}

		});
		http().post().uri("/api/import/members")
			.header("Authorization", "Bearer " + token("crm"))
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange().expectStatus().isEqualTo(413);
		MultipartBodyBuilder hugeMapping = new MultipartBodyBuilder();
		hugeMapping.part("file", new ByteArrayResource("name\nA\n".getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return "small.csv";
			}

		});
		hugeMapping.part("mapping", "x".repeat(3 * 1024 * 1024));
		http().post().uri("/api/import/members")
			.header("Authorization", "Bearer " + token("crm"))
			.body(BodyInserters.fromMultipartData(hugeMapping.build()))
			.exchange().expectStatus().isEqualTo(413)
			.expectBody().jsonPath("$.reason").value(reason -> assertThat(reason.toString())
				.contains("fields besides the file (mapping, parameters) hold more than 2097152 bytes"));
		assertThat(jobCount()).isEqualTo(jobs);
		assertThat(spooled()).isEmpty();
	}

	@Test
	void aLayoutNamesTheColumnsTheFieldsTheImportNeedsAndWhatTheMappingLacks() throws IOException {
		byte[] csv = "Order No,SKU,Qty,unit_price,placed_at\nA-1,SK-1,1,9.90,2026-01-02\n".getBytes(StandardCharsets.UTF_8);
		http().post().uri("/api/import/orders/layout?mapping={m}", Map.of("m", "{\"orderNumber\": \"Order No\"}"))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.columns").isEqualTo(List.of("Order No", "SKU", "Qty", "unit_price", "placed_at"))
			// The mapping's column, then the header's own names, case and underscores aside, then the names exports
			// give a field ("Qty").
			.jsonPath("$.fields[?(@.field == 'orderNumber')].column").isEqualTo(List.of("Order No"))
			.jsonPath("$.fields[?(@.field == 'sku')].column").isEqualTo(List.of("SKU"))
			.jsonPath("$.fields[?(@.field == 'unitPrice')].column").isEqualTo(List.of("unit_price"))
			.jsonPath("$.fields[?(@.field == 'quantity')].column").isEqualTo(List.of("Qty"))
			.jsonPath("$.fields[?(@.field == 'storeId')].column").isEqualTo(java.util.Collections.singletonList(null))
			.jsonPath("$.fields[?(@.field == 'unitPrice')].anyOf[*]").isEqualTo(List.of("unitPrice", "lineAmount"))
			.jsonPath("$.fields[?(@.field == 'paidAt')].required").isEqualTo(List.of(true))
			.jsonPath("$.fields[?(@.field == 'storeId')].required").isEqualTo(List.of(false))
			// What the file and mapping leave unprovided: a header name alone provides only a field of its exact name.
			.jsonPath("$.problems[*].field").value(fields -> assertThat((List<Object>) fields)
				.contains("mapping.channel", "mapping.quantity", "mapping.paidAt", "mapping.unitPrice")
				.doesNotContain("mapping.orderNumber"))
			// A column named as the field but for case and underscores is only suggested: mapping it is the user's call.
			.jsonPath("$.problems[?(@.field == 'mapping.unitPrice')].reason").value(reasons -> assertThat(
					((List<?>) reasons).get(0).toString()).endsWith("its column 'unit_price' looks like it: map it, "
							+ "{\"unitPrice\": \"unit_price\"}"));
		assertThat(spooled()).isEmpty();
	}

	/** Shopify's customer export: the name is two columns, suggested joined, and the problem says how to map them. */
	@Test
	void aLayoutSuggestsANameSplitInTwoColumnsJoined() {
		byte[] csv = "Customer ID,First Name,Last Name,Email,Phone\n7,Ada,Lovelace,ada@example.com,\n"
			.getBytes(StandardCharsets.UTF_8);
		layout("members", csv).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.fields[?(@.field == 'name')].column").isEqualTo(java.util.Collections.singletonList(null))
			.jsonPath("$.fields[?(@.field == 'name')].split.columns").isEqualTo(List.of(List.of("First Name", "Last Name")))
			.jsonPath("$.fields[?(@.field == 'name')].split.separator").isEqualTo(List.of(" "))
			.jsonPath("$.fields[?(@.field == 'email')].split").isEqualTo(java.util.Collections.singletonList(null))
			.jsonPath("$.problems[?(@.field == 'mapping.name')].reason").value(reasons -> assertThat(
					((List<?>) reasons).get(0).toString()).endsWith("its columns [First Name, Last Name] look like it: map "
							+ "them joined, {\"name\": {\"columns\": [\"First Name\", \"Last Name\"], \"separator\": \" \"}}"));
	}

	/**
	 * Ta-Feng's grocery log has no order number, only a customer and a day: the layout finds both and says how they
	 * make one.
	 */
	@Test
	void aLayoutOfALogWithoutOrderNumbersSaysHowTheCustomerAndTheDayMakeOne() {
		byte[] csv = ("TRANSACTION_DT,CUSTOMER_ID,AGE_GROUP,PIN_CODE,PRODUCT_SUBCLASS,PRODUCT_ID,AMOUNT,ASSET,SALES_PRICE\n"
				+ "11/1/2000,01104905,45-49,115,110411,4710199010372,2,24,30\n").getBytes(StandardCharsets.UTF_8);
		layout("orders", csv).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.fields[?(@.field == 'placedAt')].column").isEqualTo(List.of("TRANSACTION_DT"))
			.jsonPath("$.problems[?(@.field == 'mapping.orderNumber')].reason").value(reasons -> assertThat(
					((List<?>) reasons).get(0).toString()).endsWith("a log without order numbers makes one order of each "
							+ "customer's day with the two joined, {\"orderNumber\": {\"columns\": [\"CUSTOMER_ID\", "
							+ "\"TRANSACTION_DT\"]}}"));
	}

	@Test
	void aLayoutOfAnUnreadableMappingNamesTheProblem() {
		http().post().uri("/api/import/orders/layout?mapping={m}", Map.of("m", "{\"orderNo\": \"x\"}"))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue("a,b\n".getBytes(StandardCharsets.UTF_8))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.problems[0].field").isEqualTo("mapping.orderNo");
	}

	@Test
	void aPreviewShowsRowsAsTheyWouldLoadAndWritesNothing() {
		String phone = newPhone();
		// The third row's name spans two lines: refused by the preview as the import refuses it.
		byte[] csv = "姓名,手机号,备注\n孙 Preview,%s,x\n周,12345,\n\"钱\n预览\",%s,\n".formatted(phone, newPhone())
			.getBytes(StandardCharsets.UTF_8);
		post("/api/import/members/preview?rows=5&mapping={m}", "text/csv", csv)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.columns").isEqualTo(List.of("姓名", "手机号", "备注"))
			.jsonPath("$.unusedColumns").isEqualTo(List.of("备注"))
			.jsonPath("$.rows[0].outcome").isEqualTo("LOADED")
			.jsonPath("$.rows[0].fields[?(@.field == 'phone')].cleaned").isEqualTo(List.of(phone))
			.jsonPath("$.rows[0].fields[?(@.field == 'joinChannel')].cleaned").isEqualTo(List.of("STORE"))
			.jsonPath("$.rows[1].outcome").isEqualTo("REJECTED")
			.jsonPath("$.rows[1].field").isEqualTo("phone")
			.jsonPath("$.rows[1].column").isEqualTo("手机号")
			.jsonPath("$.rows[1].value").isEqualTo("12345")
			.jsonPath("$.rows[2].outcome").isEqualTo("REJECTED")
			.jsonPath("$.rows[2].field").isEqualTo("name")
			.jsonPath("$.rows[2].reason").value(reason -> assertThat(reason.toString()).contains("one line of text only"));
		as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact").valueIsNull();
	}

	/** The preview names the field a spreadsheet spoilt, and shows an id written with a pandas .0 as it loads. */
	@Test
	void aPreviewShowsIdsAsTheyWouldLoad() {
		byte[] csv = "订单号,商品,数量,单价,下单时间\n2.91123E+18,SK-1,1,9.90,2026-01-02\n5363650.0,SK-1,1,9.90,2026-01-02\n"
			.getBytes(StandardCharsets.UTF_8);
		firstRowRefused("""
				{"orderNumber":"订单号","sku":"商品","quantity":"数量","unitPrice":"单价","placedAt":"下单时间",
				 "paidAt":{"sameAs":"placedAt"},"channel":{"value":"STORE"}}""", csv)
			.jsonPath("$.rows[0].fields[?(@.field == 'orderNumber')].problem").value(problems -> assertThat(
					((List<?>) problems).get(0).toString()).contains("scientific notation"))
			.jsonPath("$.rows[1].fields[?(@.field == 'orderNumber')].cleaned").isEqualTo(List.of("5363650"));
	}

	/**
	 * A row refused by an order's rule, its value cleaned well, shows the reason at the field too, not only on the
	 * row, as a value that does not clean does.
	 */
	@Test
	void aPreviewMarksTheFieldARowWasRefusedFor() {
		byte[] csv = "order,sku,qty,price,placed\nSO 1,SK-1,1,9.90,2026-01-02\n".getBytes(StandardCharsets.UTF_8);
		firstRowRefused("""
				{"orderNumber":"order","sku":"sku","quantity":"qty","unitPrice":"price","placedAt":"placed",
				 "paidAt":{"sameAs":"placedAt"},"channel":{"value":"STORE"}}""", csv)
			.jsonPath("$.rows[0].field").isEqualTo("orderNumber")
			.jsonPath("$.rows[0].fields[?(@.field == 'orderNumber')].problem")
			.isEqualTo(List.of("must be 1-64 letters, digits or _-./#"))
			.jsonPath("$.rows[0].fields[?(@.field == 'sku')].problem").isEqualTo(Arrays.asList((Object) null));
	}

	/** A cell of 100,000 characters is previewed by its start and end, not repeated whole in the answer. */
	@Test
	void aPreviewShowsAHugeCellByItsStartAndEnd() {
		byte[] csv = ("name,phone,joined\n" + "A".repeat(100_000) + ",13800138000,2025-01-01\n").getBytes(StandardCharsets.UTF_8);
		byte[] answer = preview("members", """
				{"name":"name","phone":"phone","joinedAt":"joined","joinChannel":{"value":"WEB"}}""", csv)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.rows[0].outcome").isEqualTo("REJECTED")
			.jsonPath("$.rows[0].field").isEqualTo("name")
			.jsonPath("$.rows[0].fields[?(@.field == 'name')].value").value(values -> assertThat(((List<?>) values).get(0)
				.toString()).startsWith("AAAA").contains("characters left out").hasSizeLessThanOrEqualTo(1_000))
			.returnResult().getResponseBody();
		assertThat(answer).hasSizeLessThan(10_000);
	}

	/** What a spreadsheet saves as "Unicode Text", sent as tab-separated values: read as such without more. */
	@Test
	void aTabSeparatedBodyIsReadWithTabs() {
		String phone = newPhone();
		byte[] text = "\uFEFF姓名\t手机号\n孙 制表\t%s\n".formatted(phone).getBytes(StandardCharsets.UTF_16LE);
		post("/api/import/members/preview?mapping={m}", "text/tab-separated-values", text)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.columns").isEqualTo(List.of("姓名", "手机号"))
			.jsonPath("$.rows[0].outcome").isEqualTo("LOADED")
			.jsonPath("$.rows[0].fields[?(@.field == 'phone')].cleaned").isEqualTo(List.of(phone));
	}

	@Test
	void aFullQueueAnswers503WithRetryAfterAndLeavesNoJobOrUploadBehind() throws Exception {
		int places = bean(ImportSettings.class).queue();
		String path = "/api/import/members?fileName=slow.csv&mapping="
				+ java.net.URLEncoder.encode(MAPPING, StandardCharsets.UTF_8);
		List<SlowUpload> holding = new ArrayList<>();
		try {
			// Uploads still coming in hold their places in the queue.
			for (int i = 0; i < places; i++) {
				holding.add(new SlowUpload(port, path, token("crm"), "姓名,手机号\n", "郑,%s\n".formatted(newPhone())));
			}
			awaitSpooled(places);
			long jobs = jobCount();

			HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Authorization", "Bearer " + token("crm"))
					.header("Content-Type", "text/csv")
					.POST(HttpRequest.BodyPublishers.ofString("姓名,手机号\n吴,%s\n".formatted(newPhone())))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After"))
				.hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
			assertThat(refused.body()).contains("membergraph.import.queue");
			assertThat(jobCount()).as("no job for the refused upload").isEqualTo(jobs);
			assertThat(spooled()).as("no upload kept for it").hasSize(places);

			for (SlowUpload upload : holding) {
				String answer = upload.finish();
				assertThat(answer).startsWith("HTTP/1.1 202");
				awaitImport(answer.replaceAll("(?s).*\"id\":\"(J[0-9a-f]+)\".*", "$1"))
					.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
			}
			awaitSpooled(0);
		}
		finally {
			for (SlowUpload upload : holding) {
				upload.close();
			}
		}
	}

	/** An upload that sends its first part now and the rest when told: the server waits for it meanwhile. */
	private static final class SlowUpload implements AutoCloseable {

		private final java.net.Socket socket;

		private final byte[] rest;

		SlowUpload(int port, String path, String token, String first, String rest) throws IOException {
			byte[] head = first.getBytes(StandardCharsets.UTF_8);
			this.rest = rest.getBytes(StandardCharsets.UTF_8);
			this.socket = new java.net.Socket("localhost", port);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: text/csv\r\nConnection: close\r\nContent-Length: " + (head.length + this.rest.length)
					+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(head);
			out.flush();
		}

		/** Sends the rest and returns the whole answer. */
		String finish() throws IOException {
			socket.getOutputStream().write(rest);
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

	private WebTestClient.ResponseSpec post(String uri, String contentType, byte[] body) {
		return http().post().uri(uri, Map.of("m", MAPPING))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType(contentType))
			.bodyValue(body)
			.exchange();
	}

	/** The layout of a CSV file without a mapping, as CRM_SPECIALIST. */
	private WebTestClient.ResponseSpec layout(String entity, byte[] csv) {
		return http().post().uri("/api/import/" + entity + "/layout")
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange();
	}

	/** A CSV file previewed as CRM_SPECIALIST with the mapping given. */
	/** An order preview, answered, whose first row would be refused. */
	private WebTestClient.BodyContentSpec firstRowRefused(String mapping, byte[] csv) {
		return preview("orders", mapping, csv).expectStatus().isOk().expectBody()
			.jsonPath("$.rows[0].outcome").isEqualTo("REJECTED");
	}

	private WebTestClient.ResponseSpec preview(String entity, String mapping, byte[] csv) {
		return http().post().uri("/api/import/" + entity + "/preview?mapping={m}", Map.of("m", mapping))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange();
	}

	private static String id(WebTestClient.ResponseSpec started) {
		return started.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
	}

	private String memberNamed(String phone) {
		return as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.name").entity(String.class).get();
	}

	private long jobCount() {
		return bean(MongoTemplate.class).count(new org.springframework.data.mongodb.core.query.Query(), ImportJob.class);
	}

	private List<Path> spooled() {
		return SpooledUploads.in(bean(ImportSpool.class));
	}

	private void awaitSpooled(int count) throws Exception {
		SpooledUploads.await(bean(ImportSpool.class), count);
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream zip = new GZIPOutputStream(bytes)) {
			zip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
