package io.membergraph.ingest.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJobs;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** A dirty, multi-channel member export loaded through the API, with a mapping from its own column names. */
class MemberImportTests extends ApplicationTest {

	private static final String MAPPING = """
			{"name":"会员姓名","gender":"性别","birthDate":"生日","phone":"手机号","email":"邮箱","province":"省份",
			 "city":"城市","channel":"渠道","externalId":"渠道ID","unionId":"unionid","joinedAt":"注册时间","tags":"标签"}""";

	@Test
	void aDirtyExportLoadsItsGoodRowsLinksOneCustomerAcrossChannelsAndReportsEveryBadRow() {
		String wang = newPhone();
		String csv = """
				会员姓名,性别,生日,手机号,邮箱,省份,城市,渠道,渠道ID,unionid,注册时间,标签
				王静,女,1990/05/01,+86 %1$s,Wang.Jing.%1$s@Example.com,广东省,广州市,TMALL,tb-%1$s,,2025-01-05 10:00:00,vip;gift
				王静,女,1990/05/01,+86 %1$s,Wang.Jing.%1$s@Example.com,广东省,广州市,TMALL,tb-%1$s,,2025-01-05 10:00:00,vip;gift
				王静,F,,%1$s,,,,WECHAT,o-%1$s,u-%1$s,2025/02/01,
				王静,,,,wang.jing.%1$s@example.com,,,JD,jd-%1$s,,20250301,
				,男,1985-01-01,%2$s,,,,WEB,w-%2$s,,2025-01-01,
				李强,男,1985-13-01,%3$s,,,,WEB,w-%3$s,,2025-01-01,
				张伟,robot,,%4$s,,,,WEB,w-%4$s,,2025-01-01,
				赵敏,女,,12345,,,,APP,a-%1$s,,2025-01-01,
				钱多多,女,,%5$s,,,,APP,a-%5$s,,2025-02-30,
				钱多多,女,,%5$s,,,,APP,a-%5$s,,2025-02-28,
				""".formatted(wang, newPhone(), newPhone(), newPhone(), newPhone());

		String job = upload(csv);
		awaitImport(job)
			.path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRead").entity(Integer.class).isEqualTo(10)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsLinked").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(5);

		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.row").entityList(Integer.class).containsExactly(5, 6, 7, 8, 9)
			.path("importRejects.edges[*].node.field").entityList(String.class)
			.containsExactly("name", "birthDate", "gender", "phone", "joinedAt")
			.path("importRejects.edges[1].node.column").entity(String.class).isEqualTo("生日");

		as("crm").documentName("memberByContact").variable("phone", wang).execute()
			.path("memberByContact.email").entity(String.class).isEqualTo("wang.jing." + wang + "@example.com");
		String id = as("crm").documentName("memberByContact").variable("phone", wang).execute()
			.path("memberByContact.id").entity(String.class).get();
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.identities[*].channel").entityList(String.class).containsExactly("TMALL", "WECHAT", "JD")
			.path("member.region.province").entity(String.class).isEqualTo("广东")
			.path("member.tags").entityList(String.class).containsExactly("vip", "gift");

		String report = http().get().uri("/api/import/jobs/" + job + "/rejects.csv")
			.header("Authorization", "Bearer " + token("crm"))
			.exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(report).startsWith("row,field,column,value,reason,raw")
			.contains("6,birthDate,生日,1985-13-01,\"'1985-13-01' is not a date or date-time in a known format");
	}

	@Test
	void anUnknownJobHasNoRejectReportRatherThanAnEmptyOne() {
		http().get().uri("/api/import/jobs/J-never-started/rejects.csv")
			.header("Authorization", "Bearer " + token("crm"))
			.exchange().expectStatus().isNotFound();
		as("crm").documentName("importRejects").variable("jobId", "J-never-started").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("field", "jobId")
					.containsEntry("reason", "is not an import job")));
	}

	@Test
	void reImportingTheSameFileCreatesNoMemberAndChangesNothing() {
		String phone = newPhone();
		String csv = "name,phone,channel,externalId\n周杰,%1$s,STORE,card-%1$s\n周杰 again,%1$s,APP,app-%1$s\n".formatted(phone);
		awaitImport(upload(csv, "{}"));
		awaitImport(upload(csv, "{}"))
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("members").variable("filter", Map.of("phone", phone)).execute()
			.path("members.edges").entityList(Object.class).hasSize(1);
	}

	@Test
	void aRowThatMatchesTwoMembersIsRejectedAsAMergeCandidate() {
		String first = newPhone();
		String second = newPhone();
		registerMember("Phone Owner", first, List.of());
		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "Mail Owner", "phone", second, "email", "owner-" + second + "@example.com",
					"joinChannel", "WEB"))
			.execute();
		String job = upload("name,phone,email,joinChannel\nWho,%s,owner-%s@example.com,WEB\n".formatted(first, second), "{}");
		awaitImport(job).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.satisfies(reason -> assertThat(reason).contains("merge them"));
	}

	@Test
	void anUnknownMappingFieldOrEntityIsRefusedBeforeAnythingIsRead() {
		http().post()
			.uri(builder -> builder.path("/api/import/members").queryParam("fileName", "m.csv")
				.queryParam("mapping", "{mapping}").build("{\"phnoe\":\"手机号\"}"))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.TEXT_PLAIN).bodyValue("phone\n1\n")
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("mapping.phnoe");
		http().post().uri("/api/import/planets?fileName=m.csv")
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.TEXT_PLAIN).bodyValue("phone\n1\n")
			.exchange().expectStatus().isBadRequest();
		http().post().uri("/api/import/members?fileName=m.csv")
			.header("Authorization", "Bearer " + token("marketer"))
			.contentType(MediaType.TEXT_PLAIN).bodyValue("phone\n1\n")
			.exchange().expectStatus().isForbidden();
	}

	@Test
	void aFileOnThisMachineIsImportedInPlaceWithProgressAsTheCommandLineDoes() throws Exception {
		Path file = Files.createTempFile("members", ".ndjson");
		StringBuilder rows = new StringBuilder();
		for (int i = 0; i < 1_500; i++) {
			rows.append("{\"name\":\"File %d\",\"phone\":\"%s\",\"joinChannel\":\"STORE\"}\n".formatted(i,
					i == 7 ? "not-a-phone" : newPhone()));
		}
		Files.writeString(file, rows);
		List<Long> progress = new ArrayList<>();
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("cli", null,
				List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			ImportJob job = bean(ImportJobs.class).runFile(ImportJob.ImportEntity.MEMBERS, file, Map.of(),
					reported -> progress.add(reported.bytesRead()));
			assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
			assertThat(job.rowsLoaded()).isEqualTo(1_499);
			assertThat(job.rowsRejected()).isEqualTo(1);
			assertThat(progress).last().isEqualTo(Files.size(file));
			assertThat(job.bytes()).isEqualTo(Files.size(file));
			assertThat(job.bytesRead()).isEqualTo(Files.size(file));
			assertThat(job.progress()).isEqualTo(1.0);
			assertThat(file).exists();
		}
		finally {
			SecurityContextHolder.clearContext();
			Files.delete(file);
		}
	}

	/**
	 * A marketing tool's subscription flags load as consents; a customer already known keeps the consents it decided
	 * itself and gains those it never gave, and a flag that is not yes or no rejects its row naming the column.
	 */
	@Test
	void subscriptionFlagsLoadAsConsentsWithoutOverridingTheMembersOwnWord() {
		String known = newPhone();
		String knownId = registerMember("老 顾客", known, List.of());
		as("crm").documentName("setConsent")
			.variable("input", Map.of("memberId", knownId, "channel", "SMS", "granted", true))
			.execute().path("setConsent.errors").entityList(Object.class).hasSize(0);
		String fresh = newPhone();
		String csv = """
				姓名,手机号,短信,Email Marketing Consent
				新 顾客,%1$s,是,SUBSCRIBED
				老 顾客,%2$s,否,NEVER_SUBSCRIBED
				乱 顾客,%3$s,maybe,yes
				""".formatted(fresh, known, newPhone());
		String mapping = """
				{"name":"姓名","phone":"手机号","smsConsent":"短信","emailConsent":"Email Marketing Consent",
				 "joinChannel":{"value":"STORE"}}""";

		awaitImport(upload(csv, mapping)).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsLinked").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);

		String freshId = as("crm").documentName("memberByContact").variable("phone", fresh).execute()
			.path("memberByContact.id").entity(String.class).get();
		assertThat(consents(freshId)).containsExactlyInAnyOrder("SMS true", "EMAIL true");
		assertThat(consents(knownId)).as("SMS as the member said; e-mail, never decided, from the file")
			.containsExactlyInAnyOrder("SMS true", "EMAIL false");
	}

	/**
	 * An export's own columns (a beauty brand's skin type and shoe size) load as the brand's custom attributes,
	 * checked by their definitions; a known customer keeps the values the CRM team set and gains those it lacked;
	 * a stated income band loads too.
	 */
	@Test
	void columnsMappedToCustomAttributesLoadTypedAndFillWhatAKnownMemberLacks() {
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "importSkin", "label", "肤质", "type", "CHOICE", "choices", List.of("dry", "oily")))
			.execute().path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "importShoeSize", "label", "Shoe size", "type", "NUMBER"))
			.execute().path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		String known = newPhone();
		String knownId = registerMember("老 顾客", known, List.of());
		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", knownId, "attributes", List.of(Map.of("key", "importSkin", "value", "dry"))))
			.execute().path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);
		String fresh = newPhone();
		String csv = """
				姓名,手机号,肤质,鞋码,收入
				新 顾客,%1$s,oily,38.5,from 5k to 10k
				老 顾客,%2$s,oily,41,
				乱 顾客,%3$s,purple,40,
				""".formatted(fresh, known, newPhone());
		String mapping = """
				{"name":"姓名","phone":"手机号","attributes.importSkin":"肤质","attributes.importShoeSize":"鞋码",
				 "incomeBand":"收入","joinChannel":{"value":"STORE"}}""";

		String job = upload(csv, mapping);

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsLinked").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.column").entity(String.class).isEqualTo("肤质")
			.path("importRejects.edges[0].node.value").entity(String.class).isEqualTo("purple")
			.path("importRejects.edges[0].node.reason").entity(String.class).satisfies(reason -> assertThat(reason)
				.contains("'purple' is not one of [dry, oily]"));
		String freshId = as("crm").documentName("memberByContact").variable("phone", fresh).execute()
			.path("memberByContact.id").entity(String.class).get();
		assertThat(traits(freshId)).isEqualTo("FROM_5K_TO_10K importShoeSize=38.5 importSkin=oily");
		assertThat(traits(knownId)).as("the skin type the CRM team set stays; the shoe size it lacked is added")
			.isEqualTo("null importShoeSize=41.0 importSkin=dry");
	}

	/** A mapping to an attribute the brand never defined is refused before any row; the layout offers the defined. */
	@Test
	void onlyDefinedAttributesMapAndTheLayoutOffersThemByTheirLabel() {
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "importHair", "label", "Hair type", "type", "TEXT"))
			.execute().path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "importHairToo", "label", "Hair type", "type", "TEXT"))
			.execute().path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		String csv = "姓名,手机号,Hair Type,发色\n新 顾客," + newPhone() + ",curly,black\n";
		String undefined = """
				{"name":"姓名","phone":"手机号","attributes.importHairColour":"发色","joinChannel":{"value":"STORE"}}""";

		http().post().uri("/api/import/members?fileName=customers.csv&mapping={m}", Map.of("m", undefined))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange().expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.problems[0].field").isEqualTo("mapping.attributes.importHairColour")
			.jsonPath("$.problems[0].reason").value(reason -> assertThat((String) reason)
				.contains("'importHairColour' is not a custom attribute the brand has defined").contains("importHair"));
		http().post().uri("/api/import/members/layout?mapping={m}", Map.of("m", "{}"))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.fields[?(@.field == 'attributes.importHair')].why").isEqualTo(List.of("Hair type"))
			.jsonPath("$.fields[?(@.field == 'attributes.importHair')].column").isEqualTo(List.of("Hair Type"))
			// A column is suggested for one field only, though two attributes bear its name.
			.jsonPath("$.fields[?(@.field == 'attributes.importHairToo')].column").isEqualTo(java.util.Collections.singletonList(null));
	}

	/** The member's income band and attributes, as {@code FROM_5K_TO_10K key=value key=value}. */
	private String traits(String memberId) {
		var member = as("crm").document("query($id: ID!) { member(id: $id) { incomeBand attributes { key value } } }")
			.variable("id", memberId).execute();
		List<String> keys = member.path("member.attributes[*].key").entityList(String.class).get();
		List<String> values = member.path("member.attributes[*].value").entityList(String.class).get();
		StringBuilder traits = new StringBuilder(String.valueOf(incomeBand(memberId)));
		for (int i = 0; i < keys.size(); i++) {
			traits.append(' ').append(keys.get(i)).append('=').append(values.get(i));
		}
		return traits.toString();
	}

	private String incomeBand(String memberId) {
		Object band = as("crm").document("query($id: ID!) { member(id: $id) { incomeBand } }").variable("id", memberId)
			.execute().path("member").entity(Map.class).get().get("incomeBand");
		return band == null ? null : band.toString();
	}

	/** A web shop's customer export (Shopify's columns): the name in two columns, tags separated by commas. */
	@Test
	void aCustomerExportWithTheNameInTwoColumnsLoads() {
		String phone = newPhone();
		String csv = """
				First Name,Last Name,Email,Accepts Email Marketing,Phone,Tags
				Ada,Lovelace,ada.%1$s@example.com,yes,+86 %1$s,"vip, newsletter"
				""".formatted(phone);
		String mapping = """
				{"name": {"columns": ["First Name", "Last Name"]}, "email": "Email", "emailConsent": "Accepts Email Marketing",
				 "phone": "Phone", "tags": "Tags", "joinChannel": {"value": "WEB"}}""";

		awaitImport(upload(csv, mapping)).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		String id = as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.name").entity(String.class).isEqualTo("Ada Lovelace")
			.path("member.tags").entityList(String.class).containsExactly("vip", "newsletter");
		assertThat(consents(id)).containsExactly("EMAIL true");
	}

	/** Shopify's customer export as it comes: its customer ids and phones after a spreadsheet's text marker. */
	@Test
	void aShopifyCustomerExportLoadsWithItsIdsAndItsMarkedPhones() {
		String phone = newPhone();
		String customerId = "7" + phone;
		String csv = """
				Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing,Tags
				'%2$s,Grace,Hopper,grace.%1$s@example.com,no,'+86%1$s,yes,
				""".formatted(phone, customerId);
		String withoutChannel = """
				{"name": {"columns": ["First Name", "Last Name"]}, "email": "Email", "phone": "Phone",
				 "externalId": "Customer ID", "smsConsent": "Accepts SMS Marketing", "joinChannel": {"value": "WEB"}}""";
		// A customer id is an id in some channel: the mapping must say which, before any row is read.
		http().post().uri("/api/import/members?fileName=customers.csv&mapping={m}", Map.of("m", withoutChannel))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.problems[*].field").isEqualTo(List.of("mapping.channel"));
		http().post().uri("/api/import/members/layout?mapping={m}", Map.of("m", withoutChannel))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.fields[?(@.field == 'channel')].anyOf[*]").isEqualTo(List.of("channel"))
			.jsonPath("$.problems[*].field").isEqualTo(List.of("mapping.channel"));

		String mapping = withoutChannel.replace("\"joinChannel\": {\"value\": \"WEB\"}", "\"channel\": {\"value\": \"WEB\"}");
		awaitImport(upload(csv, mapping)).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		String id = as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
		as("storefront").documentName("memberByIdentity").variable("channel", "WEB").variable("externalId", customerId)
			.execute().path("memberByIdentity.id").entity(String.class).isEqualTo(id);
		assertThat(consents(id)).containsExactly("SMS true");
	}

	/** A Youzan or Weimob customer export: the whole place in one column, which gives province and city. */
	@Test
	void aWholePlaceInOneColumnLoadsAsProvinceAndCity() {
		String phone = newPhone();
		String csv = """
				客户姓名,手机号,所在地区
				区域甲,%s,广东省 广州市 天河区
				""".formatted(phone);
		awaitImport(upload(csv, """
				{"name": "客户姓名", "phone": "手机号", "province": "所在地区", "joinChannel": {"value": "WECHAT"}}"""))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		as("crm").document("query($phone: String!) { memberByContact(phone: $phone) { region { province city } } }")
			.variable("phone", phone).execute()
			.path("memberByContact.region.province").entity(String.class).isEqualTo("广东")
			.path("memberByContact.region.city").entity(String.class).isEqualTo("广州");
	}

	/**
	 * A customer file opened in a spreadsheet and saved again: its long ids and phones come out as {@code 1.23457E+13}.
	 * Read as written, two customers would share one id and become one member; each such row is refused instead,
	 * saying why, and the row the spreadsheet left whole loads.
	 */
	@Test
	void idsASpreadsheetSavedInScientificNotationAreRefusedNotMerged() {
		String phone = newPhone();
		String csv = """
				Customer ID,Name,Phone
				1.23457E+13,Ada Sci,%s
				1.23457E+13,Bob Sci,%s
				9%3$s,Cy Sci,%3$s
				8%3$s,Di Sci,1.38123E+10
				""".formatted(newPhone(), newPhone(), phone);
		String job = upload(csv, """
				{"externalId": "Customer ID", "name": "Name", "phone": "Phone", "channel": {"value": "WEB"}}""");
		awaitImport(job)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(3);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.field").entityList(String.class)
			.containsExactly("externalId", "externalId", "phone")
			.path("importRejects.edges[*].node.reason").entityList(String.class)
			.satisfies(reasons -> assertThat(reasons)
				.allSatisfy(reason -> assertThat(reason).contains("scientific notation: its digits are lost")));
		as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.name").entity(String.class).isEqualTo("Cy Sci");
	}

	/**
	 * A mailing tool's audience export (Mailchimp's columns): tags as a list of quoted names, phones as 86 and the
	 * number.
	 */
	@Test
	void anAudienceExportWithQuotedTagsAndPhonesAfter86Loads() {
		String phone = newPhone();
		// The cell holds "Customer","VIP"; in CSV each of its quotes is doubled and the cell quoted.
		String csv = "Email Address,First Name,Last Name,Phone Number,TAGS\n"
				+ "lin.%1$s@example.com,Lin,Yue,86%1$s,\"\"\"Customer\"\",\"\"VIP\"\"\"\n".formatted(phone);
		String mapping = """
				{"name": {"columns": ["First Name", "Last Name"]}, "email": "Email Address", "phone": "Phone Number",
				 "tags": "TAGS", "joinChannel": {"value": "WEB"}}""";

		awaitImport(upload(csv, mapping)).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		String id = as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.tags").entityList(String.class).containsExactly("Customer", "VIP");
	}

	private List<String> consents(String memberId) {
		return as("crm").documentName("memberProfile").variable("id", memberId).execute()
			.path("member.consent[*]").entityList(Map.class).get().stream()
			.map(c -> c.get("channel") + " " + c.get("granted"))
			.toList();
	}

	/** A British shop's customers, phones as the British dial them: read as British numbers when the import says so. */
	@Test
	void phonesWithoutTheirCountryCodeLoadAsTheImportsCountry() {
		String digits = newPhone().substring(3);
		String csv = "First Name,Last Name,Phone\nOlivia,Smith,07700 %s\n".formatted(digits.substring(0, 6));
		String mapping = """
				{"name":{"columns":["First Name","Last Name"]},"phone":"Phone","joinChannel":{"value":"WEB"}}""";

		String refused = startImport("members", "crm", csv, Map.of("mapping", mapping));
		awaitImport(refused).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		awaitImport(startImport("members", "crm", csv, Map.of("mapping", mapping, "phoneCountryCode", "+44")))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);

		as("crm").documentName("memberByContact").variable("phone", "+447700" + digits.substring(0, 6)).execute()
			.path("memberByContact.name").entity(String.class).isEqualTo("Olivia Smith");
	}

	/**
	 * A customer whose registration (another import of the same file, the API) has claimed the phone and not yet
	 * written its member as the import looks: the row links to that member when it appears, rather than making a
	 * second member of the customer (which taking over the claim did) or refusing the row.
	 */
	@Test
	void aRowOfACustomerWhoseRegistrationIsBetweenItsTwoWritesLinksToThatMember() throws InterruptedException {
		String phone = newPhone();
		MetRegistration met = duringRegistration("注册中", phone, () -> upload(
				"会员姓名,手机号,渠道,注册时间\n注册中,%s,WEB,2025-01-05 10:00:00\n".formatted(phone), """
						{"name":"会员姓名","phone":"手机号","channel":"渠道","joinedAt":"注册时间"}"""));
		String member = met.memberId();
		String job = met.started();

		awaitImport(job).path("importJob.rowsLinked").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("members").variable("filter", Map.of("phone", phone)).execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(member);
	}

	private String upload(String csv) {
		return upload(csv, MAPPING);
	}

	private String upload(String csv, String mapping) {
		return startImport("members", "crm", csv, mapping, null);
	}

}
