package io.membergraph.member.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.membergraph.security.Caller;
import io.membergraph.security.RequestRates;
import io.membergraph.security.Role;
import io.membergraph.security.TokenIssuer;
import io.membergraph.shared.SettingOutOfBounds;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/member-token}: a storefront that has signed a customer in obtains a MEMBER token for
 * that member, which sees only that member.
 */
@RestController
public class MemberTokenController {

	private final MemberRepository members;

	private final ObjectProvider<TokenIssuer> tokenIssuer;

	private final RequestRates rates;

	private final Caller caller;

	private final int perMinute;

	MemberTokenController(MemberRepository members, ObjectProvider<TokenIssuer> tokenIssuer, RequestRates rates,
			Caller caller, @Value("${membergraph.security.member-tokens-per-minute:600}") int perMinute) {
		this.members = members;
		this.tokenIssuer = tokenIssuer;
		this.rates = rates;
		this.caller = caller;
		this.perMinute = SettingOutOfBounds.within("membergraph.security.member-tokens-per-minute", perMinute, 1,
				RequestRates.MAX_PER_MINUTE);
	}

	record MemberTokenRequest(String memberId) {
	}

	@PostMapping("/auth/member-token")
	@PreAuthorize("hasAnyRole('ADMIN','STOREFRONT')")
	ResponseEntity<?> memberToken(@RequestBody(required = false) MemberTokenRequest request) {
		TokenIssuer issuer = tokenIssuer.getIfAvailable();
		if (issuer == null) {
			return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED)
				.body(Map.of("error", "unsupported_grant_type", "error_description",
						"tokens come from the configured external issuer"));
		}
		// A stolen storefront key must not mint tokens for the whole member base in a minute.
		Duration wait = rates.take("member-tokens:" + caller.name(), perMinute);
		if (!wait.isZero()) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
				.body(Map.of("error", "rate_limited", "error_description", "at most " + perMinute
						+ " member tokens a minute per client (membergraph.security.member-tokens-per-minute); try again in "
						+ seconds + " s"));
		}
		if (request == null || request.memberId() == null || !members.existsById(request.memberId())) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "invalid_request", "error_description", "memberId must name an existing member"));
		}
		return ResponseEntity.ok(issuer.issue(request.memberId(), List.of(Role.MEMBER)));
	}

}
