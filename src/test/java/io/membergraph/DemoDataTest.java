package io.membergraph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that need the demo data a newcomer starts with (a smaller run of the same generator and
 * loader), in a database of its own beside the other tests' data: one shared context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "membergraph.store.embedded-database=demo", "membergraph.seed.enabled=true",
				"membergraph.seed.members=400", "membergraph.seed.orders=4000", "membergraph.seed.interactions=8000",
				"membergraph.demo.accounts=true", "membergraph.import.spool-dir=target/demo-import-spool" })
@Import(PinnedClockConfiguration.class)
public abstract class DemoDataTest {

	@LocalServerPort
	protected int port;

	/** The database the demo data is in, for a second process to reach. */
	@Value("${spring.mongodb.uri}")
	protected String mongoUri;

	protected final HttpClient http = HttpClient.newHttpClient();

	private String adminToken;

	/** A GraphQL request as ADMIN, answered as it comes. */
	protected HttpResponse<String> asAdmin(String query) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Authorization", "Bearer " + adminToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build()
				.writeValueAsString(java.util.Map.of("query", query))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	protected String adminToken() throws Exception {
		if (adminToken == null) {
			HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"demo\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			adminToken = JsonMapper.builder().build().readTree(token.body()).get("access_token").asString();
		}
		return adminToken;
	}

}
