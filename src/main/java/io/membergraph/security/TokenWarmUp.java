package io.membergraph.security;

import java.util.List;

import io.membergraph.shared.WarmUp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Signs and reads back a few member tokens before the application reports ready, so that the first request after a
 * start does not pay for compiling the token's path (signing, decoding, checking, turning it into authorities). A
 * member token has no account behind it: nothing is read or written. Only where our own tokens are issued.
 */
@Component
@ConditionalOnWebApplication
class TokenWarmUp implements WarmUp {

	private static final int ROUNDS = 300;

	private final ObjectProvider<TokenIssuer> issuer;

	private final ObjectProvider<JwtDecoder> decoder;

	private final Converter<Jwt, AbstractAuthenticationToken> authorities;

	TokenWarmUp(ObjectProvider<TokenIssuer> issuer, ObjectProvider<JwtDecoder> decoder,
			Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter) {
		this.issuer = issuer;
		this.decoder = decoder;
		this.authorities = jwtAuthenticationConverter;
	}

	@Override
	public void warm() {
		TokenIssuer tokens = issuer.getIfAvailable();
		JwtDecoder reader = decoder.getIfAvailable();
		if (tokens == null || reader == null) {
			return;
		}
		for (int round = 0; round < ROUNDS; round++) {
			authorities.convert(reader.decode(tokens.issue("warm-up", List.of(Role.MEMBER)).accessToken()));
		}
	}

	@Override
	public String toString() {
		return "tokens";
	}

}
