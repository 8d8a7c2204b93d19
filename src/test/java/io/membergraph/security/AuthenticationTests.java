package io.membergraph.security;

import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AuthenticationTests extends ApplicationTest {

	@Test
	void aDemoAccountGetsABearerTokenThatTheApiAccepts() {
		http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "crm", "password", "demo"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.token_type").isEqualTo("Bearer")
			.jsonPath("$.expires_in").isEqualTo(28800)
			.jsonPath("$.access_token").isNotEmpty();
		as("crm").documentName("tiers").execute().errors().verify();
	}

	@Test
	void aWrongPasswordIsUnauthorizedAndAMissingOneABadRequest() {
		http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "crm", "password", "wrong"))
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
		http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "crm"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error").isEqualTo("invalid_request");
	}

	@Test
	void aBodyThatIsNoObjectOfStringsIsABadRequestSayingSoWithoutEchoingIt() {
		for (String body : new String[] { "not json", "[1, 2]", "{\"username\": {\"$ne\": null}, \"password\": \"x\"}" }) {
			http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error").isEqualTo("invalid_request")
				.jsonPath("$.error_description")
				.isEqualTo("the body is not a JSON object of the fields this endpoint takes (each a string)");
		}
	}

	@Test
	void aForgedOrGarbledTokenIsRefusedAtTheDoor() {
		String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.c2lnbmF0dXJl";
		http().post().uri("/graphql").header("Authorization", "Bearer " + forged)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ tiers { code } }"))
			.exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void anUnknownApiKeyIsRefusedRatherThanTreatedAsAnonymous() {
		http().post().uri("/graphql").header("X-API-Key", "not-a-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ tiers { code } }"))
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error").isEqualTo("invalid_api_key");
	}

	@Test
	void anIssuedApiKeyWorksForStorefrontOperations() {
		String key = as("admin").documentName("issueApiKey").variable("input", Map.of("name", "web shop"))
			.execute().path("issueApiKey.apiKey").entity(String.class).get();
		withApiKey(key).documentName("registerMember")
			.variable("input", Map.of("name", "Via Key", "phone", newPhone(), "joinChannel", "WEB"))
			.execute().path("registerMember.errors").entityList(Object.class).hasSize(0);
	}

	@Test
	void onlyAStorefrontOrAdminMayObtainAMemberToken() {
		String memberId = registerMember("Token Holder");
		http().post().uri("/auth/member-token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("memberId", memberId))
			.exchange()
			.expectStatus().isUnauthorized();
		String crmToken = http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "crm", "password", "demo"))
			.exchange().expectBody(Map.class).returnResult().getResponseBody().get("access_token").toString();
		http().post().uri("/auth/member-token").header("Authorization", "Bearer " + crmToken)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("memberId", memberId))
			.exchange()
			.expectStatus().isForbidden();
	}

}
