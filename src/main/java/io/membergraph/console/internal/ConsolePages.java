package io.membergraph.console.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the console at {@code /console}. The pages and their scripts are public (they hold no data); everything
 * they show comes from {@code /graphql} with the user's bearer token. Their own filter chain sends a content
 * security policy that allows scripts, styles and connections from this origin only (no inline scripts, no
 * eval), forbids framing, and sends no referrer.
 */
@Controller
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsolePages {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
			+ "frame-ancestors 'none'";

	/**
	 * The headers are written before the page: a HEAD of a static page is committed before the filter's usual late
	 * write, which left its answer without any of them.
	 */
	private static final ObjectPostProcessor<HeaderWriterFilter> WRITE_EAGERLY = new ObjectPostProcessor<>() {

		@Override
		public <O extends HeaderWriterFilter> O postProcess(O filter) {
			filter.setShouldWriteHeadersEagerly(true);
			return filter;
		}

	};

	/** With the trailing slash, so the page's relative links (scripts, documents) resolve under /console/. */
	@GetMapping("/console")
	String withSlash() {
		return "redirect:/console/";
	}

	@GetMapping("/console/")
	String index() {
		return "forward:/console/index.html";
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain consolePagesChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/console", "/console/**", "/webjars/echarts/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET).permitAll()
				.requestMatchers(HttpMethod.HEAD).permitAll()
				.anyRequest().denyAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Pages are only read; a CSRF token store would open a session for every refused POST.
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.withObjectPostProcessor(WRITE_EAGERLY)
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.build();
	}

}
