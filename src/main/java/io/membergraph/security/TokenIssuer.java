package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.membergraph.security.internal.Account;
import io.membergraph.security.internal.AccountCheck;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Signs our own HS256 bearer tokens. Absent when tokens come from an external issuer. */
public class TokenIssuer {

	public static final String ISSUER = "membergraph";

	/** The claim with the version of the account a staff token was issued for. */
	public static final String ACCOUNT_VERSION = "ver";

	private final JwtEncoder encoder;

	private final Duration lifetime;

	private final Clock clock;

	public TokenIssuer(JwtEncoder encoder, Duration lifetime, Clock clock) {
		this.encoder = encoder;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	public IssuedToken issue(String subject, Collection<Role> roles) {
		return issue(subject, roles, null);
	}

	/**
	 * A token of a staff account, carrying the account's version ({@link AccountCheck}); an account that must change
	 * its one-time password gets one with no roles, good only for {@code me} and {@code changeMyPassword}.
	 */
	public IssuedToken issue(Account account) {
		return issue(account.username(), account.mustChangePassword() ? java.util.List.of() : account.roles(),
				account.version());
	}

	private IssuedToken issue(String subject, Collection<Role> roles, Long accountVersion) {
		Instant now = clock.instant();
		JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(lifetime))
			.claim("roles", roles.stream().map(Role::name).sorted().toList());
		if (accountVersion != null) {
			builder.claim(ACCOUNT_VERSION, accountVersion);
		}
		JwtClaimsSet claims = builder.build();
		String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		return new IssuedToken(token, "Bearer", lifetime.toSeconds());
	}

	/** The body of a token response, named as OAuth 2 names it. */
	public record IssuedToken(@JsonProperty("access_token") String accessToken,
			@JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") long expiresIn) {
	}

}
