package io.membergraph.member;

import java.util.List;
import java.util.Map;

import io.membergraph.security.Role;
import io.membergraph.security.TokenIssuer;
import org.springframework.beans.factory.ObjectProvider;
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
class MemberTokenController {

	private final MemberRepository members;

	private final ObjectProvider<TokenIssuer> tokenIssuer;

	MemberTokenController(MemberRepository members, ObjectProvider<TokenIssuer> tokenIssuer) {
		this.members = members;
		this.tokenIssuer = tokenIssuer;
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
		if (request == null || request.memberId() == null || !members.existsById(request.memberId())) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "invalid_request", "error_description", "memberId must name an existing member"));
		}
		return ResponseEntity.ok(issuer.issue(request.memberId(), List.of(Role.MEMBER)));
	}

}
