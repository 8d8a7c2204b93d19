package io.membergraph.member.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.membergraph.member.Identity;
import io.membergraph.member.MemberInputs.IdentityInput;
import io.membergraph.member.Region;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;

/** The rules a member profile obeys, applied to input before anything is written. */
public final class ProfileRules {

	public static final int MAX_NAME_LENGTH = 64;

	static final int MAX_TAGS = 50;

	public static final int MAX_IDENTITIES = 20;

	private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

	private ProfileRules() {
	}

	public static String name(String name) {
		return InvalidInputException.oneLine("name", InvalidInputException.requireText("name", name),
				MAX_NAME_LENGTH);
	}

	public static LocalDate birthDate(LocalDate birthDate, LocalDate today) {
		if (birthDate != null && (birthDate.isAfter(today) || birthDate.isBefore(EARLIEST_BIRTH_DATE))) {
			throw new InvalidInputException("birthDate", "must be between 1900-01-01 and today");
		}
		return birthDate;
	}

	public static Region region(Region region) {
		if (region == null) {
			return null;
		}
		Region normalised = Region.of(region.province(), region.city());
		// A region given blank is a region cleared, not one left out.
		return normalised == null ? new Region(null, null)
				: new Region(trimmed("region.province", normalised.province(), 32),
						trimmed("region.city", normalised.city(), 32));
	}

	public static String occupation(String occupation) {
		return trimmed("occupation", occupation, 64);
	}

	public static Set<String> tags(List<String> tags) {
		if (tags == null) {
			return Set.of();
		}
		if (tags.size() > MAX_TAGS) {
			throw new InvalidInputException("tags", "hold at most " + MAX_TAGS + " tags");
		}
		Set<String> cleaned = new LinkedHashSet<>();
		for (int i = 0; i < tags.size(); i++) {
			String tag = InvalidInputException.requireText("tags[" + i + "]", tags.get(i));
			cleaned.add(InvalidInputException.oneLine("tags[" + i + "]", tag, 40));
		}
		return cleaned;
	}

	/**
	 * When the member joined, now when not given: not in the future, and not before the earliest date kept
	 * ({@link TimeBounds#EARLIEST}), as for an order; a member who joined in 1900 would open a cohort, and a tenure,
	 * no brand has.
	 */
	public static Instant joinedAt(Instant joinedAt, Instant now) {
		if (joinedAt == null) {
			return now;
		}
		if (joinedAt.isAfter(now.plusSeconds(300))) {
			throw new InvalidInputException("joinedAt", "is in the future");
		}
		return TimeBounds.happened("joinedAt", joinedAt, now);
	}

	public static List<Identity> identities(List<IdentityInput> inputs, Instant now) {
		if (inputs == null) {
			return List.of();
		}
		if (inputs.size() > MAX_IDENTITIES) {
			throw new InvalidInputException("identities", "hold at most " + MAX_IDENTITIES + " identities");
		}
		List<Identity> identities = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			IdentityInput input = inputs.get(i);
			identities.add(identity("identities[" + i + "]", input.channel(), input.externalId(), input.unionId(), now));
		}
		return identities;
	}

	public static Identity identity(String field, Channel channel, String externalId, String unionId, Instant now) {
		InvalidInputException.require(field + ".channel", channel);
		String id = InvalidInputException.oneLine(field + ".externalId",
				InvalidInputException.requireText(field + ".externalId", externalId), 128);
		String union = trimmed(field + ".unionId", unionId, 128);
		if (union != null && channel != Channel.WECHAT) {
			throw new InvalidInputException(field + ".unionId", "is only for WECHAT identities");
		}
		return new Identity(channel, id, union, now);
	}

	/** Every identity key a member holds: its channel accounts, WeChat unionids, phone and e-mail. */
	public static List<String> claimKeys(List<Identity> identities, String phone, String email) {
		Set<String> keys = new LinkedHashSet<>();
		for (Identity identity : identities) {
			keys.add(IdentityClaim.channelKey(identity.channel(), identity.externalId()));
			if (identity.unionId() != null) {
				keys.add(IdentityClaim.unionIdKey(identity.unionId()));
			}
		}
		if (phone != null) {
			keys.add(IdentityClaim.phoneKey(phone));
		}
		if (email != null) {
			keys.add(IdentityClaim.emailKey(email));
		}
		return List.copyOf(keys);
	}

	private static String trimmed(String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return InvalidInputException.oneLine(field, value.strip(), maxLength);
	}

}
