package io.membergraph.docs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.membergraph.DemoDataTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every command and query the README and {@code docs/} show, run against the service with demo data, so that the
 * documentation cannot drift from the product: shell blocks run in bash as a reader would paste them (curl against
 * this service, the command-line import, {@code localhost:8080} being this test's port), GraphQL blocks and inline
 * queries run as ADMIN, segment examples are previewed. Each must succeed: exit code 0, HTTP 2xx, no GraphQL
 * error. Commands that start a service or a build ({@code mvn}, {@code docker}) are checked against the build
 * files instead. A block the test does not know how to check fails it, so new documentation is checked too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentationTests extends DemoDataTest {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PLACEHOLDER = Pattern.compile("<(\\w+) id>");

	private static final Pattern GRAPHQL_INLINE = Pattern.compile("^(\\{ |mutation \\{|query[ ({])[\\s\\S]*\\}$");

	private static final Pattern FIELD_INLINE = Pattern.compile("^[a-z][A-Za-z]*\\(.*\\)\\s*\\{.*\\}$");

	/** Plain blocks that are not commands or queries, known by their first line, and what they are. */
	private static final Map<String, String> NOT_COMMANDS = Map.of(
			"query       = or ;", "the grammar of the segment language",
			"unknown field 'teir' at 1:1 — did you mean 'tier'?", "error messages, as the parser words them",
			"\"phone\": \"手机号\"                         a column (or {\"column\": \"手机号\"})",
			"the shapes of a mapping, each used by the import examples",
			"curl -X POST -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: text/csv\" \\",
			"a contacts upload, which needs ids of a launched campaign's audience: CampaignLaunchAndResponseApiTests "
					+ "sends it");


	@TempDir
	Path work;


	@TestFactory
	@Order(1)
	Stream<DynamicTest> theReadme() throws IOException {
		return checks(Path.of("README.md"));
	}

	@TestFactory
	@Order(2)
	Stream<DynamicTest> theDocs() throws IOException {
		List<Path> docs;
		try (Stream<Path> files = Files.list(Path.of("docs"))) {
			docs = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
		}
		List<DynamicTest> tests = new ArrayList<>();
		for (Path doc : docs) {
			tests.addAll(checks(doc).toList());
		}
		return tests.stream();
	}

	/** What docs/data-integration.md says its example imports (run above, by curl and again by the command line) did. */
	@Test
	@Order(3)
	void theExampleImportsDidWhatTheDocsSay() throws Exception {
		String members = "{ a: memberByContact(phone: \"13900000101\") { ...m } b: memberByContact(phone: \"13900000102\") "
				+ "{ ...m } c: memberByContact(phone: \"13900000103\") { ...m } } "
				+ "fragment m on Member { name stats { orderCount grossSpend refundCount refundAmount totalSpend } }";
		JsonNode data = JSON.readTree(graphQl(members, new Session(null, new HashMap<>()))).get("data");

		assertThat(data.get("a").get("name").asString()).isEqualTo("张伟");
		// 536365: six holders at 2.55 and free postage; C536365 returns one holder.
		assertThat(data.get("a").get("stats").toString()).isEqualTo(
				"{\"orderCount\":1,\"grossSpend\":\"15.30\",\"refundCount\":1,\"refundAmount\":\"2.55\",\"totalSpend\":\"12.75\"}");
		// 536366 in two places in the file, 536367 at 1.6875 a unit.
		assertThat(data.get("b").get("stats").toString()).isEqualTo(
				"{\"orderCount\":2,\"grossSpend\":\"76.20\",\"refundCount\":0,\"refundAmount\":\"0.00\",\"totalSpend\":\"76.20\"}");
		// C536380's invoice is not in the file: a credit note of 王芳.
		assertThat(data.get("c").get("stats").get("refundAmount").asString()).isEqualTo("8.50");

		// Olist's lines, orders and customers: each person's orders under two per-order customer ids are one member's.
		String olist = "{ a: memberByIdentity(channel: WEB, externalId: \"25bf0679e0760ca3ea963b58df09357b\") { ...m } "
				+ "b: memberByIdentity(channel: WEB, externalId: \"7bc5facc16e3374ba9878dd45fdcd335\") { ...m } } "
				+ "fragment m on Member { stats { orderCount totalSpend } }";
		JsonNode people = JSON.readTree(graphQl(olist, new Session(null, new HashMap<>()))).get("data");
		assertThat(people.get("a").get("stats").toString()).isEqualTo("{\"orderCount\":2,\"totalSpend\":\"178.68\"}");
		// The canceled order counts nowhere.
		assertThat(people.get("b").get("stats").toString()).isEqualTo("{\"orderCount\":1,\"totalSpend\":\"45.00\"}");

		// A shop API's answer saved as JSON: the customers' array, nested addresses by their path.
		String customers = "{ a: memberByIdentity(channel: WEB, externalId: \"7001\") { ...m } "
				+ "b: memberByContact(phone: \"13900000302\") { ...m } } "
				+ "fragment m on Member { name phone email tags region { province city } }";
		JsonNode shop = JSON.readTree(graphQl(customers, new Session(null, new HashMap<>()))).get("data");
		assertThat(shop.get("a").toString()).isEqualTo("{\"name\":\"Li Na\",\"phone\":\"13900000301\","
				+ "\"email\":\"li.na@example.com\",\"tags\":[\"vip\",\"newsletter\"],"
				+ "\"region\":{\"province\":\"浙江\",\"city\":\"杭州\"}}");
		assertThat(shop.get("b").get("name").asString()).isEqualTo("Zhou Jie");
	}

	/** One test per block and inline query, run in the document's order, sharing the shell's variables. */
	private Stream<DynamicTest> checks(Path file) throws IOException {
		Markdown doc = Markdown.read(file);
		Session session = new Session(Files.createTempFile(work, "shell", ".sh"), new HashMap<>());
		List<DynamicTest> tests = new ArrayList<>();
		for (Markdown.Block block : doc.blocks()) {
			tests.add(DynamicTest.dynamicTest(block.where() + " " + block.language(), () -> check(block, session)));
		}
		for (Markdown.Inline inline : doc.inlines()) {
			String query = inlineQuery(inline.code());
			if (query != null) {
				tests.add(DynamicTest.dynamicTest(inline.where() + " " + abbreviated(inline.code()),
						() -> graphQl(query, session)));
			}
		}
		return tests.stream();
	}

	private record Session(Path shellState, Map<String, String> ids) {
	}

	private void check(Markdown.Block block, Session session) throws Exception {
		switch (block.language()) {
			case "bash" -> {
				for (String command : Markdown.commands(block.text())) {
					shell(command, session);
				}
			}
			case "graphql" -> {
				for (String operation : Markdown.operations(block.text())) {
					graphQl(operation, session);
				}
			}
			case "yaml" -> assertThat(Files.readString(Path.of("src/main/resources/application.yml")))
				.as("configuration shown in %s is the application's", block.where())
				.contains(block.text().lines().filter(l -> l.contains(":") && !l.strip().endsWith(":")).findFirst()
					.map(l -> l.replaceAll("#.*", "").strip()).orElseThrow());
			case "" -> plain(block, session);
			default -> fail("%s: a %s block; the documentation test does not know how to check it", block.where(),
					block.language());
		}
	}

	private void plain(Markdown.Block block, Session session) throws Exception {
		String first = block.firstLine();
		if (NOT_COMMANDS.containsKey(first)) {
			return;
		}
		if (first.startsWith("curl ")) {
			for (String command : Markdown.commands(block.text())) {
				shell(command, session);
			}
		}
		else if (first.startsWith("pom.xml")) {
			// A layout: each line a path, indented lines inside the directory above them.
			String parent = "";
			for (String line : block.text().lines().toList()) {
				String path = line.strip().split("\\s+")[0];
				boolean inside = line.startsWith(" ");
				assertThat(ROOT.resolve(inside ? parent + path : path)).as("%s names %s", block.where(), path).exists();
				if (!inside) {
					parent = path;
				}
			}
		}
		else if (block.file().endsWith("segments.md") && first.startsWith("tier IN")) {
			for (String query : block.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
				graphQl("{ previewSegment(query: " + JSON.writeValueAsString(query) + ") { members } }", session);
			}
		}
		else {
			fail("%s: a block starting '%s'; say in DocumentationTests how to check it", block.where(), first);
		}
	}

	/** GraphQL in running text: a whole operation, or one field with its selection. */
	private static String inlineQuery(String code) {
		if (GRAPHQL_INLINE.matcher(code).matches()) {
			return code;
		}
		return FIELD_INLINE.matcher(code).matches() ? "{ " + code + " }" : null;
	}

	private String graphQl(String operation, Session session) throws Exception {
		String query = withIds(operation, session);
		HttpResponse<String> answer = asAdmin(query);
		assertThat(answer.statusCode()).as(query).isEqualTo(200);
		assertNoErrors(query, answer.body());
		rememberIds(JSON.readTree(answer.body()), session);
		return answer.body();
	}

	/** {@code <campaign id>} is the id of the last {@code campaign} an earlier query of the document answered. */
	private static String withIds(String text, Session session) {
		Matcher placeholder = PLACEHOLDER.matcher(text);
		StringBuilder filled = new StringBuilder();
		while (placeholder.find()) {
			String id = session.ids().get(placeholder.group(1));
			assertThat(id).as("an earlier example answers the %s that '%s' needs", placeholder.group(1), placeholder.group())
				.isNotNull();
			placeholder.appendReplacement(filled, Matcher.quoteReplacement(id));
		}
		return placeholder.appendTail(filled).toString();
	}

	private static void rememberIds(JsonNode node, Session session) {
		if (node.isArray()) {
			node.values().forEach(element -> rememberIds(element, session));
			return;
		}
		node.properties().forEach(property -> {
			JsonNode value = property.getValue();
			if (value.isObject() && value.hasNonNull("id")) {
				session.ids().put(property.getKey(), value.get("id").asString());
			}
			if (value.isContainer()) {
				rememberIds(value, session);
			}
		});
	}

	private static void assertNoErrors(String what, String output) {
		assertThat(output).as("%s answered errors", what).doesNotContainPattern("\"errors\"\\s*:\\s*\\[\\s*\\{");
	}

	private void shell(String command, Session session) throws Exception {
		String runnable = runnable(command);
		if (runnable == null) {
			return;
		}
		Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
		String script = """
				curl() { command curl -w '%%{stderr}HTTP %%{http_code}\\n' "$@"; }
				source %s
				%s
				status=$?
				for name in %s; do [ -v "$name" ] && declare -p "$name" >> %s; done
				exit $status
				""".formatted(session.shellState(), withIds(runnable, session), String.join(" ", assigned(command)),
				session.shellState());
		ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile());
		bash.environment().put("PATH", java.getParent() + ":" + System.getenv("PATH"));
		bash.environment().put("MG_CLASSPATH", System.getProperty("surefire.test.class.path",
				System.getProperty("java.class.path")));
		Path out = Files.createTempFile(work, "out", ".txt");
		Path err = Files.createTempFile(work, "err", ".txt");
		Process process = bash.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("%s did not end within 3 minutes", command);
		}
		String stdout = Files.readString(out, StandardCharsets.UTF_8);
		String stderr = Files.readString(err, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("exit code of %s%nout: %s%nerr: %s", command, stdout, stderr).isZero();
		for (String line : stderr.lines().filter(l -> l.startsWith("HTTP ")).toList()) {
			assertThat(line).as("%s%nout: %s", command, stdout).matches("HTTP 2\\d\\d");
		}
		assertNoErrors(command, stdout);
		if (stdout.strip().startsWith("{")) {
			rememberIds(JSON.readTree(stdout), session);
		}
	}

	/** The names a command assigns in the shell, to keep for the commands after it. */
	private static List<String> assigned(String command) {
		Matcher assignment = Pattern.compile("^([A-Z][A-Z0-9_]*)=").matcher(command);
		return assignment.find() ? List.of(assignment.group(1)) : List.of();
	}

	/**
	 * The command as this test runs it (this service's port, the built classes for the jar, the embedded store for
	 * MongoDB); null for commands that build or start things, which are checked against the build files here.
	 */
	private String runnable(String command) throws IOException {
		String program = command.replace("\\\n", " ").replaceAll("^([A-Z][A-Z0-9_]*=('[^']*'|\"[^\"]*\"|\\S*)\\s+)+", "");
		String pom = Files.readString(Path.of("pom.xml"));
		if (program.startsWith("mvn ")) {
			Matcher profile = Pattern.compile("-P(\\w+)").matcher(program);
			while (profile.find()) {
				assertThat(pom).as("profile of %s", command).contains("<id>" + profile.group(1) + "</id>");
			}
			Matcher execution = Pattern.compile("exec:exec@([\\w-]+)").matcher(program);
			while (execution.find()) {
				assertThat(pom).as("execution of %s", command).contains("<id>" + execution.group(1) + "</id>");
			}
			if (program.contains("spring-boot:run")) {
				assertThat(pom).contains("<artifactId>spring-boot-maven-plugin</artifactId>");
			}
			return null;
		}
		if (program.startsWith("cp ")) {
			// Copies a template for the reader to fill in (a .env of secrets): the template must exist.
			assertThat(Path.of(program.split("\\s+")[1])).as("what %s copies", command).exists();
			return null;
		}
		if (program.startsWith("docker ")) {
			assertThat(Path.of("docker-compose.yml")).exists();
			return null;
		}
		String jar = "target/" + tag(pom, "artifactId") + "-" + tag(pom, "version") + ".jar";
		if (program.startsWith("java -jar ")) {
			assertThat(program).as("the jar the build makes").startsWith("java -jar " + jar);
		}
		return command.replace("localhost:8080", "localhost:" + port)
			.replace("java -jar " + jar, "java -cp \"$MG_CLASSPATH\" io.membergraph.MemberGraphApplication")
			.replace("mongodb://localhost:27017/membergraph", mongoUri);
	}

	/** The project's own coordinates: the first tag after the parent's. */
	private static String tag(String pom, String name) {
		String own = pom.substring(pom.indexOf("</parent>"));
		return own.substring(own.indexOf("<" + name + ">") + name.length() + 2, own.indexOf("</" + name + ">"));
	}

	private static String abbreviated(String code) {
		return code.length() <= 60 ? code : code.substring(0, 57) + "...";
	}

}
