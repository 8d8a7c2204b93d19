package io.membergraph.member;

import java.time.LocalDate;

import io.membergraph.member.internal.ProfileRules;
import io.membergraph.shared.InvalidInputException;

/** Criteria for listing members; every given criterion must hold. Phone and e-mail match in normalised form. */
public record MemberFilter(String name, String phone, String email, String tier, String tag, String province,
		String city, LocalDate joinedFrom, LocalDate joinedTo, MemberStatus status) {

	static final MemberFilter NONE = new MemberFilter(null, null, null, null, null, null, null, null, null, null);

	/** The filter with phone, e-mail and place in stored form (广东省 is 广东) and blank criteria dropped. */
	MemberFilter normalised() {
		Region asProvince = Region.of(province, null);
		Region asCity = Region.of(null, city);
		// The name becomes a prefix pattern: a control character in it would not even reach the store.
		return new MemberFilter(oneLine("filter.name", name, ProfileRules.MAX_NAME_LENGTH),
				PhoneNumber.normalise("filter.phone", phone), EmailAddress.normalise("filter.email", email),
				oneLine("filter.tier", tier, 64), oneLine("filter.tag", tag, 40),
				asProvince == null ? null : asProvince.province(), asCity == null ? null : asCity.city(), joinedFrom,
				joinedTo, status);
	}

	private static String oneLine(String field, String value, int max) {
		return value == null || value.isBlank() ? null : InvalidInputException.oneLine(field, value.strip(), max);
	}

}
