package io.membergraph.member;

import java.time.LocalDate;

/** Criteria for listing members; every given criterion must hold. Phone and e-mail match in normalised form. */
public record MemberFilter(String name, String phone, String email, String tier, String tag, String province,
		String city, LocalDate joinedFrom, LocalDate joinedTo, MemberStatus status) {

	static final MemberFilter NONE = new MemberFilter(null, null, null, null, null, null, null, null, null, null);

	/** The filter with phone and e-mail in stored form and blank criteria dropped. */
	MemberFilter normalised() {
		return new MemberFilter(blankToNull(name), PhoneNumber.normalise("filter.phone", phone),
				EmailAddress.normalise("filter.email", email), blankToNull(tier), blankToNull(tag),
				blankToNull(province), blankToNull(city), joinedFrom, joinedTo, status);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
