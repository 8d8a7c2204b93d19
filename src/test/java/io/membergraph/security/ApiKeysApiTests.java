package io.membergraph.security;

import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Storefront API keys: issued to a named storefront and shown once, listed without the key, noted when used, and
 * stopped at once by revoking or rotating (which hands out a new key for the same storefront).
 */
class ApiKeysApiTests extends ApplicationTest {

	@Test
	void aKeyIsListedWithoutItselfNotedWhenUsedAndStoppedByRevoking() {
		String storefront = "mini-program " + newPhone();
		String key = as("admin").documentName("issueApiKey").variable("input", Map.of("name", storefront)).execute()
			.path("issueApiKey.key.createdBy").entity(String.class).isEqualTo("admin")
			.path("issueApiKey.apiKey").entity(String.class).get();
		String id = listed(storefront, "id");
		ask(key).expectStatus().isOk();

		as("admin").documentName("apiKeys").execute().path("apiKeys[?(@.name == '" + storefront + "')].lastUsedAt")
			.entityList(String.class).hasSize(1);
		as("admin").documentName("apiKeys").execute().path("apiKeys[?(@.name == '" + storefront + "')].prefix")
			.entityList(String.class).containsExactly(key.substring(0, 8));

		as("admin").documentName("revokeApiKey").variable("id", id).execute()
			.path("revokeApiKey.key.revokedBy").entity(String.class).isEqualTo("admin");
		ask(key).expectStatus().isUnauthorized();
	}

	@Test
	void aKeyPastItsAllowanceOfRequestsAMinuteIsAnswered429UntilItRefills() {
		String storefront = "kiosk " + newPhone();
		String key = as("admin").documentName("issueApiKey")
			.variable("input", Map.of("name", storefront, "requestsPerMinute", 3)).execute()
			.path("issueApiKey.apiKey").entity(String.class).get();
		for (int i = 0; i < 3; i++) {
			ask(key).expectStatus().isOk();
		}
		ask(key).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "20");

		clock.advance(java.time.Duration.ofSeconds(20));
		ask(key).expectStatus().isOk();
		ask(key).expectStatus().isEqualTo(429);
		as("admin").documentName("issueApiKey").variable("input", Map.of("name", storefront, "requestsPerMinute", 0))
			.execute().errors().satisfy(errors -> org.assertj.core.api.Assertions.assertThat(errors.get(0).getMessage())
				.contains("requestsPerMinute"));
	}

	@Test
	void rotatingGivesTheStorefrontANewKeyAndStopsTheOldOne() {
		String storefront = "pos " + newPhone();
		String old = as("admin").documentName("issueApiKey").variable("input", Map.of("name", storefront)).execute()
			.path("issueApiKey.apiKey").entity(String.class).get();

		String oldId = listed(storefront, "id");
		String fresh = as("admin").documentName("rotateApiKey").variable("id", oldId).execute()
			.path("rotateApiKey.key.name").entity(String.class).isEqualTo(storefront)
			.path("rotateApiKey.apiKey").entity(String.class).get();

		ask(old).expectStatus().isUnauthorized();
		ask(fresh).expectStatus().isOk();
		// Rotating the old key again (a second click, a second admin at the same moment) makes no second new key.
		as("admin").documentName("rotateApiKey").variable("id", oldId).execute()
			.path("rotateApiKey.apiKey").valueIsNull()
			.path("rotateApiKey.errors[0].code").entity(String.class).isEqualTo("API_KEY_REVOKED");
		org.assertj.core.api.Assertions.assertThat(as("admin").documentName("apiKeys").execute().path("apiKeys")
			.entityList(Map.class).get()).as("working keys of the storefront")
			.filteredOn(key -> storefront.equals(key.get("name")) && key.get("revokedAt") == null).hasSize(1);
		as("admin").documentName("rotateApiKey").variable("id", "key_none").execute()
			.path("rotateApiKey.errors[0].code").entity(String.class).isEqualTo("UNKNOWN_API_KEY");
	}

	private String listed(String storefront, String field) {
		return as("admin").documentName("apiKeys").execute().path("apiKeys").entityList(Map.class).get().stream()
			.filter(key -> storefront.equals(key.get("name")) && key.get("revokedAt") == null)
			.map(key -> key.get(field).toString()).findFirst().orElseThrow();
	}

	private WebTestClient.ResponseSpec ask(String apiKey) {
		return http().post().uri("/graphql").header("X-API-Key", apiKey).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ __typename }")).exchange();
	}

}
