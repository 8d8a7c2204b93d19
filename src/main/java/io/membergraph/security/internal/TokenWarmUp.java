package io.membergraph.security.internal;

import java.util.List;

import io.membergraph.security.Role;
import io.membergraph.security.TokenIssuer;
import io.membergraph.shared.WarmUp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Signs and reads back a few member tokens, and checks a password against a hash of its own, before the application
 * reports ready, so that the first sign-in and the first request after a start do not pay for compiling the
 * password's and the token's paths (hashing, signing, decoding, turning a token into authorities). A member token has
 * no account behind it and the hash is made here: nothing is read or written. Only where our own tokens are issued.
 */
@Component
@ConditionalOnWebApplication
public class TokenWarmUp implements WarmUp {

	private static final int ROUNDS = 300;

	/** Each check costs a password hash's work (tens of milliseconds once compiled): a few suffice. */
	private static final int PASSWORD_CHECKS = 4;

	private final ObjectProvider<TokenIssuer> issuer;

	private final ObjectProvider<JwtDecoder> decoder;

	private final Converter<Jwt, AbstractAuthenticationToken> authorities;

	private final PasswordEncoder passwords;

	TokenWarmUp(ObjectProvider<TokenIssuer> issuer, ObjectProvider<JwtDecoder> decoder,
			Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter, PasswordEncoder passwords) {
		this.passwords = passwords;
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
		String hash = passwords.encode("warm-up-" + System.nanoTime());
		for (int check = 0; check < PASSWORD_CHECKS; check++) {
			passwords.matches("not-the-password", hash);
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
