package io.membergraph.graphql.internal;

import java.io.IOException;

import io.membergraph.graphql.WarmUpPass;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The port opens before start-up work is done (the demo data loads after the server starts): until the application
 * is ready, the API answers 503 with {@code Retry-After} and why, instead of empty results. The probes
 * ({@code /actuator/health/readiness}) answer throughout, and the application's own warm-up requests pass
 * ({@link WarmUpPass}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NotReadyYet extends OncePerRequestFilter {

	private static final String RETRY_AFTER_SECONDS = "5";

	private final ApplicationAvailability availability;

	private final WarmUpPass warmUps;

	NotReadyYet(ApplicationAvailability availability, WarmUpPass warmUps) {
		this.availability = availability;
		this.warmUps = warmUps;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/graphql") || path.startsWith("/api/") || path.startsWith("/auth/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC || warmUps.admits(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"error\":\"starting\",\"reason\":\"MemberGraph is still starting (loading its data); "
				+ "it is ready when GET /actuator/health/readiness answers UP\"}");
	}

}
