package io.membergraph.security.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.membergraph.security.Role;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The first ADMIN of a store without one: from configuration, with a password that follows the policy or a one-time one. */
class FirstAdminTests {

	private final Credentials credentials = mock(Credentials.class);

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	@Test
	void withoutAPasswordTheFirstAdminGetsAOneTimePasswordPrintedOnce() {
		when(credentials.hasActiveAdmin()).thenReturn(false);

		start("Boss", "");

		ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
		verify(credentials).saveAccount(eq("boss"), password.capture(), eq(Set.of(Role.ADMIN)), eq(true), eq("bootstrap"));
		assertThat(password.getValue()).hasSize(16);
		assertThat(console.toString(StandardCharsets.UTF_8))
			.contains("One-time password (shown once): " + password.getValue()).contains("changeMyPassword");
	}

	@Test
	void aConfiguredPasswordMustFollowThePolicy() {
		when(credentials.hasActiveAdmin()).thenReturn(false);

		assertThatThrownBy(() -> start("boss", "boss-password-2026")).hasMessageContaining("must not contain the username");
		assertThatThrownBy(() -> start("boss", "short")).hasMessageContaining("at least 12 characters");
		start("boss", "Correct-Horse-Battery-9");

		verify(credentials).saveAccount("boss", "Correct-Horse-Battery-9", Set.of(Role.ADMIN), "bootstrap");
		assertThat(console.toString(StandardCharsets.UTF_8)).as("a configured password is never printed").isEmpty();
	}

	@Test
	void onceAnAdminExistsNothingIsCreated() {
		when(credentials.hasActiveAdmin()).thenReturn(true);

		start("boss", "Correct-Horse-Battery-9");

		verify(credentials, never()).saveAccount(anyString(), anyString(), any(), anyString());
		verify(credentials, never()).saveAccount(anyString(), anyString(), any(), anyBoolean(), anyString());
	}

	private void start(String username, String password) {
		new FirstAdmin(credentials, username, password, false, new PrintStream(console, true, StandardCharsets.UTF_8))
			.run(null);
	}

}
