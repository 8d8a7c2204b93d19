package io.membergraph.security.internal;

import java.time.Instant;
import java.util.List;

import io.membergraph.security.RequestRates;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Storefront API keys over GraphQL (ADMIN): list, issue (shown once), revoke, rotate. */
@Controller
public class ApiKeyController {

	private final Credentials credentials;

	ApiKeyController(Credentials credentials) {
		this.credentials = credentials;
	}

	record IssueApiKeyInput(String name, Integer requestsPerMinute) {
	}

	/** A key as listed: never the key itself nor its hash. */
	record ApiKeyView(String id, String name, String prefix, Instant createdAt, String createdBy, Instant lastUsedAt,
			Instant revokedAt, String revokedBy, Integer requestsPerMinute) {

		static ApiKeyView of(ApiKey key) {
			return AccountViews.MAPPER.apiKey(key);
		}

	}

	record ApiKeyPayload(String apiKey, ApiKeyView key, List<UserError> errors) {

		static ApiKeyPayload unknown(String id) {
			return new ApiKeyPayload(null, null, List.of(new UserError("UNKNOWN_API_KEY", "no API key has id " + id, "id")));
		}

	}

	@QueryMapping
	List<ApiKeyView> apiKeys() {
		return credentials.apiKeys().stream().map(ApiKeyView::of).toList();
	}

	@MutationMapping
	ApiKeyPayload issueApiKey(@Argument IssueApiKeyInput input) {
		String name = InvalidInputException.oneLine("name", InvalidInputException.requireText("name", input.name()), 100);
		Integer perMinute = input.requestsPerMinute();
		if (perMinute != null && (perMinute < 1 || perMinute > RequestRates.MAX_PER_MINUTE)) {
			throw new InvalidInputException("requestsPerMinute", "must be between 1 and " + RequestRates.MAX_PER_MINUTE);
		}
		Credentials.IssuedKey issued = credentials.issueApiKey(name.strip(), perMinute);
		return new ApiKeyPayload(issued.rawKey(), ApiKeyView.of(issued.key()), List.of());
	}

	/** The key a mutation acts on: {@code RevokeApiKeyInput}, {@code RotateApiKeyInput}. */
	record KeyInput(String id) {
	}

	@MutationMapping
	ApiKeyPayload revokeApiKey(@Argument KeyInput input) {
		return credentials.revokeApiKey(input.id()).map(key -> new ApiKeyPayload(null, ApiKeyView.of(key), List.of()))
			.orElseGet(() -> ApiKeyPayload.unknown(input.id()));
	}

	@MutationMapping
	ApiKeyPayload rotateApiKey(@Argument KeyInput input) {
		return credentials.rotateApiKey(input.id())
			.map(rotation -> rotation.fresh() != null
					? new ApiKeyPayload(rotation.fresh().rawKey(), ApiKeyView.of(rotation.fresh().key()), List.of())
					: new ApiKeyPayload(null, ApiKeyView.of(rotation.revokedBefore()), List.of(new UserError("API_KEY_REVOKED",
							"API key " + input.id() + " was revoked (or rotated) before; issue a new key for the storefront",
							"id"))))
			.orElseGet(() -> ApiKeyPayload.unknown(input.id()));
	}

}
