package io.membergraph.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.membergraph.store.EmbeddedMongo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The HMAC key our tokens are signed with. It is never in the source: configured
 * ({@code MEMBERGRAPH_JWT_SECRET}, at least 32 bytes), or on the embedded demo store made at random at each start,
 * so that tokens end with the process. Outside the embedded store a missing or short secret stops the start.
 */
public final class SigningSecret {

	static final int MIN_BYTES = 32;

	private static final Log log = LogFactory.getLog(SigningSecret.class);

	private SigningSecret() {
	}

	static SecretKey of(String configured, boolean embedded) {
		if (!SecuritySettings.hasText(configured)) {
			if (!embedded) {
				throw new Missing("membergraph.security.jwt-secret (MEMBERGRAPH_JWT_SECRET) is not set; it is required "
						+ "outside the embedded demo store");
			}
			log.info("No membergraph.security.jwt-secret: tokens are signed with a random secret made at this start, "
					+ "and end with the process");
			byte[] random = new byte[MIN_BYTES];
			new SecureRandom().nextBytes(random);
			return new SecretKeySpec(random, "HmacSHA256");
		}
		byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_BYTES) {
			throw new Missing("membergraph.security.jwt-secret (MEMBERGRAPH_JWT_SECRET) has " + bytes.length
					+ " bytes; HS256 needs at least " + MIN_BYTES);
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	/**
	 * Checks the secret before anything starts, so that a missing secret is the one reason a start stops (not a
	 * database that cannot be reached meanwhile). Only web applications issue and read tokens; an external issuer
	 * needs no secret of ours.
	 */
	public static final class Check implements EnvironmentPostProcessor {

		@Override
		public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
			String webType = environment.getProperty("spring.main.web-application-type");
			boolean web = webType == null ? application.getWebApplicationType() != WebApplicationType.NONE
					: !"none".equalsIgnoreCase(webType.strip());
			boolean external = SecuritySettings.hasText(environment.getProperty("membergraph.security.issuer-uri"))
					|| SecuritySettings.hasText(environment.getProperty("membergraph.security.jwk-set-uri"));
			if (web && !external) {
				of(environment.getProperty("membergraph.security.jwt-secret"), embedded(environment));
			}
		}

		private static boolean embedded(ConfigurableEnvironment environment) {
			return "true".equals(environment.getProperty(EmbeddedMongo.EMBEDDED_PROPERTY))
					|| (!SecuritySettings.hasText(environment.getProperty("spring.mongodb.uri"))
							&& !SecuritySettings.hasText(environment.getProperty("MONGODB_URI")));
		}

	}

	/** No usable secret: the start stops with this one line and what to do, not a stack trace. */
	static final class Missing extends IllegalStateException {

		Missing(String message) {
			super(message);
		}

	}

	/** Turns {@link Missing} into Spring Boot's short start-up failure report. */
	public static final class MissingAnalyzer extends AbstractFailureAnalyzer<Missing> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, Missing cause) {
			return new FailureAnalysis(cause.getMessage(), "Set MEMBERGRAPH_JWT_SECRET to a random secret of at least "
					+ MIN_BYTES + " bytes, e.g. export MEMBERGRAPH_JWT_SECRET=$(openssl rand -base64 48)", cause);
		}

	}

}
