package io.membergraph.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates storefront clients by the {@code X-API-Key} header. A wrong key is refused at once rather
 * than treated as anonymous, so a misconfigured client learns why.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final Credentials credentials;

	ApiKeyAuthenticationFilter(Credentials credentials) {
		this.credentials = credentials;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String rawKey = request.getHeader(HEADER);
		if (rawKey == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiKey> key = credentials.authenticateKey(rawKey.strip());
		if (key.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write("{\"error\":\"invalid_api_key\",\"error_description\":\"unknown API key\"}");
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key.get()));
		chain.doFilter(request, response);
	}

	static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

		private final String name;

		ApiKeyAuthentication(ApiKey key) {
			super(key.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
			this.name = "api-key:" + key.name();
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return name;
		}

		@Override
		public String getName() {
			return name;
		}

	}

}
