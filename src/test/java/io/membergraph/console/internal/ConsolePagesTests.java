package io.membergraph.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import graphql.GraphQLError;
import graphql.parser.Parser;
import graphql.validation.Validator;
import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is served with headers that keep scripts to its own files and forbid framing, and every GraphQL
 * document it runs is valid against the schema and used by a page (no drift between the console and the API).
 */
class ConsolePagesTests extends ApplicationTest {

	private static final Path CONSOLE = Path.of("src/main/resources/static/console");

	@Test
	void thePagesAreServedWithAContentSecurityPolicyWithoutInlineScriptsAndNoFraming() {
		http().get().uri("/console/").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Content-Security-Policy", ConsolePages.CONTENT_SECURITY_POLICY)
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
			.expectBody(String.class).value(html -> assertThat(html).contains("<script type=\"module\" src=\"js/app.js\">"));
		assertThat(ConsolePages.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		http().head().uri("/console/").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("X-Frame-Options", "DENY");
		http().post().uri("/console/").exchange().expectStatus().isForbidden();
	}

	@Test
	void withoutTheTrailingSlashTheConsoleRedirectsSoRelativeLinksResolve() {
		http().get().uri("/console").exchange()
			.expectStatus().is3xxRedirection()
			.expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).endsWith("/console/"));
	}

	@Test
	void noPageHoldsAnInlineScriptOrHandler() throws IOException {
		String html = Files.readString(CONSOLE.resolve("index.html"));
		assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=");
	}

	@Test
	void theChartLibraryComesFromItsWebJar() {
		http().get().uri("/webjars/echarts/5.3.1/dist/echarts.min.js").exchange().expectStatus().isOk();
		// Unpacked from ECharts 4's WebJar by the build (ECharts 5 ships no maps).
		http().get().uri("/console/maps/china.json").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.features[?(@.properties.name == '广东')]").exists();
	}

	@Test
	void everyDocumentTheConsoleRunsIsValidAgainstTheSchemaAndUsedByAPage(@Autowired GraphQlSource graphQl)
			throws IOException {
		String scripts = scripts();
		List<Path> documents = documents();
		assertThat(documents).isNotEmpty();
		for (Path document : documents) {
			String name = document.getFileName().toString().replace(".graphql", "");
			List<? extends GraphQLError> problems = new Validator().validateDocument(graphQl.schema(),
					Parser.parse(Files.readString(document)), java.util.Locale.ROOT);
			assertThat(problems).as(document.toString()).isEmpty();
			assertThat(Files.readString(document)).as(name + " names its operation as its file")
				.containsPattern("(query|mutation) " + name + "\\b");
			assertThat(scripts).as(name + " is run by a page").contains("'" + name + "'");
		}
	}

	@Test
	void theStartUpChecksEveryConsoleDocumentAndTheIntrospectionQueryAndNamesOneTheSchemaDoesNotTake()
			throws IOException {
		List<String> checked = ConsoleDocumentChecks.documents();
		assertThat(checked).hasSize(documents().size() + 1)
			.contains(Files.readString(CONSOLE.resolve("graphql/segmentPreview.graphql")))
			.contains(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
		ConsoleDocumentChecks checks = bean(ConsoleDocumentChecks.class);
		assertThat(checks.check(checked)).isEmpty();
		assertThat(checks.check(List.of("query stale {\n  members { noSuchField }\n}", "{ tiers { code } }")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("query stale {: ")
			.contains("noSuchField");
	}

	@Test
	void theStartUpDocumentChecksTakeARoundCountWithinBounds(@Autowired GraphQlSource graphQl) {
		assertThat(new ConsoleDocumentChecks(graphQl, 0).check(List.of("{ noSuchField }"))).isEmpty();
		for (int rounds : new int[] { -1, 1_001 }) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConsoleDocumentChecks(graphQl, rounds))
				.hasMessage("membergraph.console.document-check-rounds must be between 0 and 1000, not " + rounds);
		}
	}

	@Test
	void theStartUpWarmUpTakesARoundCountWithinBounds() {
		for (int rounds : new int[] { -1, 101 }) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConsoleWarmUp(null, null, null, rounds))
				.hasMessage("membergraph.console.warm-up-rounds must be between 0 and 100, not " + rounds);
		}
	}

	private static List<Path> documents() throws IOException {
		try (Stream<Path> files = Files.list(CONSOLE.resolve("graphql"))) {
			return files.filter(file -> file.toString().endsWith(".graphql")).sorted().toList();
		}
	}

	private static String scripts() throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.walk(CONSOLE.resolve("js"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
				all.append(Files.readString(file));
			}
		}
		return all.toString();
	}

	@Test
	void theStartUpWarmUpRunsTheOverviewsDocumentsWithoutErrorsAndReadsNoPersonalData() {
		var audit = bean(io.membergraph.security.AuditTrail.class);
		var mongo = bean(org.springframework.data.mongodb.core.MongoTemplate.class);
		var byWarmUp = org.springframework.data.mongodb.core.query.Query.query(
				org.springframework.data.mongodb.core.query.Criteria.where("actor").is("console-warm-up"));
		// Enough members for one of its previews to show a sample even to a marketer.
		for (int i = 0; i < 12; i++) {
			registerMember("热身" + i, newPhone(), List.of("vip"));
		}
		as("marketer").document("{ previewSegment(query: \"tags CONTAINS 'vip' OR consent.sms = true\", sample: 10) "
				+ "{ sample { id } } }").execute()
			.path("previewSegment.sample").entityList(Object.class).hasSizeGreaterThan(0);

		// A launched campaign, whose response the warm-up runs too.
		String segment = as("crm").documentName("saveSegment")
			.variable("input", Map.of("name", "Warm-up audience " + newPhone(), "query", "tags CONTAINS 'vip'"))
			.execute()
			.path("saveSegment.segment.id").entity(String.class).get();
		String campaign = as("marketer").documentName("createCampaign")
			.variable("input", Map.of("name", "Warm-up push", "channel", "WECHAT", "startsAt",
					now().minus(Duration.ofHours(1)).toString(), "endsAt",
					now().plus(Duration.ofDays(7)).toString(), "controlGroupShare", 0.1, "targetSegmentId", segment))
			.execute()
			.path("createCampaign.campaign.id").entity(String.class).get();
		as("marketer").documentName("launchCampaign").variable("campaignId", campaign).execute()
			.path("launchCampaign.campaign.status").entity(String.class).isEqualTo("LAUNCHED");

		assertThat(bean(ConsoleWarmUp.class).run()).isEmpty();

		audit.flush();
		assertThat(mongo.count(byWarmUp, io.membergraph.security.AuditTrail.Entry.class))
			.as("personal data read by the warm-up").isZero();
	}

}
