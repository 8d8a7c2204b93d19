package io.membergraph.member;

import java.util.Locale;
import java.util.regex.Pattern;

import io.membergraph.shared.InvalidInputException;

/** E-mail addresses in one form: trimmed and lower-cased, so case never splits one customer in two. */
public final class EmailAddress {

	private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private EmailAddress() {
	}

	public static String normalise(String field, String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String email = raw.strip().toLowerCase(Locale.ROOT);
		if (email.length() > 254 || !SHAPE.matcher(email).matches()) {
			throw new InvalidInputException(field, "'" + raw + "' is not an e-mail address");
		}
		return email;
	}

}
