package io.membergraph.security;

import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.membergraph.ApplicationTest;
import io.membergraph.security.internal.Account;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** No token is valid for ever: one without an expiry is refused even when correctly signed. */
class TokensExpireTests extends ApplicationTest {

	@Test
	void aCorrectlySignedTokenWithoutAnExpiryIsRefused() {
		long version = bean(org.springframework.data.mongodb.core.MongoTemplate.class).findById("admin", Account.class)
			.version();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(TokenIssuer.ISSUER).subject("admin").issuedAt(now())
			.claim("roles", List.of("ADMIN")).claim(TokenIssuer.ACCOUNT_VERSION, version);

		askWith(sign(claims.build())).expectStatus().isUnauthorized();
		askWith(sign(claims.expiresAt(now().plusSeconds(600)).build())).expectStatus().isOk();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec askWith(String token) {
		return http().post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ __typename }")).exchange();
	}

	private String sign(JwtClaimsSet claims) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(bean(SecretKey.class)))
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
	}

}
