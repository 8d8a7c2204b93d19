package io.membergraph.seed.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.membergraph.member.Consent;
import io.membergraph.member.ConsentChannel;
import io.membergraph.member.Gender;
import io.membergraph.member.Identity;
import io.membergraph.member.IncomeBand;
import io.membergraph.member.Member;
import io.membergraph.member.MemberBulkLoad;
import io.membergraph.member.MemberStats;
import io.membergraph.member.MemberStatus;
import io.membergraph.member.Region;
import io.membergraph.seed.internal.GeneratorSettings.RegionWeight;
import io.membergraph.shared.Channel;

/** Makes up the people: names, contacts, regions, identities and consent, as a brand's members look. */
public final class DemoCustomers {

	/** The first members all have a WeChat account, so the README's storefront example always finds one. */
	static final int SHOWCASE_MEMBERS = 10;

	private final GeneratorSettings settings;

	private final ZoneId zone;

	private final Weighted<RegionWeight> regions;

	private final Weighted<Channel> joinChannels;

	DemoCustomers(GeneratorSettings settings, ZoneId zone) {
		this.settings = settings;
		this.zone = zone;
		this.regions = new Weighted<>(settings.regions(), RegionWeight::weight);
		this.joinChannels = new Weighted<>(List.copyOf(settings.joinChannels().keySet()), settings.joinChannels()::get);
	}

	Channel joinChannel(RandomGenerator random) {
		return joinChannels.draw(random);
	}

	/** The id of the member generated at {@code index}. */
	static String idOf(int index) {
		return MemberBulkLoad.idFor(MemberBulkLoad.firstMemberNumber() + index);
	}

	/** The place in the generated order of a generated member's id ({@link #idOf}). */
	static int indexOf(String memberId) {
		return Math.toIntExact(MemberBulkLoad.numberOf(memberId) - MemberBulkLoad.firstMemberNumber());
	}

	/**
	 * A member as registered, before any purchase, with the consents it gives on joining ({@link #consents}); stats
	 * and tier are set once the orders are known.
	 */
	Member member(int index, LocalDate joinDay, Channel joinChannel, byte consents, RandomGenerator random) {
		long number = MemberBulkLoad.firstMemberNumber() + index;
		String id = idOf(index);
		Instant joinedAt = joinDay.atStartOfDay(zone).plusSeconds(8 * 3600 + random.nextInt(14 * 3600)).toInstant();
		RegionWeight region = regions.draw(random);
		Gender gender = random.nextDouble() < 0.76 ? Gender.FEMALE : random.nextDouble() < 0.97 ? Gender.MALE : Gender.UNKNOWN;
		String name = pick(settings.familyNames(), random) + pick(settings.givenNames(), random);
		String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", index);
		String email = random.nextDouble() < 0.55 ? "member" + number + "@example.com" : null;
		List<Identity> identities = identities(number, joinChannel, joinedAt, random);
		return new Member(id, Long.toString(number), name, gender,
				LocalDate.of(1965 + random.nextInt(41), 1 + random.nextInt(12), 1 + random.nextInt(28)), phone, email,
				new Region(region.province(), region.city()), pick(settings.occupations(), random),
				IncomeBand.values()[random.nextInt(IncomeBand.values().length)], joinedAt, joinChannel, identities,
				consent(joinedAt, consents), tags(random), Map.of(), MemberStatus.ACTIVE, null, MemberStats.NONE, List.of(),
				joinedAt);
	}

	private static List<Identity> identities(long number, Channel joinChannel, Instant at, RandomGenerator random) {
		Set<Channel> channels = new LinkedHashSet<>();
		channels.add(joinChannel);
		// Drawn for every member so the rest of the data does not depend on the showcase members.
		boolean onWeChat = random.nextDouble() < 0.4;
		if (onWeChat || number < MemberBulkLoad.firstMemberNumber() + SHOWCASE_MEMBERS) {
			channels.add(Channel.WECHAT);
		}
		if (random.nextDouble() < 0.2) {
			channels.add(Channel.TMALL);
		}
		List<Identity> identities = new ArrayList<>();
		for (Channel channel : channels) {
			identities.add(switch (channel) {
				case WECHAT -> new Identity(channel, "oDemo" + number, "uDemo" + number, at);
				case TMALL -> new Identity(channel, "tb" + number, null, at);
				case JD -> new Identity(channel, "jd" + number, null, at);
				case STORE -> new Identity(channel, "CARD" + number, null, at);
				case APP -> new Identity(channel, "app" + number, null, at);
				case WEB -> new Identity(channel, "web" + number, null, at);
			});
		}
		return identities;
	}

	/**
	 * Whether a member agrees to messages through each channel it is asked about when it joins, a bit each (asked,
	 * agreed) so that millions of members' take a byte each. Drawn before the members are, since a launched campaign's
	 * audience leaves out who said no ({@link DemoLaunches}).
	 */
	static byte consents(RandomGenerator random) {
		int consents = asked(ConsentChannel.SMS, random.nextDouble() < 0.6)
				| asked(ConsentChannel.WECHAT, random.nextDouble() < 0.5);
		if (random.nextDouble() < 0.5) {
			consents |= asked(ConsentChannel.EMAIL, random.nextDouble() < 0.4);
		}
		return (byte) consents;
	}

	private static final List<ConsentChannel> ASKED = List.of(ConsentChannel.SMS, ConsentChannel.WECHAT,
			ConsentChannel.EMAIL);

	private static int asked(ConsentChannel channel, boolean agreed) {
		int bit = 2 * ASKED.indexOf(channel);
		return 1 << bit | (agreed ? 1 << bit + 1 : 0);
	}

	/** Whether the member agreed to the channel's messages; null when it was never asked. */
	static Boolean agreed(byte consents, ConsentChannel channel) {
		int bit = 2 * ASKED.indexOf(channel);
		return bit < 0 || (consents & 1 << bit) == 0 ? null : (consents & 1 << bit + 1) != 0;
	}

	private static Map<ConsentChannel, Consent> consent(Instant at, byte consents) {
		Map<ConsentChannel, Consent> consent = new EnumMap<>(ConsentChannel.class);
		for (ConsentChannel channel : ASKED) {
			Boolean agreed = agreed(consents, channel);
			if (agreed != null) {
				consent.put(channel, new Consent(agreed, at));
			}
		}
		return consent;
	}

	private static Set<String> tags(RandomGenerator random) {
		Set<String> tags = new LinkedHashSet<>();
		if (random.nextDouble() < 0.05) {
			tags.add("vip");
		}
		if (random.nextDouble() < 0.15) {
			tags.add("beauty-enthusiast");
		}
		if (random.nextDouble() < 0.1) {
			tags.add("gift-buyer");
		}
		return tags;
	}

	static <T> T pick(List<T> values, RandomGenerator random) {
		return values.get(random.nextInt(values.size()));
	}

}
