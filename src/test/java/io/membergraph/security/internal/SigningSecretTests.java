package io.membergraph.security.internal;

import io.membergraph.MemberGraphApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No signing secret is in the source: the embedded demo makes a new one at each start (so tokens end with the
 * process), and a start against real MongoDB without a secret of at least 32 bytes stops with one clear report.
 */
@ExtendWith(OutputCaptureExtension.class)
class SigningSecretTests {

	@Test
	void theEmbeddedDemoSignsWithARandomSecretMadeAtEachStart() {
		byte[] first = SigningSecret.of(null, true).getEncoded();
		byte[] second = SigningSecret.of("", true).getEncoded();

		assertThat(first).hasSize(32).isNotEqualTo(second);
	}

	@Test
	void aConfiguredSecretIsUsedAsGiven() {
		assertThat(new String(SigningSecret.of("a-configured-secret-of-32-bytes-at-least", false).getEncoded()))
			.isEqualTo("a-configured-secret-of-32-bytes-at-least");
	}

	@Test
	void outsideTheEmbeddedStoreAMissingOrShortSecretIsRefused() {
		assertThatThrownBy(() -> SigningSecret.of(null, false)).isInstanceOf(SigningSecret.Missing.class)
			.hasMessageContaining("MEMBERGRAPH_JWT_SECRET").hasMessageContaining("required");
		assertThatThrownBy(() -> SigningSecret.of("short", true)).isInstanceOf(SigningSecret.Missing.class)
			.hasMessageContaining("has 5 bytes");
	}

	@Test
	void aStartAgainstRealMongoDbWithoutASecretStopsWithOneClearReport(CapturedOutput output) {
		SpringApplicationBuilder start = new SpringApplicationBuilder(MemberGraphApplication.class).properties(
				"spring.mongodb.uri=mongodb://127.0.0.1:1/nowhere?serverSelectionTimeoutMS=200&connectTimeoutMS=200",
				"server.port=0", "membergraph.security.jwt-secret=", "membergraph.seed.enabled=false",
				"spring.main.banner-mode=off");

		assertThatThrownBy(start::run).isInstanceOf(SigningSecret.Missing.class);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("membergraph.security.jwt-secret (MEMBERGRAPH_JWT_SECRET) is not set")
			.contains("export MEMBERGRAPH_JWT_SECRET=$(openssl rand -base64 48)");
	}

}
