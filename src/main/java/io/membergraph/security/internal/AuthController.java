package io.membergraph.security.internal;

import java.util.Map;

import io.membergraph.security.AuditTrail;
import io.membergraph.security.TokenIssuer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /auth/token}: trades a username and password for a bearer token. */
@RestController
public class AuthController {

	/** As long as a username can be (UserAccounts): a longer one signs in to nothing. */
	private static final int MAX_USERNAME = 64;

	/** Far beyond any passphrase; the password hash reads only the first 72 bytes anyway. */
	private static final int MAX_PASSWORD = 1_024;

	private final Credentials credentials;

	private final ObjectProvider<TokenIssuer> tokenIssuer;

	private final SignInThrottle throttle;

	private final AuditTrail audit;

	AuthController(Credentials credentials, ObjectProvider<TokenIssuer> tokenIssuer, SignInThrottle throttle,
			AuditTrail audit) {
		this.throttle = throttle;
		this.audit = audit;
		this.credentials = credentials;
		this.tokenIssuer = tokenIssuer;
	}

	record TokenRequest(String username, String password) {
	}

	@PostMapping("/auth/token")
	ResponseEntity<?> token(@RequestBody(required = false) TokenRequest request, jakarta.servlet.http.HttpServletRequest http) {
		TokenIssuer issuer = tokenIssuer.getIfAvailable();
		if (issuer == null) {
			return error(HttpStatus.NOT_IMPLEMENTED, "unsupported_grant_type",
					"tokens come from the configured external issuer");
		}
		if (request == null || isBlank(request.username()) || isBlank(request.password())) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "username and password are required");
		}
		// Bounded before anything remembers them: the throttle keeps a bucket per username tried, the audit trail
		// each failed username, so megabytes of username each time would fill both.
		if (request.username().strip().length() > MAX_USERNAME) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "a username has at most " + MAX_USERNAME + " characters");
		}
		if (request.password().length() > MAX_PASSWORD) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "a password has at most " + MAX_PASSWORD + " characters");
		}
		String address = http.getRemoteAddr();
		java.time.Duration wait = throttle.admit(request.username(), address);
		if (!wait.isZero()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())))
				.body(Map.of("error", "slow_down", "error_description",
						"too many failed sign-ins; try again in " + Math.max(1, wait.toSeconds()) + " s"));
		}
		return credentials.authenticate(request.username(), request.password())
			.<ResponseEntity<?>>map(account -> {
				throttle.succeeded(request.username(), address);
				audit.signIn(request.username(), true, address);
				return ResponseEntity.ok(issuer.issue(account));
			})
			.orElseGet(() -> {
				throttle.failed(request.username(), address);
				audit.signIn(request.username(), false, address);
				return error(HttpStatus.UNAUTHORIZED, "invalid_grant", "unknown username or wrong password");
			});
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String description) {
		return ResponseEntity.status(status).body(Map.of("error", code, "error_description", description));
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
