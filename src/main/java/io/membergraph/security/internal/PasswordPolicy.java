package io.membergraph.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;

/**
 * What a password must be: at least 12 characters, not the username, not one of the most common passwords
 * ({@code common-passwords.txt}). One-time passwords are made here too.
 */
public final class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	private static final int MAX_LENGTH = 256;

	private static final String ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom random = new SecureRandom();

	private static final Set<String> COMMON = load();

	private PasswordPolicy() {
	}

	/** Why the password may not be used, or null when it may. */
	public static String problem(String username, String password) {
		if (password == null || password.length() < MIN_LENGTH) {
			return "must be at least " + MIN_LENGTH + " characters";
		}
		if (password.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters";
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return "must not contain the username";
		}
		if (COMMON.contains(lower)) {
			return "is one of the most common passwords";
		}
		return null;
	}

	/** A random one-time password of 16 characters, without look-alikes (0/O, 1/l/I). */
	public static String oneTime() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(ONE_TIME_ALPHABET.charAt(random.nextInt(ONE_TIME_ALPHABET.length())));
		}
		return password.toString();
	}

	private static Set<String> load() {
		try {
			String text = new ClassPathResource("security/common-passwords.txt").getContentAsString(StandardCharsets.UTF_8);
			return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
				.map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
