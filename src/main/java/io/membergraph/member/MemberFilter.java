package io.membergraph.member;

import java.time.LocalDate;

/** Criteria for listing members; every given criterion must hold. Phone and e-mail match in normalised form. */
public record MemberFilter(String name, String phone, String email, String tier, String tag, String province,
		String city, LocalDate joinedFrom, LocalDate joinedTo, MemberStatus status) {

	static final MemberFilter NONE = new MemberFilter(null, null, null, null, null, null, null, null, null, null);

	/** The filter with phone, e-mail and place in stored form (广东省 is 广东) and blank criteria dropped. */
	MemberFilter normalised() {
		Region asProvince = Region.of(province, null);
		Region asCity = Region.of(null, city);
		return new MemberFilter(blankToNull(name), PhoneNumber.normalise("filter.phone", phone),
				EmailAddress.normalise("filter.email", email), blankToNull(tier), blankToNull(tag),
				asProvince == null ? null : asProvince.province(), asCity == null ? null : asCity.city(), joinedFrom,
				joinedTo, status);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
