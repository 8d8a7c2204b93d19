package io.membergraph.security;

/**
 * How personal data looks to roles that may not see it: enough to recognise a record, not enough to
 * contact or identify the person.
 */
public final class Masking {

	private Masking() {
	}

	/** {@code 13812345678} becomes {@code 138****5678}. */
	public static String phone(String phone) {
		if (phone == null) {
			return null;
		}
		if (phone.length() < 8) {
			return "****";
		}
		return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
	}

	/** {@code jane.doe@example.com} becomes {@code j***@example.com}. */
	public static String email(String email) {
		if (email == null) {
			return null;
		}
		int at = email.indexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	/** Keeps the first character (the family name in Chinese names) and masks the rest. */
	public static String name(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		int first = name.offsetByCodePoints(0, 1);
		return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
	}

	/** An external account id: the first and last two characters survive. */
	public static String externalId(String id) {
		if (id == null) {
			return null;
		}
		if (id.length() <= 4) {
			return "****";
		}
		return id.substring(0, 2) + "****" + id.substring(id.length() - 2);
	}

}
