package io.membergraph;

import java.util.Map;

import io.membergraph.graphql.WarmUpPass;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Probes for a deployment: liveness and readiness are public, health's details are ADMIN's, info names the build;
 * while the application is not ready (start-up work such as the demo data still running) the API says so with 503
 * and Retry-After instead of answering from empty data.
 */
class HealthAndReadinessTests extends ApplicationTest {

	@Test
	void probesArePublicAndTheDetailsAreForAdminsOnly() {
		http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		http().get().uri("/actuator/health").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
		http().get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("crm")).exchange()
			.expectBody().jsonPath("$.components").doesNotExist();
		http().get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("admin")).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.components.mongo.status").isEqualTo("UP");
		// Load balancers and uptime checks often probe with HEAD.
		for (String probe : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/info" }) {
			http().head().uri(probe).exchange().expectStatus().isOk();
		}
		http().head().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void metricsArePrometheusTextForAdminsOnly() {
		startImport("members", "crm", "姓名,手机号\n指标,%s\n坏,123\n".formatted(newPhone()),
				"{\"name\":\"姓名\",\"phone\":\"手机号\",\"joinChannel\":{\"value\":\"STORE\"}}", null);
		http().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		http().get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("crm")).exchange()
			.expectStatus().isForbidden();
		awaitImportDone();
		as("crm").document("query topTiers { tiers { code } }").execute().errors().verify();
		http().get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("admin")).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).value(text -> org.assertj.core.api.Assertions.assertThat(text)
				.contains("membergraph_import_rows_total{entity=\"members\",outcome=\"rejected\"}")
				.contains("jvm_memory_used_bytes").containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"topTiers\"")
				.contains("mongodb_driver_commands_seconds_count"));
	}

	private void awaitImportDone() {
		for (int i = 0; i < 100 && !http().get().uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token("admin")).exchange().expectBody(String.class).returnResult()
			.getResponseBody().contains("outcome=\"rejected\""); i++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Test
	void theEmbeddedDemoOffersIntrospectionAndGraphiQl() {
		as("crm").document("{ __schema { queryType { name } } }").execute().path("__schema.queryType.name")
			.entity(String.class).isEqualTo("Query");
		http().get().uri("/graphiql").exchange().expectStatus().is3xxRedirection();
	}

	/** The page and every script and style it loads come from the application: it works without internet. */
	@Test
	void graphiQlLoadsNothingFromOutsideTheApplication() {
		String page = http().get().uri("/graphiql?path=/graphql").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		java.util.List<String> assets = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page)
			.results().map(match -> match.group(1)).toList();

		org.assertj.core.api.Assertions.assertThat(page).doesNotContain("esm.sh").doesNotContain("unpkg");
		org.assertj.core.api.Assertions.assertThat(assets).hasSize(4).allSatisfy(asset -> {
			org.assertj.core.api.Assertions.assertThat(asset).startsWith("/webjars/");
			http().get().uri(asset).exchange().expectStatus().isOk();
		});
	}

	@Test
	void infoNamesTheBuildAndCommit() {
		http().get().uri("/actuator/info").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.build.version").isEqualTo("0.1.0-SNAPSHOT")
			.jsonPath("$.build.artifact").isEqualTo("membergraph");
		if (getClass().getResource("/git.properties") != null) {
			// Built from a git checkout (as CI builds it): the commit too.
			http().get().uri("/actuator/info").exchange().expectBody().jsonPath("$.git.commit.id").isNotEmpty();
		}
	}

	@Test
	void untilTheApplicationIsReadyTheApiAnswers503WithRetryAfter() {
		AvailabilityChangeEvent.publish(context(), ReadinessState.REFUSING_TRAFFIC);
		try {
			http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", "{ __typename }")).exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
				.expectBody().jsonPath("$.reason").value(reason -> org.assertj.core.api.Assertions.assertThat((String) reason)
					.contains("/actuator/health/readiness"));
			http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("username", "admin", "password", "demo")).exchange().expectStatus().isEqualTo(503);
			http().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.status").isEqualTo("OUT_OF_SERVICE");
			// The application's own warm-up gets through with its pass, nobody else with a made-up one.
			String pass = bean(WarmUpPass.class).secret();
			http().post().uri("/graphql").header(WarmUpPass.HEADER, pass)
				.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ __typename }")).exchange()
				.expectStatus().isOk();
			http().post().uri("/graphql").header(WarmUpPass.HEADER, pass.replace('a', 'b') + "0")
				.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ __typename }")).exchange()
				.expectStatus().isEqualTo(503);
		}
		finally {
			AvailabilityChangeEvent.publish(context(), ReadinessState.ACCEPTING_TRAFFIC);
		}
		http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ __typename }")).exchange().expectStatus().isOk();
	}

}
