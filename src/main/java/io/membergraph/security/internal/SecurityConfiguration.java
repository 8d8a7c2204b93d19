package io.membergraph.security.internal;

import java.time.Clock;
import javax.crypto.SecretKey;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.membergraph.security.RequestRates;
import io.membergraph.security.Role;
import io.membergraph.security.TokenIssuer;
import io.membergraph.shared.SettingOutOfBounds;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security. The HTTP layer only authenticates; what a caller may do is decided on
 * the service methods ({@code @PreAuthorize}), so every path to the data is checked the same way.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

	private static final String[] PUBLIC_PROBES = { "/actuator/health", "/actuator/health/**", "/actuator/info" };

	/** Only where there is HTTP: a batch or benchmark run of the application has no web layer to secure. */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SecurityFilterChain securityFilterChain(HttpSecurity http, Credentials credentials, RequestRates rates,
			@Value("${membergraph.security.api-key-requests-per-minute:1200}") int apiKeyRequestsPerMinute,
			Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter) throws Exception {
		int perKeyMinute = SettingOutOfBounds.within("membergraph.security.api-key-requests-per-minute",
				apiKeyRequestsPerMinute, 1, RequestRates.MAX_PER_MINUTE);
		return http
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens and API keys are not sent by browsers on their own, and no cookie is ever set (the console
			// keeps its token in the page), so there is no CSRF to guard. Left on, its token store opened an HTTP
			// session for every refused POST: a way to fill the server's memory without signing in.
			.csrf(csrf -> csrf.disable())
			.authorizeHttpRequests(requests -> requests
				// The error page, for the errors of requests already let in; asked for directly it is no page of ours.
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/error").denyAll()
				.requestMatchers(HttpMethod.POST, "/auth/token").permitAll()
				.requestMatchers("/graphql", "/graphiql/**").permitAll()
				// GraphiQL's scripts, served from WebJars in the application (it works without internet).
				.requestMatchers(HttpMethod.GET, "/webjars/graphiql/**", "/webjars/react/**", "/webjars/react-dom/**").permitAll()
				// Probes and the build: public; health's details only for ADMIN (management.endpoint.health.roles).
				// HEAD too: load balancers and uptime checks often probe with it.
				.requestMatchers(HttpMethod.GET, PUBLIC_PROBES).permitAll()
				.requestMatchers(HttpMethod.HEAD, PUBLIC_PROBES).permitAll()
				.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
				.anyRequest().authenticated())
			.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter)))
			.addFilterBefore(new ApiKeyAuthenticationFilter(credentials, rates, perKeyMinute),
					BearerTokenAuthenticationFilter.class)
			.build();
	}

	/**
	 * A token's roles become its authorities; a token of one of our staff accounts is good only while the account
	 * stands behind it ({@link AccountCheck}): disabling the account, changing its roles or resetting its password
	 * ends it. Member tokens have no account.
	 */
	@Bean
	Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter(AccountCheck accounts) {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return jwt -> {
			java.util.List<String> roles = jwt.getClaimAsStringList("roles");
			boolean member = roles != null && roles.contains(Role.MEMBER.name());
			if (TokenIssuer.ISSUER.equals(jwt.getClaimAsString("iss")) && !member) {
				Object version = jwt.getClaim(TokenIssuer.ACCOUNT_VERSION);
				String refusal = accounts.refusal(jwt.getSubject(), version instanceof Number n ? n.longValue() : null);
				if (refusal != null) {
					throw new InvalidBearerTokenException(refusal);
				}
			}
			return converter.convert(jwt);
		};
	}

	/**
	 * Tokens are read (and issued) only where requests arrive: a command-line run needs no secret. Expiry is judged
	 * by the application's clock, the one that stamped the token, and a token without an expiry is refused: no
	 * token is valid for ever.
	 */
	@Bean
	@ConditionalOnWebApplication
	JwtDecoder jwtDecoder(SecuritySettings settings, ObjectProvider<SecretKey> tokenSecret, Clock clock) {
		JwtTimestampValidator clockTimestamps = new JwtTimestampValidator();
		clockTimestamps.setClock(clock);
		OAuth2TokenValidator<Jwt> timestamps = new DelegatingOAuth2TokenValidator<>(clockTimestamps,
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, java.util.Objects::nonNull));
		if (SecuritySettings.hasText(settings.jwkSetUri())) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
			decoder.setJwtValidator(timestamps);
			return decoder;
		}
		if (SecuritySettings.hasText(settings.issuerUri())) {
			NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(settings.issuerUri());
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(settings.issuerUri())));
			return decoder;
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSecret.getObject())
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(TokenIssuer.ISSUER)));
		return decoder;
	}

	/** Our own tokens exist only while no external issuer is configured. */
	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnExpression("'${membergraph.security.issuer-uri:}' == '' and '${membergraph.security.jwk-set-uri:}' == ''")
	TokenIssuer tokenIssuer(SecuritySettings settings, SecretKey tokenSecret, Clock clock) {
		return new TokenIssuer(new NimbusJwtEncoder(new ImmutableSecret<>(tokenSecret)), settings.tokenLifetime(), clock);
	}

	/**
	 * Spring Security would observe every method authorization, each with the invoked method written out as a
	 * tag: a sixth of a segment preview's time in the service. Each GraphQL operation is timed already
	 * ({@code graphql.request}); the checks themselves are unchanged, only their timing goes. Sign-ins stay observed.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** The HMAC key of our own tokens ({@link SigningSecret}); only asked for when no external issuer is configured. */
	@Bean
	@Lazy
	SecretKey tokenSecret(SecuritySettings settings, @Value("${membergraph.store.embedded:false}") boolean embedded) {
		return SigningSecret.of(settings.jwtSecret(), embedded);
	}

}
