package io.membergraph.security;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /auth/token}: trades a username and password for a bearer token. */
@RestController
class AuthController {

	private final Credentials credentials;

	private final ObjectProvider<TokenIssuer> tokenIssuer;

	AuthController(Credentials credentials, ObjectProvider<TokenIssuer> tokenIssuer) {
		this.credentials = credentials;
		this.tokenIssuer = tokenIssuer;
	}

	record TokenRequest(String username, String password) {
	}

	@PostMapping("/auth/token")
	ResponseEntity<?> token(@RequestBody(required = false) TokenRequest request) {
		TokenIssuer issuer = tokenIssuer.getIfAvailable();
		if (issuer == null) {
			return error(HttpStatus.NOT_IMPLEMENTED, "unsupported_grant_type",
					"tokens come from the configured external issuer");
		}
		if (request == null || isBlank(request.username()) || isBlank(request.password())) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "username and password are required");
		}
		return credentials.authenticate(request.username(), request.password())
			.<ResponseEntity<?>>map(account -> ResponseEntity.ok(issuer.issue(account)))
			.orElseGet(() -> error(HttpStatus.UNAUTHORIZED, "invalid_grant", "unknown username or wrong password"));
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String description) {
		return ResponseEntity.status(status).body(Map.of("error", code, "error_description", description));
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
