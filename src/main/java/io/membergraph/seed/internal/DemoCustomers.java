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

	/**
	 * A member as registered, before any purchase, with the consents it gives on joining ({@link #consents}); stats
	 * and tier are set once the orders are known.
	 */
	Member member(int index, LocalDate joinDay, Channel joinChannel, Map<ConsentChannel, Boolean> consents,
			RandomGenerator random) {
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
	 * Whether a member agrees to messages through each channel it is asked about when it joins. Drawn before the
	 * members are, since a launched campaign's audience leaves out who said no ({@link DemoLaunches}).
	 */
	static Map<ConsentChannel, Boolean> consents(RandomGenerator random) {
		Map<ConsentChannel, Boolean> consents = new EnumMap<>(ConsentChannel.class);
		consents.put(ConsentChannel.SMS, random.nextDouble() < 0.6);
		consents.put(ConsentChannel.WECHAT, random.nextDouble() < 0.5);
		if (random.nextDouble() < 0.5) {
			consents.put(ConsentChannel.EMAIL, random.nextDouble() < 0.4);
		}
		return consents;
	}

	private static Map<ConsentChannel, Consent> consent(Instant at, Map<ConsentChannel, Boolean> consents) {
		Map<ConsentChannel, Consent> consent = new EnumMap<>(ConsentChannel.class);
		consents.forEach((channel, granted) -> consent.put(channel, new Consent(granted, at)));
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
