package io.membergraph;

import java.util.Map;

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
		}
		finally {
			AvailabilityChangeEvent.publish(context(), ReadinessState.ACCEPTING_TRAFFIC);
		}
		http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ __typename }")).exchange().expectStatus().isOk();
	}

}
