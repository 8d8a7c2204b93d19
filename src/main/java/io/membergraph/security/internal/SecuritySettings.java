package io.membergraph.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings.
 *
 * @param jwtSecret HMAC secret (at least 32 bytes) for HS256 tokens; required on real MongoDB; on the embedded
 * default a random one is made at each start ({@link SigningSecret})
 * @param issuerUri an OpenID issuer whose tokens are accepted instead of our own (production)
 * @param jwkSetUri a JWKS endpoint whose keys verify tokens instead of our own (production)
 * @param tokenLifetime how long a token from {@code /auth/token} stays valid
 */
@ConfigurationProperties("membergraph.security")
public record SecuritySettings(String jwtSecret, String issuerUri, String jwkSetUri,
		@DefaultValue("8h") Duration tokenLifetime) {

	public SecuritySettings {
		// Tokens always expire: a lifetime of none, or of years, would make a leaver's token outlive the leaver.
		if (tokenLifetime == null || tokenLifetime.compareTo(Duration.ofMinutes(1)) < 0
				|| tokenLifetime.compareTo(Duration.ofDays(30)) > 0) {
			throw new IllegalArgumentException("membergraph.security.token-lifetime must be between 1m and 30d, not "
					+ tokenLifetime);
		}
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
