package io.membergraph.security.internal;

import io.membergraph.graphql.GraphQlSliceSupport;
import io.membergraph.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

@GraphQlTest(ApiKeyController.class)
@Import(GraphQlSliceSupport.class)
class ApiKeyControllerTests {

	@Autowired
	GraphQlTester graphQl;

	@MockitoBean
	Credentials credentials;

	@Test
	void theNewKeyIsReturnedOnce() {
		given(credentials.issueApiKey("web shop", null)).willReturn(new Credentials.IssuedKey(new ApiKey("hash", "key_1", "mgk_secr",
				"web shop", java.util.Set.of(Role.STOREFRONT), java.time.Instant.parse("2026-11-25T02:00:00Z"), "admin", null, null,
				null, null), "mgk_secret"));
		graphQl.document("mutation { issueApiKey(input: {name: \"web shop\"}) { apiKey } }").execute()
			.path("issueApiKey.apiKey").entity(String.class).isEqualTo("mgk_secret");
	}

	@Test
	void aKeyNeedsAName() {
		graphQl.document("mutation { issueApiKey(input: {name: \"  \"}) { apiKey } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "name"));
	}

}
