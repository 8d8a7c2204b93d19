package io.membergraph.security.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.membergraph.security.RequestRates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates storefront clients by the {@code X-API-Key} header. A wrong key is refused at once rather
 * than treated as anonymous, so a misconfigured client learns why.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final Credentials credentials;

	private final RequestRates rates;

	private final int defaultPerMinute;

	ApiKeyAuthenticationFilter(Credentials credentials, RequestRates rates, int defaultPerMinute) {
		this.credentials = credentials;
		this.rates = rates;
		this.defaultPerMinute = defaultPerMinute;
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
		int perMinute = key.get().requestsPerMinute() == null ? defaultPerMinute : key.get().requestsPerMinute();
		Duration wait = rates.take("api-key:" + key.get().keyId(), perMinute);
		if (!wait.isZero()) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write("{\"error\":\"rate_limited\",\"error_description\":\"this API key may make " + perMinute
					+ " requests a minute; try again in " + seconds + " s\"}");
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
