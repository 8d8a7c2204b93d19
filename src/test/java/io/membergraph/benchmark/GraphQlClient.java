package io.membergraph.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A GraphQL client over HTTP signed in as a demo account, for benchmarks that measure what a caller sees. */
final class GraphQlClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final String token;

	GraphQlClient(int port, String username) throws Exception {
		this.base = "http://localhost:" + port;
		JsonNode response = post("/auth/token", Map.of("username", username, "password", "demo"), null);
		this.token = response.get("access_token").asString();
		warmWriter();
	}

	/**
	 * Writes, and encodes for sending, a request body like a segment preview's, without sending it. This client runs
	 * in the benchmark's JVM, and before the first preview it has only written requests without variables: its JSON
	 * writer then meets a map of one variable (a new class to it, whose serializer it builds then) and text beyond
	 * Latin-1 (another encoding path), both cold, and that time was counted in the first preview as the caller saw
	 * it. The service is not touched: it warms its own request path with such variables before ready.
	 */
	private void warmWriter() throws Exception {
		String body = json.writeValueAsString(Map.of("query", "query($q: String!) { __typename }", "variables",
				Map.of("q", "region.province = '广东'")));
		HttpRequest.BodyPublishers.ofString(body);
	}

	/** The query's data; fails on any GraphQL error. */
	JsonNode query(String document) throws Exception {
		return query(document, Map.of());
	}

	JsonNode query(String document, Map<String, Object> variables) throws Exception {
		JsonNode response = post("/graphql", Map.of("query", document, "variables", variables), token);
		if (response.has("errors")) {
			throw new IllegalStateException("GraphQL errors: " + response.get("errors"));
		}
		return response.get("data");
	}

	/**
	 * A request that runs none of the analyses' or segments' code ({@code __typename} of the query root), sent before
	 * a first call so that the call does not also pay for waking the connection and threads after a long pause.
	 */
	JsonNode wake() throws Exception {
		return query("{ __typename }");
	}

	/** Posts a CSV body to a REST endpoint as this account; fails unless it answers 200. */
	JsonNode postCsv(String path, String csv) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "text/csv")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(csv))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private JsonNode post(String path, Object body, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

}
